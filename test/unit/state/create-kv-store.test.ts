import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { createKvStore } from '../../../src/state/create-kv-store.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { RedisKvStore } from '../../../src/state/redis-kv-store.js';
import { ResilientKvStore, strictStore } from '../../../src/state/resilient-kv-store.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';
import { captureLogger, WARN } from './capture-logger.js';

let server: RedisServerHandle;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('createKvStore', () => {
  it('uses memory without REDIS_URL and warns that it is for local use only', async () => {
    const { logger, lines } = captureLogger();
    const kv = createKvStore(loadConfig({}), logger);
    expect(kv).toBeInstanceOf(ResilientKvStore);
    expect(strictStore(kv)).toBeInstanceOf(MemoryKvStore);
    expect(lines.filter((l) => l.level === WARN).map((l) => l.msg)).toEqual([
      expect.stringContaining('in-memory store: for local use only'),
    ]);
    await kv.close();
  });

  it('uses Redis when REDIS_URL is set', async () => {
    const { logger, lines } = captureLogger();
    const kv = createKvStore(loadConfig({ REDIS_URL: server.url }), logger, { keyPrefix: 'factory:' });
    expect(strictStore(kv)).toBeInstanceOf(RedisKvStore);
    await kv.set('k', 'v', 60);
    expect(await kv.get('k')).toBe('v');
    expect(lines.filter((l) => l.level === WARN)).toEqual([]);
    await kv.close();
  });
});
