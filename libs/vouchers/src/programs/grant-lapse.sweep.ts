import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, shanghaiDate } from '@innoserve/core';
import { SCHEDULED_JOB, TransactionRunner, type ScheduledJob } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { LedgerService } from '../ledger/ledger.service.js';
import { VoucherGrant } from './grant.entity.js';
import { lockGroupUsage } from './program-caps.service.js';

const BATCH = 200;

/**
 * Worker job (hourly): active grants whose last valid day has passed lapse — what is available
 * goes back to the pools (LedgerService.lapse) and the group's cap usage drops by that amount.
 * Each grant in its own transaction under its row lock, re-checked after locking, with the
 * ledger's idempotency key `lapse:<grant>`: running twice (or concurrently) lapses each grant once.
 * Held amounts stay held for their orders.
 */
@Injectable()
export class GrantLapseSweep {
  private readonly logger = new Logger('GrantLapseSweep');

  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'vouchers.grant-lapse',
    intervalMs: 60 * 60 * 1000,
    run: async () => {
      const n = await this.sweep();
      if (n > 0) this.logger.log(`lapsed ${n} grant(s)`);
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Lapses every due grant; returns how many this run lapsed. */
  async sweep(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    let lapsed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const due = await this.dataSource.manager
        .createQueryBuilder(VoucherGrant, 'g')
        .select('g.id', 'id')
        .where(`g.status = 'active'`)
        .andWhere('g.expiresOn < :today', { today })
        .andWhere('g.id > :after', { after })
        .orderBy('g.id', 'ASC')
        .limit(BATCH)
        .getRawMany<{ id: string }>();
      for (const { id } of due) if (await this.lapseOne(id, today)) lapsed++;
      if (due.length < BATCH) return lapsed;
      after = due[due.length - 1].id;
    }
  }

  private async lapseOne(id: string, today: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const g = await m.findOne(VoucherGrant, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!g || g.status !== 'active' || g.expiresOn >= today) return false;
      await lockGroupUsage(m, g.programId, g.groupKey); // before the pools, in the order grants lock them
      const t = await this.ledger.lapse(m, { programId: g.programId, grantId: g.id, reference: `grant:${g.id}`, actorId: null, idempotencyKey: `lapse:${g.id}` });
      const back = t ? t.postings.filter((p) => p.account.startsWith('pool:')).reduce((s, p) => s + p.amountFen, 0n) : 0n;
      if (back > 0n) {
        await m.query('UPDATE voucher_group_cap_usage SET used_fen = GREATEST(used_fen - $3, 0) WHERE program_id = $1 AND group_key = $2', [
          g.programId,
          g.groupKey,
          back.toString(),
        ]);
      }
      g.status = 'lapsed';
      g.lapsedFen = back;
      g.lapsedAt = this.clock.now();
      await m.save(g);
      await this.audit.record(m, {
        streamType: 'voucher_grant',
        streamId: g.id,
        action: 'grant.lapsed',
        actorId: null,
        before: { status: 'active' },
        after: { status: 'lapsed', lapsedFen: Number(back), transactionId: t?.id ?? null },
      });
      return true;
    });
  }
}
