import type { LiveAnswerOptions } from './live-answer.js';
import type { FeedbackInput } from '../feedback/feedback-store.js';
import type { Assistant } from '../agent/answer.js';
import type { InFlightTracker } from '../lifecycle/in-flight-tracker.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { DataStatus } from '../semantic/data-availability.js';
import type { SchemaInfo } from '../warehouse/types.js';
import type { WorkQueue } from './work-queue.js';

/**
 * What the Slack layer needs from the rest of the app, as narrow structural interfaces. The composition root
 * (src/server.ts) builds the stores behind them (EventDeduper, SubscriptionStore, ...), so the listeners can be
 * tested with plain in-memory objects and never import Redis. Thread state is the Assistant's: Slack asks it.
 */

/** Cross-instance "first one wins" (Redis SET NX EX). True when this caller is the first. */
export interface EventClaimPort {
  claim(eventId: string, ttlSeconds: number): Promise<boolean>;
}

/** The subscription store of the scheduler (src/scheduler/subscription-store.ts), as the command uses it. */
export interface SubscriptionPort {
  /** Validates the cron (BAD_INPUT with a user message when it is not usable) and saves it. */
  add(input: { channelId: string; cron: string; createdBy?: string }): Promise<unknown>;
  /** True when there was a subscription to remove. */
  remove(channelId: string): Promise<boolean>;
  list(): Promise<{ channelId: string; cron: string; timezone?: string }[]>;
}

/** Where each assistant thread was opened from (Slack's thread context), per thread. */
export interface AssistantContextPort {
  get(channel: string, threadTs: string): Promise<Record<string, unknown> | null>;
  save(channel: string, threadTs: string, context: Record<string, unknown>): Promise<void>;
}

/** Where answer feedback is kept (src/feedback/feedback-store.ts). */
export interface FeedbackPort {
  record(input: FeedbackInput): Promise<unknown>;
}

export interface SlackDeps {
  /** Answers, and owns every thread's state (a button's stored answer is asked of it). */
  assistant: Assistant;
  deduper: EventClaimPort;
  /** The assistant surface's thread contexts (absent: Bolt's per-process default). */
  assistantContexts?: AssistantContextPort;
  /** 👍/👎 and the "what was wrong?" modal's answers (absent: feedback is only logged). */
  feedback?: FeedbackPort;
  /** Absent when the scheduler is not wired (then subscribe/unsubscribe explain that). */
  subscriptions?: SubscriptionPort;
  /** The data coverage shown in App Home. */
  schema: () => SchemaInfo;
  /** What loaded (one line per report) and the load's caveat, shown in App Home. */
  dataStatus?: () => DataStatus;
  logger: Logger;
  /** Default cron for `/retail-summary subscribe` without one (SUMMARY_CRON). */
  defaultCron: string;
  summaryTimeZone: string;
  /** Called after subscribe/unsubscribe on this instance (the scheduler re-reads subscriptions). */
  onSubscriptionsChanged?: () => void;
  /** Limits answers running at once so acks stay fast (createSlackApp provides one when absent). */
  answerQueue?: WorkQueue;
  /** Counts answers in progress so a graceful shutdown can wait for them. */
  tracker?: InFlightTracker;
  metrics?: Metrics;
  /** Clock for "time taken" and the event de-dup window; injectable for tests. */
  now?: () => number;
  /**
   * The live answer's settings: the spacing of its updates (defaults in live-answer.ts; tests shorten them), and
   * what this process learnt about text streaming (one object per app, see buildSlackDeps in src/server.ts).
   */
  liveAnswer?: Omit<LiveAnswerOptions, 'logger'>;
}

/** How long a claimed event id is remembered: Slack retries for about 5 minutes, keep it well beyond. */
export const EVENT_DEDUP_TTL_SECONDS = 60 * 60;
