import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessRuleError, Clock, ValidationFailedError } from '@innoserve/core';
import { AuditService } from '@innoserve/audit';
import { ReferenceService } from '@innoserve/reference';
import { statusAfterIdentityEdit } from '../domain/enterprise-verification.state-machine.js';
import { normalizeUscc, validateUscc } from '../domain/uscc.js';
import { EnterpriseProfile } from '../entities/enterprise-profile.entity.js';
import { Membership } from '../entities/membership.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { ProviderProfile } from '../entities/provider-profile.entity.js';
import { membershipRoleOf } from './organization-access.js';
import { applyOrganizationFields, bankAccountOf, identityOf, isEmpty, jsonOf, pick, type OrganizationFields, type OrganizationIdentity } from './organization-changes.js';
import { bankAccountNameMismatch, unknownCategories, unknownRegion, usccTaken } from './organization-errors.js';

export interface RegistrationInput extends OrganizationFields {
  uscc: string;
}

/**
 * The organization aggregate's shared writes: registration by USCC (one organization per USCC,
 * joined by its owner for a second profile), identity checks, and identity changes with their
 * effect on a verified enterprise. Used by the enterprise, provider and change-request services.
 */
@Injectable()
export class OrganizationRegistry {
  constructor(
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The normalized USCC: 400 when malformed, 422 INVALID_USCC for a wrong check character. */
  checkUscc(raw: string): string {
    const uscc = normalizeUscc(raw);
    const v = validateUscc(uscc);
    if (!v.ok) {
      throw v.reason === 'check'
        ? new BusinessRuleError('INVALID_USCC', v.message, [{ field: 'uscc', message: v.message.en }])
        : new ValidationFailedError([{ field: 'uscc', message: v.message.en }], v.message);
    }
    return uscc;
  }

  async checkRegion(code: string | undefined): Promise<void> {
    if (code !== undefined && !(await this.reference.regionExists(code))) throw unknownRegion(code);
  }

  async checkCategories(ids: readonly string[] | undefined): Promise<void> {
    if (!ids) return;
    const unknown: string[] = [];
    for (const id of ids) if (!(await this.reference.categoryExists(id))) unknown.push(id);
    if (unknown.length) throw unknownCategories(unknown);
  }

  /**
   * Records the organization's current bank account as verified by staff (in the caller's
   * transaction, the organization row locked): what its subsidies are paid to from now on. No
   * account: nothing verified. Audited when it changes.
   */
  async stampVerifiedBankAccount(m: EntityManager, organizationId: string, by: string | null): Promise<void> {
    const org = await m.findOneByOrFail(Organization, { id: organizationId });
    const account = bankAccountOf(org);
    const before = org.verifiedBankAccount;
    const same = account !== null && before !== null && before.bankName === account.bankName && before.accountName === account.accountName && before.accountNo === account.accountNo && before.cnapsCode === (account.cnapsCode ?? null);
    if (same || (account === null && before === null)) return;
    const verified = account ? { bankName: account.bankName, accountName: account.accountName, accountNo: account.accountNo, cnapsCode: account.cnapsCode ?? null, verifiedAt: this.clock.now().toISOString(), verifiedBy: by } : null;
    // its own statement: a command's save of the organization never writes this column (update: false)
    await m.query('UPDATE organization SET verified_bank_account = $2 WHERE id = $1', [organizationId, verified === null ? null : JSON.stringify(verified)]);
    await this.audit.record(m, { streamType: 'organization', streamId: organizationId, action: 'organization.bank_account_verified', actorId: by, before: before ? { accountNo: before.accountNo } : null, after: verified ? { accountNo: verified.accountNo, cnapsCode: verified.cnapsCode } : null });
  }

  /** The bank account (if any) must be in the organization's registered name. */
  checkBankAccountName(identity: Pick<OrganizationIdentity, 'name' | 'bankAccount'>): void {
    if (identity.bankAccount && identity.bankAccount.accountName !== identity.name) throw bankAccountNameMismatch(identity.name);
  }

  /** Locks the organization row for the rest of the transaction (every command on it does). */
  lock(m: EntityManager, id: string): Promise<Organization | null> {
    return m.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The organization for a new profile: created (the caller becomes its owner) when the USCC is
   * new; the existing one when the caller owns it (fields it lacks are filled in from the input,
   * the rest stay); 409 USCC_TAKEN otherwise.
   */
  async findOrCreate(m: EntityManager, actorId: string, input: RegistrationInput): Promise<{ org: Organization; created: boolean }> {
    // serialize registrations of one USCC (the unique index is the backstop)
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`organization:uscc:${input.uscc}`]);
    const existing = await m.findOne(Organization, { where: { uscc: input.uscc }, lock: { mode: 'pessimistic_write' } });
    if (existing) {
      if ((await membershipRoleOf(m, existing.id, actorId)) !== 'owner') throw usccTaken();
      const before = identityOf(existing);
      const fill: Partial<OrganizationFields> = {};
      if (!bankAccountOf(existing) && input.bankAccount) fill.bankAccount = input.bankAccount;
      if (existing.establishedOn === null && input.establishedOn !== null) fill.establishedOn = input.establishedOn;
      if (existing.controllerGroup === null && input.controllerGroup !== null) fill.controllerGroup = input.controllerGroup;
      if (existing.shareholders.length === 0 && input.shareholders.length > 0) fill.shareholders = input.shareholders;
      if (!isEmpty(fill)) {
        this.checkBankAccountName({ name: existing.name, bankAccount: fill.bankAccount ?? before.bankAccount });
        applyOrganizationFields(existing, fill);
        await m.save(existing);
        await this.audit.record(m, {
          streamType: 'organization',
          streamId: existing.id,
          action: 'organization.updated',
          actorId,
          before: jsonOf(pick(before, Object.keys(fill))),
          after: jsonOf(fill),
        });
      }
      return { org: existing, created: false };
    }
    this.checkBankAccountName(input);
    const org = m.create(Organization, {
      uscc: input.uscc,
      name: input.name,
      regionCode: input.regionCode,
      legalRepresentative: input.legalRepresentative,
      registeredAddress: input.registeredAddress,
      contactPhone: input.contactPhone,
      establishedOn: input.establishedOn,
      shareholders: input.shareholders,
      controllerGroup: input.controllerGroup,
      bankName: null,
      bankAccountName: null,
      bankAccountNo: null,
      blacklistedUntil: null,
      blacklistReason: null,
      blacklistedAt: null,
      blacklistedBy: null,
      createdBy: actorId,
    });
    applyOrganizationFields(org, { bankAccount: input.bankAccount });
    const saved = await m.save(org);
    await m.insert(Membership, { organizationId: saved.id, userId: actorId, role: 'owner', addedBy: actorId });
    await this.audit.record(m, {
      streamType: 'organization',
      streamId: saved.id,
      action: 'organization.registered',
      actorId,
      after: { uscc: saved.uscc, ...jsonOf(identityOf(saved)), registeredAddress: saved.registeredAddress, contactPhone: saved.contactPhone, owner: actorId },
    });
    return { org: saved, created: true };
  }

  /**
   * Saves identity/contact changes already decided on (direct edit or approved change request) and,
   * when identity fields changed, sends a verified enterprise profile of the same organization back
   * to pending (audited). Returns whether that happened.
   */
  async applyChanges(
    m: EntityManager,
    org: Organization,
    identity: Partial<OrganizationIdentity>,
    contact: Partial<Pick<OrganizationFields, 'registeredAddress' | 'contactPhone'>>,
    actorId: string | null,
    opts: { reverifyEnterprise: boolean; action: string; reason?: string | null },
  ): Promise<{ enterpriseReverified: boolean }> {
    const all = { ...identity, ...contact };
    if (isEmpty(all)) return { enterpriseReverified: false };
    const before = { ...identityOf(org), registeredAddress: org.registeredAddress, contactPhone: org.contactPhone };
    applyOrganizationFields(org, all);
    await m.save(org);
    // staff decide on a profile together with these facts: a reviewer who saw the old ones is stale now
    for (const profile of [EnterpriseProfile, ProviderProfile]) {
      await m.createQueryBuilder().update(profile).set({ version: () => 'version + 1' }).where('organization_id = :id', { id: org.id }).execute();
    }
    await this.audit.record(m, {
      streamType: 'organization',
      streamId: org.id,
      action: opts.action,
      actorId,
      before: jsonOf(pick(before, Object.keys(all))),
      after: jsonOf(all),
      reason: opts.reason ?? null,
    });
    if (!opts.reverifyEnterprise || isEmpty(identity)) return { enterpriseReverified: false };
    return { enterpriseReverified: await this.reverifyEnterprise(m, org.id, actorId) };
  }

  /** An identity edit of a verified enterprise sends it back to pending (audited). */
  async reverifyEnterprise(m: EntityManager, organizationId: string, actorId: string | null): Promise<boolean> {
    const e = await m.findOne(EnterpriseProfile, { where: { organizationId } });
    if (!e) return false;
    const next = statusAfterIdentityEdit(e.status);
    if (next === e.status) return false;
    const before = e.status;
    e.status = next;
    e.verifiedAt = null;
    e.verifiedBy = null;
    e.submittedAt = this.clock.now();
    await m.save(e);
    await this.audit.record(m, {
      streamType: 'organization',
      streamId: organizationId,
      action: 'enterprise.verification.identity-edit',
      actorId,
      before: { status: before },
      after: { status: next },
      reason: 'identity edited; verification needed again',
    });
    return true;
  }
}
