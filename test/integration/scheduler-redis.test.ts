import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { ManualClock } from '../../src/scheduler/clock.js';
import { createSubscriptionStore } from '../../src/scheduler/subscription-store.js';
import { summaryLockKey } from '../../src/scheduler/summary-scheduler.js';
import { RedisKvStore } from '../../src/state/redis-kv-store.js';
import { ResilientKvStore } from '../../src/state/resilient-kv-store.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';
import {
  makeScheduler,
  movingPeriod,
  settleAll,
  staticPeriod,
  type PostRecord,
} from '../unit/scheduler/scheduler-harness.js';

const logger = createLogger({ level: 'silent' });
let server: RedisServerHandle;

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Each instance gets its own Redis connection, as separate app processes would. */
function redisStore(prefix: string) {
  return new ResilientKvStore(new RedisKvStore({ url: server.url, logger, keyPrefix: prefix }), logger);
}

describe('weekly summaries against one real Redis', () => {
  it('three racing instances post exactly once per channel per period, and a restart posts nothing more', async () => {
    const prefix = `sched:${randomUUID()}:`;
    const clock = new ManualClock(Date.parse('2024-03-03T12:00:00Z'));
    const posts: PostRecord[] = [];
    const stores = ['A', 'B', 'C'].map(() => redisStore(prefix));
    // One channel subscribed in Redis with its own schedule (Tuesday 10:00 IST), two from SUMMARY_CHANNELS.
    await createSubscriptionStore(stores[0]!, { defaultTimezone: 'Asia/Kolkata' }).add({
      channelId: 'C0SUB',
      cron: '0 10 * * 2',
      createdBy: 'U1',
    });
    const instances = ['A', 'B', 'C'].map((instance, i) =>
      makeScheduler({
        clock,
        store: stores[i]!,
        posts,
        instance,
        channels: ['C01', 'C02'],
        subscriptions: createSubscriptionStore(stores[i]!, { defaultTimezone: 'Asia/Kolkata' }),
        resolvePeriod: movingPeriod(clock),
      }),
    );
    const schedulers = instances.map((x) => x.scheduler);
    await Promise.all(schedulers.map((s) => s.start()));
    // Through three Monday runs (three data periods), to two hours after the third one.
    await clock.advanceTo(Date.parse('2024-03-18T05:30:00Z'), settleAll(schedulers));
    await Promise.all(schedulers.map((s) => s.stop()));

    const perChannelPeriod = new Map<string, number>();
    for (const p of posts) {
      const k = `${p.channelId} ${p.periodKey}`;
      perChannelPeriod.set(k, (perChannelPeriod.get(k) ?? 0) + 1);
    }
    expect([...perChannelPeriod.values()].every((n) => n === 1)).toBe(true);
    expect(posts.filter((p) => p.channelId === 'C01').map((p) => p.atIso)).toEqual([
      '2024-03-04T03:30:00.000Z',
      '2024-03-11T03:30:00.000Z',
      '2024-03-18T03:30:00.000Z',
    ]);
    expect(posts.filter((p) => p.channelId === 'C0SUB').map((p) => p.atIso)).toEqual([
      '2024-03-05T04:30:00.000Z',
      '2024-03-12T04:30:00.000Z',
    ]);
    expect(posts).toHaveLength(8);
    const outcomes = instances.flatMap((x) => x.outcomes).filter((o) => o.reason === 'scheduled');
    expect(outcomes.filter((o) => o.status === 'posted')).toHaveLength(8);
    expect(outcomes.filter((o) => o.status === 'already-posted')).toHaveLength(16);

    // All three restart now, two hours after Monday's run (inside the catch-up window): nothing is posted again.
    const restarted = ['A2', 'B2', 'C2'].map((instance, i) =>
      makeScheduler({
        clock,
        store: stores[i]!,
        posts,
        instance,
        channels: ['C01', 'C02'],
        subscriptions: createSubscriptionStore(stores[i]!, { defaultTimezone: 'Asia/Kolkata' }),
        resolvePeriod: movingPeriod(clock),
      }),
    );
    await Promise.all(restarted.map((x) => x.scheduler.start()));
    await clock.advance(0, settleAll(restarted.map((x) => x.scheduler)));
    await Promise.all(restarted.map((x) => x.scheduler.stop()));
    const restartOutcomes = restarted.flatMap((x) => x.outcomes).map((o) => `${o.channelId} ${o.status}`);
    // C01/C02 ran 2 h ago (caught up, but already posted); C0SUB's last run was 6 days ago (too late).
    expect(restartOutcomes.sort()).toEqual([
      ...Array(3).fill('C01 already-posted'),
      ...Array(3).fill('C02 already-posted'),
      ...Array(3).fill('C0SUB skipped-late'),
    ]);
    expect(posts).toHaveLength(8);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('a catch-up after downtime is posted by exactly one of three instances starting together', async () => {
    const prefix = `sched:${randomUUID()}:`;
    const clock = new ManualClock(Date.parse('2024-03-04T08:00:00Z')); // 13:30 IST, 4.5 h late
    const posts: PostRecord[] = [];
    const stores = [0, 1, 2].map(() => redisStore(prefix));
    const instances = ['A', 'B', 'C'].map((instance, i) =>
      makeScheduler({ clock, store: stores[i]!, posts, instance, channels: ['C01', 'C02', 'C03'] }),
    );
    await Promise.all(instances.map((x) => x.scheduler.start()));
    await clock.advance(0, settleAll(instances.map((x) => x.scheduler)));
    await Promise.all(instances.map((x) => x.scheduler.stop()));
    expect(posts.map((p) => p.channelId).sort()).toEqual(['C01', 'C02', 'C03']);
    expect(posts.every((p) => p.context.reason === 'catch-up')).toBe(true);
    const period = await staticPeriod();
    const record = await stores[0]!.get(summaryLockKey('C02', period.key));
    expect(JSON.parse(record!)).toMatchObject({ state: 'posted' });
    await Promise.all(stores.map((s) => s.close()));
  });
});
