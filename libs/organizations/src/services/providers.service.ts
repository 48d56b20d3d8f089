import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import type { Principal } from '@innoserve/identity';
import type { ProviderType } from '../domain/provider-types.js';
import type { CreateProviderDto } from '../dto/create-provider.dto.js';
import type { UpdateProviderDto } from '../dto/update-provider.dto.js';
import { AdmissionObjection } from '../entities/admission-objection.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { ProviderChangeRequest } from '../entities/provider-change-request.entity.js';
import { ProviderProfile } from '../entities/provider-profile.entity.js';
import { ProviderQualification } from '../entities/provider-qualification.entity.js';
import { ProviderRating } from '../entities/provider-rating.entity.js';
import { assertMemberAction, assertVisible, membershipRoleOf } from './organization-access.js';
import {
  CONTACT_FIELDS,
  IDENTITY_FIELDS,
  PROVIDER_SCOPE_FIELDS,
  REVIEWED_EDIT_STATUSES,
  UNDER_REVIEW_STATUSES,
  bankAccountOf,
  changedFields,
  identityOf,
  identityPatchOf,
  isEmpty,
  jsonOf,
  pick,
  type OrganizationContact,
  type OrganizationIdentity,
  type ProviderChanges,
  type ProviderScope,
  type QualificationInput,
} from './organization-changes.js';
import { alreadyRegistered, changeRequestPending, underReview } from './organization-errors.js';
import { OrganizationFiles } from './organization-files.js';
import { OrganizationRegistry } from './organization-registry.js';
import { announceProviderChanged } from './provider-changed.js';
import { asPrincipal, within } from './unit-of-work.js';
import { toChangeRequestView, toProviderView, type ChangeRequestView, type ProviderView } from './views.js';

export type NewProvider = CreateProviderDto;
export type ProviderEdits = UpdateProviderDto;

/** A PATCH either applied at once or became a change request (202). */
export type ProviderUpdateOutcome = { kind: 'applied'; provider: ProviderView } | { kind: 'requested'; changeRequest: ChangeRequestView };

/** Provider applications, reading and editing by members; the provider view with its extras. */
@Injectable()
export class ProvidersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly registry: OrganizationRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly files: OrganizationFiles,
  ) {}

  /** Applies for admission (入库); the caller becomes the owner, or joins their own organization of this USCC. */
  async create(by: Principal | string, dto: NewProvider, manager?: EntityManager): Promise<ProviderView> {
    const actorId = asPrincipal(by).userId;
    const uscc = this.registry.checkUscc(dto.uscc);
    await this.registry.checkRegion(dto.regionCode);
    await this.registry.checkCategories(dto.categoryIds);
    const scope = scopeOf(dto.providerTypes, dto.categoryIds, dto.qualifications ?? []);
    return within(this.tx, manager, async (m) => {
      const { org } = await this.registry.findOrCreate(m, actorId, {
        uscc,
        name: dto.name,
        regionCode: dto.regionCode,
        legalRepresentative: dto.legalRepresentative,
        registeredAddress: dto.registeredAddress,
        contactPhone: dto.contactPhone,
        establishedOn: dto.establishedOn ?? null,
        bankAccount: identityPatchOf({ bankAccount: dto.bankAccount }).bankAccount ?? null,
        controllerGroup: dto.controllerGroup ?? null,
        shareholders: dto.shareholders ?? [],
      });
      if (await m.exists(ProviderProfile, { where: { organizationId: org.id } })) throw alreadyRegistered('provider');
      await this.files.assertAttachable(m, actorId, org.id, certificateFiles(scope.qualifications));
      const profile = await m.save(
        m.create(ProviderProfile, {
          organizationId: org.id,
          providerTypes: scope.providerTypes,
          requestedCategoryIds: scope.categoryIds,
          admittedCategoryIds: [],
          admissionStatus: 'applied',
          noticeStartsAt: null,
          noticeEndsAt: null,
          admittedAt: null,
          admissionExpiresAt: null,
          suspendedAt: null,
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
          submittedAt: this.clock.now(),
        }),
      );
      await this.replaceQualifications(m, org.id, scope.qualifications);
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: org.id,
        action: 'provider.applied',
        actorId,
        after: { admissionStatus: profile.admissionStatus, ...jsonOf(scope) },
      });
      return this.view(m, org.id);
    });
  }

  /** Members and staff whose jurisdiction covers the region; 404 for everyone else. */
  async get(by: Principal, id: string): Promise<ProviderView> {
    const m = this.dataSource.manager;
    const org = await m.findOne(Organization, { where: { id } });
    if (!org || !(await m.exists(ProviderProfile, { where: { organizationId: id } }))) throw new NotFoundError('provider');
    assertVisible('provider', by, await membershipRoleOf(m, id, by.userId), org.regionCode);
    return this.view(m, id);
  }

  /**
   * Edits by a member. Before admission everything applies at once. Once admitted (admitted,
   * suspended, expired), the address and phone apply at once while identity and scope changes
   * become a change request; the live record stays as it is until a program officer approves.
   */
  async update(by: Principal, id: string, dto: ProviderEdits, manager?: EntityManager): Promise<ProviderUpdateOutcome> {
    await this.registry.checkRegion(dto.regionCode);
    await this.registry.checkCategories(dto.categoryIds);
    return within(this.tx, manager, async (m) => {
      const org = await this.registry.lock(m, id);
      const profile = org ? await m.findOne(ProviderProfile, { where: { organizationId: id } }) : null;
      if (!org || !profile) throw new NotFoundError('provider');
      assertMemberAction('provider', by, await membershipRoleOf(m, id, by.userId), org.regionCode);
      if (dto.qualifications) await this.files.assertAttachable(m, by.userId, id, certificateFiles(qualificationsOf(dto.qualifications)));

      const currentIdentity = identityOf(org);
      const identity = changedFields<OrganizationIdentity, (typeof IDENTITY_FIELDS)[number]>(currentIdentity, identityPatchOf(dto), IDENTITY_FIELDS);
      const contact = changedFields<OrganizationContact, (typeof CONTACT_FIELDS)[number]>(org, dto, CONTACT_FIELDS);
      const currentScope = await this.scopeOfProfile(m, profile);
      const scope = changedFields<ProviderScope, (typeof PROVIDER_SCOPE_FIELDS)[number]>(
        currentScope,
        {
          providerTypes: dto.providerTypes ? dedupe(dto.providerTypes) : undefined,
          categoryIds: dto.categoryIds ? dedupe(dto.categoryIds.map((c) => c.toLowerCase())) : undefined,
          qualifications: dto.qualifications ? qualificationsOf(dto.qualifications) : undefined,
        },
        PROVIDER_SCOPE_FIELDS,
      );
      if (!isEmpty(identity)) {
        this.registry.checkBankAccountName({
          name: identity.name ?? org.name,
          bankAccount: identity.bankAccount !== undefined ? identity.bankAccount : bankAccountOf(org),
        });
      }

      // what the officer reviews and the public notice announces must be what gets admitted
      if (UNDER_REVIEW_STATUSES.includes(profile.admissionStatus) && !(isEmpty(identity) && isEmpty(scope))) throw underReview(profile.admissionStatus);
      if (REVIEWED_EDIT_STATUSES.includes(profile.admissionStatus) && !(isEmpty(identity) && isEmpty(scope))) {
        if (await m.exists(ProviderChangeRequest, { where: { organizationId: id, status: 'pending' } })) throw changeRequestPending();
        await this.registry.applyChanges(m, org, {}, contact, by.userId, { reverifyEnterprise: false, action: 'organization.updated' });
        const changes: ProviderChanges = { ...identity, ...scope };
        const previous = pick({ ...currentIdentity, ...currentScope }, Object.keys(changes));
        const request = await m.save(
          m.create(ProviderChangeRequest, {
            organizationId: id,
            requestedBy: by.userId,
            changes: jsonOf(changes) as ProviderChanges,
            previous: jsonOf(previous) as ProviderChanges,
            status: 'pending',
            decidedBy: null,
            decidedAt: null,
            reason: null,
          }),
        );
        await this.audit.record(m, {
          streamType: 'organization',
          streamId: id,
          action: 'provider.change-request.created',
          actorId: by.userId,
          before: request.previous,
          after: { changeRequestId: request.id, ...request.changes },
        });
        return { kind: 'requested', changeRequest: toChangeRequestView(request) };
      }

      await this.registry.applyChanges(m, org, identity, contact, by.userId, { reverifyEnterprise: true, action: 'organization.updated' });
      await this.applyScope(m, profile, scope, by.userId, { admit: false, action: 'provider.updated' });
      return { kind: 'applied', provider: await this.view(m, id) };
    });
  }

  /**
   * Writes provider scope changes (types, requested categories, qualifications), audited. With
   * `admit` (an approved change request of an admitted provider) the new categories are admitted too.
   */
  async applyScope(
    m: EntityManager,
    profile: ProviderProfile,
    scope: Partial<ProviderScope>,
    actorId: string | null,
    opts: { admit: boolean; action: string; reason?: string | null },
  ): Promise<void> {
    if (isEmpty(scope)) return;
    const before = pick(await this.scopeOfProfile(m, profile), Object.keys(scope));
    if (scope.providerTypes) profile.providerTypes = [...scope.providerTypes];
    if (scope.categoryIds) {
      profile.requestedCategoryIds = [...scope.categoryIds];
      if (opts.admit) profile.admittedCategoryIds = [...scope.categoryIds];
    }
    if (scope.providerTypes || scope.categoryIds) await m.save(profile);
    if (scope.qualifications) await this.replaceQualifications(m, profile.organizationId, scope.qualifications);
    await announceProviderChanged(m, profile.organizationId);
    await this.audit.record(m, {
      streamType: 'organization',
      streamId: profile.organizationId,
      action: opts.action,
      actorId,
      before: jsonOf(before),
      after: jsonOf(opts.admit && scope.categoryIds ? { ...scope, admittedCategoryIds: scope.categoryIds } : scope),
      reason: opts.reason ?? null,
    });
  }

  /** The provider view: organization, profile, qualifications, open objections, pending change request. */
  async view(m: EntityManager, id: string): Promise<ProviderView> {
    const views = await this.views(m, [id]);
    const v = views.get(id);
    if (!v) throw new NotFoundError('provider');
    return v;
  }

  /** Views of several providers at once (admin lists). */
  async views(m: EntityManager, ids: readonly string[]): Promise<Map<string, ProviderView>> {
    const out = new Map<string, ProviderView>();
    if (ids.length === 0) return out;
    const idList = [...ids];
    // sequential: `m` may be a transaction's single connection
    const orgs = await m.find(Organization, { where: { id: In(idList) } });
    const profiles = await m.find(ProviderProfile, { where: { organizationId: In(idList) } });
    const quals = await m.find(ProviderQualification, { where: { organizationId: In(idList) }, order: { kind: 'ASC', number: 'ASC' } });
    const objections = await m
      .createQueryBuilder(AdmissionObjection, 'x')
      .select('x.organizationId', 'organizationId')
      .addSelect('count(*)::int', 'n')
      .where('x.organizationId IN (:...ids)', { ids: idList })
      .andWhere(`x.status = 'open'`)
      .groupBy('x.organizationId')
      .getRawMany<{ organizationId: string; n: number }>();
    const requests = await m.find(ProviderChangeRequest, { where: { organizationId: In(idList), status: 'pending' }, select: { id: true, organizationId: true } });
    const ratings = await m.find(ProviderRating, { where: { providerId: In(idList) } });
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    for (const p of profiles) {
      const org = orgById.get(p.organizationId);
      if (!org) continue;
      out.set(
        p.organizationId,
        toProviderView(org, p, {
          qualifications: quals.filter((q) => q.organizationId === p.organizationId),
          openObjections: objections.find((o) => o.organizationId === p.organizationId)?.n ?? 0,
          pendingChangeRequestId: requests.find((r) => r.organizationId === p.organizationId)?.id ?? null,
          rating: ratings.find((r) => r.providerId === p.organizationId) ?? null,
        }),
      );
    }
    return out;
  }

  private async scopeOfProfile(m: EntityManager, profile: ProviderProfile): Promise<ProviderScope> {
    const quals = await m.find(ProviderQualification, { where: { organizationId: profile.organizationId } });
    return {
      providerTypes: [...profile.providerTypes],
      categoryIds: [...profile.requestedCategoryIds],
      qualifications: quals.map((q) => ({ kind: q.kind, number: q.number, expiresOn: q.expiresOn, certificateFileId: q.certificateFileId })),
    };
  }

  private async replaceQualifications(m: EntityManager, organizationId: string, qualifications: readonly QualificationInput[]): Promise<void> {
    await m.delete(ProviderQualification, { organizationId });
    if (qualifications.length) await m.insert(ProviderQualification, qualifications.map((q) => ({ organizationId, ...q })));
  }
}

/** The certificate files of a qualification list, named by their place in it. */
function certificateFiles(qualifications: readonly QualificationInput[]): { fileId: string | null; field: string }[] {
  return qualifications.map((q, i) => ({ fileId: q.certificateFileId, field: `qualifications[${i}].certificateFileId` }));
}

function dedupe<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

type QualificationBody = { kind: QualificationInput['kind']; number: string; expiresOn?: string | null; certificateFileId?: string | null };

function qualificationOf(q: QualificationBody): QualificationInput {
  return { kind: q.kind, number: q.number, expiresOn: q.expiresOn ?? null, certificateFileId: q.certificateFileId?.toLowerCase() ?? null };
}

/** Scope from the application body: types and categories deduplicated, qualifications keyed by kind and number. */
export function scopeOf(
  providerTypes: readonly ProviderType[],
  categoryIds: readonly string[],
  qualifications: readonly QualificationBody[],
): ProviderScope {
  return { providerTypes: dedupe(providerTypes), categoryIds: dedupe(categoryIds.map((c) => c.toLowerCase())), qualifications: qualificationsOf(qualifications) };
}

/** Qualifications keyed by kind and number (a repeated one counts once; the last expiry wins). */
function qualificationsOf(list: readonly QualificationBody[]): QualificationInput[] {
  const quals = new Map<string, QualificationInput>();
  for (const q of list) quals.set(`${q.kind}|${q.number}`, qualificationOf(q));
  return [...quals.values()];
}
