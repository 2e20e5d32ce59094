/**
 * A small concurrency limiter for answers. Slack's acks are sent on the same event loop as the answer work
 * (DuckDB calls, chart rendering); running 200 answers at once starves the loop and acks arrive late, which
 * makes Slack retry. Queueing the work keeps at most `concurrency` answers running, so a new request is acked
 * between two of them.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new Error('concurrency must be a positive integer');
  }

  get pending(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
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
