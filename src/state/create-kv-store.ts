import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { KvStore } from './kv-store.js';
import { MemoryKvStore } from './memory-kv-store.js';
import { RedisKvStore } from './redis-kv-store.js';
import { ResilientKvStore } from './resilient-kv-store.js';

export interface CreateKvStoreOptions {
  /** Key namespace in Redis (default "ria:"). */
  keyPrefix?: string;
  /** Clock for the memory store's TTLs. */
  now?: () => number;
  /**
   * A server warns that the memory store is per process; a one-shot CLI command or the local shell is exactly
   * the local use it is for, so there the note goes to debug.
   */
  localUse?: boolean;
}

/**
 * Redis when REDIS_URL is set, memory otherwise (with a local-use-only warning). Either way the result is a
 * ResilientKvStore: get/set/delete/keys degrade to misses while the store is down, setIfAbsent rethrows
 * STORE_UNAVAILABLE (see resilient-kv-store.ts), and `strictStore(kv)` reaches the raw store.
 */
export function createKvStore(config: Config, logger: Logger, options: CreateKvStoreOptions = {}): KvStore {
  if (config.REDIS_URL) {
    const redis = new RedisKvStore({ url: config.REDIS_URL, logger, keyPrefix: options.keyPrefix });
    return new ResilientKvStore(redis, logger, options.now);
  }
  const log = options.localUse ? logger.debug.bind(logger) : logger.warn.bind(logger);
  log(
    'REDIS_URL is not set: in-memory store: for local use only (thread memory, event de-duplication and ' +
      'summary locks are per process and lost on restart)',
  );
  return new ResilientKvStore(new MemoryKvStore({ now: options.now }), logger, options.now);
}
