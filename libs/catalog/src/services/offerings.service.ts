import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Clock, ForbiddenError, IllegalTransitionError, NotFoundError, assertCurrentVersion, isUuid, offsetOf, pageOf, queueCountOf, shanghaiDate, type Page, type QueueCount, type QueueSort } from '@innoserve/core';
import { OutboxService, TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { ReferenceService } from '@innoserve/reference';
import { anyCodeCoversSql, jurisdictionCovers, jurisdictionOf, staffCovers, type Principal } from '@innoserve/identity';
import { Organization, OrganizationsService, asPrincipal, type OrganizationSnapshot, type QualificationKind } from '@innoserve/organizations';
import { editModeOf, offeringMachine, type OfferingStatus } from '../domain/offering-state-machine.js';
import { pricingColumns, pricingOf, pricingView, type PricingInput } from '../domain/pricing.js';
import { heldQualificationKinds, isSearchable, missingQualificationKinds } from '../domain/searchability.js';
import type { ModerationDecision } from '../dto/moderation.dto.js';
import { OfferingRevision } from '../entities/offering-revision.entity.js';
import { OFFERING_FIELD_NAMES, type OfferingFields } from '../entities/offering-fields.js';
import { Offering } from '../entities/offering.entity.js';
import {
  categoryNotAdmitted,
  conflictOfInterest,
  membersOnly,
  providerNotAdmitted,
  qualificationNotHeld,
  reasonRequired,
  unknownCategory,
  unknownRegions,
} from './catalog-errors.js';
import { OFFERING_CHANGED_TOPIC, offeringMessage, type OfferingChangedPayload } from './catalog-topics.js';
import { toOfferingView, toRevisionView, type OfferingView, type RevisionView } from './offering-views.js';

/** The editable fields as commands take them (the HTTP DTOs satisfy these). */
export interface OfferingEdits {
  categoryId?: string;
  title?: string;
  description?: string;
  deliverables?: string;
  pricing?: PricingInput;
  leadTimeDays?: number;
  regionCodes?: string[];
  tags?: string[];
  qualificationKinds?: QualificationKind[];
}

export interface NewOffering extends Required<OfferingEdits> {
  providerId: string;
}

export type OfferingUpdateOutcome = { kind: 'applied'; offering: OfferingView } | { kind: 'revision'; revision: RevisionView };

export interface ModerationInput {
  decision: ModerationDecision;
  reason?: string | null;
  /** The offering version the moderator saw (If-Match or the body's `version`); absent: no check. */
  expectedVersion?: number;
}

export interface OfferingQueueQuery {
  status?: OfferingStatus;
  revisionPending?: boolean;
  /** oldest (default): the longest-queued first; newest: the latest first (see QUEUED_SINCE_SQL). */
  sort?: QueueSort;
  page: number;
  pageSize: number;
}

/**
 * When an offering entered the moderation queue: its pending revision's submission, else its own
 * submission (null for a draft never submitted). The queue's age and order count from it.
 */
const QUEUED_SINCE_SQL = `COALESCE((SELECT r.created_at FROM offering_revision r WHERE r.offering_id = o.id AND r.status = 'pending'), o.submitted_at)`;

/** Moderation belongs to program officers covering the provider's region (docs/api.md). */
const MODERATOR_ROLES = ['program_officer'] as const;

type FieldValues = Pick<OfferingFields, (typeof OFFERING_FIELD_NAMES)[number]>;

/**
 * Offerings: drafts, submission, moderation, revisions of published offerings, withdrawal.
 * Every command runs in one transaction, is audited, and — when it changes the offering row —
 * bumps its version and writes a `catalog.offering-changed` outbox row in the same transaction.
 */
@Injectable()
export class OfferingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  // ---- provider commands ----

  /** A new draft. Members of an admitted provider only, in an admitted category (or a sub-category of one). */
  async create(by: Principal | string, input: NewOffering, manager?: EntityManager): Promise<OfferingView> {
    const me = asPrincipal(by);
    const pricing = pricingColumns(pricingOf(input.pricing));
    return this.within(manager, async (m) => {
      const provider = await this.lockProvider(m, input.providerId);
      await this.assertMember(m, me, provider, 'provider');
      const fields: FieldValues = {
        categoryId: input.categoryId.toLowerCase(),
        title: input.title,
        description: input.description,
        deliverables: input.deliverables,
        ...pricing,
        leadTimeDays: input.leadTimeDays,
        regionCodes: dedupe(input.regionCodes),
        tags: dedupe(input.tags),
        qualificationKinds: dedupe(input.qualificationKinds),
      };
      await this.assertRules(provider, fields);
      const offering = await m.save(
        m.create(Offering, {
          ...fields,
          providerId: provider.id,
          status: 'draft',
          rejectionReason: null,
          version: 1n,
          submittedAt: null,
          publishedAt: null,
          createdBy: me.userId,
        }),
      );
      await this.announce(m, offering);
      await this.record(m, offering, 'offering.created', me.userId, undefined, { status: offering.status, ...auditFields(fields) });
      return this.view(m, offering, provider, true);
    });
  }

  /**
   * A draft changes in place. A published or suspended offering gets (or updates) its pending
   * revision; the live offering stays as it is until a program officer publishes the revision.
   */
  async update(by: Principal | string, id: string, edits: OfferingEdits, manager?: EntityManager): Promise<OfferingUpdateOutcome> {
    const me = asPrincipal(by);
    const pricing = edits.pricing ? pricingColumns(pricingOf(edits.pricing)) : undefined;
    return this.within(manager, async (m) => {
      const offering = await this.lockOffering(m, id);
      const provider = await this.lockProvider(m, offering.providerId, 'offering');
      await this.assertMember(m, me, provider, 'offering');
      const mode = editModeOf(offering.status);
      if (mode === null) throw new IllegalTransitionError('offering', offering.status, 'edit');
      const pending = mode === 'revision' ? await this.pendingRevision(m, offering.id, true) : null;
      const current: FieldValues = pick(pending ?? offering);
      const next: FieldValues = {
        ...current,
        ...(edits.categoryId !== undefined ? { categoryId: edits.categoryId.toLowerCase() } : {}),
        ...(edits.title !== undefined ? { title: edits.title } : {}),
        ...(edits.description !== undefined ? { description: edits.description } : {}),
        ...(edits.deliverables !== undefined ? { deliverables: edits.deliverables } : {}),
        ...(pricing ?? {}),
        ...(edits.leadTimeDays !== undefined ? { leadTimeDays: edits.leadTimeDays } : {}),
        ...(edits.regionCodes !== undefined ? { regionCodes: dedupe(edits.regionCodes) } : {}),
        ...(edits.tags !== undefined ? { tags: dedupe(edits.tags) } : {}),
        ...(edits.qualificationKinds !== undefined ? { qualificationKinds: dedupe(edits.qualificationKinds) } : {}),
      };
      await this.assertRules(provider, next);

      if (mode === 'in_place') {
        Object.assign(offering, next);
        offering.version += 1n;
        await m.save(offering);
        await this.announce(m, offering);
        await this.record(m, offering, 'offering.updated', me.userId, auditFields(current), auditFields(next));
        return { kind: 'applied', offering: await this.view(m, offering, provider, true) };
      }

      const revision = pending
        ? Object.assign(pending, next)
        : m.create(OfferingRevision, { ...next, offeringId: offering.id, status: 'pending', requestedBy: me.userId, decidedBy: null, decidedAt: null, reason: null });
      revision.requestedBy = me.userId;
      await m.save(revision);
      // the offering's version moves with its pending revision: a moderator's If-Match names the
      // revision they reviewed, so an edit made since makes their decision stale (the live document
      // is re-indexed unchanged, at the new version)
      await this.bump(m, offering);
      await this.record(m, offering, 'offering.revision.proposed', me.userId, auditFields(current), { revisionId: revision.id, ...auditFields(next) });
      return { kind: 'revision', revision: toRevisionView(revision) };
    });
  }

  /** draft → pending_review (members of an admitted provider; the rules are checked again). */
  async submit(by: Principal | string, id: string, manager?: EntityManager): Promise<OfferingView> {
    const me = asPrincipal(by);
    return this.within(manager, async (m) => {
      const offering = await this.lockOffering(m, id);
      const provider = await this.lockProvider(m, offering.providerId, 'offering');
      await this.assertMember(m, me, provider, 'offering');
      const from = offering.status;
      const to = offeringMachine.transition(from, 'submit', ['provider'], { reason: null });
      await this.assertRules(provider, offering);
      offering.status = to;
      offering.submittedAt = this.clock.now();
      await this.bump(m, offering);
      await this.record(m, offering, 'offering.submit', me.userId, { status: from }, { status: to });
      return this.view(m, offering, provider, true);
    });
  }

  /** draft/published/suspended → withdrawn (final); a pending revision is dropped. */
  async withdraw(by: Principal | string, id: string, manager?: EntityManager): Promise<OfferingView> {
    const me = asPrincipal(by);
    return this.within(manager, async (m) => {
      const offering = await this.lockOffering(m, id);
      const provider = await this.lockProvider(m, offering.providerId, 'offering');
      await this.assertMember(m, me, provider, 'offering');
      const from = offering.status;
      offering.status = offeringMachine.transition(from, 'withdraw', ['provider'], { reason: null });
      const pending = await this.pendingRevision(m, offering.id, true);
      if (pending) await this.closeRevision(m, pending, 'rejected', me.userId, 'offering withdrawn');
      await this.bump(m, offering);
      await this.record(m, offering, 'offering.withdraw', me.userId, { status: from }, { status: offering.status });
      return this.view(m, offering, provider, true);
    });
  }

  // ---- moderation (program officers) ----

  /**
   * publish: pending_review or suspended → published (a pending revision is applied with it), or
   * the pending revision of a published offering is applied; the rules are checked at publish time.
   * reject (reason): pending_review → draft, or the pending revision is rejected.
   * suspend (reason): published → suspended.
   */
  async moderate(by: Principal, id: string, input: ModerationInput, manager?: EntityManager): Promise<OfferingView> {
    const reason = input.reason?.trim() || null;
    return this.within(manager, async (m) => {
      const offering = await this.lockOffering(m, id);
      const provider = await this.lockProvider(m, offering.providerId, 'offering');
      this.assertModerator(by, provider);
      const actors = ['program_officer'] as const;
      offeringMachine.authorize(input.decision, actors);
      if ((await this.organizations.membershipRole(provider.id, by.userId, m)) !== null) throw conflictOfInterest();
      await assertCurrentVersion('offering', input.expectedVersion, Number(offering.version), async () => {
        const last = await this.audit.lastEntry(m, 'offering', offering.id, ['offering.']);
        return { version: Number(offering.version), status: offering.status, decidedBy: last?.actorId ?? null, decidedAt: last?.occurredAt ?? null };
      });
      const context = { reason };
      const from = offering.status;
      const pending = await this.pendingRevision(m, offering.id, true);

      switch (input.decision) {
        case 'publish': {
          if (!(from === 'published' && pending)) offering.status = offeringMachine.transition(from, 'publish', actors, context);
          const before = pending ? auditFields(pick(offering)) : undefined;
          if (pending) Object.assign(offering, pick(pending));
          await this.assertRules(provider, offering);
          offering.publishedAt ??= this.clock.now();
          offering.rejectionReason = null;
          if (pending) await this.closeRevision(m, pending, 'published', by.userId, reason);
          await this.bump(m, offering);
          await this.record(m, offering, pending ? 'offering.revision.published' : 'offering.publish', by.userId, { status: from, ...(before ?? {}) }, {
            status: offering.status,
            ...(pending ? { revisionId: pending.id, ...auditFields(pick(offering)) } : {}),
          }, reason);
          break;
        }
        case 'reject': {
          if ((from === 'published' || from === 'suspended') && pending) {
            // a pending revision is not a state of the offering, so the table's reason guard is not asked here
            if (!reason) throw reasonRequired(input.decision);
            await this.closeRevision(m, pending, 'rejected', by.userId, reason);
            await this.record(m, offering, 'offering.revision.rejected', by.userId, { revisionId: pending.id, status: 'pending' }, { revisionId: pending.id, status: 'rejected' }, reason);
            break;
          }
          offering.status = offeringMachine.transition(from, 'reject', actors, context);
          offering.rejectionReason = reason;
          await this.bump(m, offering);
          await this.record(m, offering, 'offering.reject', by.userId, { status: from }, { status: offering.status }, reason);
          break;
        }
        case 'suspend': {
          offering.status = offeringMachine.transition(from, 'suspend', actors, context);
          offering.rejectionReason = reason;
          await this.bump(m, offering);
          await this.record(m, offering, 'offering.suspend', by.userId, { status: from }, { status: offering.status }, reason);
          break;
        }
      }
      return this.view(m, offering, provider, true);
    });
  }

  /** The moderation queue in the caller's jurisdiction (program officer), the longest-queued first unless sorted otherwise. */
  async queue(by: Principal, q: OfferingQueueQuery): Promise<Page<OfferingView>> {
    const qb = this.queueScope(by, q);
    if (!qb) return pageOf([], 0, q);
    const dir = q.sort === 'newest' ? 'DESC' : 'ASC';
    // offset/limit, not skip/take: the join is one-to-one and an ORDER BY expression breaks skip/take's distinct subquery
    const [rows, total] = await qb
      .orderBy(QUEUED_SINCE_SQL, dir, 'NULLS LAST')
      .addOrderBy('o.createdAt', dir)
      .addOrderBy('o.id', 'ASC')
      .offset(offsetOf(q))
      .limit(q.pageSize)
      .getManyAndCount();
    return pageOf(await this.views(this.dataSource.manager, rows, () => true), total, q);
  }

  /** Offerings of the caller's queue awaiting moderation (pending review, or a pending revision) and the oldest among them; null for non-moderators. */
  async queueCount(by: Principal): Promise<QueueCount | null> {
    const qb = this.queueScope(by, {});
    if (!qb) return null;
    qb.andWhere(`(o.status = 'pending_review' OR EXISTS (SELECT 1 FROM offering_revision r WHERE r.offering_id = o.id AND r.status = 'pending'))`);
    return queueCountOf(await qb.select('COUNT(*)', 'count').addSelect(`MIN(${QUEUED_SINCE_SQL})`, 'oldest').getRawOne());
  }

  /** The queue's rows: offerings of providers in the caller's jurisdiction as moderator, then the filters; null without the role. */
  private queueScope(by: Principal, q: Pick<OfferingQueueQuery, 'status' | 'revisionPending'>): SelectQueryBuilder<Offering> | null {
    const codes = jurisdictionOf(by, MODERATOR_ROLES);
    if (codes.length === 0) return null;
    const qb = this.dataSource.manager
      .createQueryBuilder(Offering, 'o')
      .innerJoin(Organization, 'org', 'org.id = o.providerId')
      .where(anyCodeCoversSql(':codes', 'org.region_code'), { codes });
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.revisionPending !== undefined) {
      qb.andWhere(`${q.revisionPending ? '' : 'NOT '}EXISTS (SELECT 1 FROM offering_revision r WHERE r.offering_id = o.id AND r.status = 'pending')`);
    }
    return qb;
  }

  // ---- reads ----

  /**
   * Members of the provider and staff covering its region see any status; everyone else (signed
   * out included) sees it only while it is searchable; otherwise 404.
   */
  async get(by: Principal | null, id: string): Promise<OfferingView> {
    const m = this.dataSource.manager;
    const offering = isUuid(id) ? await m.findOne(Offering, { where: { id } }) : null;
    if (!offering) throw new NotFoundError('offering');
    const provider = await this.organizations.find(offering.providerId, m);
    const privileged = provider !== null && (await this.privileged(m, by, provider));
    if (!privileged && !isSearchable(offering, provider?.provider, this.today())) throw new NotFoundError('offering');
    return this.view(m, offering, provider, privileged);
  }

  /** A provider's offerings: the searchable ones for the public; all of them for members and staff covering it. */
  async listOfProvider(by: Principal | null, providerId: string, q: { page: number; pageSize: number }): Promise<Page<OfferingView>> {
    const m = this.dataSource.manager;
    const provider = await this.organizations.find(providerId, m);
    if (!provider?.provider) throw new NotFoundError('provider');
    const privileged = await this.privileged(m, by, provider);
    const qb = m.createQueryBuilder(Offering, 'o').where('o.providerId = :providerId', { providerId });
    if (!privileged) {
      if (provider.provider.admissionStatus !== 'admitted') return pageOf([], 0, q);
      qb.andWhere(`o.status = 'published'`).andWhere('o.qualificationKinds <@ :held::text[]', { held: heldQualificationKinds(provider.provider, this.today()) });
      qb.orderBy('o.publishedAt', 'DESC');
    } else {
      qb.orderBy('o.updatedAt', 'DESC');
    }
    const [rows, total] = await qb.addOrderBy('o.id', 'ASC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    return pageOf(await this.views(m, rows, () => privileged), total, q);
  }

  // ---- helpers ----

  private within<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.tx.run(work);
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  /**
   * The provider, read after a share lock on its organization row: an admission decision running
   * at the same time (which locks the row for update) commits first or waits for this command.
   */
  private async lockProvider(m: EntityManager, providerId: string, missing: 'provider' | 'offering' = 'provider'): Promise<OrganizationSnapshot> {
    if (!isUuid(providerId)) throw new NotFoundError(missing);
    await m.query('SELECT 1 FROM organization WHERE id = $1 FOR SHARE', [providerId]);
    const provider = await this.organizations.find(providerId, m);
    if (!provider?.provider) throw new NotFoundError(missing);
    return provider;
  }

  private async lockOffering(m: EntityManager, id: string): Promise<Offering> {
    const offering = isUuid(id) ? await m.findOne(Offering, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!offering) throw new NotFoundError('offering');
    return offering;
  }

  private pendingRevision(m: EntityManager, offeringId: string, lock: boolean): Promise<OfferingRevision | null> {
    return m.findOne(OfferingRevision, { where: { offeringId, status: 'pending' }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  private async closeRevision(m: EntityManager, r: OfferingRevision, status: 'published' | 'rejected', actorId: string, reason: string | null): Promise<void> {
    r.status = status;
    r.decidedBy = actorId;
    r.decidedAt = this.clock.now();
    r.reason = reason;
    await m.save(r);
  }

  /** Members act on their provider's offerings; staff who see it get 403, everyone else 404. */
  private async assertMember(m: EntityManager, me: Principal, provider: OrganizationSnapshot, entity: 'provider' | 'offering'): Promise<void> {
    if ((await this.organizations.membershipRole(provider.id, me.userId, m)) !== null) return;
    if (staffSees(me, provider.regionCode)) throw membersOnly();
    throw new NotFoundError(entity);
  }

  private assertModerator(by: Principal, provider: OrganizationSnapshot): void {
    if (staffCovers(by, MODERATOR_ROLES, provider.regionCode)) return;
    if (staffSees(by, provider.regionCode)) throw new ForbiddenError();
    throw new NotFoundError('offering');
  }

  private async privileged(m: EntityManager, by: Principal | null, provider: OrganizationSnapshot): Promise<boolean> {
    if (!by) return false;
    if (staffSees(by, provider.regionCode)) return true;
    return (await this.organizations.membershipRole(provider.id, by.userId, m)) !== null;
  }

  /** Admitted provider, known category inside its admitted ones, known regions, held qualifications. */
  private async assertRules(provider: OrganizationSnapshot, f: Pick<FieldValues, 'categoryId' | 'regionCodes' | 'qualificationKinds'>): Promise<void> {
    const p = provider.provider;
    if (!p || p.admissionStatus !== 'admitted') throw providerNotAdmitted();
    if (!(await this.reference.categoryExists(f.categoryId))) throw unknownCategory();
    const path = await this.reference.ancestorIds(f.categoryId);
    if (!path.some((c) => p.admittedCategoryIds.includes(c))) throw categoryNotAdmitted();
    const unknown = await this.reference.unknownCodes(f.regionCodes);
    if (unknown.length) throw unknownRegions(unknown);
    const missing = missingQualificationKinds(f.qualificationKinds, p, this.today());
    if (missing.length) throw qualificationNotHeld(missing);
  }

  /** Saves a change of the offering row with the next version, and announces it. */
  private async bump(m: EntityManager, offering: Offering): Promise<void> {
    offering.version += 1n;
    await m.save(offering);
    await this.announce(m, offering);
  }

  private async announce(m: EntityManager, offering: Offering): Promise<void> {
    await this.outbox.enqueue(m, OFFERING_CHANGED_TOPIC, { offeringId: offering.id, version: Number(offering.version) } satisfies OfferingChangedPayload, offeringMessage(offering.id));
  }

  private record(m: EntityManager, o: Offering, action: string, actorId: string, before: unknown, after: unknown, reason: string | null = null): Promise<void> {
    return this.audit.record(m, { streamType: 'offering', streamId: o.id, action, actorId, before, after, reason });
  }

  private async view(m: EntityManager, o: Offering, provider: OrganizationSnapshot | null, privileged: boolean): Promise<OfferingView> {
    const pendingRevision = privileged ? await this.pendingRevision(m, o.id, false) : null;
    return toOfferingView(o, provider, { searchable: isSearchable(o, provider?.provider, this.today()), privileged, pendingRevision });
  }

  private async views(m: EntityManager, rows: Offering[], privileged: (o: Offering) => boolean): Promise<OfferingView[]> {
    if (rows.length === 0) return [];
    const providers = await this.organizations.findMany(rows.map((r) => r.providerId), m);
    const revisions = await m.find(OfferingRevision, { where: { offeringId: In(rows.map((r) => r.id)), status: 'pending' } });
    const today = this.today();
    return rows.map((o) => {
      const provider = providers.get(o.providerId) ?? null;
      return toOfferingView(o, provider, {
        searchable: isSearchable(o, provider?.provider, today),
        privileged: privileged(o),
        pendingRevision: revisions.find((r) => r.offeringId === o.id) ?? null,
      });
    });
  }
}

/** Any staff grant (any role) whose jurisdiction covers the region. */
function staffSees(principal: Principal, regionCode: string): boolean {
  return principal.staff.some((g) => jurisdictionCovers(g.regionCodes, regionCode));
}

function dedupe<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function pick(source: FieldValues): FieldValues {
  const out = {} as Record<string, unknown>;
  for (const k of OFFERING_FIELD_NAMES) out[k] = Array.isArray(source[k]) ? [...(source[k] as unknown[])] : source[k];
  return out as unknown as FieldValues;
}

/** The fields as JSON for the audit log (amounts as numbers). */
function auditFields(f: FieldValues): Record<string, unknown> {
  const { pricingKind: _k, priceFen: _p, unitName: _u, minFen: _min, maxFen: _max, ...rest } = f;
  return { ...rest, pricing: pricingView(f) };
}
