/**
 * The key-value primitive under thread state, event de-duplication, the result cache and schedule locks.
 * Two implementations (memory, Redis) share one contract test suite (test/unit/state/kv-store.contract.ts).
 */
export interface KvStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Atomic set-if-absent (Redis SET NX EX). True when this caller set it. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Atomic compare-and-delete (lock release by its owner only). Optional: callers fall back to get + delete.
   * True when the key held `value` and was deleted.
   */
  deleteIfValue?(key: string, value: string): Promise<boolean>;
  /** Keys with a prefix (subscriptions listing); small key spaces only. */
  keys(prefix: string): Promise<string[]>;
  /** Resolves when the store answers, rejects (STORE_UNAVAILABLE) when it does not: readiness and redis_up. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
