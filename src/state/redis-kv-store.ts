import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { KvStore } from './kv-store.js';
import { normalizeTtlSeconds } from './ttl.js';

export interface RedisKvStoreOptions {
  url: string;
  logger: Logger;
  /** Namespace for every key, so several apps (or test runs) can share one Redis. */
  keyPrefix?: string;
  /** A command that gets no reply within this time fails (Redis hung or the network dropped). */
  commandTimeoutMs?: number;
  /** How long the first command waits for the initial connection; later commands never wait. */
  connectTimeoutMs?: number;
  /** Upper bound of the reconnect back-off. */
  maxReconnectDelayMs?: number;
}

const DEFAULT_PREFIX = 'ria:';

/**
 * ioredis is required when the first store is built, not when this module is imported: a process without REDIS_URL
 * (every one-shot CLI command) never pays for loading it (issue 15). It is CommonJS, so require() is the natural way.
 */
const loadRedis = (): typeof Redis =>
  (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;

// Compare-and-delete in one round trip, so a lock is only ever released by the owner that holds it.
const DELETE_IF_VALUE_LUA =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * KvStore over ioredis. Fails fast while Redis is down (no offline queue, a command timeout) so callers can
 * degrade at once instead of hanging a Slack ack; ioredis keeps reconnecting in the background with a capped
 * back-off and the store works again as soon as Redis answers. Every failure is AppError STORE_UNAVAILABLE.
 */
export class RedisKvStore implements KvStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly logger: Logger;
  private readonly connectTimeoutMs: number;
  private everReady = false;
  private down = false;
  private closed = false;
  private initialReady: Promise<boolean> | null = null;

  constructor(options: RedisKvStoreOptions) {
    this.prefix = options.keyPrefix ?? DEFAULT_PREFIX;
    this.logger = options.logger;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
    const maxDelayMs = options.maxReconnectDelayMs ?? 2_000;
    const RedisClient = loadRedis();
    this.redis = new RedisClient(options.url, {
      enableOfflineQueue: false,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      connectTimeout: this.connectTimeoutMs,
      maxRetriesPerRequest: 1,
      // Never give up: a returned number is the delay before the next reconnect attempt.
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 10), maxDelayMs),
      lazyConnect: false,
    });
    this.redis.on('ready', () => {
      this.everReady = true;
      if (this.down) this.logger.info('Redis connection restored');
      this.down = false;
    });
    // Without an 'error' listener ioredis errors would crash the process; log once per outage, not per retry.
    this.redis.on('error', (error: Error) => this.markDown(error.message));
    this.redis.on('close', () => {
      if (this.everReady) this.markDown('connection closed');
    });
  }

  private markDown(reason: string): void {
    if (this.closed || this.down) return;
    this.down = true;
    this.logger.warn(
      { err: { message: reason } },
      'Redis unavailable; reconnecting in the background, state features degrade until it is back',
    );
  }

  async get(key: string): Promise<string | null> {
    return this.run('get', () => this.redis.get(this.k(key)));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const ttl = normalizeTtlSeconds(ttlSeconds);
    await this.run('set', () => this.redis.set(this.k(key), value, 'EX', ttl));
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const ttl = normalizeTtlSeconds(ttlSeconds);
    const reply = await this.run('setIfAbsent', () => this.redis.set(this.k(key), value, 'EX', ttl, 'NX'));
    return reply === 'OK';
  }

  async deleteIfValue(key: string, value: string): Promise<boolean> {
    const reply = await this.run('deleteIfValue', () =>
      this.redis.eval(DELETE_IF_VALUE_LUA, 1, this.k(key), value),
    );
    return Number(reply) === 1;
  }

  async delete(key: string): Promise<void> {
    await this.run('delete', () => this.redis.del(this.k(key)));
  }

  async keys(prefix: string): Promise<string[]> {
    const pattern = `${escapeGlob(this.prefix + prefix)}*`;
    const found = new Set<string>();
    await this.run('keys', async () => {
      // SCAN, not KEYS: it never blocks Redis; it may return a key twice, hence the Set.
      let cursor = '0';
      do {
        const [next, batch] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 200);
        for (const key of batch) found.add(key.slice(this.prefix.length));
        cursor = next;
      } while (cursor !== '0');
    });
    return [...found].sort();
  }

  async ping(): Promise<void> {
    await this.run('ping', () => this.redis.ping());
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.redis.status === 'ready') {
      await this.redis.quit().catch(() => this.redis.disconnect());
    } else {
      this.redis.disconnect();
    }
  }

  /** Resolves true once connected (startup checks, tests); false after timeoutMs. */
  async waitUntilReady(timeoutMs = this.connectTimeoutMs): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  private async run<T>(operation: string, command: () => Promise<T>): Promise<T> {
    if (this.closed) {
      throw new AppError('STORE_UNAVAILABLE', 'The state store is unavailable right now.', {
        detail: `redis ${operation}: store is closed`,
      });
    }
    // Only the very first commands wait for the initial connection; during an outage we fail fast.
    if (!this.everReady && this.redis.status !== 'ready') {
      // One shared wait, however many commands arrive before the first connection.
      this.initialReady ??= this.waitUntilReady();
      await this.initialReady;
    }
    try {
      const result = await command();
      // A stalled server (no socket close, so no 'ready' event later) recovers here, on the first reply.
      if (this.down) {
        this.down = false;
        this.logger.info('Redis connection restored');
      }
      return result;
    } catch (error) {
      // A command that times out on a stalled server is an outage too, even before ioredis emits 'error' or
      // 'close' (it may never); a reply error (wrong type, bad argument) is not.
      if (!(error instanceof Error && error.name === 'ReplyError')) {
        this.markDown(error instanceof Error ? error.message : String(error));
      }
      throw new AppError('STORE_UNAVAILABLE', 'The state store is unavailable right now.', {
        cause: error,
        detail: `redis ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
