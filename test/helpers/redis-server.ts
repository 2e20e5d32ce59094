import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real redis-server on a free loopback port, for the store, dedupe and scheduler-lock tests. No persistence
 * (nothing is written but a temp dir that is removed on stop). CI installs redis-server (.ci/run); a missing
 * binary is a failure with a clear message, never a skip.
 */
export interface RedisServerHandle {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its temp dir. */
  stop(): Promise<void>;
  /** Starts it again on the same port (an outage test's "Redis is back"). Data is gone: no persistence. */
  restart(): Promise<void>;
  /** Stops the server but keeps the handle usable for restart(). */
  pause(): Promise<void>;
}

const CANDIDATES = [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];

function findBinary(): string {
  const found = CANDIDATES.find((p): p is string => Boolean(p) && existsSync(p as string));
  if (!found) {
    throw new Error(
      'redis-server not found (looked in /usr/bin and /usr/local/bin, or set REDIS_SERVER_BIN). ' +
        'Install it with `apt-get install redis-server` (.ci/run does this); the Redis tests need a real server.',
    );
  }
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let buffer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (buffer.includes('\r\n')) done(buffer.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRedisServer(options: { timeoutMs?: number } = {}): Promise<RedisServerHandle> {
  const binary = findBinary();
  const port = await freePort();
  const timeoutMs = options.timeoutMs ?? 10_000;
  let child: ChildProcess | null = null;
  let dir: string | null = null;
  let stderr = '';

  const launch = async () => {
    dir = mkdtempSync(join(tmpdir(), 'ria-redis-'));
    stderr = '';
    const proc = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child = proc;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break;
      if (await ping(port)) return;
      await sleep(25);
    }
    await halt();
    throw new Error(
      `redis-server did not answer PING on 127.0.0.1:${port} within ${timeoutMs} ms.\n${stderr}`,
    );
  };

  const halt = async () => {
    const proc = child;
    child = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const killTimer = setTimeout(() => proc.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killTimer);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: halt,
    pause: halt,
    async restart() {
      await halt();
      await launch();
    },
  };
}
