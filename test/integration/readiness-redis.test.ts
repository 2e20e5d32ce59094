import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthRoutes, createRedisProbe, HEALTH_PATHS } from '../../src/observability/health.js';
import { startHealthServer, type HealthServer } from '../../src/observability/health-server.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics, type Metrics } from '../../src/observability/metrics.js';
import { RedisKvStore } from '../../src/state/redis-kv-store.js';
import { ResilientKvStore } from '../../src/state/resilient-kv-store.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';

/**
 * Readiness against a real redis-server that is stopped and started again: /readyz says what is true (ok, then
 * down while it is, then ok again), and redis_up follows. Wired exactly as src/server.ts wires it.
 */
const logger = createLogger({ level: 'silent' });
let redis: RedisServerHandle;
let redisStore: RedisKvStore;
let kv: ResilientKvStore;
let health: HealthServer;
let metrics: Metrics;

beforeAll(async () => {
  redis = await startRedisServer();
  redisStore = new RedisKvStore({ url: redis.url, logger, keyPrefix: 'ready:' });
  kv = new ResilientKvStore(redisStore, logger);
  metrics = createMetrics({ defaultMetrics: false });
  const routes = createHealthRoutes({
    probes: { warehouse: () => true, redis: createRedisProbe(() => kv.ping()), shuttingDown: () => false },
    metrics,
    probeTimeoutMs: 1_500,
  });
  health = await startHealthServer({ routes, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await health?.close();
  await kv?.close();
  await redis?.stop();
});

async function readiness(): Promise<{ status: number; body: { status: string; checks: { redis: string } } }> {
  const res = await fetch(`${health.url}${HEALTH_PATHS.readiness}`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: { redis: string } } };
}

async function redisUp(): Promise<string | undefined> {
  const text = await (await fetch(`${health.url}${HEALTH_PATHS.metrics}`)).text();
  return /^retail_insights_redis_up (\d)$/m.exec(text)?.[1];
}

/** ioredis reconnects on its own back-off; poll until the probe sees the expected state. */
async function eventually(expected: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await readiness()).body.checks.redis === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('readiness with a real Redis going down and coming back', () => {
  it('ok → down (degraded, still in service, redis_up 0) → ok', async () => {
    await redisStore.waitUntilReady();
    expect(await readiness()).toEqual({
      status: 200,
      body: {
        status: 'ready',
        ready: true,
        degraded: false,
        checks: { warehouse: 'ok', redis: 'ok', shutdown: 'no' },
      },
    });
    expect(await redisUp()).toBe('1');

    await redis.pause();
    await eventually('down');
    const down = await readiness();
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'degraded', checks: { redis: 'down' } });
    expect(await redisUp()).toBe('0');

    await redis.restart();
    await eventually('ok');
    expect((await readiness()).body).toMatchObject({ status: 'ready', checks: { redis: 'ok' } });
    expect(await redisUp()).toBe('1');
  });
});
