import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import type { Principal } from '@innoserve/identity';
import { enterpriseVerificationMachine } from '../domain/enterprise-verification.state-machine.js';
import { classifySize } from '../domain/size-classifier.js';
import type { CreateEnterpriseDto } from '../dto/create-enterprise.dto.js';
import type { UpdateEnterpriseDto } from '../dto/update-enterprise.dto.js';
import { EnterpriseProfile } from '../entities/enterprise-profile.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { ProviderProfile } from '../entities/provider-profile.entity.js';
import { assertMemberAction, assertVisible, membershipRoleOf } from './organization-access.js';
import {
  CONTACT_FIELDS,
  ENTERPRISE_INPUT_FIELDS,
  IDENTITY_FIELDS,
  REVIEWED_EDIT_STATUSES,
  bankAccountOf,
  changedFields,
  identityOf,
  identityPatchOf,
  isEmpty,
  jsonOf,
  pick,
  type EnterpriseInputs,
  type OrganizationContact,
  type OrganizationIdentity,
} from './organization-changes.js';
import { alreadyRegistered, changeRequestRequired } from './organization-errors.js';
import { OrganizationFiles } from './organization-files.js';
import { OrganizationRegistry } from './organization-registry.js';
import { asPrincipal, within } from './unit-of-work.js';
import { toEnterpriseView, type EnterpriseView } from './views.js';

/** What an enterprise registration carries (the POST /enterprises body; amounts in fen). */
export type NewEnterprise = Omit<CreateEnterpriseDto, 'annualRevenueFen' | 'totalAssetsFen'> & {
  annualRevenueFen: number | bigint;
  totalAssetsFen: number | bigint;
};

export type EnterpriseChanges = Omit<UpdateEnterpriseDto, 'annualRevenueFen' | 'totalAssetsFen'> & {
  annualRevenueFen?: number | bigint;
  totalAssetsFen?: number | bigint;
};

/** Enterprise registration, reading and editing by its members. */
@Injectable()
export class EnterprisesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly registry: OrganizationRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly files: OrganizationFiles,
  ) {}

  /**
   * Registers an enterprise; the caller becomes the owner. When the caller already owns the
   * organization with this USCC (e.g. as a provider), the profile is added to it.
   */
  async create(by: Principal | string, dto: NewEnterprise, manager?: EntityManager): Promise<EnterpriseView> {
    const actorId = asPrincipal(by).userId;
    const uscc = this.registry.checkUscc(dto.uscc);
    await this.registry.checkRegion(dto.regionCode);
    const inputs = enterpriseInputsOf(dto);
    return within(this.tx, manager, async (m) => {
      const { org } = await this.registry.findOrCreate(m, actorId, {
        uscc,
        name: dto.name,
        regionCode: dto.regionCode,
        legalRepresentative: dto.legalRepresentative,
        registeredAddress: dto.registeredAddress,
        contactPhone: dto.contactPhone,
        establishedOn: dto.establishedOn ?? null,
        bankAccount: dto.bankAccount ?? null,
        controllerGroup: dto.controllerGroup ?? null,
        shareholders: dto.shareholders ?? [],
      });
      if (await m.exists(EnterpriseProfile, { where: { organizationId: org.id } })) throw alreadyRegistered('enterprise');
      await this.files.assertAttachable(m, actorId, org.id, [{ fileId: inputs.businessLicenceFileId, field: 'businessLicenceFileId' }]);
      const profile = await m.save(
        m.create(EnterpriseProfile, {
          organizationId: org.id,
          ...inputs,
          sizeClass: classifySize(inputs),
          status: 'pending',
          rejectionReason: null,
          suspensionReason: null,
          verifiedAt: null,
          verifiedBy: null,
          submittedAt: this.clock.now(),
        }),
      );
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: org.id,
        action: 'enterprise.registered',
        actorId,
        after: { status: profile.status, sizeClass: profile.sizeClass, ...jsonOf(inputs) },
      });
      return toEnterpriseView(org, profile);
    });
  }

  /** Members and staff whose jurisdiction covers the region; 404 for everyone else. */
  async get(by: Principal, id: string): Promise<EnterpriseView> {
    const m = this.dataSource.manager;
    const { org, profile } = await this.load(m, id);
    assertVisible('enterprise', by, await membershipRoleOf(m, id, by.userId), org.regionCode);
    return toEnterpriseView(org, profile);
  }

  /**
   * Edits by a member. Identity edits of a verified enterprise send it back to pending; when the
   * organization is also an admitted provider, its identity changes only through a provider change
   * request (409 CHANGE_REQUEST_REQUIRED).
   */
  async update(by: Principal, id: string, dto: EnterpriseChanges, manager?: EntityManager): Promise<EnterpriseView> {
    await this.registry.checkRegion(dto.regionCode);
    return within(this.tx, manager, async (m) => {
      const { org, profile } = await this.load(m, id, true);
      assertMemberAction('enterprise', by, await membershipRoleOf(m, id, by.userId), org.regionCode);
      await this.files.assertAttachable(m, by.userId, id, [{ fileId: dto.businessLicenceFileId, field: 'businessLicenceFileId' }]);

      const identity = changedFields<OrganizationIdentity, (typeof IDENTITY_FIELDS)[number]>(identityOf(org), identityPatchOf(dto), IDENTITY_FIELDS);
      const contact = changedFields<OrganizationContact, (typeof CONTACT_FIELDS)[number]>(org, dto, CONTACT_FIELDS);
      const current = enterpriseInputsOfProfile(profile);
      const inputs = changedFields<EnterpriseInputs, (typeof ENTERPRISE_INPUT_FIELDS)[number]>(current, enterpriseInputPatchOf(dto), ENTERPRISE_INPUT_FIELDS);

      if (!isEmpty(identity)) {
        const provider = await m.findOne(ProviderProfile, { where: { organizationId: id }, select: { organizationId: true, admissionStatus: true } });
        if (provider && REVIEWED_EDIT_STATUSES.includes(provider.admissionStatus)) throw changeRequestRequired();
        this.registry.checkBankAccountName({
          name: identity.name ?? org.name,
          bankAccount: identity.bankAccount !== undefined ? identity.bankAccount : bankAccountOf(org),
        });
      }
      await this.registry.applyChanges(m, org, identity, contact, by.userId, { reverifyEnterprise: false, action: 'organization.updated' });
      if (!isEmpty(inputs)) {
        const before = { ...pick(current, Object.keys(inputs)), sizeClass: profile.sizeClass };
        Object.assign(profile, inputs);
        profile.sizeClass = classifySize(profile);
        await m.save(profile);
        await this.audit.record(m, {
          streamType: 'organization',
          streamId: id,
          action: 'enterprise.updated',
          actorId: by.userId,
          before: jsonOf(before),
          after: jsonOf({ ...inputs, sizeClass: profile.sizeClass }),
        });
      }
      if (!isEmpty(identity) || !isEmpty(inputs)) await this.registry.reverifyEnterprise(m, id, by.userId);
      const fresh = await this.load(m, id);
      return toEnterpriseView(fresh.org, fresh.profile);
    });
  }

  /** rejected → pending, by an owner after edits; optionally with a new business licence. */
  async resubmit(by: Principal, id: string, input: { businessLicenceFileId?: string } = {}, manager?: EntityManager): Promise<EnterpriseView> {
    return within(this.tx, manager, async (m) => {
      const { org, profile } = await this.load(m, id, true);
      assertMemberAction('enterprise', by, await membershipRoleOf(m, id, by.userId), org.regionCode, true);
      const from = profile.status;
      profile.status = enterpriseVerificationMachine.transition(from, 'resubmit', ['owner'], { reason: null, hasLicence: profile.businessLicenceFileId !== null });
      const licence = input.businessLicenceFileId?.toLowerCase();
      const licenceBefore = profile.businessLicenceFileId;
      if (licence !== undefined) {
        await this.files.assertAttachable(m, by.userId, id, [{ fileId: licence, field: 'businessLicenceFileId' }]);
        profile.businessLicenceFileId = licence;
      }
      profile.submittedAt = this.clock.now();
      await m.save(profile);
      const licenceChanged = licence !== undefined && licence !== licenceBefore;
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: id,
        action: 'enterprise.verification.resubmit',
        actorId: by.userId,
        before: { status: from, ...(licenceChanged ? { businessLicenceFileId: licenceBefore } : {}) },
        after: { status: profile.status, ...(licenceChanged ? { businessLicenceFileId: licence } : {}) },
      });
      return toEnterpriseView(org, profile);
    });
  }

  private async load(m: EntityManager, id: string, lock = false): Promise<{ org: Organization; profile: EnterpriseProfile }> {
    const org = lock ? await this.registry.lock(m, id) : await m.findOne(Organization, { where: { id } });
    const profile = org ? await m.findOne(EnterpriseProfile, { where: { organizationId: id } }) : null;
    if (!org || !profile) throw new NotFoundError('enterprise');
    return { org, profile };
  }
}

export function enterpriseInputsOf(dto: NewEnterprise): EnterpriseInputs {
  return {
    industry: dto.industry,
    employees: dto.employees,
    annualRevenueFen: BigInt(dto.annualRevenueFen),
    totalAssetsFen: BigInt(dto.totalAssetsFen),
    techSmeNo: dto.techSmeNo ?? null,
    highTechCertNo: dto.highTechCertNo ?? null,
    highTechCertExpiresOn: dto.highTechCertExpiresOn ?? null,
    littleGiant: dto.littleGiant ?? false,
    businessLicenceFileId: dto.businessLicenceFileId?.toLowerCase() ?? null,
  };
}

function enterpriseInputsOfProfile(p: EnterpriseProfile): EnterpriseInputs {
  return {
    industry: p.industry,
    employees: p.employees,
    annualRevenueFen: p.annualRevenueFen,
    totalAssetsFen: p.totalAssetsFen,
    techSmeNo: p.techSmeNo,
    highTechCertNo: p.highTechCertNo,
    highTechCertExpiresOn: p.highTechCertExpiresOn,
    littleGiant: p.littleGiant,
    businessLicenceFileId: p.businessLicenceFileId,
  };
}

function enterpriseInputPatchOf(dto: EnterpriseChanges): Partial<EnterpriseInputs> {
  return {
    industry: dto.industry,
    employees: dto.employees,
    annualRevenueFen: dto.annualRevenueFen === undefined ? undefined : BigInt(dto.annualRevenueFen),
    totalAssetsFen: dto.totalAssetsFen === undefined ? undefined : BigInt(dto.totalAssetsFen),
    techSmeNo: dto.techSmeNo,
    highTechCertNo: dto.highTechCertNo,
    highTechCertExpiresOn: dto.highTechCertExpiresOn,
    littleGiant: dto.littleGiant,
    businessLicenceFileId: dto.businessLicenceFileId?.toLowerCase(),
  };
}
