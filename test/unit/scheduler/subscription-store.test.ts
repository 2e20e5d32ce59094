import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { createSubscriptionStore } from '../../../src/scheduler/subscription-store.js';
import type { KvStore } from '../../../src/state/kv-store.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { ResilientKvStore } from '../../../src/state/resilient-kv-store.js';
import { captureLogger } from '../state/capture-logger.js';

class DownStore extends MemoryKvStore implements KvStore {
  override async set(): Promise<void> {
    throw new AppError('STORE_UNAVAILABLE', 'The state store is unavailable right now.');
  }
}

describe('SubscriptionStore', () => {
  it('adds, replaces, lists by channel and removes subscriptions', async () => {
    const subs = createSubscriptionStore(new MemoryKvStore(), {
      defaultTimezone: 'Asia/Kolkata',
      now: () => 42,
    });
    await subs.add({ channelId: 'C02', cron: '0 9 * * 1', createdBy: 'U1' });
    await subs.add({ channelId: 'C01', cron: '30 8 * * 1-5', timezone: 'Europe/London' });
    await subs.add({ channelId: 'C02', cron: '0 10 * * 1', createdBy: 'U2' });
    expect(await subs.list()).toEqual([
      { channelId: 'C01', cron: '30 8 * * 1-5', timezone: 'Europe/London', createdAt: 42 },
      { channelId: 'C02', cron: '0 10 * * 1', timezone: 'Asia/Kolkata', createdBy: 'U2', createdAt: 42 },
    ]);
    expect(await subs.remove('C02')).toBe(true);
    expect(await subs.remove('C02')).toBe(false);
    expect(await subs.get('C02')).toBeNull();
    expect((await subs.list()).map((s) => s.channelId)).toEqual(['C01']);
  });

  it('refuses a bad cron or channel id with BAD_INPUT and stores nothing', async () => {
    const subs = createSubscriptionStore(new MemoryKvStore(), { defaultTimezone: 'Asia/Kolkata' });
    await expect(subs.add({ channelId: 'C01', cron: 'mondays' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(subs.add({ channelId: '#general', cron: '0 9 * * 1' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect(await subs.list()).toEqual([]);
  });

  it('reports a subscription that could not be saved, even behind the resilient wrapper', async () => {
    const kv = new ResilientKvStore(new DownStore(), captureLogger().logger);
    const subs = createSubscriptionStore(kv, { defaultTimezone: 'Asia/Kolkata' });
    await expect(subs.add({ channelId: 'C01', cron: '0 9 * * 1' })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });
});
