import { randomUUID } from 'node:crypto';
import type { KvStore } from './kv-store.js';

/** A held lock; only its owner token can release it. */
export interface Lock {
  key: string;
  token: string;
  /** True when this owner still held the lock and it was deleted. */
  release(): Promise<boolean>;
}

/**
 * Acquire `key` for ttlSeconds with an owner token (SET NX EX). Null when someone else holds it. Store errors
 * propagate (STORE_UNAVAILABLE): a lock that cannot be checked must not be assumed held. The TTL is the safety
 * net for an owner that dies without releasing.
 */
export async function acquireLock(
  kv: KvStore,
  key: string,
  ttlSeconds: number,
  token: string = randomUUID(),
): Promise<Lock | null> {
  const won = await kv.setIfAbsent(key, token, ttlSeconds);
  if (!won) return null;
  return { key, token, release: () => releaseLock(kv, key, token) };
}

/** Deletes `key` only if it still holds `token` (atomic where the store supports it). */
export async function releaseLock(kv: KvStore, key: string, token: string): Promise<boolean> {
  if (kv.deleteIfValue) return kv.deleteIfValue(key, token);
  if ((await kv.get(key)) !== token) return false;
  await kv.delete(key);
  return true;
}
