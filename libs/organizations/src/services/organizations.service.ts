import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { Clock, NotFoundError, ValidationFailedError, isUuid, shanghaiDate } from '@innoserve/core';
import { SqlParams, TransactionRunner, preparedQuery, queryPrepared } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import type { Principal } from '@innoserve/identity';
import type { EnterpriseStatus } from '../domain/enterprise-verification.state-machine.js';
import type { AdmissionStatus } from '../domain/provider-admission.state-machine.js';
import type { ProviderType, QualificationKind } from '../domain/provider-types.js';
import type { Industry, SizeClass } from '../domain/size-classifier.js';
import { EnterpriseProfile } from '../entities/enterprise-profile.entity.js';
import { Membership, type MembershipRole } from '../entities/membership.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { ProviderProfile } from '../entities/provider-profile.entity.js';
import { ProviderQualification } from '../entities/provider-qualification.entity.js';
import { ProviderRating } from '../entities/provider-rating.entity.js';
import { announceProviderChanged } from './provider-changed.js';
import { EnterprisesService, type NewEnterprise } from './enterprises.service.js';
import { EnterpriseVerificationService, type VerificationInput } from './enterprise-verification.service.js';
import { MembersService, type MemberView, type NewMember } from './members.service.js';
import { bankAccountOf, type BankAccount } from './organization-changes.js';
import { ProviderAdmissionService, type AdmissionInput, type AdmissionResult } from './provider-admission.service.js';
import { ProvidersService, type NewProvider } from './providers.service.js';
import { within } from './unit-of-work.js';
import { groupKeyOfOrganization, ratingView, type EnterpriseView, type ProviderView } from './views.js';

/** Default ban period of a blacklisting (docs/product.md: 3 years). */
export const DEFAULT_BLACKLIST_YEARS = 3;

export interface EnterpriseSnapshot {
  status: EnterpriseStatus;
  industry: Industry;
  employees: number;
  annualRevenueFen: bigint;
  totalAssetsFen: bigint;
  sizeClass: SizeClass;
  techSmeNo: string | null;
  highTechCertNo: string | null;
  highTechCertExpiresOn: string | null;
  littleGiant: boolean;
  verifiedAt: Date | null;
}

export interface ProviderAdmissionSnapshot {
  admissionStatus: AdmissionStatus;
  providerTypes: ProviderType[];
  requestedCategoryIds: string[];
  /** Categories the provider may publish in. */
  admittedCategoryIds: string[];
  admittedAt: Date | null;
  admissionExpiresAt: Date | null;
  qualifications: { kind: QualificationKind; number: string; expiresOn: string | null }[];
  /** The enterprises' reviews of completed orders: average 1–5 (null before the first) and count. */
  rating: { average: number | null; count: number };
}

/** Everything other libs read about an organization (eligibility, caps, related-party checks, catalog). */
export interface OrganizationSnapshot {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  legalRepresentative: string;
  registeredAddress: string;
  contactPhone: string;
  establishedOn: string | null;
  bankAccount: BankAccount | null;
  shareholders: string[];
  controllerGroup: string | null;
  /** controllerGroup, or the organization id (a group of one). */
  groupKey: string;
  blacklistedUntil: string | null;
  blacklistReason: string | null;
  createdAt: Date;
  enterprise: EnterpriseSnapshot | null;
  provider: ProviderAdmissionSnapshot | null;
}

/** The facts of a party to a deal (an order): its identity for the contract and what may stop it from dealing. */
export interface DealParty {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
  legalRepresentative: string;
  registeredAddress: string;
  contactPhone: string;
  bankAccount: BankAccount | null;
  blacklistedUntil: string | null;
  enterpriseStatus: EnterpriseStatus | null;
  provider: { admissionStatus: AdmissionStatus; qualifications: { kind: QualificationKind; number: string; expiresOn: string | null }[] } | null;
}

/**
 * What an application needs to know about the applying enterprise, read in one statement for a
 * member of it (OrganizationsService.applicantFacts).
 */
export interface ApplicantFacts {
  id: string;
  regionCode: string;
  establishedOn: string | null;
  blacklistedUntil: string | null;
  groupKey: string;
  enterprise: Pick<EnterpriseSnapshot, 'status' | 'sizeClass' | 'techSmeNo' | 'highTechCertNo' | 'highTechCertExpiresOn'> | null;
  /** The 高新技术企业 certificates of every enterprise in the organization's group (itself included). */
  groupCertificates: { highTechCertNo: string | null; highTechCertExpiresOn: string | null }[];
}

/** A row of applicantFactsSelect (also as the JSON of that row). */
export interface ApplicantRow {
  id: string;
  region_code: string;
  established_on: string | null;
  blacklisted_until: string | null;
  group_key: string;
  status: EnterpriseStatus | null;
  size_class: SizeClass | null;
  tech_sme_no: string | null;
  high_tech_cert_no: string | null;
  high_tech_cert_expires_on: string | null;
  group_certificates: { highTechCertNo: string | null; highTechCertExpiresOn: string | null }[];
}

/**
 * The SELECT of an applicant's facts (one row when `userId` is a member of the organization, else
 * none), for OrganizationsService.applicantFacts and for another lib's statement that needs them
 * in the same round trip (as a CTE). Map its row with toApplicantFacts.
 */
export function applicantFactsSelect(p: SqlParams, organizationId: string, userId: string): string {
  return applicantFactsSelectOf(p.add(isUuid(organizationId) ? organizationId : null, 'uuid'), p.add(isUuid(userId) ? userId : null, 'uuid'));
}

/**
 * applicantFactsSelect for two SQL expressions of type uuid — e.g. columns of an outer row, so one
 * statement reads the facts of many applicants (a LATERAL subquery over their list).
 */
export function applicantFactsSelectOf(organizationIdSql: string, userIdSql: string): string {
  return `
SELECT o.id, o.region_code, o.established_on::text AS established_on, o.blacklisted_until::text AS blacklisted_until,
       coalesce(o.controller_group, o.id::text) AS group_key,
       e.status, e.size_class, e.tech_sme_no, e.high_tech_cert_no, e.high_tech_cert_expires_on::text AS high_tech_cert_expires_on,
       (SELECT coalesce(json_agg(json_build_object('highTechCertNo', c.no, 'highTechCertExpiresOn', c.expires_on)), '[]'::json)
          FROM (SELECT e.high_tech_cert_no AS no, e.high_tech_cert_expires_on::text AS expires_on WHERE e.organization_id IS NOT NULL
                UNION ALL
                SELECT ge.high_tech_cert_no, ge.high_tech_cert_expires_on::text
                  FROM organization g JOIN enterprise_profile ge ON ge.organization_id = g.id
                 WHERE g.controller_group = coalesce(o.controller_group, o.id::text) AND g.id <> o.id
                UNION ALL
                -- as groupMemberIds: an organization without a controller whose id is the group key
                SELECT ge.high_tech_cert_no, ge.high_tech_cert_expires_on::text
                  FROM organization g JOIN enterprise_profile ge ON ge.organization_id = g.id
                 WHERE g.controller_group IS NULL AND g.id <> o.id
                   AND g.id = CASE WHEN o.controller_group ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                   THEN o.controller_group::uuid END) c) AS group_certificates
  FROM membership m
  JOIN organization o ON o.id = m.organization_id
  LEFT JOIN enterprise_profile e ON e.organization_id = o.id
 WHERE m.organization_id = ${organizationIdSql} AND m.user_id = ${userIdSql}`;
}

export function toApplicantFacts(r: ApplicantRow): ApplicantFacts {
  return {
    id: r.id,
    regionCode: r.region_code,
    establishedOn: r.established_on,
    blacklistedUntil: r.blacklisted_until,
    groupKey: r.group_key,
    enterprise:
      r.status === null || r.size_class === null
        ? null
        : { status: r.status, sizeClass: r.size_class, techSmeNo: r.tech_sme_no, highTechCertNo: r.high_tech_cert_no, highTechCertExpiresOn: r.high_tech_cert_expires_on },
    groupCertificates: r.group_certificates,
  };
}

export interface BlacklistInput {
  reason: string;
  /** Last banned day (YYYY-MM-DD, Asia/Shanghai); default three years from today. */
  until?: string;
}

/**
 * The organizations lib's public face for other libs and the seed: snapshots, membership,
 * blacklisting (a status this lib owns), the group key, and the commands of the other services
 * under one roof. Every read takes an optional EntityManager to join the caller's transaction.
 */
interface DealPartyRow {
  id: string;
  name: string;
  uscc: string;
  region_code: string;
  legal_representative: string;
  registered_address: string;
  contact_phone: string;
  bank_name: string | null;
  bank_account_name: string | null;
  bank_account_no: string | null;
  blacklisted_until: string | null;
  enterprise_status: EnterpriseStatus | null;
  admission_status: AdmissionStatus | null;
  qualifications: { kind: QualificationKind; number: string; expiresOn: string | null }[] | null;
}

const DEAL_PARTY_FIELDS = [
  'id',
  'name',
  'uscc',
  'region_code',
  'legal_representative',
  'registered_address',
  'contact_phone',
  'bank_name',
  'bank_account_name',
  'bank_account_no',
  'blacklisted_until',
  'enterprise_status',
  'admission_status',
  'qualifications',
] as const satisfies readonly (keyof DealPartyRow)[];

const DEAL_PARTY_COLUMNS = `o.id, o.name, o.uscc, o.region_code, o.legal_representative, o.registered_address, o.contact_phone,
              o.bank_name, o.bank_account_name, o.bank_account_no, o.blacklisted_until::text AS blacklisted_until,
              e.status AS enterprise_status, p.admission_status,
              (SELECT json_agg(json_build_object('kind', q.kind, 'number', q.number, 'expiresOn', q.expires_on::text) ORDER BY q.kind, q.number)
                 FROM provider_qualification q WHERE q.organization_id = o.id) AS qualifications`;

function dealPartyOf(r: DealPartyRow): DealParty {
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    regionCode: r.region_code,
    legalRepresentative: r.legal_representative,
    registeredAddress: r.registered_address,
    contactPhone: r.contact_phone,
    bankAccount: r.bank_name !== null && r.bank_account_name !== null && r.bank_account_no !== null ? { bankName: r.bank_name, accountName: r.bank_account_name, accountNo: r.bank_account_no } : null,
    blacklistedUntil: r.blacklisted_until,
    enterpriseStatus: r.enterprise_status,
    provider: r.admission_status ? { admissionStatus: r.admission_status, qualifications: r.qualifications ?? [] } : null,
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly enterprises: EnterprisesService,
    private readonly providers: ProvidersService,
    private readonly verification: EnterpriseVerificationService,
    private readonly admission: ProviderAdmissionService,
    private readonly members: MembersService,
  ) {}

  // ---- reads ----

  /** The organization, or 404 NOT_FOUND. */
  async get(id: string, manager?: EntityManager): Promise<OrganizationSnapshot> {
    const s = await this.find(id, manager);
    if (!s) throw new NotFoundError('organization');
    return s;
  }

  /** The organization, or null. */
  async find(id: string, manager?: EntityManager): Promise<OrganizationSnapshot | null> {
    return (await this.findMany([id], manager)).get(id) ?? null;
  }

  /** Several organizations at once, by id (unknown ids are left out). */
  async findMany(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrganizationSnapshot>> {
    const out = new Map<string, OrganizationSnapshot>();
    const list = [...new Set(ids)].filter(isUuid);
    if (list.length === 0) return out;
    // sequential: `manager` may be a transaction's single connection
    const orgs = await manager.find(Organization, { where: { id: In(list) } });
    const enterprises = await manager.find(EnterpriseProfile, { where: { organizationId: In(list) } });
    const providers = await manager.find(ProviderProfile, { where: { organizationId: In(list) } });
    const quals = await manager.find(ProviderQualification, { where: { organizationId: In(list) }, order: { kind: 'ASC', number: 'ASC' } });
    const ratings = providers.length ? await manager.find(ProviderRating, { where: { providerId: In(providers.map((p) => p.organizationId)) } }) : [];
    for (const o of orgs) {
      const e = enterprises.find((x) => x.organizationId === o.id);
      const p = providers.find((x) => x.organizationId === o.id);
      out.set(o.id, {
        id: o.id,
        uscc: o.uscc,
        name: o.name,
        regionCode: o.regionCode,
        legalRepresentative: o.legalRepresentative,
        registeredAddress: o.registeredAddress,
        contactPhone: o.contactPhone,
        establishedOn: o.establishedOn,
        bankAccount: bankAccountOf(o),
        shareholders: [...o.shareholders],
        controllerGroup: o.controllerGroup,
        groupKey: groupKeyOfOrganization(o),
        blacklistedUntil: o.blacklistedUntil,
        blacklistReason: o.blacklistReason,
        createdAt: o.createdAt,
        enterprise: e
          ? {
              status: e.status,
              industry: e.industry,
              employees: e.employees,
              annualRevenueFen: e.annualRevenueFen,
              totalAssetsFen: e.totalAssetsFen,
              sizeClass: e.sizeClass,
              techSmeNo: e.techSmeNo,
              highTechCertNo: e.highTechCertNo,
              highTechCertExpiresOn: e.highTechCertExpiresOn,
              littleGiant: e.littleGiant,
              verifiedAt: e.verifiedAt,
            }
          : null,
        provider: p
          ? {
              admissionStatus: p.admissionStatus,
              providerTypes: [...p.providerTypes],
              requestedCategoryIds: [...p.requestedCategoryIds],
              admittedCategoryIds: [...p.admittedCategoryIds],
              admittedAt: p.admittedAt,
              admissionExpiresAt: p.admissionExpiresAt,
              qualifications: quals.filter((q) => q.organizationId === o.id).map((q) => ({ kind: q.kind, number: q.number, expiresOn: q.expiresOn })),
              rating: ratingView(ratings.find((r) => r.providerId === o.id)),
            }
          : null,
      });
    }
    return out;
  }

  /**
   * The deal facts of some organizations in one statement (an order's two parties), optionally
   * under a share lock on their organization rows (a verification or admission decision running
   * at the same time, which locks the row for update, commits first or waits).
   */
  async dealParties(m: EntityManager, ids: readonly string[], share = false): Promise<Map<string, DealParty>> {
    const list = [...new Set(ids)].filter(isUuid).sort();
    const rows = await queryPrepared<DealPartyRow>(
      m,
      `SELECT ${DEAL_PARTY_COLUMNS}
         FROM organization o
         LEFT JOIN enterprise_profile e ON e.organization_id = o.id
         LEFT JOIN provider_profile p ON p.organization_id = o.id
        WHERE o.id = ANY($1::uuid[])
        ORDER BY o.id
        ${share ? 'FOR SHARE OF o' : ''}`,
      [list],
    );
    return new Map(rows.map((r) => [r.id, dealPartyOf(r)]));
  }

  /**
   * The deal facts of the organizations whose ids `idsSql` lists (SQL expressions of the caller's
   * statement, e.g. an order row's two party columns), as a json expression to select beside the
   * caller's own read; `dealPartiesFrom` parses what it selected. From the statement's snapshot,
   * unlocked, or under the share lock of `dealParties(…, true)`.
   */
  dealPartiesExpression(idsSql: string, share = false): string {
    return `(SELECT json_agg(json_build_object(${DEAL_PARTY_FIELDS.map((f) => `'${f}', ${f}`).join(', ')}))
               FROM (SELECT ${DEAL_PARTY_COLUMNS}
                       FROM organization o
                       LEFT JOIN enterprise_profile e ON e.organization_id = o.id
                       LEFT JOIN provider_profile p ON p.organization_id = o.id
                      WHERE o.id IN (${idsSql})${share ? ' ORDER BY o.id FOR SHARE OF o' : ''}) AS deal_party)`;
  }

  dealPartiesFrom(value: unknown): Map<string, DealParty> {
    const rows = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as DealPartyRow[];
    return new Map(rows.map((r) => [r.id, dealPartyOf(r)]));
  }

  /**
   * Counts an enterprise's review (1–5) in the provider's rating, in the caller's transaction, and
   * announces the provider as changed (its offerings' search documents carry the rating).
   */
  async addProviderRating(m: EntityManager, providerId: string, rating: number): Promise<void> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new RangeError('a rating is 1…5');
    await m.query(
      `INSERT INTO provider_rating (provider_id, rating_sum, rating_count, updated_at) VALUES ($1, $2, 1, now())
       ON CONFLICT (provider_id) DO UPDATE SET rating_sum = provider_rating.rating_sum + $2, rating_count = provider_rating.rating_count + 1, updated_at = now()`,
      [providerId, rating],
    );
    await announceProviderChanged(m, providerId);
  }

  /**
   * The applicant's facts when `userId` is a member of the organization, else null — one prepared
   * statement outside any transaction (the hot read of an opening-day rush). The group is the
   * organizations sharing the controller (groupMemberIds).
   */
  async applicantFacts(organizationId: string, userId: string): Promise<ApplicantFacts | null> {
    if (!isUuid(organizationId) || !isUuid(userId)) return null;
    const p = new SqlParams();
    const [r] = await preparedQuery<ApplicantRow>(this.dataSource, 'organizations.applicant_facts', applicantFactsSelect(p, organizationId, userId), p.values);
    return r ? toApplicantFacts(r) : null;
  }

  async isMember(organizationId: string, userId: string, manager?: EntityManager): Promise<boolean> {
    return (await this.membershipRole(organizationId, userId, manager)) !== null;
  }

  /** 'owner' | 'member', or null when the user is not a member. */
  async membershipRole(organizationId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<MembershipRole | null> {
    if (!isUuid(organizationId) || !isUuid(userId)) return null;
    const row = await manager.findOne(Membership, { where: { organizationId, userId }, select: { role: true } });
    return row?.role ?? null;
  }

  /** The organizations a user belongs to (ids). */
  async organizationIdsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!isUuid(userId)) return [];
    const rows = await manager.find(Membership, { where: { userId }, select: { organizationId: true }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.organizationId);
  }

  /** Whether the organization is blacklisted on `on` (a Date, read as the Asia/Shanghai day, or YYYY-MM-DD; default today). */
  async isBlacklisted(organizationId: string, on: Date | string = this.clock.now(), manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (!isUuid(organizationId)) return false;
    const day = typeof on === 'string' ? on : shanghaiDate(on);
    return manager.exists(Organization, { where: { id: organizationId, blacklistedUntil: MoreThanOrEqual(day) } });
  }

  /** The group for cap aggregation and related-party checks: the controller group, or the id itself. */
  async groupKeyOf(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    if (!isUuid(organizationId)) throw new NotFoundError('organization');
    const org = await manager.findOne(Organization, { where: { id: organizationId }, select: { id: true, controllerGroup: true } });
    if (!org) throw new NotFoundError('organization');
    return groupKeyOfOrganization(org);
  }

  /**
   * Providers with a qualification whose last valid day lies in [from, to] (YYYY-MM-DD), with the
   * latest such day: what a sweep needs to re-check the searchability of their offerings.
   */
  async providersWithQualificationsLapsedBetween(
    from: string,
    to: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ providerId: string; lapsedOn: string }[]> {
    const rows = await manager
      .createQueryBuilder(ProviderQualification, 'q')
      .select('q.organizationId', 'providerId')
      .addSelect('max(q.expiresOn)::text', 'lapsedOn')
      .where('q.expiresOn BETWEEN :from AND :to', { from, to })
      .groupBy('q.organizationId')
      .getRawMany<{ providerId: string; lapsedOn: string }>();
    return rows;
  }

  /** The ids of every organization in the group with this key. */
  async groupMemberIds(groupKey: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(Organization, 'o')
      .select('o.id', 'id')
      .where('o.controllerGroup = :groupKey', { groupKey })
      .orWhere('(o.controllerGroup IS NULL AND o.id::text = :groupKey)', { groupKey })
      .orderBy('o.id', 'ASC')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** The enterprise verification status, or null without an enterprise profile. */
  async enterpriseStatus(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<EnterpriseStatus | null> {
    if (!isUuid(organizationId)) return null;
    const e = await manager.findOne(EnterpriseProfile, { where: { organizationId }, select: { organizationId: true, status: true } });
    return e?.status ?? null;
  }

  /** The provider's admission, or null without a provider profile. */
  async providerAdmission(organizationId: string, manager?: EntityManager): Promise<ProviderAdmissionSnapshot | null> {
    return (await this.find(organizationId, manager))?.provider ?? null;
  }

  // ---- sanctions owned here ----

  /** Blacklists the organization through `until` (default three years), audited. */
  async blacklist(organizationId: string, input: BlacklistInput, actorId: string | null, manager?: EntityManager): Promise<OrganizationSnapshot> {
    const reason = input.reason.trim();
    if (!reason) throw new ValidationFailedError([{ field: 'reason', message: 'a reason is required to blacklist' }]);
    if (input.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.until)) {
      throw new ValidationFailedError([{ field: 'until', message: 'until must be a date YYYY-MM-DD' }]);
    }
    return within(this.tx, manager, async (m) => {
      const org = await m.findOne(Organization, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw new NotFoundError('organization');
      const now = this.clock.now();
      const until = input.until ?? defaultBanEnd(now);
      const before = { blacklistedUntil: org.blacklistedUntil, blacklistReason: org.blacklistReason };
      org.blacklistedUntil = until;
      org.blacklistReason = reason;
      org.blacklistedAt = now;
      org.blacklistedBy = actorId;
      await m.save(org);
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: organizationId,
        action: 'organization.blacklisted',
        actorId,
        before,
        after: { blacklistedUntil: until, blacklistReason: reason },
        reason,
      });
      return this.get(organizationId, m);
    });
  }

  /** Lifts a blacklisting before it ends, audited. */
  async liftBlacklist(organizationId: string, reason: string, actorId: string | null, manager?: EntityManager): Promise<OrganizationSnapshot> {
    return within(this.tx, manager, async (m) => {
      const org = await m.findOne(Organization, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw new NotFoundError('organization');
      const before = { blacklistedUntil: org.blacklistedUntil, blacklistReason: org.blacklistReason };
      org.blacklistedUntil = null;
      org.blacklistReason = null;
      org.blacklistedAt = null;
      org.blacklistedBy = null;
      await m.save(org);
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: organizationId,
        action: 'organization.blacklist-lifted',
        actorId,
        before,
        after: { blacklistedUntil: null },
        reason,
      });
      return this.get(organizationId, m);
    });
  }

  // ---- commands (seed and other libs; the same rules as the HTTP API) ----

  createEnterprise(by: Principal | string, dto: NewEnterprise, manager?: EntityManager): Promise<EnterpriseView> {
    return this.enterprises.create(by, dto, manager);
  }

  createProvider(by: Principal | string, dto: NewProvider, manager?: EntityManager): Promise<ProviderView> {
    return this.providers.create(by, dto, manager);
  }

  /** A verification decision by a staff principal (jurisdiction and conflict of interest checked). */
  decideVerification(by: Principal, id: string, input: VerificationInput, manager?: EntityManager): Promise<EnterpriseView> {
    return this.verification.decide(by, id, input, manager);
  }

  /** An admission action by a staff principal (e.g. suspend or delist as a sanction). */
  decideAdmission(by: Principal, id: string, input: AdmissionInput, manager?: EntityManager): Promise<AdmissionResult> {
    return this.admission.decide(by, id, input, manager);
  }

  addMember(by: Principal | string, id: string, input: NewMember, manager?: EntityManager): Promise<MemberView> {
    return this.members.add(by, id, input, manager);
  }
}

function defaultBanEnd(now: Date): string {
  const [y, mo, d] = shanghaiDate(now).split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + DEFAULT_BLACKLIST_YEARS, mo - 1, d));
  if (end.getUTCMonth() !== mo - 1) end.setUTCDate(0); // 29 Feb → 28 Feb
  return end.toISOString().slice(0, 10);
}

