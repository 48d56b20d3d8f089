import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@innoserve/core';
import { SCHEDULED_JOB, TransactionRunner, type ScheduledJob } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { Organization } from '../entities/organization.entity.js';

export const NOTICE_ENDED = 'provider.admission.notice-ended';

/** Providers in notice whose notice has ended and has not been announced yet (for this notice end). */
const DUE_SQL = `
  SELECT p.organization_id AS id, p.notice_ends_at
    FROM provider_profile p
   WHERE p.admission_status = 'in_notice' AND p.notice_ends_at <= $1 AND ($2::uuid IS NULL OR p.organization_id = $2::uuid)
     AND NOT EXISTS (SELECT 1 FROM audit_entry a
                      WHERE a.stream_type = 'organization' AND a.stream_id = p.organization_id::text
                        AND a.action = '${NOTICE_ENDED}' AND (a.after->>'noticeEndsAt')::timestamptz = p.notice_ends_at)
   ORDER BY p.organization_id
   LIMIT 200`;

/**
 * Worker job: the end of a provider's public notice (公示期满) becomes an audited event once per
 * notice, so the provider's members and the program officers covering it are told that the
 * admission can now be decided (libs/notifications). Nothing changes state: admission stays the
 * officer's decision. Each provider in its own transaction under the organization lock, re-checked
 * after locking, so repeated or concurrent runs announce each notice end once.
 */
@Injectable()
export class NoticeEndSweep {
  private readonly logger = new Logger('NoticeEndSweep');

  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'organizations.notice-end',
    intervalMs: 15 * 60 * 1000,
    run: async () => {
      const n = await this.sweep();
      if (n > 0) this.logger.log(`announced the end of ${n} public notice(s)`);
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Announces every notice that has ended; returns how many this run announced. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    let announced = 0;
    for (;;) {
      const due = await this.dataSource.query<{ id: string }[]>(DUE_SQL, [now, null]);
      let progressed = 0;
      for (const { id } of due) if (await this.announce(id, now)) progressed++;
      announced += progressed;
      if (due.length < 200 || progressed === 0) return announced;
    }
  }

  private announce(organizationId: string, now: Date): Promise<boolean> {
    return this.tx.run(async (m) => {
      await m.findOne(Organization, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' }, select: { id: true } });
      const [still] = await m.query<{ id: string; notice_ends_at: Date }[]>(DUE_SQL, [now, organizationId]);
      if (!still) return false;
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: organizationId,
        action: NOTICE_ENDED,
        actorId: null,
        before: { admissionStatus: 'in_notice' },
        after: { admissionStatus: 'in_notice', noticeEndsAt: new Date(still.notice_ends_at).toISOString() },
        reason: null,
      });
      return true;
    });
  }
}
