import type { Logger } from '../observability/logger.js';
import type { InFlightTracker } from './in-flight-tracker.js';

/**
 * SIGTERM/SIGINT → stop taking events → finish in-flight answers (bounded by SHUTDOWN_TIMEOUT_MS) → close
 * resources in order (e.g. health server, Redis, DuckDB) → exit. Kubernetes sends SIGTERM and waits
 * terminationGracePeriodSeconds before SIGKILL, so the bound must stay below that (see manifests/base).
 * A second signal exits at once, for an operator who really means it.
 *
 * Wiring, in the composition root:
 *   const shutdown = createGracefulShutdown({
 *     tracker, logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
 *     stopIntake: [{ name: 'slack', run: () => app.stop() }, { name: 'scheduler', run: () => scheduler.stop() }],
 *     closers: [{ name: 'health-server', run: () => health.close() }, { name: 'redis', run: () => kv.close() },
 *               { name: 'duckdb', run: () => warehouse.close() }],
 *   });
 *   shutdown.installSignalHandlers();
 *   readiness probe: { shuttingDown: () => shutdown.shuttingDown }
 */
export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown> | unknown;
}

export interface GracefulShutdownOptions {
  tracker: InFlightTracker;
  logger: Logger;
  /** Bound on waiting for in-flight work (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  /** Run first, in order: whatever feeds us work (Slack receiver or socket, scheduler). */
  stopIntake?: ShutdownStep[];
  /** Run after draining, in order; one failing does not stop the next. */
  closers: ShutdownStep[];
  /** Bound on each intake/closer step, so a hung close cannot block exit. Default 5000. */
  stepTimeoutMs?: number;
  /** Called with the exit code once done (signal path only). Default process.exit. */
  exit?: (code: number) => void;
}

export interface ShutdownReport {
  reason: string;
  drained: boolean;
  abandoned: string[];
  /** Names of the steps that completed, in the order they ran. */
  completed: string[];
  failed: { name: string; error: string }[];
  exitCode: 0 | 1;
  elapsedMs: number;
}

export interface GracefulShutdown {
  readonly shuttingDown: boolean;
  /** Idempotent: a second call returns the first call's promise. */
  shutdown(reason: string): Promise<ShutdownReport>;
  /** Installs SIGTERM/SIGINT handlers on `target` (default process); returns a function removing them. */
  installSignalHandlers(target?: SignalTarget): () => void;
}

/** The part of `process` the handlers need (an EventEmitter in tests). */
export interface SignalTarget {
  on(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export function createGracefulShutdown(options: GracefulShutdownOptions): GracefulShutdown {
  const { tracker, logger, timeoutMs } = options;
  const stepTimeoutMs = options.stepTimeoutMs ?? 5000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Promise<ShutdownReport> | undefined;

  async function runSteps(steps: ShutdownStep[], report: ShutdownReport): Promise<void> {
    for (const step of steps) {
      try {
        await bounded(Promise.resolve().then(step.run), stepTimeoutMs, step.name);
        report.completed.push(step.name);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.failed.push({ name: step.name, error: message });
        logger.warn({ step: step.name, err: error }, 'shutdown step failed; continuing');
      }
    }
  }

  async function doShutdown(reason: string): Promise<ShutdownReport> {
    const started = Date.now();
    const report: ShutdownReport = {
      reason,
      drained: true,
      abandoned: [],
      completed: [],
      failed: [],
      exitCode: 0,
      elapsedMs: 0,
    };
    logger.info({ reason, inFlight: tracker.count, timeoutMs }, 'shutting down: no new work accepted');
    tracker.stopAccepting();
    await runSteps(options.stopIntake ?? [], report);

    const drain = await tracker.drain(timeoutMs);
    report.drained = drain.drained;
    report.abandoned = drain.abandoned;
    if (drain.drained) logger.info({ waitedMs: drain.waitedMs }, 'in-flight work finished');
    else
      logger.warn(
        { abandoned: drain.abandoned, waitedMs: drain.waitedMs },
        'shutdown timeout reached with work still in flight; abandoning it',
      );

    await runSteps(options.closers, report);
    report.exitCode = report.drained && report.failed.length === 0 ? 0 : 1;
    report.elapsedMs = Date.now() - started;
    logger.info(
      { completed: report.completed, failed: report.failed, elapsedMs: report.elapsedMs },
      'shutdown complete',
    );
    return report;
  }

  const shutdown: GracefulShutdown = {
    get shuttingDown() {
      return running !== undefined;
    },
    shutdown(reason) {
      running ??= doShutdown(reason);
      return running;
    },
    installSignalHandlers(target: SignalTarget = process) {
      const onSignal = (signal: NodeJS.Signals) => {
        if (running) {
          logger.warn({ signal }, 'second signal during shutdown: exiting now');
          exit(1);
          return;
        }
        shutdown.shutdown(signal).then(
          (report) => exit(report.exitCode),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            exit(1);
          },
        );
      };
      for (const signal of SIGNALS) target.on(signal, onSignal);
      return () => {
        for (const signal of SIGNALS) target.off(signal, onSignal);
      };
    },
  };
  return shutdown;
}

async function bounded<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${name} did not finish within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
