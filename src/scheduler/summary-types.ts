import type { TimeRange } from '../semantic/plan.js';

/** The data period a weekly post covers: the latest complete week IN THE DATA, not the calendar's. */
export interface SummaryPeriod {
  /** Stable id of the period, e.g. "2022-06-20..2022-06-26". With the channel it is the exactly-once key. */
  key: string;
  timeRange: TimeRange;
  /** The week before, for week-over-week deltas. */
  compareTo?: TimeRange;
}

export type FireReason = 'scheduled' | 'catch-up' | 'manual';

export interface PostContext {
  reason: FireReason;
  /** The fire time this post belongs to (epoch ms); null for a manual post. */
  scheduledForMs: number | null;
  /** 1-based try number. */
  attempt: number;
}

/**
 * The Slack glue: post the summary for `period` to `channelId` as a top-level message (blocks + dashboard PNG,
 * thread seeded with the summary context). Throw on failure; Slack errors are classified by classifyPostError.
 */
export type PostSummary = (channelId: string, period: SummaryPeriod, context: PostContext) => Promise<void>;

export type FireStatus =
  | 'posted'
  | 'already-posted'
  | 'failed'
  | 'skipped-late'
  | 'lock-unavailable'
  | 'period-unavailable'
  | 'stopped';

export interface FireOutcome {
  channelId: string;
  reason: FireReason;
  scheduledForMs: number | null;
  status: FireStatus;
  periodKey?: string;
  /** Post tries made (0 when it never got to posting). */
  attempts: number;
  errorCode?: string;
}

export interface ScheduledChannel {
  channelId: string;
  cron: string;
  timezone: string;
  source: 'config' | 'subscription';
  nextRunMs: number | null;
}
