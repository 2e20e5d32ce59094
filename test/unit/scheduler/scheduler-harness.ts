import type { ManualClock } from '../../../src/scheduler/clock.js';
import type { SubscriptionStore } from '../../../src/scheduler/subscription-store.js';
import {
  SummaryScheduler,
  type FireOutcome,
  type PostContext,
  type SummaryPeriod,
  type SummarySchedulerOptions,
} from '../../../src/scheduler/summary-scheduler.js';
import type { KvStore } from '../../../src/state/kv-store.js';
import { captureLogger } from '../state/capture-logger.js';

export interface PostRecord {
  instance: string;
  channelId: string;
  periodKey: string;
  atIso: string;
  context: PostContext;
}

/** The data's latest complete week never moves when the data is a fixed file (the real Kaggle set). */
export const staticPeriod = (): Promise<SummaryPeriod> =>
  Promise.resolve({
    key: '2022-06-20..2022-06-26',
    timeRange: { from: '2022-06-20', to: '2022-06-26', label: 'week of 20 Jun 2022' },
    compareTo: { from: '2022-06-13', to: '2022-06-19', label: 'week of 13 Jun 2022' },
  });

/** A period that moves with the clock (data refreshed weekly): the ISO date of the last Monday before now. */
export const movingPeriod = (clock: ManualClock) => (): Promise<SummaryPeriod> => {
  const day = new Date(clock.now() - 7 * 86_400_000);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return Promise.resolve({
    key: `week-of-${monday}`,
    timeRange: { from: monday, to: monday, label: monday },
  });
};

export interface HarnessOptions {
  clock: ManualClock;
  store: KvStore;
  posts: PostRecord[];
  instance?: string;
  channels?: string[];
  cron?: string;
  timezone?: string;
  catchupHours?: number;
  resolvePeriod?: () => Promise<SummaryPeriod>;
  /** Throw to fail a post; default succeeds. */
  fail?: (channelId: string, context: PostContext) => unknown;
  subscriptions?: SubscriptionStore;
  retry?: SummarySchedulerOptions['retry'];
  pollIntervalMs?: number;
}

export function makeScheduler(o: HarnessOptions) {
  const { logger, lines } = captureLogger();
  const outcomes: FireOutcome[] = [];
  const instance = o.instance ?? 'A';
  const scheduler = new SummaryScheduler({
    store: o.store,
    subscriptions: o.subscriptions,
    channels: o.channels ?? ['C01'],
    cron: o.cron ?? '0 9 * * 1',
    timezone: o.timezone ?? 'Asia/Kolkata',
    catchupHours: o.catchupHours ?? 12,
    resolvePeriod: o.resolvePeriod ?? staticPeriod,
    logger,
    clock: o.clock,
    instanceId: instance,
    retry: o.retry ?? { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 },
    pollIntervalMs: o.pollIntervalMs ?? 6 * 3600_000,
    onOutcome: (outcome) => outcomes.push(outcome),
    post: async (channelId, period, context) => {
      const failure = o.fail?.(channelId, context);
      if (failure) throw failure;
      o.posts.push({
        instance,
        channelId,
        periodKey: period.key,
        atIso: new Date(o.clock.now()).toISOString(),
        context,
      });
    },
  });
  return { scheduler, lines, outcomes };
}

export const settleAll = (schedulers: SummaryScheduler[]) => () =>
  Promise.all(schedulers.map((s) => s.settled()));
