import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventDeduper } from '../../../src/state/event-deduper.js';
import { acquireLock } from '../../../src/state/lock.js';
import { RedisKvStore } from '../../../src/state/redis-kv-store.js';
import { ResilientKvStore } from '../../../src/state/resilient-kv-store.js';
import { createThreadStore } from '../../../src/state/thread-store.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { captureLogger, WARN } from './capture-logger.js';

let server: RedisServerHandle;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

const history = (text: string) => ({ messages: [{ role: 'user' as const, text, at: 1 }] });

describe('Redis stopped mid-test (real redis-server)', () => {
  it('degrades to no history and local de-dup, warns once, and recovers when Redis is back', async () => {
    const { logger, lines } = captureLogger();
    const redis = new RedisKvStore({
      url: server.url,
      logger,
      keyPrefix: 'outage:',
      maxReconnectDelayMs: 100,
    });
    const kv = new ResilientKvStore(redis, logger);
    const threads = createThreadStore(kv, { ttlSeconds: 3600, logger });
    const dedupe = createEventDeduper(kv, { logger });
    try {
      await threads.save('T1:C1:1', history('revenue in May?'));
      expect((await threads.get('T1:C1:1'))?.messages[0]?.text).toBe('revenue in May?');
      expect(await dedupe.claim('Ev-before', 600)).toBe(true);

      await server.pause();

      // The bot keeps answering: reads miss, writes are dropped, nothing throws.
      expect(await threads.get('T1:C1:1')).toBeNull();
      await expect(threads.save('T1:C1:2', history('and June?'))).resolves.toBeUndefined();
      expect(await kv.keys('thread:')).toEqual([]);
      expect(kv.isAvailable()).toBe(false);
      // De-dup still works within this process, and remembers what it claimed before the outage.
      expect(await dedupe.claim('Ev-before', 600)).toBe(false);
      expect(await dedupe.claim('Ev-during', 600)).toBe(true);
      expect(await dedupe.claim('Ev-during', 600)).toBe(false);
      // A lock cannot be assumed held when the store cannot say.
      await expect(acquireLock(kv, 'summary:C1:w1', 60)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

      const storeWarnings = lines.filter(
        (l) => l.level === WARN && /State store unavailable: continuing/.test(l.msg),
      );
      expect(storeWarnings).toHaveLength(1);
      expect(lines.some((l) => l.level === WARN && /Redis unavailable; reconnecting/.test(l.msg))).toBe(true);

      await server.restart();
      // ioredis reconnects by itself; no call from us is needed to bring it back.
      for (let i = 0; i < 100 && !(await redis.waitUntilReady(100)); i++);
      await threads.save('T1:C1:3', history('back again'));
      expect((await threads.get('T1:C1:3'))?.messages[0]?.text).toBe('back again');
      expect(kv.isAvailable()).toBe(true);
      expect(lines.some((l) => /State store available again/.test(l.msg))).toBe(true);
      expect(lines.some((l) => /Redis connection restored/.test(l.msg))).toBe(true);
      const lock = await acquireLock(kv, 'summary:C1:w1', 60);
      expect(lock).not.toBeNull();
      expect(await acquireLock(kv, 'summary:C1:w1', 60)).toBeNull();
      expect(await lock!.release()).toBe(true);
    } finally {
      await kv.close();
    }
  });
});
