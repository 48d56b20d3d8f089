/**
 * At most `limit` holders at once, the rest queued first-in first-out: admission control in front
 * of a contended resource (e.g. the hot rows of one program's pools), so waiting happens in the
 * queue here rather than as blocked database sessions.
 */
export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  }

  /** Runs `work` once a slot is free; the slot is given back however `work` ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Holders plus waiters (for tests and diagnostics). */
  get pending(): number {
    return this.active + this.queue.length;
  }
}
