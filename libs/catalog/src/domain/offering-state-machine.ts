/** The offering lifecycle (docs/product.md "Rules in detail"), as data. */
import { StateMachine } from '@innoserve/core';

export const OFFERING_STATUSES = ['draft', 'pending_review', 'published', 'suspended', 'withdrawn'] as const;
export type OfferingStatus = (typeof OFFERING_STATUSES)[number];

export const OFFERING_ACTIONS = ['submit', 'publish', 'reject', 'suspend', 'withdraw'] as const;
export type OfferingAction = (typeof OFFERING_ACTIONS)[number];

/** Who takes each action: the provider's members, or a program officer. */
export const OFFERING_ACTION_ACTORS: Readonly<Record<OfferingAction, 'provider' | 'program_officer'>> = {
  submit: 'provider',
  publish: 'program_officer',
  reject: 'program_officer',
  suspend: 'program_officer',
  withdraw: 'provider',
};

/** Actions that need a reason. */
export const OFFERING_ACTIONS_NEEDING_REASON: readonly OfferingAction[] = ['reject', 'suspend'];

export const offeringMachine = new StateMachine<OfferingStatus, OfferingAction>('offering', OFFERING_STATUSES, [
  { from: ['draft'], action: 'submit', to: 'pending_review' },
  { from: ['pending_review', 'suspended'], action: 'publish', to: 'published' },
  { from: ['pending_review'], action: 'reject', to: 'draft' },
  { from: ['published'], action: 'suspend', to: 'suspended' },
  { from: ['draft', 'published', 'suspended'], action: 'withdraw', to: 'withdrawn' },
]);

/** Edits apply in place to a draft; a published or suspended offering gets a pending revision. */
export type EditMode = 'in_place' | 'revision';

export function editModeOf(status: OfferingStatus): EditMode | null {
  switch (status) {
    case 'draft':
      return 'in_place';
    case 'published':
    case 'suspended':
      return 'revision';
    case 'pending_review':
    case 'withdrawn':
      return null;
  }
}
