import { DataSource } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity.js';

export type OutboxHandler = (payload: Record<string, unknown>, message: { id: string; topic: string; attempts: number }) => Promise<void>;

export interface DispatcherOptions {
  batchSize?: number;
  maxAttempts?: number;
  /** Backoff before retry n (1-based), in ms. */
  backoffMs?: (attempt: number) => number;
  log?: (line: string, extra?: Record<string, unknown>) => void;
}

/**
 * Hands committed outbox rows to their topic's handler. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several workers share the queue; a crash mid-handler rolls the claim
 * back and the row is handled again (handlers are idempotent). Failures retry with exponential
 * backoff and end in the `dead` state after maxAttempts; /health reports dead letters.
 */
export class OutboxDispatcher {
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;

  constructor(private readonly dataSource: DataSource, private readonly opts: DispatcherOptions = {}) {
    this.batchSize = opts.batchSize ?? 50;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.backoffMs = opts.backoffMs ?? ((n) => Math.min(1000 * 2 ** (n - 1), 10 * 60_000));
  }

  register(topic: string, handler: OutboxHandler): void {
    if (this.handlers.has(topic)) throw new Error(`outbox topic ${topic} already has a handler`);
    this.handlers.set(topic, handler);
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }

  /** Handles up to one batch; returns how many rows it took. */
  async runOnce(): Promise<number> {
    const topics = this.topics();
    if (topics.length === 0) return 0;
    let taken = 0;
    const tried = ['0']; // a row that failed in this batch waits for the next one, whatever its backoff
    for (let i = 0; i < this.batchSize; i++) {
      const handled = await this.dataSource.transaction(async (manager) => {
        const rows: OutboxMessage[] = await manager
          .createQueryBuilder(OutboxMessage, 'm')
          .where(`m.status = 'pending' AND m.availableAt <= now() AND m.topic IN (:...topics) AND m.id NOT IN (:...tried)`, { topics, tried })
          .orderBy('m.id', 'ASC')
          .limit(1)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const row = rows[0];
        if (!row) return false;
        tried.push(row.id);
        const handler = this.handlers.get(row.topic)!;
        try {
          await handler(row.payload, { id: row.id, topic: row.topic, attempts: row.attempts });
          await manager.update(OutboxMessage, { id: row.id }, { status: 'done', processedAt: new Date(), attempts: row.attempts + 1, lastError: null });
        } catch (e) {
          const attempts = row.attempts + 1;
          const dead = attempts >= this.maxAttempts;
          const message = e instanceof Error ? e.message : String(e);
          this.opts.log?.(`outbox ${row.topic} #${row.id} failed (attempt ${attempts}${dead ? ', dead' : ''}): ${message}`);
          await manager.update(OutboxMessage, { id: row.id }, {
            attempts,
            lastError: message.slice(0, 2000),
            status: dead ? 'dead' : 'pending',
            availableAt: new Date(Date.now() + this.backoffMs(attempts)),
          });
        }
        return true;
      });
      if (!handled) break;
      taken++;
    }
    return taken;
  }

  /** Polls until stopped. */
  start(intervalMs = 500): { stop: () => Promise<void> } {
    let running = true;
    let current: Promise<unknown> = Promise.resolve();
    const loop = async (): Promise<void> => {
      while (running) {
        let n = 0;
        try {
          current = this.runOnce();
          n = (await current) as number;
        } catch (e) {
          this.opts.log?.(`outbox dispatcher error: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (n === 0 && running) await new Promise((r) => setTimeout(r, intervalMs));
      }
    };
    const done = loop();
    return {
      stop: async () => {
        running = false;
        await done;
      },
    };
  }
}

export interface OutboxStats {
  pending: number;
  dead: number;
  oldestPendingSeconds: number;
}

export async function outboxStats(dataSource: DataSource): Promise<OutboxStats> {
  const [row] = await dataSource.query<{ pending: number; dead: number; oldest: number }[]>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE status = 'dead')::int AS dead,
            coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')), 0)::float AS oldest
       FROM outbox_message`,
  );
  return { pending: row.pending, dead: row.dead, oldestPendingSeconds: Math.round(row.oldest) };
}
