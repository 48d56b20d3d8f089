import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, addCalendarDays, shanghaiDate } from '@innoserve/core';
import { SCHEDULED_JOB, TransactionRunner, type ScheduledJob } from '@innoserve/database';
import { NotificationFeed } from './notification-feed.js';

const yuan = (fen: string): string => {
  const f = BigInt(fen);
  return `¥${(f / 100n).toLocaleString('en-US')}.${(f % 100n).toString().padStart(2, '0')}`;
};

async function membersOf(m: EntityManager, orgId: string): Promise<string[]> {
  return (await m.query<{ user_id: string }[]>('SELECT DISTINCT user_id FROM membership WHERE organization_id = $1', [orgId])).map((r) => r.user_id);
}

/**
 * Reminders (category `reminders`), hourly, each once per object and step (its event key):
 * - 3 days before a delivered order completes itself (the enterprise loses its right to dispute);
 * - 14 and 3 days before a claim deadline, to the claimant of an order with subsidy still held and
 *   no claim;
 * - a grant expiring within 30 days with an unspent balance.
 * Days are Asia/Shanghai calendar days; a deadline's last day counts.
 */
@Injectable()
export class NotificationReminders {
  private readonly logger = new Logger('NotificationReminders');

  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'notifications.reminders',
    intervalMs: 60 * 60 * 1000,
    run: async () => {
      const n = await this.run();
      if (n > 0) this.logger.log(`${n} reminder(s)`);
    },
  };

  constructor(
    private readonly tx: TransactionRunner,
    private readonly feed: NotificationFeed,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    return (await this.autoComplete(today)) + (await this.claimDeadlines(today)) + (await this.grantsExpiring(today));
  }

  /** Delivered orders whose last day to accept or dispute is within 3 days. */
  private async autoComplete(today: string): Promise<number> {
    return this.tx.run(async (m) => {
      const rows = await m.query<{ id: string; order_no: string; enterprise_id: string; due_on: string }[]>(
        `SELECT id, order_no, enterprise_id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM service_order WHERE status = 'delivered' AND due_on >= $1::date AND due_on <= $2::date`,
        [today, addCalendarDays(today, 3)],
      );
      let n = 0;
      for (const o of rows) {
        n += await this.feed.write(m, await membersOf(m, o.enterprise_id), {
          category: 'reminders',
          type: 'reminder.auto_complete',
          eventKey: `reminder:auto-complete:${o.id}`,
          entityType: 'order',
          entityId: o.id,
          titleZh: `订单 ${o.order_no} 即将自动完成`,
          bodyZh: `请在 ${o.due_on} 前验收或提出异议；逾期订单将自动完成，不能再提出异议。`,
          titleEn: `Order ${o.order_no} completes itself soon`,
          bodyEn: `Accept or dispute the delivery by ${o.due_on}; after that the order completes and can no longer be disputed.`,
          link: `/orders/${o.id}`,
        });
      }
      return n;
    });
  }

  /** Completed (or refunded) orders with subsidy still held and no live claim: 14 and 3 days before the deadline. */
  private async claimDeadlines(today: string): Promise<number> {
    return this.tx.run(async (m) => {
      const rows = await m.query<{ id: string; order_no: string; claimant_id: string; deadline_on: string; open_fen: string }[]>(
        `SELECT o.id, o.order_no, CASE WHEN o.settlement_mode = 'provider_redeems' THEN o.provider_id ELSE o.enterprise_id END AS claimant_id,
                to_char((COALESCE(o.completed_at, o.closed_at) AT TIME ZONE 'Asia/Shanghai')::date + p.claim_deadline_days, 'YYYY-MM-DD') AS deadline_on, h.open_fen::text AS open_fen
           FROM service_order o
           JOIN voucher_program p ON p.id = o.program_id
           JOIN ledger_hold h ON h.id = o.hold_id AND h.status = 'open'
          WHERE o.status IN ('completed','refunded')
            AND (COALESCE(o.completed_at, o.closed_at) AT TIME ZONE 'Asia/Shanghai')::date + p.claim_deadline_days BETWEEN $1::date AND $2::date
            AND NOT EXISTS (SELECT 1 FROM subsidy_claim c WHERE c.order_id = o.id AND c.status IN ('in_review','returned','approved','batched','paid','forfeited'))`,
        [today, addCalendarDays(today, 14)],
      );
      let n = 0;
      for (const o of rows) {
        const step = o.deadline_on <= addCalendarDays(today, 3) ? 3 : 14;
        n += await this.feed.write(m, await membersOf(m, o.claimant_id), {
          category: 'reminders',
          type: 'reminder.claim_deadline',
          eventKey: `reminder:claim-deadline-${step}:${o.id}`,
          entityType: 'order',
          entityId: o.id,
          titleZh: `订单 ${o.order_no} 的补贴申请期限将至`,
          bodyZh: `请在 ${o.deadline_on} 前提交补贴申请（可申请 ${yuan(o.open_fen)}），逾期未申请的补贴额度将退回。`,
          titleEn: `The claim deadline of ${o.order_no} is near`,
          bodyEn: `Claim the subsidy (${yuan(o.open_fen)}) by ${o.deadline_on}; after that it goes back to the grant.`,
          link: `/orders/${o.id}`,
        });
      }
      return n;
    });
  }

  /** Active grants expiring within 30 days with money still available. */
  private async grantsExpiring(today: string): Promise<number> {
    return this.tx.run(async (m) => {
      const rows = await m.query<{ id: string; enterprise_id: string; expires_on: string; available: string }[]>(
        `SELECT g.id, g.enterprise_id, to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, SUM(b.balance_fen)::text AS available
           FROM voucher_grant g JOIN ledger_balance b ON b.program_id = g.program_id AND b.grant_id = g.id AND b.kind = 'grant_available'
          WHERE g.status = 'active' AND g.voided_at IS NULL AND g.expires_on BETWEEN $1::date AND $2::date
          GROUP BY g.id HAVING SUM(b.balance_fen) > 0`,
        [today, addCalendarDays(today, 30)],
      );
      let n = 0;
      for (const g of rows) {
        n += await this.feed.write(m, await membersOf(m, g.enterprise_id), {
          category: 'reminders',
          type: 'reminder.grant_expiring',
          eventKey: `reminder:grant-expiring:${g.id}`,
          entityType: 'voucher_grant',
          entityId: g.id,
          titleZh: '创新券额度即将到期',
          bodyZh: `您的创新券额度将于 ${g.expires_on} 到期，尚有 ${yuan(g.available)} 未使用。`,
          titleEn: 'Your voucher grant expires soon',
          bodyEn: `Your grant expires on ${g.expires_on} with ${yuan(g.available)} still unspent.`,
          link: '/grants',
        });
      }
      return n;
    });
  }
}
