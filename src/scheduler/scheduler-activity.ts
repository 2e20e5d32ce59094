import type { Clock } from './clock.js';
import { backoffDelayMs, type PostErrorInfo, type RetryPolicy } from './retry-policy.js';

export type Attempted<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; info: PostErrorInfo; attempts: number; stopped: boolean };

/** For steps whose failures are worth retrying whatever they are (the period, the lock store). */
export const alwaysRetryable = (error: unknown): PostErrorInfo => ({
  code: (error as { code?: unknown })?.code?.toString() ?? 'unknown',
  retryable: true,
});

/**
 * The scheduler's running work: a busy count (so tests on a ManualClock can wait until nothing runs), back-off
 * sleeps on the injected clock that stop() can cut short, and the retry loop built on them.
 */
export class SchedulerActivity {
  stopped = false;
  private busy = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
  ) {}

  enter(): void {
    this.busy++;
  }

  leave(): void {
    this.busy--;
    if (this.busy === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Runs `work` counted as busy. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  /** Resolves when no work is running (back-off waits do not count). */
  settled(): Promise<void> {
    return this.busy === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Marks stopped and wakes every back-off wait (they resolve false). */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.sleepers]) wake();
  }

  /** Runs `op` up to maxAttempts times with exponential back-off; stops early on a non-retryable error. */
  async attempt<T>(
    op: (attempt: number) => Promise<T>,
    classify: (error: unknown) => PostErrorInfo,
    onRetry?: (attempt: number, info: PostErrorInfo, delayMs: number) => void,
  ): Promise<Attempted<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return { ok: true, value: await op(attempt), attempts: attempt };
      } catch (error) {
        const info = classify(error);
        const fail = (stopped: boolean): Attempted<T> => ({
          ok: false,
          error,
          info,
          attempts: attempt,
          stopped,
        });
        if (this.stopped) return fail(true);
        if (!info.retryable || attempt >= this.retry.maxAttempts) return fail(false);
        const delayMs = Math.max(backoffDelayMs(this.retry, attempt), info.retryAfterMs ?? 0);
        onRetry?.(attempt, info, delayMs);
        if (!(await this.sleep(delayMs))) return fail(true);
      }
    }
  }

  /** A back-off wait on the injected clock. Not "busy" while waiting; resolves false when stopped. */
  private sleep(delayMs: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      let done = false;
      const wake = (completed: boolean) => {
        if (done) return;
        done = true;
        this.sleepers.delete(cancel);
        this.enter();
        resolve(completed && !this.stopped);
      };
      const handle = this.clock.setTimeout(() => wake(true), delayMs);
      const cancel = () => {
        this.clock.clearTimeout(handle);
        wake(false);
      };
      this.sleepers.add(cancel);
      this.leave();
    });
  }
}
