import { resolveSummaryPeriod } from '../agent/summary/summary-period.js';
import { createGracefulShutdown, type ShutdownReport } from '../lifecycle/graceful-shutdown.js';
import { createInFlightTracker } from '../lifecycle/in-flight-tracker.js';
import type { Services } from '../main.js';
import { dataStatus } from '../semantic/data-availability.js';
import { createHealthRoutes, createRedisProbe } from '../observability/health.js';
import { startHealthServer } from '../observability/health-server.js';
import { createSummaryScheduler } from '../scheduler/summary-scheduler.js';
import { createSubscriptionStore } from '../scheduler/subscription-store.js';
import { slackSettingsFromConfig, startSlackApp, type RunningSlackApp } from './app.js';
import { buildSlackDeps } from './deps.js';

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
  let shuttingDown = false;
  // The data profile is read before the first question, not during it: at 100M order rows the scans it still
  // needs (city, SKU, style) take tens of seconds. Until then the instance reports not ready, so a rolling
  // deploy keeps the old pods answering.
  let warm = false;
  const warmStarted = performance.now();
  const warmedUp = (services.assistant.warmUp?.() ?? Promise.resolve()).then(
    () => {
      warm = true;
      logger.info({ elapsedMs: Math.round(performance.now() - warmStarted) }, 'assistant warmed up');
    },
    (error: unknown) => {
      // Not fatal: the first question retries the start-up work and answers with a coded error if it fails.
      warm = true;
      logger.warn({ err: error }, 'assistant warm-up failed; the first question will retry it');
    },
  );
  const routes = createHealthRoutes({
    probes: {
      warehouse: () => Boolean(warehouse.schema()) && warm,
      redis: createRedisProbe(config.REDIS_URL ? () => kv.ping() : undefined),
      shuttingDown: () => shuttingDown,
      data: () => dataStatus(warehouse.loadReport),
    },
    ...(config.METRICS_ENABLED === false ? {} : { metrics }),
    logger,
  });

  const subscriptions = createSubscriptionStore(kv, { defaultTimezone: config.SUMMARY_TIMEZONE });
  // The scheduler is built after the app (it posts through it); subscribe/unsubscribe reach it through this.
  const hooks: { refreshScheduler?: () => void } = {};
  const deps = {
    ...buildSlackDeps({
      config,
      logger,
      kv,
      assistant: services.assistant,
      schema: () => warehouse.schema(),
      dataStatus: () => dataStatus(warehouse.loadReport),
      tracker,
      metrics,
    }),
    subscriptions,
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

  const scheduler = createSummaryScheduler(config, {
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
          shuttingDown = true;
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
  return { running, done, warmedUp, shutdown: run };
}
