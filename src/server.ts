import { webApi } from '@slack/bolt';
import type { Assistant } from './agent/answer.js';
import { resolveSummaryPeriod } from './agent/summary/summary-period.js';
import type { Config } from './config/config.js';
import { AppError } from './errors.js';
import { createFeedbackStore } from './feedback/feedback-store.js';
import { createGracefulShutdown, type ShutdownReport } from './lifecycle/graceful-shutdown.js';
import { createInFlightTracker, type InFlightTracker } from './lifecycle/in-flight-tracker.js';
import type { Services } from './main.js';
import { createHealthRoutes, createRedisProbe } from './observability/health.js';
import { startHealthServer } from './observability/health-server.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { createSummaryScheduler, type SummaryScheduler } from './scheduler/summary-scheduler.js';
import { createSubscriptionStore, type SubscriptionStore } from './scheduler/subscription-store.js';
import { dataStatus, type DataStatus } from './semantic/data-availability.js';
import { slackSettingsFromConfig, startSlackApp, type RunningSlackApp } from './slack/app.js';
import { createAssistantContextStore } from './slack/assistant-context-store.js';
import { messages } from './slack/messages.js';
import type { SlackDeps } from './slack/ports.js';
import { WEB_CLIENT_RETRY_CONFIG, WEB_CLIENT_TIMEOUT_MS } from './slack/slack-api.js';
import { createSummaryPoster, type PostedSummary } from './slack/summary-poster.js';
import { createEventDeduper } from './state/event-deduper.js';
import type { KvStore } from './state/kv-store.js';
import type { SchemaInfo } from './warehouse/types.js';

/**
 * The composition root of the long-running app (`retail-insights serve`), next to src/main.ts: the Slack layer's
 * stores, the weekly-summary scheduler, the health routes and the graceful shutdown are built here and nowhere
 * else. Imported only by the commands that talk to Slack, so nothing else loads Bolt.
 */

export interface SlackDepsInput {
  config: Pick<Config, 'THREAD_TTL_SECONDS' | 'SUMMARY_CRON' | 'SUMMARY_TIMEZONE'>;
  logger: Logger;
  kv: KvStore;
  assistant: Assistant;
  schema: () => SchemaInfo;
  dataStatus?: () => DataStatus;
  tracker?: InFlightTracker;
  metrics?: Metrics;
  /** The scheduler's subscriptions, when the caller shares them with its scheduler (built here otherwise). */
  subscriptions?: SubscriptionStore;
}

/**
 * The Slack layer's dependencies over the shared KvStore: the cross-instance EventDeduper, the assistant surface's
 * thread contexts, the feedback store and the scheduler's SubscriptionStore. Thread state is not among them: it is
 * the Assistant's, and buttons ask the Assistant for a thread's stored answer.
 */
export function buildSlackDeps(input: SlackDepsInput): SlackDeps {
  const { config, logger, kv } = input;
  const feedback = createFeedbackStore(kv);
  if (input.metrics) input.metrics.feedbackSource.countsByDay = () => feedback.countsByDay();
  return {
    assistant: input.assistant,
    deduper: createEventDeduper(kv, { logger }),
    assistantContexts: createAssistantContextStore(kv, { ttlSeconds: config.THREAD_TTL_SECONDS }),
    feedback,
    subscriptions:
      input.subscriptions ?? createSubscriptionStore(kv, { defaultTimezone: config.SUMMARY_TIMEZONE }),
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

export interface SlackServer {
  running: RunningSlackApp;
  /** Resolves when a graceful shutdown (SIGTERM/SIGINT or shutdown()) has finished. */
  done: Promise<ShutdownReport>;
  /** Settles when the assistant's start-up work has finished (or failed); /readyz is 503 until then. */
  warmedUp: Promise<void>;
  shutdown(reason: string): Promise<ShutdownReport>;
}

/**
 * `retail-insights serve`: the Slack app with health/metrics routes next to it, the weekly-summary scheduler
 * posting through the Slack glue, and a graceful shutdown (stop intake → finish answers → close stores).
 */
export async function runSlackServer(
  services: Services,
  options: { installSignalHandlers?: boolean } = {},
): Promise<SlackServer> {
  const { config, logger, metrics, kv, warehouse } = services;
  const settings = slackSettingsFromConfig(config);
  const tracker = createInFlightTracker({ onCountChange: (n) => metrics.inFlight.set(n) });
  const state = { shuttingDown: false };
  const warm = warmUp(services.assistant, logger);
  const routes = createHealthRoutes({
    probes: {
      warehouse: () => Boolean(warehouse.schema()) && warm.done(),
      redis: createRedisProbe(config.REDIS_URL ? () => kv.ping() : undefined),
      shuttingDown: () => state.shuttingDown,
      data: () => dataStatus(warehouse.loadReport),
    },
    ...(config.METRICS_ENABLED === false ? {} : { metrics }),
    logger,
  });

  const subscriptions = createSubscriptionStore(kv, { defaultTimezone: config.SUMMARY_TIMEZONE });
  // The scheduler is built after the app (it posts through it); subscribe/unsubscribe reach it through this.
  const hooks: { refreshScheduler?: () => void } = {};
  const deps: SlackDeps = {
    ...buildSlackDeps({
      config,
      logger,
      kv,
      assistant: services.assistant,
      schema: () => warehouse.schema(),
      dataStatus: () => dataStatus(warehouse.loadReport),
      tracker,
      metrics,
      subscriptions,
    }),
    onSubscriptionsChanged: () => hooks.refreshScheduler?.(),
  };
  const running = await startSlackApp(
    { ...settings, ...(settings.signingSecret ? { customRoutes: routes } : {}) },
    deps,
  );
  // Socket Mode has no inbound HTTP server of ours: serve the probes on PORT separately.
  const health =
    running.mode === 'socket'
      ? await startHealthServer({ routes, port: config.PORT, host: config.HOST, logger })
      : null;

  const scheduler = buildScheduler(services, subscriptions, running, tracker);
  hooks.refreshScheduler = () => {
    scheduler.refresh().catch((error: unknown) => logger.warn({ err: error }, 'scheduler refresh failed'));
  };
  await scheduler.start();

  let resolveDone!: (report: ShutdownReport) => void;
  const done = new Promise<ShutdownReport>((resolve) => (resolveDone = resolve));
  const shutdown = createGracefulShutdown({
    tracker,
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    stopIntake: [
      {
        name: 'slack',
        run: () => {
          state.shuttingDown = true;
          return running.stop();
        },
      },
      { name: 'scheduler', run: () => scheduler.stop() },
    ],
    closers: [
      ...(health ? [{ name: 'health-server', run: () => health.close() }] : []),
      { name: 'services', run: () => services.close() },
    ],
  });
  const run = (reason: string) =>
    shutdown.shutdown(reason).then((report) => {
      resolveDone(report);
      return report;
    });
  // Signals run the same idempotent shutdown, then exit the process with its code (a second signal: at once).
  if (options.installSignalHandlers !== false) shutdown.installSignalHandlers();
  return { running, done, warmedUp: warm.settled, shutdown: run };
}

/**
 * The data profile is read before the first question, not during it: at 100M order rows the scans it still
 * needs (city, SKU, style) take tens of seconds. Until then the instance reports not ready, so a rolling deploy
 * keeps the old pods answering.
 */
function warmUp(assistant: Assistant, logger: Logger): { done: () => boolean; settled: Promise<void> } {
  let warm = false;
  const started = performance.now();
  const settled = (assistant.warmUp?.() ?? Promise.resolve()).then(
    () => {
      warm = true;
      logger.info({ elapsedMs: Math.round(performance.now() - started) }, 'assistant warmed up');
    },
    (error: unknown) => {
      // Not fatal: the first question retries the start-up work and answers with a coded error if it fails.
      warm = true;
      logger.warn({ err: error }, 'assistant warm-up failed; the first question will retry it');
    },
  );
  return { done: () => warm, settled };
}

/**
 * The weekly summary: the scheduler names the latest full week in the data and locks it per channel; the poster
 * hands that same week to the Assistant, so the lock and the post's content always agree.
 */
function buildScheduler(
  services: Services,
  subscriptions: SubscriptionStore,
  running: RunningSlackApp,
  tracker: InFlightTracker,
): SummaryScheduler {
  const { config, logger, metrics, kv, warehouse } = services;
  return createSummaryScheduler(config, {
    store: kv,
    subscriptions,
    logger,
    resolvePeriod: async () => {
      const resolved = resolveSummaryPeriod('week', warehouse.schema());
      return {
        key: `${resolved.period.from}..${resolved.period.to}`,
        timeRange: resolved.period,
        ...(resolved.compareTo ? { compareTo: resolved.compareTo } : {}),
      };
    },
    post: async (channelId, period) => {
      await tracker.run('scheduled-summary', () => running.summaryPoster.post(channelId, period));
    },
    onOutcome: (outcome) =>
      metrics.scheduledPosts.inc({
        status: outcome.status === 'posted' ? 'posted' : outcome.status === 'failed' ? 'failed' : 'skipped',
      }),
  });
}

/**
 * `retail-insights summary --post CHANNEL [--period P]`: posts one summary now, exactly as the weekly job does
 * (top-level message, dashboard PNG in its thread, thread seeded for follow-ups). Needs only SLACK_BOT_TOKEN
 * (and SLACK_API_URL when not slack.com): no receiver is started.
 */
export async function postSummaryNow(
  services: Services,
  channel: string,
  period?: string,
): Promise<PostedSummary> {
  const { config } = services;
  if (!config.SLACK_BOT_TOKEN)
    throw new AppError('CONFIG_INVALID', messages.missingSlackConfig(['SLACK_BOT_TOKEN']));
  if (!/^[CGD][A-Z0-9]{2,}$/.test(channel)) {
    throw new AppError('BAD_INPUT', messages.badChannelId(channel));
  }
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL.replace(/\/?$/, '/') } : {}),
    retryConfig: WEB_CLIENT_RETRY_CONFIG,
    timeout: WEB_CLIENT_TIMEOUT_MS,
  });
  const deps = buildSlackDeps({
    config,
    logger: services.logger,
    kv: services.kv,
    assistant: services.assistant,
    schema: () => services.warehouse.schema(),
    metrics: services.metrics,
  });
  return createSummaryPoster(client, deps).post(channel, period);
}
