import { randomUUID } from 'node:crypto';
import type { KvStore } from '../state/kv-store.js';
import { acquireLock, type Lock } from '../state/lock.js';

/** The exactly-once key: one per channel and data period, shared by every instance. */
export function summaryLockKey(channelId: string, periodKey: string): string {
  return `summary:${channelId}:${periodKey}`;
}

/** What the lock key holds: who is posting (or posted) the period, and since when. */
interface ClaimRecord {
  state: 'posting' | 'posted';
  owner: string;
  token: string;
  atMs: number;
}

/** A period this instance holds the lock for. */
export interface SummaryClaim {
  /** Marks the period posted for postedTtlSeconds (no other instance will post it again meanwhile). */
  markPosted(atMs: number, postedTtlSeconds: number): Promise<void>;
  /** Gives the period back (only while this claim still holds it) so a later run can try again. */
  release(): Promise<boolean>;
}

/**
 * Claims `summary:<channel>:<period>` with state/lock.ts (SET NX EX, released by its owner only). The lock's
 * token is the claim record itself, so the key says who is posting. Null: another instance has it (posting or
 * posted). Store errors propagate: a claim that cannot be checked must not be assumed held.
 */
export async function claimSummary(
  store: KvStore,
  lockKey: string,
  owner: string,
  atMs: number,
  claimTtlSeconds: number,
): Promise<SummaryClaim | null> {
  const record: ClaimRecord = { state: 'posting', owner, token: randomUUID(), atMs };
  const lock: Lock | null = await acquireLock(store, lockKey, claimTtlSeconds, JSON.stringify(record));
  if (!lock) return null;
  return {
    markPosted: (postedAtMs, postedTtlSeconds) =>
      store.set(lockKey, JSON.stringify({ ...record, state: 'posted', atMs: postedAtMs }), postedTtlSeconds),
    release: () => lock.release(),
  };
}
