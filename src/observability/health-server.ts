import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthRoute } from './health.js';
import type { Logger } from './logger.js';

/**
 * A tiny node:http server for the health/metrics routes when Bolt's HTTPReceiver is not listening:
 * Socket Mode (no inbound HTTP from Slack) and runs without Slack. In HTTP mode mount the same routes
 * as Bolt `customRoutes` instead, so probes hit the port Slack's requests use.
 */
export interface HealthServer {
  /** e.g. http://127.0.0.1:43121 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  routes: HealthRoute[];
  port: number;
  host: string;
  logger?: Logger;
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { routes, logger } = options;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const candidates = routes.filter((r) => r.path === path);
    if (candidates.length === 0) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const route = candidates.find((r) => toList(r.method).includes(method));
    if (!route) {
      const allow = candidates.flatMap((r) => toList(r.method)).join(', ');
      res
        .writeHead(405, { Allow: allow, 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Method not allowed\n');
      return;
    }
    try {
      route.handler(req, res);
    } catch (error) {
      logger?.error({ err: error, path }, 'health route failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  // Probes and scrapes are short; don't let a slow client hold a socket open.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger?.info({ url }, 'health server listening');

  return {
    url,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function toList(method: string | string[]): string[] {
  return (Array.isArray(method) ? method : [method]).map((m) => m.toUpperCase());
}
