import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxLane } from './outbox-message.entity.js';

export interface EnqueueOptions {
  /** The lane; default: the ambient one (withOutboxLane, or the lane of the message being handled), else `user`. */
  lane?: OutboxLane;
  /** The aggregate the message is about (`offering:<id>`): its messages are delivered one at a time, in order. */
  orderingKey?: string;
  /**
   * With an orderingKey: when a message of the same topic and key is still pending (not yet
   * claimed), add none but give that one this payload. Only for handlers that re-read the aggregate's current state and ignore the
   * payload's details (the search indexer): the pending message will see this change too.
   */
  coalesce?: boolean;
}

const ambientLane = new AsyncLocalStorage<OutboxLane>();

/**
 * Runs `work` with `lane` as the default lane of every message it enqueues: the demo seed and a
 * bulk handler's fan-out write to the bulk lane without each service being told.
 */
export function withOutboxLane<T>(lane: OutboxLane, work: () => Promise<T>): Promise<T> {
  return ambientLane.run(lane, work);
}

/** Writes outbox rows inside the caller's transaction (never a side effect of its own). */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, topic: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}): Promise<void> {
    const lane = opts.lane ?? ambientLane.getStore() ?? 'user';
    const key = opts.orderingKey ?? null;
    if (key !== null) {
      // Lock the key's unclaimed messages until this transaction ends, so no worker claims one of
      // them before this change is committed (a claim skips locked rows). A user's change lifts
      // them into the user lane: its own message may not overtake them (one key, one order), and it
      // must not wait behind the bulk lane's backlog.
      // Writers of one key take turns until commit, so ids follow commit order: otherwise a later
      // message committed first could be claimed before an earlier, still uncommitted one.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`outbox:${key}`]);
      // A coalesced message takes the newest payload, so it reads as the latest change, and is due
      // now: a change does not inherit the backoff of an earlier failed delivery.
      const answer = await manager.query<unknown[]>(
        `UPDATE outbox_message SET lane = CASE WHEN $2 = 'user' THEN 'user' ELSE lane END,
                payload = CASE WHEN $3 AND topic = $4 THEN $5::jsonb ELSE payload END,
                available_at = CASE WHEN $3 AND topic = $4 THEN least(available_at, now()) ELSE available_at END
          WHERE ordering_key = $1 AND status = 'pending'
          RETURNING topic`,
        [key, lane, opts.coalesce === true, topic, JSON.stringify(payload)],
      );
      // node-postgres answers an UPDATE ... RETURNING through TypeORM as [rows, count]
      const rows = (Array.isArray(answer[0]) ? answer[0] : answer) as { topic: string }[];
      if (opts.coalesce && rows.some((r) => r.topic === topic)) return;
    }
    await manager.query(`INSERT INTO outbox_message (topic, payload, lane, ordering_key) VALUES ($1, $2::jsonb, $3, $4)`, [
      topic,
      JSON.stringify(payload),
      lane,
      key,
    ]);
  }
}
