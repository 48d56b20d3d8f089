import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@innoserve/core';
import { SCHEDULED_JOB, TransactionRunner, type ScheduledJob } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { providerAdmissionMachine } from '../domain/provider-admission.state-machine.js';
import { Organization } from '../entities/organization.entity.js';
import { ProviderProfile } from '../entities/provider-profile.entity.js';
import { announceProviderChanged } from './provider-changed.js';

const BATCH = 200;

/**
 * Worker job (hourly): admitted providers whose admission_expires_at has passed become expired
 * (admitted --expire--> expired), audited with a null actor. Each provider in its own transaction
 * under the organization lock, re-checked after locking, so concurrent or repeated runs expire
 * each admission once and never undo a renewal.
 */
@Injectable()
export class AdmissionExpirySweep {
  private readonly logger = new Logger('AdmissionExpirySweep');

  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'organizations.admission-expiry',
    intervalMs: 60 * 60 * 1000,
    run: async () => {
      const n = await this.sweep();
      if (n > 0) this.logger.log(`expired ${n} provider admission(s)`);
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Expires every due admission; returns how many this run expired. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const due = await this.dataSource.manager
        .createQueryBuilder(ProviderProfile, 'p')
        .select('p.organizationId', 'id')
        .where(`p.admissionStatus = 'admitted'`)
        .andWhere('p.admissionExpiresAt <= :now', { now })
        .andWhere('p.organizationId > :after', { after })
        .orderBy('p.organizationId', 'ASC')
        .limit(BATCH)
        .getRawMany<{ id: string }>();
      for (const { id } of due) if (await this.expireOne(id, now)) expired++;
      if (due.length < BATCH) return expired;
      after = due[due.length - 1].id;
    }
  }

  private expireOne(organizationId: string, now: Date): Promise<boolean> {
    return this.tx.run(async (m) => {
      await m.findOne(Organization, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' }, select: { id: true } });
      const p = await m.findOne(ProviderProfile, { where: { organizationId } });
      if (!p || p.admissionStatus !== 'admitted' || !p.admissionExpiresAt || p.admissionExpiresAt.getTime() > now.getTime()) return false;
      const from = p.admissionStatus;
      p.admissionStatus = providerAdmissionMachine.transition(from, 'expire', ['system'], { reason: null, now, noticeEndsAt: p.noticeEndsAt, openObjections: 0, qualificationsWithoutCertificate: 0 });
      p.decidedBy = null;
      p.decidedAt = now;
      p.decisionReason = null;
      await m.save(p);
      await announceProviderChanged(m, organizationId);
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: organizationId,
        action: 'provider.admission.expire',
        actorId: null,
        before: { admissionStatus: from, admissionExpiresAt: p.admissionExpiresAt.toISOString() },
        after: { admissionStatus: p.admissionStatus },
        reason: 'admission validity ended',
      });
      return true;
    });
  }
}
