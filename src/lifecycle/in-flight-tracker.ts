import { AppError } from '../errors.js';

/**
 * Counts the work the process has promised to finish (an answer being computed after Slack's ack, a
 * scheduled post), so a shutdown can wait for it. Wrap each unit of work once, at the surface that took it:
 *
 *   await tracker.run('mention', (signal) => assistant.ask(turn))
 *
 * After stopAccepting(), run() rejects with ShuttingDownError (the caller tells the user to ask again);
 * when a bounded drain gives up, the signal passed to the remaining work is aborted.
 */
export interface InFlightTracker {
  run<T>(label: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Units of work in progress. */
  readonly count: number;
  readonly accepting: boolean;
  stopAccepting(): void;
  /** Waits until nothing is in flight or `timeoutMs` passed, whichever is first. */
  drain(timeoutMs: number): Promise<DrainResult>;
}

export interface DrainResult {
  /** True when every unit of work finished within the bound. */
  drained: boolean;
  /** Labels of the work still running when the bound was reached (its signals are aborted). */
  abandoned: string[];
  waitedMs: number;
}

export class ShuttingDownError extends AppError {
  constructor() {
    super('INTERNAL', 'The assistant is restarting. Please ask again in a minute.', {
      detail: 'shutting down: not accepting new work',
    });
  }
}

export interface InFlightTrackerOptions {
  /** Called with the new count on every change (e.g. metrics.inFlight.set). */
  onCountChange?: (count: number) => void;
}

export function createInFlightTracker(options: InFlightTrackerOptions = {}): InFlightTracker {
  const active = new Map<number, { label: string; controller: AbortController }>();
  let nextId = 0;
  let accepting = true;
  let idleWaiters: Array<() => void> = [];

  function changed(): void {
    options.onCountChange?.(active.size);
    if (active.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    get count() {
      return active.size;
    },
    get accepting() {
      return accepting;
    },
    stopAccepting() {
      accepting = false;
    },
    async run<T>(label: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
      if (!accepting) throw new ShuttingDownError();
      const id = nextId++;
      const controller = new AbortController();
      active.set(id, { label, controller });
      changed();
      try {
        return await work(controller.signal);
      } finally {
        active.delete(id);
        changed();
      }
    },
    async drain(timeoutMs: number): Promise<DrainResult> {
      const started = Date.now();
      if (active.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => idleWaiters.push(resolve)),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, timeoutMs);
          }),
        ]);
        clearTimeout(timer);
      }
      const abandoned = [...active.values()];
      for (const { controller } of abandoned) controller.abort(new ShuttingDownError());
      return {
        drained: abandoned.length === 0,
        abandoned: abandoned.map((a) => a.label),
        waitedMs: Date.now() - started,
      };
    },
  };
}
