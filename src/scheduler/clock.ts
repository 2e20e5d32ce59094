/** Time for the scheduler: injectable so tests move a clock instead of waiting for Monday. */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers cap a delay at 2^31-1 ms (~24.8 days); longer waits are re-armed by the caller. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export function createSystemClock(): Clock {
  const handles = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout(fn, delayMs) {
      const id = nextId++;
      const timer = setTimeout(
        () => {
          handles.delete(id);
          fn();
        },
        Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS),
      );
      // The scheduler must never keep a CLI process alive on its own.
      timer.unref();
      handles.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      const timer = handles.get(handle.id);
      if (timer) clearTimeout(timer);
      handles.delete(handle.id);
    },
  };
}

interface ManualTimer {
  id: number;
  atMs: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to (tests, simulations). advance() fires due timers in time order and,
 * after each, awaits `settle` so asynchronous work a timer started (Redis calls, posts) can finish and arm
 * its next timer before time moves on.
 */
export class ManualClock implements Clock {
  private nowMs: number;
  private timers: ManualTimer[] = [];
  private nextId = 1;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const timer = { id: this.nextId++, atMs: this.nowMs + Math.max(0, delayMs), fn };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  async advance(ms: number, settle: () => Promise<unknown> = flushMicrotasks): Promise<void> {
    await this.advanceTo(this.nowMs + ms, settle);
  }

  async advanceTo(targetMs: number, settle: () => Promise<unknown> = flushMicrotasks): Promise<void> {
    await settle();
    for (;;) {
      const due = this.timers
        .filter((t) => t.atMs <= targetMs)
        .sort((a, b) => a.atMs - b.atMs || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = Math.max(this.nowMs, due.atMs);
      due.fn();
      await settle();
    }
    this.nowMs = Math.max(this.nowMs, targetMs);
  }
}

async function flushMicrotasks(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}
