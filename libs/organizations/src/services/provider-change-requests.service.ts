import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, ConflictError, NotFoundError, assertCurrentVersion, msg } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import type { Principal } from '@innoserve/identity';
import type { ChangeRequestDecision } from '../dto/change-request-decision.dto.js';
import { Organization } from '../entities/organization.entity.js';
import { ProviderChangeRequest } from '../entities/provider-change-request.entity.js';
import { ProviderProfile } from '../entities/provider-profile.entity.js';
import { assertCityDecision, membershipRoleOf } from './organization-access.js';
import { IDENTITY_FIELDS, PROVIDER_SCOPE_FIELDS, REVIEWED_EDIT_STATUSES, bankAccountOf, type OrganizationIdentity, type ProviderScope } from './organization-changes.js';
import { reasonRequired } from './organization-errors.js';
import { OrganizationRegistry } from './organization-registry.js';
import { ADMISSION_ROLES } from './provider-admission.service.js';
import { ProvidersService } from './providers.service.js';
import { announceProviderChanged } from './provider-changed.js';
import { within } from './unit-of-work.js';
import { toChangeRequestView, type ChangeRequestView } from './views.js';

export interface ChangeRequestDecisionInput {
  decision: ChangeRequestDecision;
  reason?: string | null;
  /** The version of the change request the reviewer saw (If-Match or the body's `version`); absent: no check. */
  expectedVersion?: number;
}

/** Change requests of admitted providers, decided by program officers of the provider's jurisdiction. */
@Injectable()
export class ProviderChangeRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly registry: OrganizationRegistry,
    private readonly providers: ProvidersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every change request of the provider, newest first. */
  async list(by: Principal, id: string): Promise<ChangeRequestView[]> {
    const m = this.dataSource.manager;
    const org = await m.findOne(Organization, { where: { id } });
    if (!org || !(await m.exists(ProviderProfile, { where: { organizationId: id } }))) throw new NotFoundError('provider');
    assertCityDecision('provider', by, ADMISSION_ROLES, org.regionCode, null);
    const rows = await m.find(ProviderChangeRequest, { where: { organizationId: id }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map(toChangeRequestView);
  }

  /**
   * Approve: the changes are applied to the live record (the new categories are admitted, and a
   * verified enterprise profile of the same organization goes back to pending when its identity
   * changed). Reject (reason required): the live record stays as it is.
   */
  async decide(by: Principal, id: string, requestId: string, input: ChangeRequestDecisionInput, manager?: EntityManager): Promise<ChangeRequestView> {
    return within(this.tx, manager, async (m) => {
      const org = await this.registry.lock(m, id);
      const profile = org ? await m.findOne(ProviderProfile, { where: { organizationId: id } }) : null;
      if (!org || !profile) throw new NotFoundError('provider');
      assertCityDecision('provider', by, ADMISSION_ROLES, org.regionCode, await membershipRoleOf(m, id, by.userId));
      const request = await m.findOne(ProviderChangeRequest, { where: { id: requestId, organizationId: id } });
      if (!request) throw new NotFoundError('change request');
      // every write of a change request happens under the organization's row lock taken above
      await assertCurrentVersion('change request', input.expectedVersion, request.version, () =>
        Promise.resolve({ version: request.version, status: request.status, decidedBy: request.decidedBy, decidedAt: request.decidedAt }),
      );
      const reason = input.reason?.trim() || null;
      if (input.decision === 'reject' && !reason) throw reasonRequired('reject a change request');
      if (request.status !== 'pending') {
        throw new ConflictError('CHANGE_REQUEST_DECIDED', msg('This change request has already been decided.', '该变更申请已处理。'), { currentStatus: request.status });
      }

      if (input.decision === 'approve') {
        const changes = request.changes;
        const identity: Partial<OrganizationIdentity> = {};
        for (const k of IDENTITY_FIELDS) if (k in changes) Object.assign(identity, { [k]: changes[k] });
        const scope: Partial<ProviderScope> = {};
        for (const k of PROVIDER_SCOPE_FIELDS) if (k in changes) Object.assign(scope, { [k]: changes[k] });
        if (identity.regionCode !== undefined) await this.registry.checkRegion(identity.regionCode);
        this.registry.checkBankAccountName({
          name: identity.name ?? org.name,
          bankAccount: identity.bankAccount !== undefined ? identity.bankAccount : bankAccountOf(org),
        });
        await this.registry.applyChanges(m, org, identity, {}, by.userId, { reverifyEnterprise: true, action: 'organization.updated', reason });
        if (identity.bankAccount !== undefined && REVIEWED_EDIT_STATUSES.includes(profile.admissionStatus)) await this.registry.stampVerifiedBankAccount(m, id, by.userId);
        await this.providers.applyScope(m, profile, scope, by.userId, {
          admit: REVIEWED_EDIT_STATUSES.includes(profile.admissionStatus),
          action: 'provider.updated',
          reason,
        });
        await announceProviderChanged(m, id);
      }
      request.status = input.decision === 'approve' ? 'approved' : 'rejected';
      request.decidedBy = by.userId;
      request.decidedAt = this.clock.now();
      request.reason = reason;
      await m.save(request);
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: id,
        action: `provider.change-request.${request.status}`,
        actorId: by.userId,
        before: { changeRequestId: request.id, status: 'pending' },
        after: { changeRequestId: request.id, status: request.status },
        reason,
      });
      return toChangeRequestView(request);
    });
  }
}
