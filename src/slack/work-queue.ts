import { AppError } from '../errors.js';

/** The queue is full: a clear "busy" reply now beats an answer an hour late (or a process out of memory). */
export class QueueFullError extends AppError {
  constructor(pending: number) {
    super('BUSY', 'I am answering a lot of questions right now. Please ask again in a minute.', {
      detail: `answer queue full (${pending} waiting)`,
    });
  }
}

/**
 * A small concurrency limiter for answers. Slack's acks are sent on the same event loop as the answer work
 * (DuckDB calls, chart rendering); running 200 answers at once starves the loop and acks arrive late, which
 * makes Slack retry. Queueing the work keeps at most `concurrency` answers running, so a new request is acked
 * between two of them.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly maxPending: number;

  constructor(
    private readonly concurrency: number,
    options: { maxPending?: number } = {},
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new Error('concurrency must be a positive integer');
    this.maxPending = options.maxPending ?? Number.POSITIVE_INFINITY;
  }

  get pending(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  /** Throws QueueFullError at once when `maxPending` jobs are already waiting. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency && this.waiting.length >= this.maxPending)
      throw new QueueFullError(this.waiting.length);
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next job (running stays the same), or free it.
      if (next) setImmediate(next);
      else this.running -= 1;
    }
  }
}

// Chart rendering is synchronous CPU work; two at a time keeps DuckDB busy without starving the acks.
export const DEFAULT_MAX_CONCURRENT_ANSWERS = 2;
// At a few seconds an answer, 40 waiting is already a minute or two of work; beyond that, say so.
export const DEFAULT_MAX_PENDING_ANSWERS = 40;
