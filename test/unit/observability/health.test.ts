import { HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHealthRoutes,
  createRedisProbe,
  HEALTH_PATHS,
  type ReadinessProbes,
  type RedisStatus,
} from '../../../src/observability/health.js';
import { startHealthServer, type HealthServer } from '../../../src/observability/health-server.js';
import { createMetrics, type Metrics } from '../../../src/observability/metrics.js';

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface ProbeState {
  loaded: boolean;
  redis: RedisStatus | 'hang' | 'throw';
  shuttingDown: boolean;
}

function probesFor(state: ProbeState): ReadinessProbes {
  return {
    warehouse: () => state.loaded,
    redis: () => {
      if (state.redis === 'hang') return new Promise<RedisStatus>(() => undefined);
      if (state.redis === 'throw') return Promise.reject(new Error('ECONNREFUSED'));
      return Promise.resolve(state.redis);
    },
    shuttingDown: () => state.shuttingDown,
  };
}

async function start(state: ProbeState, metrics?: Metrics): Promise<HealthServer> {
  const routes = createHealthRoutes({ probes: probesFor(state), metrics, probeTimeoutMs: 100 });
  const server = await startHealthServer({ routes, port: 0, host: '127.0.0.1' });
  servers.push(server);
  return server;
}

describe('standalone health server', () => {
  it('GET /healthz answers 200 while the process is up, even when not ready', async () => {
    const server = await start({ loaded: false, redis: 'down', shuttingDown: true });
    const res = await fetch(`${server.url}${HEALTH_PATHS.liveness}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('GET /readyz is 200 with data loaded and Redis reachable or knowingly absent', async () => {
    for (const redis of ['ok', 'absent'] as const) {
      const server = await start({ loaded: true, redis, shuttingDown: false });
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'ready',
        ready: true,
        degraded: false,
        checks: { warehouse: 'ok', redis, shutdown: 'no' },
      });
    }
  });

  it('GET /readyz says what loaded, and stays ready while the last good load is served', async () => {
    const data = { loaded: { amazon_sales: false }, load: 'last_good', lines: ['Order: not loaded. …'] };
    const routes = createHealthRoutes({
      probes: { ...probesFor({ loaded: true, redis: 'absent', shuttingDown: false }), data: () => data },
      probeTimeoutMs: 100,
    });
    const server = await startHealthServer({ routes, port: 0, host: '127.0.0.1' });
    servers.push(server);
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', data });
  });

  it('GET /readyz says Redis is down (or hung) and stays in service, degraded: answers go on without memory', async () => {
    const cases: Array<[ProbeState, string]> = [
      [{ loaded: true, redis: 'down', shuttingDown: false }, 'down'],
      [{ loaded: true, redis: 'throw', shuttingDown: false }, 'down'],
      [{ loaded: true, redis: 'hang', shuttingDown: false }, 'timeout'],
    ];
    for (const [state, redis] of cases) {
      const server = await start(state);
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status, JSON.stringify(state)).toBe(200);
      expect(await res.json()).toEqual({
        status: 'degraded',
        ready: true,
        degraded: true,
        checks: { warehouse: 'ok', redis, shutdown: 'no' },
      });
    }
  });

  it('GET /readyz is 503 while loading and once shutdown begins', async () => {
    const cases: Array<[ProbeState, Record<string, string>]> = [
      [{ loaded: false, redis: 'ok', shuttingDown: false }, { warehouse: 'loading' }],
      [
        { loaded: false, redis: 'down', shuttingDown: false },
        { warehouse: 'loading', redis: 'down' },
      ],
      [{ loaded: true, redis: 'ok', shuttingDown: true }, { shutdown: 'in_progress' }],
    ];
    for (const [state, expected] of cases) {
      const server = await start(state);
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status, JSON.stringify(state)).toBe(503);
      const body = (await res.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe('not_ready');
      expect(body.checks).toMatchObject(expected);
    }
  });

  it('GET /startupz is 503 until the data is loaded, then 200 (Redis and shutdown do not matter to it)', async () => {
    const state: ProbeState = { loaded: false, redis: 'down', shuttingDown: false };
    const server = await start(state);
    expect((await fetch(`${server.url}${HEALTH_PATHS.startup}`)).status).toBe(503);
    state.loaded = true;
    expect((await fetch(`${server.url}${HEALTH_PATHS.startup}`)).status).toBe(200);
  });

  it('readiness follows the state as it changes', async () => {
    const state: ProbeState = { loaded: false, redis: 'absent', shuttingDown: false };
    const server = await start(state);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    state.loaded = true;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    state.shuttingDown = true;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  });

  it('GET /metrics serves the Prometheus text format with recorded metrics', async () => {
    const metrics = createMetrics();
    metrics.requests.inc({ surface: 'command' });
    const server = await start({ loaded: true, redis: 'ok', shuttingDown: false }, metrics);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE retail_insights_requests_total counter');
    expect(text).toContain('retail_insights_requests_total{surface="command"} 1');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('serves no /metrics when metrics are disabled; unknown paths 404; wrong methods 405', async () => {
    const server = await start({ loaded: true, redis: 'ok', shuttingDown: false });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    const post = await fetch(`${server.url}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${server.url}/healthz?probe=1`)).status).toBe(200);
  });
});

describe('as Bolt customRoutes', () => {
  it('mounts on a real HTTPReceiver next to /slack/events', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.scheduledPosts.inc({ status: 'posted' });
    const customRoutes: CustomRoute[] = createHealthRoutes({
      probes: probesFor({ loaded: true, redis: 'absent', shuttingDown: false }),
      metrics,
    });
    const receiver = new HTTPReceiver({ signingSecret: 'test-signing-secret', customRoutes });
    const server = await receiver.start({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect(await (await fetch(`${base}/metrics`)).text()).toContain(
        'retail_insights_scheduled_posts_total{status="posted"} 1',
      );
    } finally {
      await receiver.stop();
    }
  });
});

describe('createRedisProbe', () => {
  it('is absent without a client, ok when ping answers, down when it throws', async () => {
    expect(await createRedisProbe(undefined)()).toBe('absent');
    expect(await createRedisProbe(async () => 'PONG')()).toBe('ok');
    expect(await createRedisProbe(() => Promise.reject(new Error('ECONNREFUSED')))()).toBe('down');
  });
});
