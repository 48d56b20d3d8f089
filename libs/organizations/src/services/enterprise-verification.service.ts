import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Clock, NotFoundError, assertCurrentVersion, offsetOf, pageOf, queueCountOf, type Page, type QueueCount, type QueueSort } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { jurisdictionOf, type Principal, type StaffRole } from '@innoserve/identity';
import { enterpriseVerificationMachine, type EnterpriseStatus } from '../domain/enterprise-verification.state-machine.js';
import type { VerificationDecision } from '../dto/verification-decision.dto.js';
import { EnterpriseProfile } from '../entities/enterprise-profile.entity.js';
import { coverageCondition, membershipRoleOf, staffRolesCovering, staffSees, organizationSearchCondition } from './organization-access.js';
import { conflictOfInterest } from './organization-errors.js';
import { OrganizationRegistry } from './organization-registry.js';
import { within } from './unit-of-work.js';
import { toEnterpriseView, type EnterpriseView } from './views.js';

/** Reviewers of enterprise verification (docs/api.md): county reviewer of the region, program officer. */
export const VERIFICATION_ROLES = ['county_reviewer', 'program_officer'] as const satisfies readonly StaffRole[];

export interface VerificationInput {
  decision: VerificationDecision;
  reason?: string | null;
  /** The version the reviewer saw (If-Match or the body's `version`); absent: no check. */
  expectedVersion?: number;
}

export interface EnterpriseListQuery {
  status?: EnterpriseStatus;
  region?: string;
  /** oldest (default): the longest-waiting submission first; newest: the latest first. */
  sort?: QueueSort;
  /** A part of the name (case-insensitive) or the start of the USCC; absent: no search. */
  q?: string;
  page: number;
  pageSize: number;
}

/** The verification queue and decisions (pending → verified / rejected; suspend / reinstate). */
/** Told, in the transaction, that an enterprise was suspended. */
export type EnterpriseSuspensionListener = (m: EntityManager, event: { organizationId: string; actorId: string; reason: string | null }) => Promise<void>;

@Injectable()
export class EnterpriseVerificationService {
  private readonly suspensionListeners: EnterpriseSuspensionListener[] = [];

  /** Adds a listener to suspensions of verified enterprises (claims: hold the money not yet paid). */
  onSuspension(listener: EnterpriseSuspensionListener): void {
    this.suspensionListeners.push(listener);
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly registry: OrganizationRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Enterprises in the caller's jurisdiction (as reviewer or officer), oldest submission first unless sorted otherwise. */
  async list(by: Principal, q: EnterpriseListQuery): Promise<Page<EnterpriseView>> {
    const qb = this.scoped(by, q);
    if (!qb) return pageOf([], 0, q);
    const [rows, total] = await qb
      .orderBy('e.submittedAt', q.sort === 'newest' ? 'DESC' : 'ASC')
      .addOrderBy('e.organizationId', 'ASC')
      .skip(offsetOf(q))
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(
      rows.map((e) => toEnterpriseView(e.organization!, e)),
      total,
      q,
    );
  }

  /** The pending enterprises of the caller's list and the oldest submission among them; null when the caller reviews no enterprises. */
  async queueCount(by: Principal): Promise<QueueCount | null> {
    const qb = this.scoped(by, { status: 'pending' });
    if (!qb) return null;
    return queueCountOf(await qb.select('COUNT(*)', 'count').addSelect('MIN(e.submittedAt)', 'oldest').getRawOne());
  }

  /** The list's rows: the caller's jurisdiction as a verifier, then the filters; null without a verifier's role. */
  private scoped(by: Principal, q: Pick<EnterpriseListQuery, 'status' | 'region' | 'q'>): SelectQueryBuilder<EnterpriseProfile> | null {
    const codes = jurisdictionOf(by, VERIFICATION_ROLES);
    if (codes.length === 0) return null;
    const scope = coverageCondition('o.region_code', codes, 'jurisdiction');
    const qb = this.dataSource.manager
      .createQueryBuilder(EnterpriseProfile, 'e')
      .innerJoinAndSelect('e.organization', 'o')
      .where(scope.sql, scope.params);
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.region) {
      const region = coverageCondition('o.region_code', [q.region], 'region');
      qb.andWhere(region.sql, region.params);
    }
    if (q.q?.trim()) {
      const search = organizationSearchCondition('o', q.q);
      qb.andWhere(search.sql, search.params);
    }
    return qb;
  }

  /**
   * A verification decision by a county reviewer of the enterprise's region or a program officer
   * (the state machine's actors): outside the jurisdiction 404, another staff role 403, a member of
   * the organization 403 CONFLICT_OF_INTEREST, a stale expected version 409 STALE_VERSION, then the
   * machine (409 ILLEGAL_TRANSITION, 400 without a reason for reject and suspend).
   */
  async decide(by: Principal, id: string, input: VerificationInput, manager?: EntityManager): Promise<EnterpriseView> {
    return within(this.tx, manager, async (m) => {
      const org = await this.registry.lock(m, id);
      const profile = org ? await m.findOne(EnterpriseProfile, { where: { organizationId: id } }) : null;
      if (!org || !profile || !staffSees(by, org.regionCode)) throw new NotFoundError('enterprise');
      const actors = staffRolesCovering(by, VERIFICATION_ROLES, org.regionCode);
      enterpriseVerificationMachine.authorize(input.decision, actors);
      if ((await membershipRoleOf(m, id, by.userId)) !== null) throw conflictOfInterest();
      await assertCurrentVersion('enterprise', input.expectedVersion, profile.version, async () => {
        const last = await this.audit.lastEntry(m, 'organization', id, ['enterprise.verification.']);
        return { version: profile.version, status: profile.status, decidedBy: last?.actorId ?? null, decidedAt: last?.occurredAt ?? null };
      });
      const reason = input.reason?.trim() || null;

      const from = profile.status;
      const to = enterpriseVerificationMachine.transition(from, input.decision, actors, { reason, hasLicence: profile.businessLicenceFileId !== null });
      const now = this.clock.now();
      switch (input.decision) {
        case 'approve':
          profile.verifiedAt = now;
          profile.verifiedBy = by.userId;
          profile.rejectionReason = null;
          await this.registry.stampVerifiedBankAccount(m, id, by.userId);
          break;
        case 'reject':
          profile.rejectionReason = reason;
          break;
        case 'suspend':
          profile.suspensionReason = reason;
          break;
        case 'reinstate':
          profile.suspensionReason = null;
          break;
      }
      profile.status = to;
      await m.save(profile);
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: id,
        action: `enterprise.verification.${input.decision}`,
        actorId: by.userId,
        before: { status: from },
        after: { status: to },
        reason,
      });
      if (input.decision === 'suspend') for (const l of this.suspensionListeners) await l(m, { organizationId: id, actorId: by.userId, reason });
      return toEnterpriseView(org, profile);
    });
  }
}
