import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { ManualClock } from '../../../src/scheduler/clock.js';
import { createSubscriptionStore } from '../../../src/scheduler/subscription-store.js';
import { summaryLockKey } from '../../../src/scheduler/summary-scheduler.js';
import type { KvStore } from '../../../src/state/kv-store.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { ERROR } from '../state/capture-logger.js';
import {
  makeScheduler,
  movingPeriod,
  settleAll,
  staticPeriod,
  type PostRecord,
} from './scheduler-harness.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error },
  });
const rateLimited = (retryAfter: number) =>
  Object.assign(new Error('A rate limit was exceeded'), {
    code: 'slack_webapi_rate_limited_error',
    retryAfter,
  });

function setup(startIso: string) {
  const clock = new ManualClock(at(startIso));
  const store = new MemoryKvStore({ now: () => clock.now() });
  const posts: PostRecord[] = [];
  return { clock, store, posts };
}

describe('SummaryScheduler: fire times', () => {
  it('posts every Monday at 09:00 Asia/Kolkata (03:30 UTC), one post per new data period', async () => {
    const { clock, store, posts } = setup('2024-03-03T00:00:00Z');
    const { scheduler } = makeScheduler({ clock, store, posts, resolvePeriod: movingPeriod(clock) });
    await scheduler.start();
    await clock.advance(16 * DAY, settleAll([scheduler]));
    await scheduler.stop();
    expect(posts.map((p) => p.atIso)).toEqual([
      '2024-03-04T03:30:00.000Z',
      '2024-03-11T03:30:00.000Z',
      '2024-03-18T03:30:00.000Z',
    ]);
    expect(new Set(posts.map((p) => p.periodKey)).size).toBe(3);
    expect(posts.every((p) => p.context.reason === 'scheduled' && p.context.attempt === 1)).toBe(true);
  });

  it('keeps 09:00 local time across DST changes (London spring forward, New York fall back)', async () => {
    const london = setup('2024-03-20T00:00:00Z');
    const a = makeScheduler({
      ...london,
      timezone: 'Europe/London',
      resolvePeriod: movingPeriod(london.clock),
    });
    await a.scheduler.start();
    await london.clock.advance(20 * DAY, settleAll([a.scheduler]));
    await a.scheduler.stop();
    expect(london.posts.map((p) => p.atIso)).toEqual([
      '2024-03-25T09:00:00.000Z', // 09:00 GMT
      '2024-04-01T08:00:00.000Z', // 09:00 BST
      '2024-04-08T08:00:00.000Z',
    ]);

    const ny = setup('2024-10-23T00:00:00Z');
    const b = makeScheduler({ ...ny, timezone: 'America/New_York', resolvePeriod: movingPeriod(ny.clock) });
    await b.scheduler.start();
    await ny.clock.advance(14 * DAY, settleAll([b.scheduler]));
    await b.scheduler.stop();
    expect(ny.posts.map((p) => p.atIso)).toEqual([
      '2024-10-28T13:00:00.000Z', // 09:00 EDT
      '2024-11-04T14:00:00.000Z', // 09:00 EST
    ]);
  });

  it('does not post the same data period twice when the data has not moved', async () => {
    const { clock, store, posts } = setup('2024-03-03T00:00:00Z');
    const { scheduler, outcomes } = makeScheduler({ clock, store, posts, resolvePeriod: staticPeriod });
    await scheduler.start();
    await clock.advance(16 * DAY, settleAll([scheduler]));
    await scheduler.stop();
    expect(posts).toHaveLength(1);
    // Started on a Sunday: last Monday's run is days old, so it is skipped, not caught up.
    expect(outcomes.map((o) => o.status)).toEqual([
      'skipped-late',
      'posted',
      'already-posted',
      'already-posted',
    ]);
  });
});

describe('SummaryScheduler: restarts and catch-up', () => {
  it('catches up once when started less than SUMMARY_CATCHUP_HOURS late; a restart does not post again', async () => {
    const { clock, store, posts } = setup('2024-03-04T05:30:00Z'); // Monday 11:00 IST: 2 h late
    const first = makeScheduler({ clock, store, posts, instance: 'A' });
    await first.scheduler.start();
    await clock.advance(0, settleAll([first.scheduler]));
    await first.scheduler.stop();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ atIso: '2024-03-04T05:30:00.000Z', context: { reason: 'catch-up' } });

    await clock.advance(3 * HOUR);
    const restarted = makeScheduler({ clock, store, posts, instance: 'B' });
    await restarted.scheduler.start();
    await clock.advance(HOUR, settleAll([restarted.scheduler]));
    await restarted.scheduler.stop();
    expect(posts).toHaveLength(1);
    expect(restarted.outcomes.map((o) => o.status)).toEqual(['already-posted']);
  });

  it('skips a missed run more than SUMMARY_CATCHUP_HOURS late, with a log line, and posts at the next run', async () => {
    const { clock, store, posts } = setup('2024-03-04T16:30:00Z'); // 13 h after 09:00 IST
    const { scheduler, lines, outcomes } = makeScheduler({
      clock,
      store,
      posts,
      resolvePeriod: movingPeriod(clock),
    });
    await scheduler.start();
    await clock.advance(0, settleAll([scheduler]));
    expect(posts).toEqual([]);
    expect(outcomes.map((o) => o.status)).toEqual(['skipped-late']);
    const skip = lines.find((l) => /Skipping missed weekly summary/.test(l.msg));
    expect(skip).toMatchObject({ channelId: 'C01', lateHours: 13, catchupHours: 12 });
    await clock.advance(7 * DAY, settleAll([scheduler]));
    await scheduler.stop();
    expect(posts.map((p) => p.atIso)).toEqual(['2024-03-11T03:30:00.000Z']);
  });

  it('a restart days after a good post stays quiet (no false "skipped" line)', async () => {
    const { clock, store, posts } = setup('2024-03-04T03:29:00Z');
    const a = makeScheduler({ clock, store, posts });
    await a.scheduler.start();
    await clock.advance(2 * 60_000, settleAll([a.scheduler]));
    await a.scheduler.stop();
    await clock.advance(2 * DAY);
    const b = makeScheduler({ clock, store, posts });
    await b.scheduler.start();
    await clock.advance(0, settleAll([b.scheduler]));
    await b.scheduler.stop();
    expect(posts).toHaveLength(1);
    expect(b.lines.some((l) => /Skipping missed weekly summary/.test(l.msg))).toBe(false);
  });
});

describe('SummaryScheduler: failures', () => {
  it('retries with back-off per channel; one failing channel never delays or blocks the others', async () => {
    const { clock, store, posts } = setup('2024-03-04T03:00:00Z');
    const attempts: Record<string, string[]> = {};
    let c02Failures = 0;
    const { scheduler, outcomes, lines } = makeScheduler({
      clock,
      store,
      posts,
      channels: ['C01', 'C02', 'C03', 'C04'],
      fail: (channelId) => {
        (attempts[channelId] ??= []).push(new Date(clock.now()).toISOString().slice(11, 19));
        if (channelId === 'C02' && c02Failures++ < 2) return rateLimited(10);
        if (channelId === 'C03') return platformError('channel_not_found');
        if (channelId === 'C04')
          return new AppError('SLACK_API_FAILED', 'Slack failed.', { detail: 'HTTP 503' });
        return null;
      },
    });
    await scheduler.start();
    await clock.advance(2 * HOUR, settleAll([scheduler]));
    await scheduler.stop();

    expect(posts.find((p) => p.channelId === 'C01')?.atIso).toBe('2024-03-04T03:30:00.000Z');
    // Rate limited twice: waits Retry-After (10 s) rather than the shorter back-off, then posts.
    expect(attempts.C02).toEqual(['03:30:00', '03:30:10', '03:30:20']);
    expect(posts.find((p) => p.channelId === 'C02')).toMatchObject({ context: { attempt: 3 } });
    // Channel gone: retrying cannot help, one try.
    expect(attempts.C03).toEqual(['03:30:00']);
    // 503s: 5 tries with exponential back-off 2 s, 4 s, 8 s, 16 s.
    expect(attempts.C04).toEqual(['03:30:00', '03:30:02', '03:30:06', '03:30:14', '03:30:30']);

    const byChannel = Object.fromEntries(outcomes.map((o) => [o.channelId, o]));
    expect(byChannel.C01).toMatchObject({ status: 'posted', attempts: 1 });
    expect(byChannel.C02).toMatchObject({ status: 'posted', attempts: 3 });
    expect(byChannel.C03).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'channel_not_found' });
    expect(byChannel.C04).toMatchObject({ status: 'failed', attempts: 5, errorCode: 'SLACK_API_FAILED' });
    const errors = lines.filter((l) => l.level === ERROR);
    expect(errors.map((l) => l.channelId).sort()).toEqual(['C03', 'C04']);
    expect(errors.find((l) => l.channelId === 'C03')?.msg).toMatch(
      /bot removed, channel archived or not found/,
    );

    // Posted periods are marked; failed ones are released for a later attempt.
    const period = await staticPeriod();
    expect(JSON.parse((await store.get(summaryLockKey('C01', period.key)))!)).toMatchObject({
      state: 'posted',
      owner: 'A',
    });
    expect(await store.get(summaryLockKey('C03', period.key))).toBeNull();
    expect(await store.get(summaryLockKey('C04', period.key))).toBeNull();
  });

  it('a failed period is posted at the next run once the channel works again, without re-posting others', async () => {
    const { clock, store, posts } = setup('2024-03-04T03:00:00Z');
    let botInChannel = false;
    const { scheduler } = makeScheduler({
      clock,
      store,
      posts,
      channels: ['C01', 'C03'],
      fail: (channelId) => (channelId === 'C03' && !botInChannel ? platformError('not_in_channel') : null),
    });
    await scheduler.start();
    await clock.advance(DAY, settleAll([scheduler]));
    expect(posts.map((p) => p.channelId)).toEqual(['C01']);
    botInChannel = true; // someone invited the bot
    await clock.advance(7 * DAY, settleAll([scheduler]));
    await scheduler.stop();
    expect(posts.map((p) => `${p.channelId} ${p.atIso}`)).toEqual([
      'C01 2024-03-04T03:30:00.000Z',
      'C03 2024-03-11T03:30:00.000Z',
    ]);
  });

  it('never posts without the lock: retries while the store is down, posts once it answers', async () => {
    const { clock, posts } = setup('2024-03-04T03:00:00Z');
    let failuresLeft = 2;
    const inner = new MemoryKvStore({ now: () => clock.now() });
    const flaky: KvStore = Object.assign(Object.create(inner) as MemoryKvStore, {
      setIfAbsent: async (key: string, value: string, ttl: number) => {
        if (failuresLeft-- > 0)
          throw new AppError('STORE_UNAVAILABLE', 'The state store is unavailable right now.');
        return inner.setIfAbsent(key, value, ttl);
      },
    });
    const a = makeScheduler({ clock, store: flaky, posts });
    await a.scheduler.start();
    await clock.advance(HOUR, settleAll([a.scheduler]));
    expect(posts.map((p) => p.atIso)).toEqual(['2024-03-04T03:30:06.000Z']);

    failuresLeft = Infinity;
    const b = makeScheduler({ clock, store: flaky, posts, channels: ['C05'] });
    await b.scheduler.start();
    await clock.advance(8 * DAY, settleAll([a.scheduler, b.scheduler]));
    await a.scheduler.stop();
    await b.scheduler.stop();
    expect(posts.filter((p) => p.channelId === 'C05')).toEqual([]);
    expect(b.outcomes.map((o) => o.status)).toContain('lock-unavailable');
    expect(b.lines.some((l) => l.level === ERROR && /lock store is unavailable/.test(l.msg))).toBe(true);
  });

  it('stop() during a back-off wait releases the claim so another instance can post the period', async () => {
    const { clock, store, posts } = setup('2024-03-04T03:00:00Z');
    const a = makeScheduler({ clock, store, posts, instance: 'A', fail: () => new Error('socket hang up') });
    await a.scheduler.start();
    await clock.advance(HOUR / 2 + 1_000, settleAll([a.scheduler])); // first try failed, waiting to retry
    await a.scheduler.stop();
    expect(a.outcomes.map((o) => o.status)).toEqual(['skipped-late', 'stopped']);
    expect(await store.keys('summary:')).toEqual([]);

    const b = makeScheduler({ clock, store, posts, instance: 'B' });
    await b.scheduler.start();
    await clock.advance(0, settleAll([b.scheduler]));
    await b.scheduler.stop();
    expect(posts.map((p) => `${p.instance} ${p.context.reason}`)).toEqual(['B catch-up']);
  });
});

describe('SummaryScheduler: subscriptions and manual posts', () => {
  it('follows stored subscriptions with their own cron and zone, picks up changes, and drops unsubscribed', async () => {
    const { clock, store, posts } = setup('2024-03-04T00:00:00Z'); // Monday
    const subscriptions = createSubscriptionStore(store, {
      defaultTimezone: 'Asia/Kolkata',
      now: () => clock.now(),
    });
    await subscriptions.add({ channelId: 'C09', cron: '30 18 * * 5', timezone: 'America/New_York' });
    const { scheduler } = makeScheduler({
      clock,
      store,
      posts,
      channels: ['C01'],
      subscriptions,
      resolvePeriod: movingPeriod(clock),
      pollIntervalMs: HOUR,
    });
    await scheduler.start();
    expect(scheduler.channels().map((c) => `${c.channelId} ${c.source} ${c.cron} ${c.timezone}`)).toEqual([
      'C01 config 0 9 * * 1 Asia/Kolkata',
      'C09 subscription 30 18 * * 5 America/New_York',
    ]);
    await clock.advance(5 * DAY, settleAll([scheduler])); // through Fri 8 Mar 18:30 EST = 23:30 UTC
    // Another instance subscribes C10 and overrides C01's schedule; this one notices within the poll interval.
    await subscriptions.add({ channelId: 'C10', cron: '0 7 * * 2', timezone: 'Asia/Kolkata' });
    await subscriptions.add({ channelId: 'C01', cron: '0 8 * * 1', timezone: 'Asia/Kolkata' });
    expect(await subscriptions.remove('C09')).toBe(true);
    await clock.advance(7 * DAY, settleAll([scheduler]));
    await scheduler.stop();
    expect(posts.map((p) => `${p.channelId} ${p.atIso}`)).toEqual([
      'C01 2024-03-04T03:30:00.000Z',
      'C09 2024-03-08T23:30:00.000Z',
      'C01 2024-03-11T02:30:00.000Z',
      'C10 2024-03-12T01:30:00.000Z',
    ]);
  });

  it('postNow posts at once, ignoring and not setting the lock', async () => {
    const { clock, store, posts } = setup('2024-03-05T00:00:00Z');
    const { scheduler } = makeScheduler({ clock, store, posts });
    expect(await scheduler.postNow('C07')).toMatchObject({ status: 'posted', reason: 'manual', attempts: 1 });
    expect(await scheduler.postNow('C07')).toMatchObject({ status: 'posted' });
    expect(posts).toHaveLength(2);
    expect(await store.keys('summary:')).toEqual([]);
  });
});

describe('SummaryScheduler: SUMMARY_CATCHUP_HOURS=0', () => {
  /** Real timers fire a little after their due time; this clock's fire 5 ms late. */
  class LateClock extends ManualClock {
    override setTimeout(fn: () => void, delayMs: number) {
      return super.setTimeout(fn, delayMs + 5);
    }
  }

  it('posts on time when the timer fires a moment late, and never catches up a missed run', async () => {
    const clock = new LateClock(at('2024-03-04T16:30:00Z')); // Monday's 09:00 IST run was missed by 13 h
    const store = new MemoryKvStore({ now: () => clock.now() });
    const posts: PostRecord[] = [];
    const { scheduler, outcomes } = makeScheduler({
      clock,
      store,
      posts,
      catchupHours: 0,
      resolvePeriod: movingPeriod(clock),
    });
    await scheduler.start();
    await clock.advance(7 * DAY, settleAll([scheduler]));
    await scheduler.stop();
    expect(outcomes.map((o) => o.status)).toEqual(['skipped-late', 'posted']);
    expect(posts.map((p) => p.atIso)).toEqual(['2024-03-11T03:30:00.005Z']);
  });
});
