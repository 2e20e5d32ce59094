import type { Logger } from '../observability/logger.js';
import type { KvStore } from './kv-store.js';

/**
 * Keeps the bot answering while the store is down: reads become misses, writes are dropped, listings are
 * empty, and one warning is logged per outage (plus an info line when the store answers again). Recovery is
 * automatic: every call still tries the inner store, which fails fast while Redis is away.
 *
 * setIfAbsent and deleteIfValue are NOT softened: "first one wins" has no safe default (saying true could post
 * twice, false could drop an answer), so they rethrow STORE_UNAVAILABLE and their callers decide
 * (EventDeduper falls back to per-process memory, the scheduler retries its lock later).
 * Callers that must know a write failed (saving a subscription) use `strictStore(kv)`.
 */
export class ResilientKvStore implements KvStore {
  private unavailableSince: number | null = null;

  constructor(
    readonly inner: KvStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** False from the first failure until a call succeeds again. */
  isAvailable(): boolean {
    return this.unavailableSince === null;
  }

  async get(key: string): Promise<string | null> {
    return this.soft('get', () => this.inner.get(key), null);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.soft('set', () => this.inner.set(key, value, ttlSeconds), undefined);
  }

  async delete(key: string): Promise<void> {
    await this.soft('delete', () => this.inner.delete(key), undefined);
  }

  async keys(prefix: string): Promise<string[]> {
    return this.soft('keys', () => this.inner.keys(prefix), []);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    return this.strict('setIfAbsent', () => this.inner.setIfAbsent(key, value, ttlSeconds));
  }

  async deleteIfValue(key: string, value: string): Promise<boolean> {
    return this.strict('deleteIfValue', async () => {
      if (this.inner.deleteIfValue) return this.inner.deleteIfValue(key, value);
      if ((await this.inner.get(key)) !== value) return false;
      await this.inner.delete(key);
      return true;
    });
  }

  /** Not softened: readiness must hear that the store is down, not a friendly fallback. */
  async ping(): Promise<void> {
    await this.strict('ping', () => this.inner.ping());
  }

  async close(): Promise<void> {
    await this.inner.close();
  }

  private async soft<T>(operation: string, call: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const result = await call();
      this.markUp();
      return result;
    } catch (error) {
      this.markDown(operation, error);
      return fallback;
    }
  }

  private async strict<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const result = await call().catch((error: unknown) => {
      this.markDown(operation, error);
      throw error;
    });
    this.markUp();
    return result;
  }

  private markDown(operation: string, error: unknown): void {
    if (this.unavailableSince !== null) return;
    this.unavailableSince = this.now();
    this.logger.warn(
      { operation, err: { message: error instanceof Error ? error.message : String(error) } },
      'State store unavailable: continuing without it (no thread history, no cache) until it is back',
    );
  }

  private markUp(): void {
    if (this.unavailableSince === null) return;
    const downMs = this.now() - this.unavailableSince;
    this.unavailableSince = null;
    this.logger.info({ downMs }, 'State store available again');
  }
}

/** The store underneath a ResilientKvStore (errors visible), or the store itself. */
export function strictStore(kv: KvStore): KvStore {
  return kv instanceof ResilientKvStore ? kv.inner : kv;
}
