/**
 * Fixed one-window counters per key, in memory (per process). `hit` counts an attempt and answers
 * how many seconds the caller must wait when the key is over its limit.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts an attempt at `nowMs`; returns null when allowed, else the seconds until the window ends. */
  hit(key: string, nowMs: number): number | null {
    this.sweep(nowMs);
    const w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs || nowMs < w.start) {
      this.windows.set(key, { start: nowMs, count: 1 });
      return null;
    }
    w.count++;
    if (w.count > this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
    return null;
  }

  get size(): number {
    return this.windows.size;
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < this.windowMs) return;
    this.lastSweep = nowMs;
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
