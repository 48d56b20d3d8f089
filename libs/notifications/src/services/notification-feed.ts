import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '@innoserve/core';
import { OutboxService, SCHEDULED_JOB, TransactionRunner, type ScheduledJob } from '@innoserve/database';
import { isEssential, type NotificationCategory } from '../catalog/categories.js';
import { EVENT_SPECS, NOTIFIED_ACTIONS, type DomainEvent } from '../catalog/events.js';
import { NotificationCursor } from '../entities/notification-cursor.entity.js';

export const NOTIFICATION_EMAIL_TOPIC = 'notifications.email';
const CURSOR = 'audit';
const PAGE = 1000;

interface Row {
  id: string;
  stream_type: string;
  stream_id: string;
  action: string;
  actor_id: string | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  xact_id: string;
}

/**
 * Turns committed domain events into notifications. The events are the audit log's entries (each
 * state change writes one in its own transaction); the feed reads them in transaction-id windows
 * below its snapshot's xmin, as the audit sealer does, so an entry is read only once its
 * transaction has committed and none is skipped however transactions interleave. Each window is
 * one transaction: the notifications (unique per user and event), the e-mails queued on the
 * outbox, and the cursor move together — a crash repeats the window and changes nothing twice.
 */
@Injectable()
export class NotificationFeed {
  private readonly logger = new Logger('NotificationFeed');

  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'notifications.feed',
    intervalMs: 5_000,
    run: async () => {
      const n = await this.drain();
      if (n > 0) this.logger.log(`${n} notification(s)`);
    },
  };

  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
  ) {}

  /** Reads every committed event past the cursor; answers how many notifications it wrote. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { written, more } = await this.tx.run((m) => this.window(m));
      total += written;
      if (!more) return total;
    }
  }

  private async window(m: EntityManager): Promise<{ written: number; more: boolean }> {
    await m.query(`INSERT INTO notification_cursor (name, upto_xact_id) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING`, [CURSOR]);
    const cursor = await m.findOneOrFail(NotificationCursor, { where: { name: CURSOR }, lock: { mode: 'pessimistic_write' } });
    const [{ xmin }] = await m.query<{ xmin: string }[]>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    const lo = cursor.uptoXactId;
    let rows = await m.query<Row[]>(
      `SELECT id::text AS id, stream_type, stream_id, action, actor_id, after, reason, xact_id::text AS xact_id FROM audit_entry
        WHERE action = ANY($1::varchar[]) AND ($2::bigint IS NULL OR xact_id >= $2::bigint) AND xact_id < $3::bigint
        ORDER BY xact_id, id LIMIT ${PAGE}`,
      [NOTIFIED_ACTIONS, lo, xmin],
    );
    let upto = xmin;
    let more = false;
    if (rows.length === PAGE) {
      // a full page: stop before its last transaction and read that one whole
      const last = rows[rows.length - 1].xact_id;
      const rest = await m.query<Row[]>(
        `SELECT id::text AS id, stream_type, stream_id, action, actor_id, after, reason, xact_id::text AS xact_id FROM audit_entry WHERE action = ANY($1::varchar[]) AND xact_id = $2::bigint ORDER BY id`,
        [NOTIFIED_ACTIONS, last],
      );
      rows = [...rows.filter((r) => r.xact_id !== last), ...rest];
      upto = (BigInt(last) + 1n).toString();
      more = true;
    }
    let written = 0;
    for (const r of rows) written += await this.deliver(m, { id: r.id, streamType: r.stream_type, streamId: r.stream_id, action: r.action, actorId: r.actor_id, after: r.after, reason: r.reason });
    if (upto !== lo) await m.update(NotificationCursor, { name: CURSOR }, { uptoXactId: upto });
    return { written, more };
  }

  /** One event: a notification for each recipient (not its actor), and an e-mail where wanted. */
  async deliver(m: EntityManager, e: DomainEvent, eventKey = `audit:${e.id}`): Promise<number> {
    const spec = EVENT_SPECS[e.action];
    if (!spec) return 0;
    const users = (await spec.recipients(m, e)).filter((u) => u !== e.actorId);
    if (users.length === 0) return 0;
    const words = await spec.render(m, e);
    return this.write(m, users, { category: spec.category, type: e.action, eventKey, entityType: e.streamType, entityId: e.streamId, ...words });
  }

  /** Writes one notification per user (once per event key) and queues its e-mail when the user wants one; answers how many were new. */
  async write(
    m: EntityManager,
    users: readonly string[],
    n: { category: NotificationCategory; type: string; eventKey: string; entityType: string | null; entityId: string | null; titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; link: string | null },
  ): Promise<number> {
    const prefs = await m.query<{ user_id: string; in_app: boolean; email: boolean }[]>(
      'SELECT user_id, in_app, email FROM notification_preference WHERE user_id = ANY($1::uuid[]) AND category = $2',
      [users, n.category],
    );
    let written = 0;
    for (const userId of users) {
      const pref = prefs.find((p) => p.user_id === userId);
      const essential = isEssential(n.category);
      const inApp = essential || (pref?.in_app ?? true);
      const email = essential || (pref?.email ?? true);
      const id = newId();
      const inserted = await m.query<{ id: string }[]>(
        `INSERT INTO notification (id, user_id, category, type, event_key, title_zh, title_en, body_zh, body_en, link, entity_type, entity_id, emailed, read_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $14::boolean THEN NULL ELSE now() END)
         ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`,
        [id, userId, n.category, n.type, n.eventKey, n.titleZh, n.titleEn, n.bodyZh, n.bodyEn, n.link, n.entityType, n.entityId, email, inApp],
      );
      if (inserted.length === 0) continue;
      written++;
      if (email) await this.outbox.enqueue(m, NOTIFICATION_EMAIL_TOPIC, { notificationId: id }, { orderingKey: `notification:${userId}` });
    }
    return written;
  }
}
