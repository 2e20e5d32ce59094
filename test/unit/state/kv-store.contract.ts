import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KvStore } from '../../../src/state/kv-store.js';

export interface KvStoreHarness {
  store: KvStore;
  /** Let time pass for TTLs: a fake clock for memory, a real wait for Redis. */
  advanceSeconds(seconds: number): Promise<void>;
  cleanup?(): Promise<void>;
}

/**
 * The one contract every KvStore implementation passes (memory and Redis). Each test gets a fresh store, so
 * the Redis factory must hand out an isolated key namespace.
 */
export function kvStoreContract(name: string, factory: () => Promise<KvStoreHarness>): void {
  describe(`KvStore contract: ${name}`, () => {
    let h: KvStoreHarness;
    beforeEach(async () => {
      h = await factory();
    });
    afterEach(async () => {
      await h.cleanup?.();
    });

    it('answers a ping while it is up', async () => {
      await expect(h.store.ping()).resolves.toBeUndefined();
    });

    it('returns null for a key never set', async () => {
      expect(await h.store.get('missing')).toBeNull();
    });

    it('stores and overwrites values byte for byte (JSON, unicode)', async () => {
      const value = JSON.stringify({ text: 'Kurta ₹1.2 Cr — Maharashtra', rows: [[1, null, true]] });
      await h.store.set('thread:T1:C1:1.2', value, 60);
      expect(await h.store.get('thread:T1:C1:1.2')).toBe(value);
      await h.store.set('thread:T1:C1:1.2', 'second', 60);
      expect(await h.store.get('thread:T1:C1:1.2')).toBe('second');
    });

    it('forgets values after their TTL, and setIfAbsent can claim an expired key again', async () => {
      await h.store.set('short', 'v', 1);
      expect(await h.store.setIfAbsent('claim', 'a', 1)).toBe(true);
      await h.store.set('long', 'v', 60);
      expect(await h.store.get('short')).toBe('v');
      await h.advanceSeconds(1.2);
      expect(await h.store.get('short')).toBeNull();
      expect(await h.store.get('long')).toBe('v');
      expect(await h.store.keys('')).toEqual(['long']);
      expect(await h.store.setIfAbsent('claim', 'b', 60)).toBe(true);
      expect(await h.store.get('claim')).toBe('b');
    });

    it('setIfAbsent: the first caller wins and the value is kept', async () => {
      expect(await h.store.setIfAbsent('lock:x', 'owner-1', 60)).toBe(true);
      expect(await h.store.setIfAbsent('lock:x', 'owner-2', 60)).toBe(false);
      expect(await h.store.get('lock:x')).toBe('owner-1');
    });

    it('setIfAbsent is atomic: exactly one of many concurrent claims wins', async () => {
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => h.store.setIfAbsent('race', `owner-${i}`, 60)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await h.store.get('race')).toBe(`owner-${winner}`);
    });

    it('setIfAbsent does not claim over a value written with set', async () => {
      await h.store.set('k', 'existing', 60);
      expect(await h.store.setIfAbsent('k', 'new', 60)).toBe(false);
      expect(await h.store.get('k')).toBe('existing');
    });

    it('delete removes a key and is a no-op for a missing one', async () => {
      await h.store.set('k', 'v', 60);
      await h.store.delete('k');
      expect(await h.store.get('k')).toBeNull();
      await expect(h.store.delete('never-there')).resolves.toBeUndefined();
      expect(await h.store.setIfAbsent('k', 'again', 60)).toBe(true);
    });

    it('deleteIfValue releases only for the matching owner', async () => {
      expect(h.store.deleteIfValue).toBeTypeOf('function');
      await h.store.set('lock:y', 'owner-1', 60);
      expect(await h.store.deleteIfValue!('lock:y', 'owner-2')).toBe(false);
      expect(await h.store.get('lock:y')).toBe('owner-1');
      expect(await h.store.deleteIfValue!('lock:y', 'owner-1')).toBe(true);
      expect(await h.store.get('lock:y')).toBeNull();
      expect(await h.store.deleteIfValue!('lock:y', 'owner-1')).toBe(false);
    });

    it('keys lists live keys with a prefix, sorted, and treats glob characters literally', async () => {
      await h.store.set('subscription:C2', '{}', 60);
      await h.store.set('subscription:C1', '{}', 60);
      await h.store.set('subscriptionX', '{}', 60);
      await h.store.set('thread:a', '{}', 60);
      await h.store.set('odd*[key]?', '{}', 60);
      await h.store.set('oddity', '{}', 60);
      expect(await h.store.keys('subscription:')).toEqual(['subscription:C1', 'subscription:C2']);
      expect(await h.store.keys('odd*[')).toEqual(['odd*[key]?']);
      expect(await h.store.keys('nothing:')).toEqual([]);
    });

    it('keys pages through more keys than one SCAN batch', async () => {
      await Promise.all(Array.from({ length: 450 }, (_, i) => h.store.set(`many:${i}`, 'v', 60)));
      const keys = await h.store.keys('many:');
      expect(keys).toHaveLength(450);
      expect(new Set(keys).size).toBe(450);
    });

    it('rounds a fractional TTL up and refuses a zero or negative TTL', async () => {
      await h.store.set('frac', 'v', 0.4);
      expect(await h.store.get('frac')).toBe('v');
      await expect(h.store.set('bad', 'v', 0)).rejects.toThrow(/ttlSeconds/);
      await expect(h.store.setIfAbsent('bad', 'v', -5)).rejects.toThrow(/ttlSeconds/);
      expect(await h.store.get('bad')).toBeNull();
    });
  });
}
