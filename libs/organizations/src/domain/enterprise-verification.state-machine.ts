/**
 * Enterprise verification (docs/product.md, Rules in detail):
 * pending --approve/reject--> verified / rejected; rejected --resubmit (owner)--> pending;
 * verified --suspend--> suspended --reinstate--> verified.
 */
import { StateMachine } from '@innoserve/core';
import type { StaffRole } from '@innoserve/identity';

export const ENTERPRISE_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export const ENTERPRISE_ACTIONS = ['approve', 'reject', 'resubmit', 'suspend', 'reinstate'] as const;
export type EnterpriseAction = (typeof ENTERPRISE_ACTIONS)[number];

export const enterpriseVerificationMachine = new StateMachine<EnterpriseStatus, EnterpriseAction>('enterprise', ENTERPRISE_STATUSES, [
  { from: ['pending'], action: 'approve', to: 'verified' },
  { from: ['pending'], action: 'reject', to: 'rejected' },
  { from: ['rejected'], action: 'resubmit', to: 'pending' },
  { from: ['verified'], action: 'suspend', to: 'suspended' },
  { from: ['suspended'], action: 'reinstate', to: 'verified' },
]);

/** Staff roles (jurisdiction checked by the service: county reviewer of the enterprise's region) or the organization's owner. */
export type EnterpriseActor = StaffRole | 'owner';

/**
 * Who may take each action. super_admin is not listed: staffCovers() lets it hold every role.
 * Suspension and reinstatement are verification decisions (POST /admin/enterprises/:id/verification),
 * so they belong to the same reviewers.
 */
export const ENTERPRISE_ACTION_ACTORS: Readonly<Record<EnterpriseAction, readonly EnterpriseActor[]>> = {
  approve: ['county_reviewer', 'program_officer'],
  reject: ['county_reviewer', 'program_officer'],
  suspend: ['county_reviewer', 'program_officer'],
  reinstate: ['county_reviewer', 'program_officer'],
  resubmit: ['owner'],
};

/** Actions that must carry a reason (shown to the enterprise and kept in the audit log). */
export const ENTERPRISE_ACTIONS_NEEDING_REASON: readonly EnterpriseAction[] = ['reject', 'suspend'];

/** Identity edits by a verified enterprise send it back to pending (docs/product.md, Organizations). */
export function statusAfterIdentityEdit(status: EnterpriseStatus): EnterpriseStatus {
  return status === 'verified' ? 'pending' : status;
}
