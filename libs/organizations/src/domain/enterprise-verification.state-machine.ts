/**
 * Enterprise verification (docs/product.md, Rules in detail):
 * pending --approve/reject (county reviewer of its region, program officer)--> verified / rejected;
 * rejected --resubmit (owner, after edits)--> pending; verified --suspend--> suspended --reinstate--> verified.
 */
import { BusinessRuleError, defineMachine, msg } from '@innoserve/core';
import { reasonRequired } from '../services/organization-errors.js';

export const ENTERPRISE_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export const ENTERPRISE_ACTIONS = ['approve', 'reject', 'resubmit', 'suspend', 'reinstate'] as const;
export type EnterpriseAction = (typeof ENTERPRISE_ACTIONS)[number];

/**
 * Staff roles holding a grant that covers the enterprise's region (super_admin holds every role:
 * staffCovers), or the organization's owner. The service resolves the caller to these kinds.
 */
export const ENTERPRISE_ACTORS = ['county_reviewer', 'program_officer', 'owner'] as const;
export type EnterpriseActor = (typeof ENTERPRISE_ACTORS)[number];

/** What the verification guards read; the service builds it from the command. */
export interface EnterpriseVerificationContext {
  /** The trimmed reason, or null. */
  reason: string | null;
  /** Whether the business licence (营业执照) is attached. */
  hasLicence: boolean;
}

/** Suspension and reinstatement are verification decisions too, so they belong to the same reviewers. */
const REVIEWERS = ['county_reviewer', 'program_officer'] as const;

export const enterpriseVerificationMachine = defineMachine({
  entity: 'enterprise',
  states: ENTERPRISE_STATUSES,
  actions: ENTERPRISE_ACTIONS,
  actors: ENTERPRISE_ACTORS,
  guards: {
    /** Shown to the enterprise and kept in the audit log (400 VALIDATION_FAILED on `reason`). */
    reasonGiven: (c: EnterpriseVerificationContext, t) => (c.reason ? null : reasonRequired(t.action)),
    /** The reviewer verifies against the licence: none attached, 422 LICENCE_REQUIRED. */
    licenceAttached: (c: EnterpriseVerificationContext) =>
      c.hasLicence
        ? null
        : new BusinessRuleError(
            'LICENCE_REQUIRED',
            msg('The enterprise has not attached its business licence (businessLicenceFileId); it cannot be verified yet.', '该企业尚未上传营业执照，暂不能通过认证。'),
            [{ field: 'businessLicenceFileId', message: 'required before approval' }],
          ),
  },
  transitions: [
    { from: 'pending', action: 'approve', by: REVIEWERS, to: 'verified', guards: ['licenceAttached'] },
    { from: 'pending', action: 'reject', by: REVIEWERS, to: 'rejected', guards: ['reasonGiven'] },
    { from: 'rejected', action: 'resubmit', by: ['owner'], to: 'pending' },
    { from: 'verified', action: 'suspend', by: REVIEWERS, to: 'suspended', guards: ['reasonGiven'] },
    { from: 'suspended', action: 'reinstate', by: REVIEWERS, to: 'verified' },
  ],
});

/** Identity edits by a verified enterprise send it back to pending (docs/product.md, Organizations). */
export function statusAfterIdentityEdit(status: EnterpriseStatus): EnterpriseStatus {
  return status === 'verified' ? 'pending' : status;
}
