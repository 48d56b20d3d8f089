import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Clock, ConflictError, InjectConfig, NotFoundError, assertCurrentVersion, msg, offsetOf, pageOf, queueCountOf, type AppConfig, type Page, type QueueCount, type QueueSort } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { CITY_CODE, isStaff, jurisdictionOf, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';
import {
  admissionExpiresAt,
  admissionNoticeEndsAt,
  providerAdmissionMachine,
  type AdmissionActor,
  type AdmissionContext,
  type AdmissionStatus,
} from '../domain/provider-admission.state-machine.js';
import type { AdmissionCommand } from '../dto/admission-action.dto.js';
import { AdmissionObjection } from '../entities/admission-objection.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { ProviderProfile } from '../entities/provider-profile.entity.js';
import { ProviderQualification } from '../entities/provider-qualification.entity.js';
import { assertCityDecision, coverageCondition, membershipRoleOf, staffSees, organizationSearchCondition } from './organization-access.js';
import { conflictOfInterest, fieldRequired } from './organization-errors.js';
import { OrganizationRegistry } from './organization-registry.js';
import { ProvidersService } from './providers.service.js';
import { announceProviderChanged } from './provider-changed.js';
import { within } from './unit-of-work.js';
import { toObjectionView, type ObjectionView, type ProviderView } from './views.js';

/** Provider admission and change requests belong to the city's program officers (docs/api.md). */
export const ADMISSION_ROLES: readonly StaffRole[] = ['program_officer'];

export interface AdmissionInput {
  action: AdmissionCommand;
  reason?: string | null;
  objectionId?: string;
  upheld?: boolean;
  /** The version the reviewer saw (If-Match or the body's `version`); absent: no check. */
  expectedVersion?: number;
  /** Set by the sanctions service, which acts on the work in flight itself. */
  viaSanction?: boolean;
}

/**
 * Told, in the transaction, that a provider was suspended or delisted (whichever route asked), so
 * the work in flight can follow (claims: cancel what has not started, hold the money not yet paid).
 */
export type AdmissionSanctionListener = (m: EntityManager, event: { organizationId: string; action: 'suspend' | 'delist'; actorId: string; reason: string | null; viaSanction: boolean }) => Promise<void>;

export type AdmissionResult = ProviderView & { objection?: ObjectionView };

export interface ProviderListQuery {
  status?: AdmissionStatus;
  region?: string;
  /** oldest (default): the longest-waiting application first; newest: the latest first. */
  sort?: QueueSort;
  /** A part of the name (case-insensitive) or the start of the USCC; absent: no search. */
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * The caller as the admission machine's actor kinds: a program officer with a city-wide grant
 * (super_admin included), any staff member, never `system` (that is the expiry sweep).
 */
export function admissionActorsOf(by: Principal): AdmissionActor[] {
  const actors: AdmissionActor[] = [];
  if (staffCovers(by, ADMISSION_ROLES, CITY_CODE)) actors.push('program_officer');
  if (isStaff(by)) actors.push('staff');
  return actors;
}

/**
 * The admission (入库) workflow: review, public notice (公示) with objections, admit, reject,
 * suspend, reinstate, delist, renew. Every transition goes through the state machine and is
 * audited in the same transaction with its reason.
 */
@Injectable()
export class ProviderAdmissionService {
  private readonly sanctionListeners: AdmissionSanctionListener[] = [];

  /** Adds a listener to suspensions and delistings made through the admission route. */
  onSanction(listener: AdmissionSanctionListener): void {
    this.sanctionListeners.push(listener);
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly registry: OrganizationRegistry,
    private readonly providers: ProvidersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Providers in the caller's jurisdiction as program officer, oldest application first unless sorted otherwise. */
  async list(by: Principal, q: ProviderListQuery): Promise<Page<ProviderView>> {
    const qb = this.scoped(by, q);
    if (!qb) return pageOf([], 0, q);
    const [rows, total] = await qb
      .orderBy('p.submittedAt', q.sort === 'newest' ? 'DESC' : 'ASC')
      .addOrderBy('p.organizationId', 'ASC')
      .skip(offsetOf(q))
      .take(q.pageSize)
      .getManyAndCount();
    const views = await this.providers.views(
      this.dataSource.manager,
      rows.map((r) => r.organizationId),
    );
    return pageOf(
      rows.flatMap((r) => views.get(r.organizationId) ?? []),
      total,
      q,
    );
  }

  /**
   * Providers of the caller's list waiting for an admission decision, and the oldest application
   * among them: applied or under review, or in notice when the notice has ended (admit is open) or an
   * objection waits to be resolved. Null when the caller decides no admissions.
   */
  async queueCount(by: Principal): Promise<QueueCount | null> {
    const qb = this.scoped(by, {});
    if (!qb) return null;
    qb.andWhere(
      `(p.admission_status IN ('applied', 'under_review') OR (p.admission_status = 'in_notice' AND (p.notice_ends_at <= :now OR EXISTS (
         SELECT 1 FROM admission_objection x WHERE x.organization_id = p.organization_id AND x.status = 'open'))))`,
      { now: this.clock.now() },
    );
    return queueCountOf(await qb.select('COUNT(*)', 'count').addSelect('MIN(p.submittedAt)', 'oldest').getRawOne());
  }

  /** The list's rows: the caller's jurisdiction as program officer, then the filters; null without the role. */
  private scoped(by: Principal, q: Pick<ProviderListQuery, 'status' | 'region' | 'q'>): SelectQueryBuilder<ProviderProfile> | null {
    const codes = jurisdictionOf(by, ADMISSION_ROLES);
    if (codes.length === 0) return null;
    const scope = coverageCondition('o.region_code', codes, 'jurisdiction');
    const qb = this.dataSource.manager.createQueryBuilder(ProviderProfile, 'p').innerJoin('p.organization', 'o').where(scope.sql, scope.params);
    if (q.status) qb.andWhere('p.admissionStatus = :status', { status: q.status });
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

  /** The objections raised against a provider (program officers of its jurisdiction). */
  async objections(by: Principal, id: string): Promise<ObjectionView[]> {
    const m = this.dataSource.manager;
    const { org } = await this.load(m, id, false);
    assertCityDecision('provider', by, ADMISSION_ROLES, org.regionCode, null);
    const rows = await m.find(AdmissionObjection, { where: { organizationId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toObjectionView);
  }

  /**
   * One admission action. A provider's admission belongs to the city: city-wide program officers
   * take every action but `object`, which any staff member may take while the notice runs. Staff
   * who see the provider but may not act 403, others 404; a member of the organization 403
   * CONFLICT_OF_INTEREST.
   */
  async decide(by: Principal, id: string, input: AdmissionInput, manager?: EntityManager): Promise<AdmissionResult> {
    return within(this.tx, manager, async (m) => {
      const { org, profile } = await this.load(m, id, true);
      const actors = admissionActorsOf(by);
      const mayAct = providerAdmissionMachine.actorsOf(input.action).some((a) => actors.includes(a));
      if (!mayAct && !staffSees(by, org.regionCode)) throw new NotFoundError('provider');
      providerAdmissionMachine.authorize(input.action, actors);
      if ((await membershipRoleOf(m, id, by.userId)) !== null) throw conflictOfInterest();
      await assertCurrentVersion('provider', input.expectedVersion, profile.version, () =>
        Promise.resolve({ version: profile.version, status: profile.admissionStatus, decidedBy: profile.decidedBy, decidedAt: profile.decidedAt }),
      );
      const reason = input.reason?.trim() || null;
      const context = await this.contextOf(m, profile, reason);
      switch (input.action) {
        case 'object':
          providerAdmissionMachine.transition(profile.admissionStatus, 'object', actors, context);
          return this.object(m, by, profile, reason!);
        case 'resolve-objection':
          return this.resolveObjection(m, by, actors, profile, input, context);
        case 'review':
        case 'start-notice':
        case 'admit':
        case 'reject':
        case 'suspend':
        case 'reinstate':
        case 'delist':
        case 'renew':
          await this.transition(m, by.userId, actors, profile, input.action, context);
          if ((input.action === 'suspend' || input.action === 'delist') && !input.viaSanction) {
            for (const l of this.sanctionListeners) await l(m, { organizationId: id, action: input.action, actorId: by.userId, reason, viaSanction: false });
          }
          return this.providers.view(m, id);
      }
    });
  }

  /** What the machine's guards read, under the organization's row lock. */
  private async contextOf(m: EntityManager, profile: ProviderProfile, reason: string | null): Promise<AdmissionContext> {
    const openObjections = await m.count(AdmissionObjection, { where: { organizationId: profile.organizationId, status: 'open' } });
    const qualificationsWithoutCertificate = await m.count(ProviderQualification, { where: { organizationId: profile.organizationId, certificateFileId: IsNull() } });
    return { reason, now: this.clock.now(), noticeEndsAt: profile.noticeEndsAt, openObjections, qualificationsWithoutCertificate };
  }

  private async transition(
    m: EntityManager,
    actorId: string,
    actors: readonly AdmissionActor[],
    profile: ProviderProfile,
    action: 'review' | 'start-notice' | 'admit' | 'reject' | 'suspend' | 'reinstate' | 'delist' | 'renew',
    context: AdmissionContext,
  ): Promise<void> {
    const from = profile.admissionStatus;
    const to = providerAdmissionMachine.transition(from, action, actors, context);
    const { now, reason } = context;
    const after: Record<string, unknown> = { admissionStatus: to };
    switch (action) {
      case 'start-notice':
        profile.noticeStartsAt = now;
        profile.noticeEndsAt = admissionNoticeEndsAt(now, this.config.ADMISSION_NOTICE_DAYS);
        after.noticeStartsAt = profile.noticeStartsAt.toISOString();
        after.noticeEndsAt = profile.noticeEndsAt.toISOString();
        break;
      case 'admit': {
        profile.admittedCategoryIds = [...profile.requestedCategoryIds];
        profile.admittedAt = now;
        profile.admissionExpiresAt = admissionExpiresAt(now, this.config.ADMISSION_VALIDITY_MONTHS);
        after.admittedCategoryIds = profile.admittedCategoryIds;
        after.admissionExpiresAt = profile.admissionExpiresAt.toISOString();
        await this.registry.stampVerifiedBankAccount(m, profile.organizationId, actorId);
        break;
      }
      case 'renew':
        profile.admittedAt = now;
        profile.admissionExpiresAt = admissionExpiresAt(now, this.config.ADMISSION_VALIDITY_MONTHS);
        after.admissionExpiresAt = profile.admissionExpiresAt.toISOString();
        await this.registry.stampVerifiedBankAccount(m, profile.organizationId, actorId);
        break;
      case 'suspend':
        profile.suspendedAt = now;
        break;
      case 'reinstate':
        profile.suspendedAt = null;
        break;
      case 'review':
      case 'reject':
      case 'delist':
        break;
    }
    profile.admissionStatus = to;
    profile.decisionReason = reason;
    profile.decidedBy = actorId;
    profile.decidedAt = now;
    await m.save(profile);
    await announceProviderChanged(m, profile.organizationId);
    await this.audit.record(m, {
      streamType: 'organization',
      streamId: profile.organizationId,
      action: `provider.admission.${action}`,
      actorId,
      before: { admissionStatus: from },
      after,
      reason,
    });
  }

  /** Records an objection during the public notice (the machine has allowed it); the provider stays in_notice. */
  private async object(m: EntityManager, by: Principal, profile: ProviderProfile, reason: string): Promise<AdmissionResult> {
    const objection = await m.save(
      m.create(AdmissionObjection, {
        organizationId: profile.organizationId,
        raisedBy: by.userId,
        reason,
        status: 'open',
        resolvedBy: null,
        resolutionReason: null,
        resolvedAt: null,
      }),
    );
    await this.audit.record(m, {
      streamType: 'organization',
      streamId: profile.organizationId,
      action: 'provider.objection.raised',
      actorId: by.userId,
      after: { objectionId: objection.id, status: objection.status },
      reason,
    });
    return { ...(await this.providers.view(m, profile.organizationId)), objection: toObjectionView(objection) };
  }

  /** Upheld: the objection stands and the provider is rejected. Dismissed: the notice goes on. */
  private async resolveObjection(
    m: EntityManager,
    by: Principal,
    actors: readonly AdmissionActor[],
    profile: ProviderProfile,
    input: AdmissionInput,
    context: AdmissionContext,
  ): Promise<AdmissionResult> {
    if (!input.objectionId) throw fieldRequired('objectionId', 'to resolve an objection');
    if (typeof input.upheld !== 'boolean') throw fieldRequired('upheld', 'to resolve an objection');
    providerAdmissionMachine.transition(profile.admissionStatus, 'resolve-objection', actors, context);
    const { reason } = context;
    const objection = await m.findOne(AdmissionObjection, {
      where: { id: input.objectionId, organizationId: profile.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!objection) throw new NotFoundError('objection');
    if (objection.status !== 'open') {
      throw new ConflictError('OBJECTION_RESOLVED', msg('This objection has already been resolved.', '该异议已处理。'), { currentStatus: objection.status });
    }
    objection.status = input.upheld ? 'upheld' : 'dismissed';
    objection.resolvedBy = by.userId;
    objection.resolutionReason = reason;
    objection.resolvedAt = this.clock.now();
    await m.save(objection);
    await this.audit.record(m, {
      streamType: 'organization',
      streamId: profile.organizationId,
      action: `provider.objection.${objection.status}`,
      actorId: by.userId,
      before: { objectionId: objection.id, status: 'open' },
      after: { objectionId: objection.id, status: objection.status },
      reason,
    });
    if (input.upheld) {
      // the objection is resolved now: the rejection's guards read the context after it
      await this.transition(m, by.userId, actors, profile, 'reject', { ...context, reason: reason ?? objection.reason, openObjections: context.openObjections - 1 });
    }
    return { ...(await this.providers.view(m, profile.organizationId)), objection: toObjectionView(objection) };
  }

  private async load(m: EntityManager, id: string, lock: boolean): Promise<{ org: Organization; profile: ProviderProfile }> {
    const org = lock ? await this.registry.lock(m, id) : await m.findOne(Organization, { where: { id } });
    const profile = org ? await m.findOne(ProviderProfile, { where: { organizationId: id } }) : null;
    if (!org || !profile) throw new NotFoundError('provider');
    return { org, profile };
  }
}
