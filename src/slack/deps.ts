import type { Assistant } from '../agent/answer.js';
import type { Config } from '../config/config.js';
import { createFeedbackStore } from '../feedback/feedback-store.js';
import type { InFlightTracker } from '../lifecycle/in-flight-tracker.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createSubscriptionStore } from '../scheduler/subscription-store.js';
import { createEventDeduper } from '../state/event-deduper.js';
import type { KvStore } from '../state/kv-store.js';
import { createThreadStore } from '../state/thread-store.js';
import type { DataStatus } from '../semantic/data-availability.js';
import type { SchemaInfo } from '../warehouse/types.js';
import { createAssistantContextStore } from './assistant-context-store.js';
import type { SlackDeps } from './ports.js';

export interface SlackDepsInput {
  config: Pick<Config, 'THREAD_TTL_SECONDS' | 'SUMMARY_CRON' | 'SUMMARY_TIMEZONE'>;
  logger: Logger;
  kv: KvStore;
  assistant: Assistant;
  schema: () => SchemaInfo;
  dataStatus?: () => DataStatus;
  tracker?: InFlightTracker;
  metrics?: Metrics;
}

/**
 * The Slack layer's dependencies over the shared KvStore: the same ThreadStore the Assistant writes (so buttons
 * read its lastAnswer), the cross-instance EventDeduper, and the scheduler's SubscriptionStore.
 */
export function buildSlackDeps(input: SlackDepsInput): SlackDeps {
  const { config, logger, kv } = input;
  const feedback = createFeedbackStore(kv);
  if (input.metrics) input.metrics.feedbackSource.countsByDay = () => feedback.countsByDay();
  return {
    assistant: input.assistant,
    threads: createThreadStore(kv, { ttlSeconds: config.THREAD_TTL_SECONDS, logger }),
    deduper: createEventDeduper(kv, { logger }),
    assistantContexts: createAssistantContextStore(kv, { ttlSeconds: config.THREAD_TTL_SECONDS }),
    feedback,
    subscriptions: createSubscriptionStore(kv, { defaultTimezone: config.SUMMARY_TIMEZONE }),
    schema: input.schema,
    ...(input.dataStatus ? { dataStatus: input.dataStatus } : {}),
    logger,
    defaultCron: config.SUMMARY_CRON,
    summaryTimeZone: config.SUMMARY_TIMEZONE,
    // What this app learns about text streaming (refused once: later answers go straight to the updated post).
    liveAnswer: { streaming: {} },
    ...(input.tracker ? { tracker: input.tracker } : {}),
    ...(input.metrics ? { metrics: input.metrics } : {}),
  };
}
