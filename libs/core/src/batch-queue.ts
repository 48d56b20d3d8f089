/**
 * Group commit in front of a contended resource (e.g. the hot pool rows of one program), or
 * coalescing of one kind of lookup: callers submit items one by one; at most `maxInFlight` runs
 * (statements) go at once, and whatever queued while they ran goes into the next run together —
 * up to `maxBatch` items, in arrival order, never two items that share a key (those wait for a
 * later run, keeping their order). No item is ever answered by a run that started before it was
 * submitted.
 *
 * A write of several items either succeeds for all or, if it is refused (`alone(error)`: e.g. a
 * check failed and the statement rolled back), is retried one item at a time in arrival order
 * (`runOne`), each caller getting its own answer. So a batch is only ever an optimisation: every
 * answer is the one the item would have had alone, as long as `runMany` is all-or-nothing (one
 * statement, one transaction). Any other error (a timeout, a lost connection: the outcome may be
 * unknown) is every item's answer, without a retry.
 */
export interface BatchQueueOptions<T, R> {
  /** Runs going at once (≥ 1). */
  maxInFlight: number;
  /** Items per run (≥ 1; 1 disables batching). */
  maxBatch: number;
  /** Keys of an item: items sharing a key never go into the same run. */
  keysOf: (item: T) => readonly string[];
  /** Runs several items (≥ 2), all-or-nothing when it writes; the results in the items' order. */
  runMany: (items: T[]) => Promise<R[]>;
  /** Whether an error of `runMany` means "refused, nothing written": run the items one at a time. */
  alone: (error: unknown) => boolean;
  /** Runs one item (also the fallback after a refused batch). */
  runOne: (item: T) => Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  keys: readonly string[];
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class BatchQueue<T, R> {
  private readonly queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private batches = 0;
  private batchedItems = 0;
  private fallbacks = 0;

  constructor(private readonly options: BatchQueueOptions<T, R>) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) throw new RangeError('maxInFlight must be a positive integer');
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) throw new RangeError('maxBatch must be a positive integer');
  }

  /** Queues `item`; settles with its own result or error once a write containing it ends. */
  submit(item: T): Promise<R> {
    let keys: readonly string[];
    try {
      keys = this.options.keysOf(item);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, keys, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting plus writes running; and how batching went (for tests and diagnostics). */
  get stats(): { queued: number; inFlight: number; batches: number; batchedItems: number; fallbacks: number } {
    return { queued: this.queue.length, inFlight: this.inFlight, batches: this.batches, batchedItems: this.batchedItems, fallbacks: this.fallbacks };
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The next write's items: the oldest, then later ones whose keys are all still free. */
  private take(): Waiting<T, R>[] {
    const taken: Waiting<T, R>[] = [];
    const keys = new Set<string>();
    const rest: Waiting<T, R>[] = [];
    for (const w of this.queue) {
      const itemKeys = taken.length < this.options.maxBatch ? w.keys : null;
      if (itemKeys && !itemKeys.some((k) => keys.has(k))) {
        taken.push(w);
        for (const k of itemKeys) keys.add(k);
      } else {
        rest.push(w);
        // a skipped item's keys stay reserved, so a later item never overtakes an earlier one with a shared key
        if (itemKeys) for (const k of itemKeys) keys.add(k);
      }
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return taken;
  }

  private async write(batch: Waiting<T, R>[]): Promise<void> {
    if (batch.length > 1 && (await this.writeTogether(batch))) return;
    for (const w of batch) {
      try {
        w.resolve(await this.options.runOne(w.item));
      } catch (e) {
        w.reject(e);
      }
    }
  }

  /** The batch in one write: true when every item got its answer, false when it must go one at a time. */
  private async writeTogether(batch: Waiting<T, R>[]): Promise<boolean> {
    this.batches++;
    let results: R[];
    try {
      results = await this.options.runMany(batch.map((w) => w.item));
    } catch (e) {
      if (this.options.alone(e)) {
        // refused as a whole (a cap, the budget, a conflict): one at a time, in order
        this.fallbacks++;
        return false;
      }
      for (const w of batch) w.reject(e);
      return true;
    }
    if (results.length !== batch.length) {
      // written (it did not throw), but the answer is unusable: never write again
      const e = new Error(`runMany answered ${results.length} results for ${batch.length} items`);
      for (const w of batch) w.reject(e);
      return true;
    }
    this.batchedItems += batch.length;
    batch.forEach((w, i) => w.resolve(results[i]));
    return true;
  }
}
