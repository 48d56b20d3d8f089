import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, addCalendarDays, shanghaiDate } from '@innoserve/core';
import { SCHEDULED_JOB, TransactionRunner, type ScheduledJob } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { ServiceOrder } from '@innoserve/orders';
import { OrderSubsidiesService } from '@innoserve/vouchers';
import { claimMachine, LIVE_CLAIM_STATUSES } from '../domain/claim-state-machine.js';
import { SubsidyClaim } from '../entities/subsidy-claim.entity.js';

const BATCH = 200;
const HOUR = 60 * 60 * 1000;
/** A claim returned for revision and left so this long expires (its hold released). */
export const RETURNED_CLAIM_EXPIRY_DAYS = 30;
const LIVE = LIVE_CLAIM_STATUSES.map((s) => `'${s}'`).join(',');

/**
 * The worker's claim jobs, hourly on the PostgreSQL scheduler (one instance at a time across
 * replicas), each item in its own transaction under its row lock and re-checked there, so a run
 * repeated after a crash does nothing twice (the ledger keys make the releases idempotent too):
 * - the claim deadline: the hold of a completed (or refunded) order that nobody claimed by the
 *   program's deadline goes back to the grant;
 * - a claim returned for revision and left 30 days expires, its hold released;
 * - a claim waiting past its level's deadline (working days) is flagged review_overdue.
 */
@Injectable()
export class ClaimSweeps {
  private readonly logger = new Logger('ClaimSweeps');

  readonly [SCHEDULED_JOB]: ScheduledJob[] = [
    { name: 'claims.deadline-release', intervalMs: HOUR, run: async () => this.log('released the unclaimed subsidy of', await this.releaseUnclaimed(), 'order(s)') },
    { name: 'claims.expire-returned', intervalMs: HOUR, run: async () => this.log('expired', await this.expireReturned(), 'returned claim(s)') },
    { name: 'claims.flag-overdue', intervalMs: HOUR, run: async () => this.log('flagged', await this.flagOverdue(), 'overdue claim(s)') },
  ];

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly subsidies: OrderSubsidiesService,
  ) {}

  /** Orders past their claim deadline with subsidy still held and no live claim: the hold released (once). */
  async releaseUnclaimed(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    return this.pages(
      (after) =>
        this.dataSource.query<{ id: string }[]>(
          `SELECT o.id FROM service_order o
             JOIN voucher_program p ON p.id = o.program_id
             JOIN ledger_hold h ON h.id = o.hold_id AND h.status = 'open'
            WHERE o.status IN ('completed','refunded') AND o.id > $1
              AND (COALESCE(o.completed_at, o.closed_at) AT TIME ZONE 'Asia/Shanghai')::date + p.claim_deadline_days < $2::date
              AND NOT EXISTS (SELECT 1 FROM subsidy_claim c WHERE c.order_id = o.id AND c.status IN (${LIVE}))
            ORDER BY o.id LIMIT ${BATCH}`,
          [after, today],
        ),
      (id) =>
        this.tx.run(async (m) => {
          const order = await m.findOne(ServiceOrder, { where: { id }, lock: { mode: 'pessimistic_write' } });
          if (!order?.holdId || (order.status !== 'completed' && order.status !== 'refunded')) return false;
          const live = await m.query<unknown[]>(`SELECT 1 FROM subsidy_claim WHERE order_id = $1 AND status IN (${LIVE}) FOR UPDATE`, [id]);
          if (live.length > 0) return false;
          return this.release(m, order.holdId, order.providerId, order.id, 'order', `claim-deadline:${order.id}`, '补贴申请期限已过，未申请的补贴额度退回 / the claim deadline passed without a claim');
        }),
    );
  }

  /**
   * Claims returned for revision and not resubmitted within 30 days (Asia/Shanghai calendar days:
   * the 30th day runs to 24:00): expired, their hold released — forfeited when a sanction holds them.
   */
  async expireReturned(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    const lastDay = addCalendarDays(today, -RETURNED_CLAIM_EXPIRY_DAYS - 1); // returned on or before it: the 30 days are over
    return this.pages(
      (after) =>
        this.dataSource.query<{ id: string }[]>(
          `SELECT id FROM subsidy_claim WHERE status = 'returned' AND (level_since AT TIME ZONE 'Asia/Shanghai')::date <= $2::date AND id > $1 ORDER BY id LIMIT ${BATCH}`,
          [after, lastDay],
        ),
      (id) =>
        this.tx.run(async (m) => {
          const claim = await m.findOne(SubsidyClaim, { where: { id }, lock: { mode: 'pessimistic_write' } });
          if (!claim || claim.status !== 'returned' || shanghaiDate(claim.levelSince) > lastDay) return false;
          claim.status = claimMachine.transition(claim.status, 'expire', ['system'], { reason: null });
          claim.decidedAt = this.clock.now();
          claim.version += 1;
          await m.save(claim);
          await this.audit.record(m, { streamType: 'claim', streamId: claim.id, action: 'claim.expired', actorId: null, before: { status: 'returned' }, after: { status: 'expired' }, reason: `not resubmitted within ${RETURNED_CLAIM_EXPIRY_DAYS} days` });
          await this.release(m, claim.holdId, claim.providerId, claim.id, 'claim', `claim-expired:${claim.id}`, `退回修改后${RETURNED_CLAIM_EXPIRY_DAYS}日内未重新提交 / not resubmitted within ${RETURNED_CLAIM_EXPIRY_DAYS} days`, claim.flags.includes('payment_held') ? 'forfeit' : 'release');
          return true;
        }),
    );
  }

  /** Claims in review past their level's deadline: flagged review_overdue (once per level; cleared when the level moves). */
  async flagOverdue(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    return this.pages(
      (after) =>
        this.dataSource.query<{ id: string }[]>(
          `SELECT id FROM subsidy_claim WHERE status = 'in_review' AND level_due_on < $2::date AND NOT ('review_overdue' = ANY(flags)) AND id > $1 ORDER BY id LIMIT ${BATCH}`,
          [after, today],
        ),
      (id) =>
        this.tx.run(async (m) => {
          const claim = await m.findOne(SubsidyClaim, { where: { id }, lock: { mode: 'pessimistic_write' } });
          if (!claim || claim.status !== 'in_review' || claim.levelDueOn >= today || claim.flags.includes('review_overdue')) return false;
          claim.flags = [...claim.flags, 'review_overdue'];
          await m.save(claim);
          await this.audit.record(m, {
            streamType: 'claim',
            streamId: claim.id,
            action: 'claim.review_overdue',
            actorId: null,
            after: { level: claim.level, kind: claim.levels[claim.level - 1], levelDueOn: claim.levelDueOn },
          });
          return true;
        }),
    );
  }

  private async release(m: EntityManager, holdId: string, providerId: string, streamId: string, streamType: 'order' | 'claim', key: string, reason: string, kind: 'release' | 'forfeit' = 'release'): Promise<boolean> {
    const ended = await this.subsidies.endHold(m, { holdId, providerId, kind, reference: `${streamType}:${streamId}`, actorId: null, idempotencyKey: key });
    if (ended.replayed || ended.amountFen === 0n) return false;
    await this.audit.record(m, { streamType, streamId, action: `${streamType}.subsidy_${kind === 'release' ? 'released' : 'forfeited'}`, actorId: null, after: { [kind === 'release' ? 'releasedFen' : 'forfeitedFen']: Number(ended.amountFen), toPoolFen: Number(ended.toPoolFen) }, reason });
    return true;
  }

  private async pages(next: (after: string) => Promise<{ id: string }[]>, act: (id: string) => Promise<boolean>): Promise<number> {
    let n = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await next(after);
      if (rows.length === 0) return n;
      after = rows[rows.length - 1].id;
      for (const { id } of rows) if (await act(id)) n++;
    }
  }

  private log(what: string, n: number, unit: string): void {
    if (n > 0) this.logger.log(`${what} ${n} ${unit}`);
  }
}
