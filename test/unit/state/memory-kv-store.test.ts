import { describe, expect, it } from 'vitest';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { kvStoreContract } from './kv-store.contract.js';

kvStoreContract('memory', async () => {
  let nowMs = Date.UTC(2024, 0, 1);
  const store = new MemoryKvStore({ now: () => nowMs });
  return {
    store,
    async advanceSeconds(seconds) {
      nowMs += seconds * 1000;
    },
  };
});

describe('MemoryKvStore', () => {
  it('drops expired entries so memory stays bounded by live keys', async () => {
    let nowMs = 0;
    const store = new MemoryKvStore({ now: () => nowMs });
    for (let i = 0; i < 100; i++) await store.set(`k${i}`, 'v', 10);
    expect(store.size()).toBe(100);
    nowMs += 11_000;
    expect(store.size()).toBe(0);
  });
});
