import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * Health and metrics endpoints, as routes that mount next to the Slack receiver (Bolt's HTTPReceiver
 * `customRoutes`) or on the standalone server in ./health-server.ts (Socket Mode, no Slack).
 *   GET /healthz   200 while the process is up (liveness: restart only a wedged process, never for Redis)
 *   GET /startupz  200 once the data is loaded and the assistant warmed up (startup probe), 503 before
 *   GET /readyz    200 when the data is loaded and we are not shutting down; 503 otherwise (readiness: take the
 *                  pod out of the Service). Redis down (or hung) is reported truthfully, `"redis":"down"` with
 *                  status "degraded", but keeps the pod in service: without Redis it still answers, only without
 *                  thread memory and the result cache, and every pod shares the same Redis, so failing readiness
 *                  would take the whole Service away (and Slack would get 503s) for an outage users barely notice.
 *   GET /metrics   Prometheus text format from our own registry (with redis_up read at scrape time)
 */
export const HEALTH_PATHS = {
  liveness: '/healthz',
  startup: '/startupz',
  readiness: '/readyz',
  metrics: '/metrics',
} as const;

/** 'absent' = no REDIS_URL configured (memory store, on purpose); 'down' = configured but not answering. */
export type RedisStatus = 'ok' | 'absent' | 'down';

export interface ReadinessProbes {
  /** True once the warehouse has loaded (or reused) the data. */
  warehouse: () => boolean;
  redis: () => Promise<RedisStatus>;
  /** True from the moment a graceful shutdown begins, so the load balancer stops sending work here. */
  shuttingDown?: () => boolean;
  /**
   * What loaded (per report) and whether the served load is current, degraded or the last good one: reported in
   * the body for operators. Serving the last good load is still ready (it answers, with a caveat).
   */
  data?: () => unknown;
}

export interface ReadinessReport {
  ready: boolean;
  /** Ready, but a dependency we can live without (Redis) is down. */
  degraded: boolean;
  /** What loaded, per report (the catalog's availability). */
  data?: unknown;
  checks: {
    warehouse: 'ok' | 'loading' | 'error';
    redis: RedisStatus | 'timeout';
    shutdown: 'no' | 'in_progress';
  };
}

/** The shape of Bolt's CustomRoute, so these mount with `new App({ customRoutes })` unchanged. */
export interface HealthRoute {
  path: string;
  method: string | string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface HealthRoutesOptions {
  probes: ReadinessProbes;
  /** Omit (METRICS_ENABLED=false) to serve no /metrics route. */
  metrics?: Metrics;
  /** A probe slower than this counts as failing; kubelet's own timeout is a few seconds. Default 2000. */
  probeTimeoutMs?: number;
  logger?: Logger;
}

export function createHealthRoutes(options: HealthRoutesOptions): HealthRoute[] {
  const { probes, metrics, logger } = options;
  const probeTimeoutMs = options.probeTimeoutMs ?? 2000;
  const methods = ['GET', 'HEAD'];

  const routes: HealthRoute[] = [
    {
      path: HEALTH_PATHS.liveness,
      method: methods,
      handler: (_req, res) =>
        sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round(process.uptime()) }),
    },
    {
      path: HEALTH_PATHS.startup,
      method: methods,
      handler: (_req, res) => {
        let loaded = false;
        try {
          loaded = probes.warehouse();
        } catch (error) {
          logger?.error({ err: error }, 'startup check failed');
        }
        sendJson(res, loaded ? 200 : 503, { status: loaded ? 'started' : 'starting' });
      },
    },
    {
      path: HEALTH_PATHS.readiness,
      method: methods,
      handler: (_req, res) => {
        checkReadiness(probes, probeTimeoutMs).then(
          (report) => {
            metrics?.redisUp.set(report.checks.redis === 'ok' ? 1 : 0);
            if (report.checks.redis === 'absent') metrics?.redisUp.reset();
            sendJson(res, report.ready ? 200 : 503, {
              status: report.ready ? (report.degraded ? 'degraded' : 'ready') : 'not_ready',
              ...report,
            });
          },
          (error: unknown) => {
            logger?.error({ err: error }, 'readiness check failed');
            sendJson(res, 503, { status: 'not_ready' });
          },
        );
      },
    },
  ];
  if (metrics) {
    routes.push({
      path: HEALTH_PATHS.metrics,
      method: methods,
      handler: (_req, res) => {
        withTimeout(probes.redis(), probeTimeoutMs)
          .then(
            (status) => {
              if (status === 'absent') metrics.redisUp.reset();
              else metrics.redisUp.set(status === 'ok' ? 1 : 0);
            },
            () => metrics.redisUp.set(0),
          )
          .then(() => metrics.registry.metrics())
          .then(
            (text) => {
              res.writeHead(200, {
                'Content-Type': metrics.registry.contentType,
                'Cache-Control': 'no-store',
              });
              res.end(text);
            },
            (error: unknown) => {
              logger?.error({ err: error }, 'metrics collection failed');
              sendJson(res, 500, { status: 'error' });
            },
          );
      },
    });
  }
  return routes;
}

/** Runs every probe concurrently, each bounded by `timeoutMs`; a probe that throws counts as failing. */
export async function checkReadiness(probes: ReadinessProbes, timeoutMs: number): Promise<ReadinessReport> {
  const shutdown = probes.shuttingDown?.() ? 'in_progress' : 'no';
  let warehouse: ReadinessReport['checks']['warehouse'];
  try {
    warehouse = probes.warehouse() ? 'ok' : 'loading';
  } catch {
    warehouse = 'error';
  }
  const redis = await withTimeout(probes.redis(), timeoutMs).then(
    (status) => status ?? ('timeout' as const),
    () => 'down' as const,
  );
  const ready = shutdown === 'no' && warehouse === 'ok';
  const degraded = redis === 'down' || redis === 'timeout';
  let data: unknown;
  try {
    data = warehouse === 'ok' ? probes.data?.() : undefined;
  } catch {
    data = undefined;
  }
  return { ready, degraded, checks: { warehouse, redis, shutdown }, ...(data ? { data } : {}) };
}

/**
 * A Redis probe from a ping function: pass undefined when no REDIS_URL is configured.
 * e.g. createRedisProbe(redis ? () => redis.ping() : undefined)
 */
export function createRedisProbe(ping: (() => Promise<unknown>) | undefined): () => Promise<RedisStatus> {
  if (!ping) return async () => 'absent';
  return async () => {
    try {
      await ping();
      return 'ok';
    } catch {
      return 'down';
    }
  };
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
