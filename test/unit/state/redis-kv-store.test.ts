import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/logger.js';
import { RedisKvStore } from '../../../src/state/redis-kv-store.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { kvStoreContract } from './kv-store.contract.js';

const logger = createLogger({ level: 'silent' });
let server: RedisServerHandle;

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

kvStoreContract('redis (real redis-server)', async () => {
  const store = new RedisKvStore({ url: server.url, logger, keyPrefix: `test:${randomUUID()}:` });
  return {
    store,
    advanceSeconds: (seconds) => new Promise((r) => setTimeout(r, seconds * 1000)),
    cleanup: () => store.close(),
  };
});

describe('RedisKvStore', () => {
  it('isolates namespaces: one prefix never sees another prefix’s keys', async () => {
    const a = new RedisKvStore({ url: server.url, logger, keyPrefix: 'app-a:' });
    const b = new RedisKvStore({ url: server.url, logger, keyPrefix: 'app-b:' });
    try {
      await a.set('subscription:C1', 'a', 60);
      expect(await b.get('subscription:C1')).toBeNull();
      expect(await b.setIfAbsent('subscription:C1', 'b', 60)).toBe(true);
      expect(await a.keys('subscription:')).toEqual(['subscription:C1']);
      expect(await a.get('subscription:C1')).toBe('a');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fails fast with STORE_UNAVAILABLE when Redis is unreachable', async () => {
    // A port nothing listens on: the first call waits at most connectTimeoutMs, then every call fails at once.
    const store = new RedisKvStore({ url: 'redis://127.0.0.1:1', logger, connectTimeoutMs: 200 });
    try {
      await expect(store.get('k')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      const started = Date.now();
      await expect(store.setIfAbsent('k', 'v', 5)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await store.close();
    }
  });
});
