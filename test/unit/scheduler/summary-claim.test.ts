import { describe, expect, it } from 'vitest';
import { claimSummary, summaryLockKey } from '../../../src/scheduler/summary-claim.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';

describe('summary claim (state/lock.ts under the exactly-once key)', () => {
  const key = summaryLockKey('C1', '2022-06-20..2022-06-26');

  it('lets one owner claim a period; the key says who is posting', async () => {
    const store = new MemoryKvStore();
    const first = await claimSummary(store, key, 'instance-a', 1000, 60);
    expect(first).not.toBeNull();
    expect(await claimSummary(store, key, 'instance-b', 1001, 60)).toBeNull();
    expect(JSON.parse((await store.get(key))!)).toMatchObject({
      state: 'posting',
      owner: 'instance-a',
      atMs: 1000,
    });
  });

  it('gives a failed period back, so a later run can claim it', async () => {
    const store = new MemoryKvStore();
    const claim = await claimSummary(store, key, 'instance-a', 1000, 60);
    expect(await claim!.release()).toBe(true);
    expect(await claimSummary(store, key, 'instance-b', 2000, 60)).not.toBeNull();
  });

  it('keeps a posted period marked: a late release by the poster does not free it', async () => {
    const store = new MemoryKvStore();
    const claim = await claimSummary(store, key, 'instance-a', 1000, 60);
    await claim!.markPosted(5000, 3600);
    expect(JSON.parse((await store.get(key))!)).toMatchObject({
      state: 'posted',
      owner: 'instance-a',
      atMs: 5000,
    });
    expect(await claim!.release()).toBe(false);
    expect(await claimSummary(store, key, 'instance-b', 6000, 60)).toBeNull();
  });
});
