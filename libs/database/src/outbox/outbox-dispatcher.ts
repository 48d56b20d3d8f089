import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { withOutboxLane } from './outbox.service.js';
import { OUTBOX_LANES, type OutboxLane } from './outbox-message.entity.js';

/** One message handed to a handler. */
export interface OutboxDelivery {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  /** Deliveries including this one. */
  attempts: number;
}

/** Handles one message; throwing fails it (retried with backoff). */
export type OutboxHandler = (payload: Record<string, unknown>, message: { id: string; topic: string; attempts: number }) => Promise<void>;

/**
 * Handles all of a claimed batch's messages of its topic in one call (e.g. one engine write for
 * 500 documents). Throwing fails them all; returning `failed` fails only those (id → error).
 */
export interface OutboxBatchHandler {
  batch(messages: readonly OutboxDelivery[]): Promise<void | { failed: ReadonlyMap<string, unknown> }>;
}

export type OutboxHandlerEntry = OutboxHandler | OutboxBatchHandler;

export interface LaneOptions {
  /** Messages claimed at once. */
  batchSize: number;
  /** Batches of this lane in flight at once in one process (each its own claim). */
  concurrency: number;
  /** Wait between polls when the lane is empty, ms. */
  pollMs: number;
}

export interface DispatcherOptions {
  /** Per-lane settings; defaults in DEFAULT_LANES. */
  lanes?: Partial<Record<OutboxLane, Partial<LaneOptions>>>;
  /** Shorthand: the batch size of every lane (a lane's own setting wins). */
  batchSize?: number;
  /** Deliveries before a failing message is dead. */
  maxAttempts?: number;
  /** How long a claimed batch is this worker's unless renewed (every third of it while its handlers run); after that another worker may take it again. */
  leaseMs?: number;
  /** Backoff before retry n (1-based), in ms. */
  backoffMs?: (attempt: number) => number;
  /** Done messages are deleted after this long (at most once a minute, a bounded number at a time). */
  keepDoneMs?: number;
  log?: (line: string, extra?: Record<string, unknown>) => void;
}

/**
 * User lane: small batches polled often, so one person's change is handled within a poll or two.
 * Bulk lane: batches of 500 (the search engine's write size), two in flight so that claiming and
 * building the next batch overlaps the engine write of the current one. Jobs lane: scheduled jobs'
 * instances (JobScheduler).
 */
export const DEFAULT_LANES: Readonly<Record<OutboxLane, LaneOptions>> = {
  user: { batchSize: 100, concurrency: 1, pollMs: 100 },
  bulk: { batchSize: 500, concurrency: 2, pollMs: 250 },
  // job instances: a few at a time (each a sweep); two loops, so one long sweep does not hold up the rest
  jobs: { batchSize: 4, concurrency: 2, pollMs: 500 },
};

/**
 * Single-message handlers of one batch running at once: they are I/O-bound (a transaction, an
 * engine call), and each may hold a connection of the worker's pool.
 */
const HANDLER_CONCURRENCY = 4;

interface ClaimedRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

function isBatchHandler(h: OutboxHandlerEntry): h is OutboxBatchHandler {
  return typeof h === 'object' && h !== null && typeof h.batch === 'function';
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 2000);
}

/**
 * Hands committed outbox rows to their topic's handler (outbox v2, libs/database/README.md):
 * 1. claim: one short statement moves up to a batch of due rows of one lane to `processing` under
 *    a lease (FOR UPDATE SKIP LOCKED, so worker replicas share the queue without waiting on each
 *    other); a row whose key has an earlier unfinished row is not due yet, so one aggregate's
 *    messages go one at a time, in order, while different aggregates run in parallel;
 * 2. handle: outside any transaction — a handler that calls Meilisearch, Stripe or SMTP holds no
 *    row lock and no connection while it waits on the network;
 * 3. settle: one statement marks the batch done, or schedules each failed row's retry with backoff
 *    (dead after maxAttempts), but only while the lease is still this claim's (its token).
 * A worker killed between 1 and 3 leaves its rows `processing`; when the lease runs out they are
 * claimed again. Handlers are therefore idempotent.
 */
export class OutboxDispatcher {
  private readonly handlers = new Map<string, OutboxHandlerEntry>();
  private readonly lanes: Record<OutboxLane, LaneOptions>;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly keepDoneMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private lastPurge = 0;

  constructor(private readonly dataSource: DataSource, private readonly opts: DispatcherOptions = {}) {
    const lane = (l: OutboxLane): LaneOptions => ({ ...DEFAULT_LANES[l], ...(opts.batchSize ? { batchSize: opts.batchSize } : {}), ...opts.lanes?.[l] });
    this.lanes = { user: lane('user'), bulk: lane('bulk'), jobs: lane('jobs') };
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.keepDoneMs = opts.keepDoneMs ?? 24 * 3_600_000;
    this.backoffMs = opts.backoffMs ?? ((n) => Math.min(1000 * 2 ** (n - 1), 10 * 60_000));
  }

  register(topic: string, handler: OutboxHandlerEntry): void {
    if (this.handlers.has(topic)) throw new Error(`outbox topic ${topic} already has a handler`);
    this.handlers.set(topic, handler);
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }

  /** Claims, handles and settles one batch of the lane (of every lane when none is named); returns how many rows it took. */
  async runOnce(lane?: OutboxLane): Promise<number> {
    if (lane === undefined) {
      let n = 0;
      for (const l of OUTBOX_LANES) n += await this.runOnce(l);
      return n;
    }
    const topics = this.topics();
    if (topics.length === 0) return 0;
    const token = randomUUID();
    const rows = await this.claim(lane, topics, token);
    if (rows.length === 0) return 0;
    // a live worker keeps its lease while its handlers run (a slow engine, a long batch); one that
    // died stops renewing, and its rows are delivered again when the lease runs out
    const renew = setInterval(() => {
      this.dataSource
        .query(`UPDATE outbox_message SET lease_until = now() + $2 * interval '1 millisecond' WHERE lease_token = $1 AND status = 'processing'`, [token, this.leaseMs])
        .catch((e: unknown) => this.opts.log?.(`outbox lease renewal failed: ${errorText(e)}`));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    let failures: Map<string, string>;
    try {
      // what a handler enqueues stays in its lane; what a scheduled job enqueues is fan-out (bulk)
      failures = await withOutboxLane(lane === 'jobs' ? 'bulk' : lane, () => this.handle(rows));
    } finally {
      clearInterval(renew);
    }
    await this.settle(rows, failures, token);
    return rows.length;
  }

  private async claim(lane: OutboxLane, topics: string[], token: string): Promise<ClaimedRow[]> {
    // Rows whose lease ran out after their last allowed delivery (a message that kills its worker)
    // are dead rather than handed out forever.
    await this.dataSource.query(
      `UPDATE outbox_message SET status = 'dead', lease_until = NULL, lease_token = NULL,
              last_error = coalesce(last_error, 'the worker handling it stopped (lease expired)')
        WHERE lane = $1 AND status = 'processing' AND lease_until < now() AND attempts >= $2`,
      [lane, this.maxAttempts],
    );
    const answer = await this.dataSource.query<unknown[]>(
      `WITH due AS (
         SELECT m.id FROM outbox_message m
          WHERE m.lane = $1 AND m.topic = ANY($2::text[])
            AND ((m.status = 'pending' AND m.available_at <= now()) OR (m.status = 'processing' AND m.lease_until < now()))
            AND (m.ordering_key IS NULL OR NOT EXISTS (
                  SELECT 1 FROM outbox_message e
                   WHERE e.ordering_key = m.ordering_key AND e.id < m.id AND e.status IN ('pending', 'processing')))
          ORDER BY m.id
          LIMIT $3
          FOR UPDATE SKIP LOCKED)
       UPDATE outbox_message u
          SET status = 'processing', attempts = u.attempts + 1, lease_token = $4,
              lease_until = now() + $5 * interval '1 millisecond'
         FROM due WHERE u.id = due.id
       RETURNING u.id, u.topic, u.payload, u.attempts`,
      [lane, topics, this.lanes[lane].batchSize, token, this.leaseMs],
    );
    // node-postgres answers an UPDATE ... RETURNING through TypeORM as [rows, count]; RETURNING keeps no order
    const rows = (Array.isArray(answer[0]) ? answer[0] : answer) as ClaimedRow[];
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Runs the handlers; returns the failed rows' errors (id → message). */
  private async handle(rows: ClaimedRow[]): Promise<Map<string, string>> {
    const failures = new Map<string, string>();
    const byTopic = new Map<string, ClaimedRow[]>();
    for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    for (const [topic, list] of byTopic) {
      const handler = this.handlers.get(topic)!;
      if (isBatchHandler(handler)) {
        try {
          const result = await handler.batch(list);
          for (const [id, e] of result?.failed ?? []) failures.set(id, errorText(e));
        } catch (e) {
          for (const r of list) failures.set(r.id, errorText(e));
        }
        continue;
      }
      // a batch holds at most one message per ordering key, so its messages may run side by side
      let next = 0;
      const runner = async (): Promise<void> => {
        while (next < list.length) {
          const r = list[next++];
          try {
            await handler(r.payload, { id: r.id, topic: r.topic, attempts: r.attempts });
          } catch (e) {
            failures.set(r.id, errorText(e));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(HANDLER_CONCURRENCY, list.length) }, runner));
    }
    for (const r of rows) {
      const error = failures.get(r.id);
      if (error !== undefined) this.opts.log?.(`outbox ${r.topic} #${r.id} failed (attempt ${r.attempts}${r.attempts >= this.maxAttempts ? ', dead' : ''}): ${error}`);
    }
    return failures;
  }

  private async settle(rows: ClaimedRow[], failures: Map<string, string>, token: string): Promise<void> {
    const errors = rows.map((r) => failures.get(r.id) ?? null);
    const backoff = rows.map((r) => (failures.has(r.id) ? Math.max(0, Math.round(this.backoffMs(r.attempts))) : 0));
    await this.dataSource.query(
      `UPDATE outbox_message m SET
              status = CASE WHEN f.error IS NULL THEN 'done' WHEN m.attempts >= $4 THEN 'dead' ELSE 'pending' END,
              processed_at = CASE WHEN f.error IS NULL THEN now() ELSE m.processed_at END,
              last_error = f.error,
              available_at = CASE WHEN f.error IS NULL THEN m.available_at ELSE now() + f.backoff * interval '1 millisecond' END,
              lease_until = NULL, lease_token = NULL
         FROM unnest($1::bigint[], $2::text[], $3::int[]) AS f(id, error, backoff)
        WHERE m.id = f.id AND m.status = 'processing' AND m.lease_token = $5`,
      [rows.map((r) => r.id), errors, backoff, this.maxAttempts, token],
    );
  }

  /** Deletes done rows older than keepDoneMs, a bounded number at a time, at most once a minute. */
  private async purgeDone(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.dataSource.query(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message WHERE status = 'done' AND processed_at < now() - $1 * interval '1 millisecond' LIMIT 5000)`,
      [this.keepDoneMs],
    );
  }

  /** Polls every lane until stopped: per lane `concurrency` loops, each claiming its own batches. */
  start(): { stop: () => Promise<void> } {
    let running = true;
    const wakers = new Set<() => void>();
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        wakers.add(done);
      });
    const loop = async (lane: OutboxLane, first: boolean): Promise<void> => {
      const { pollMs, batchSize } = this.lanes[lane];
      while (running) {
        let n = 0;
        try {
          n = await this.runOnce(lane);
          if (first && n < batchSize) await this.purgeDone();
        } catch (e) {
          this.opts.log?.(`outbox dispatcher (${lane}) error: ${errorText(e)}`);
        }
        // a full batch means more is waiting: claim again at once
        if (n < batchSize && running) await sleep(pollMs);
      }
    };
    const loops = OUTBOX_LANES.flatMap((lane) => Array.from({ length: this.lanes[lane].concurrency }, (_, i) => loop(lane, lane === 'user' && i === 0)));
    const done = Promise.all(loops);
    return {
      stop: async () => {
        running = false;
        for (const wake of [...wakers]) wake();
        await done;
      },
    };
  }
}

export interface OutboxLaneStats {
  pending: number;
  processing: number;
  dead: number;
  oldestPendingSeconds: number;
}

/** Dead letters of one topic (a scheduled job's are `job:<name>`), with the last error. */
export interface OutboxDeadTopic {
  topic: string;
  count: number;
  lastError: string | null;
}

export interface OutboxStats {
  pending: number;
  processing: number;
  dead: number;
  oldestPendingSeconds: number;
  lanes: Record<OutboxLane, OutboxLaneStats>;
  deadTopics: OutboxDeadTopic[];
}

export async function outboxStats(dataSource: DataSource): Promise<OutboxStats> {
  const rows = await dataSource.query<{ lane: OutboxLane; pending: number; processing: number; dead: number; oldest: number }[]>(
    `SELECT lane,
            count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE status = 'processing')::int AS processing,
            count(*) FILTER (WHERE status = 'dead')::int AS dead,
            coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status IN ('pending', 'processing'))), 0)::float AS oldest
       FROM outbox_message WHERE status <> 'done' GROUP BY lane`,
  );
  const lanes = Object.fromEntries(OUTBOX_LANES.map((l) => [l, { pending: 0, processing: 0, dead: 0, oldestPendingSeconds: 0 }])) as Record<OutboxLane, OutboxLaneStats>;
  let dead = 0;
  for (const r of rows) {
    lanes[r.lane] = { pending: r.pending, processing: r.processing, dead: r.dead, oldestPendingSeconds: Math.round(r.oldest) };
    dead += r.dead;
  }
  const deadTopics =
    dead === 0
      ? []
      : await dataSource.query<OutboxDeadTopic[]>(
          `SELECT topic, count(*)::int AS count, (array_agg(last_error ORDER BY id DESC))[1] AS "lastError"
             FROM outbox_message WHERE status = 'dead' GROUP BY topic ORDER BY topic`,
        );
  const all = Object.values(lanes);
  return {
    pending: all.reduce((s, l) => s + l.pending, 0),
    processing: all.reduce((s, l) => s + l.processing, 0),
    dead,
    oldestPendingSeconds: Math.max(0, ...all.map((l) => l.oldestPendingSeconds)),
    lanes,
    deadTopics,
  };
}
