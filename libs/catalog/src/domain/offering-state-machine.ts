/**
 * The offering lifecycle (docs/product.md "Rules in detail"), as data:
 * draft --submit (provider)--> pending_review --publish (officer)--> published;
 * pending_review --reject (officer, reason)--> draft; published --suspend (officer)--> suspended
 * --publish--> published; draft/published/suspended --withdraw (provider)--> withdrawn.
 */
import { defineMachine } from '@innoserve/core';
import { reasonRequired } from '../services/catalog-errors.js';

export const OFFERING_STATUSES = ['draft', 'pending_review', 'published', 'suspended', 'withdrawn'] as const;
export type OfferingStatus = (typeof OFFERING_STATUSES)[number];

export const OFFERING_ACTIONS = ['submit', 'publish', 'reject', 'suspend', 'withdraw'] as const;
export type OfferingAction = (typeof OFFERING_ACTIONS)[number];

/** The provider's members, or a program officer covering the provider's region. */
export const OFFERING_ACTORS = ['provider', 'program_officer'] as const;
export type OfferingActor = (typeof OFFERING_ACTORS)[number];

export interface OfferingContext {
  /** The trimmed reason, or null. */
  reason: string | null;
}

export const offeringMachine = defineMachine({
  entity: 'offering',
  states: OFFERING_STATUSES,
  actions: OFFERING_ACTIONS,
  actors: OFFERING_ACTORS,
  guards: {
    reasonGiven: (c: OfferingContext, t) => (c.reason ? null : reasonRequired(t.action)),
  },
  transitions: [
    { from: 'draft', action: 'submit', by: ['provider'], to: 'pending_review' },
    { from: ['pending_review', 'suspended'], action: 'publish', by: ['program_officer'], to: 'published' },
    { from: 'pending_review', action: 'reject', by: ['program_officer'], to: 'draft', guards: ['reasonGiven'] },
    { from: 'published', action: 'suspend', by: ['program_officer'], to: 'suspended', guards: ['reasonGiven'] },
    { from: ['draft', 'published', 'suspended'], action: 'withdraw', by: ['provider'], to: 'withdrawn' },
  ],
});

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
