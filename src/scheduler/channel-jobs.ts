import type { Logger } from '../observability/logger.js';
import { parseSchedule, type Schedule } from './schedule.js';
import type { SubscriptionStore } from './subscription-store.js';

/** One channel's schedule, from SUMMARY_CHANNELS (config) or a `/retail-summary subscribe`. */
export interface ChannelJob {
  channelId: string;
  source: 'config' | 'subscription';
  schedule: Schedule;
}

export type Subscriptions = Awaited<ReturnType<SubscriptionStore['list']>>;

/**
 * The channels to post to: config channels on the default schedule, overridden by subscriptions. With
 * `subscriptions` null (the store could not be read) the previously known subscribed channels are kept. A
 * schedule whose cron and zone did not change is reused (croner parsing is not free); a bad one is skipped.
 */
export function channelJobs(
  configChannels: readonly string[],
  defaultSchedule: Schedule,
  subscriptions: Subscriptions | null,
  previous: ReadonlyMap<string, ChannelJob>,
  logger: Logger,
): Map<string, ChannelJob> {
  const next = new Map<string, ChannelJob>();
  for (const channelId of configChannels) {
    next.set(channelId, { channelId, source: 'config', schedule: defaultSchedule });
  }
  if (subscriptions === null) {
    for (const job of previous.values()) if (job.source === 'subscription') next.set(job.channelId, job);
    return next;
  }
  for (const sub of subscriptions) {
    const known = previous.get(sub.channelId);
    try {
      const schedule =
        known && known.schedule.cron === sub.cron && known.schedule.timezone === sub.timezone
          ? known.schedule
          : parseSchedule(sub.cron, sub.timezone);
      next.set(sub.channelId, { channelId: sub.channelId, source: 'subscription', schedule });
    } catch (error) {
      logger.warn({ channelId: sub.channelId, err: errorMessage(error) }, 'Ignoring a bad subscription');
    }
  }
  return next;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
