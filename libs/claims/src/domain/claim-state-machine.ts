/**
 * The claim lifecycle (docs/product.md, Rules in detail, Claim), as data:
 * submitted → in_review at level 1 … N --advance (reviewer of the level; distinct person)--> the next
 * level, and at the last level --approve--> approved; at any level --reject (reason)--> rejected,
 * --return (reason)--> returned --resubmit (claimant)--> in_review at level 1; returned for 30 days
 * --expire (system)--> expired (the hold released); approved --batch (system, every source line in
 * a batch)--> batched --pay (system, every line paid)--> paid; batched --unbatch (a batch cancelled,
 * or a line failed at the bank)--> approved.
 */
import { defineMachine } from '@innoserve/core';
import { approverRepeats, reasonRequired } from '../services/claim-errors.js';

export const CLAIM_STATUSES = ['in_review', 'returned', 'approved', 'rejected', 'expired', 'batched', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A claim that holds its order (one per order) and its fapiao (one claim per fapiao). */
export const LIVE_CLAIM_STATUSES: readonly ClaimStatus[] = ['in_review', 'returned', 'approved', 'batched', 'paid'];

export const CLAIM_ACTIONS = ['advance', 'approve', 'reject', 'return', 'resubmit', 'expire', 'batch', 'unbatch', 'pay'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export const CLAIM_ACTORS = ['reviewer', 'claimant', 'system'] as const;
export type ClaimActor = (typeof CLAIM_ACTORS)[number];

/** What the guards read; ClaimsService builds it from the locked claim. */
export interface ClaimContext {
  /** The trimmed reason, or null. */
  reason: string | null;
  /** The deciding user already approved this claim at an earlier level. */
  approvedBefore: boolean;
}

export const claimMachine = defineMachine({
  entity: 'claim',
  states: CLAIM_STATUSES,
  actions: CLAIM_ACTIONS,
  actors: CLAIM_ACTORS,
  guards: {
    reasonGiven: (c: ClaimContext, t) => (c.reason ? null : reasonRequired(t.action)),
    distinctApprover: (c: ClaimContext) => (c.approvedBefore ? approverRepeats() : null),
  },
  transitions: [
    { from: 'in_review', action: 'advance', by: ['reviewer'], to: 'in_review', guards: ['distinctApprover'] },
    { from: 'in_review', action: 'approve', by: ['reviewer'], to: 'approved', guards: ['distinctApprover'] },
    { from: 'in_review', action: 'reject', by: ['reviewer'], to: 'rejected', guards: ['reasonGiven'] },
    { from: 'in_review', action: 'return', by: ['reviewer'], to: 'returned', guards: ['reasonGiven'] },
    { from: 'returned', action: 'resubmit', by: ['claimant'], to: 'in_review' },
    { from: 'returned', action: 'expire', by: ['system'], to: 'expired' },
    { from: 'approved', action: 'batch', by: ['system'], to: 'batched' },
    { from: 'batched', action: 'unbatch', by: ['system'], to: 'approved' },
    { from: 'batched', action: 'pay', by: ['system'], to: 'paid' },
  ],
});
