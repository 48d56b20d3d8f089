import { describeMachine } from '@innoserve/core/testing';
import { OFFERING_STATUSES, editModeOf, offeringMachine } from './offering-state-machine.js';

describeMachine(offeringMachine, {
  table: [
    'draft --submit (provider)--> pending_review',
    'pending_review/suspended --publish (program_officer)--> published',
    'pending_review --reject (program_officer; reasonGiven)--> draft',
    'published --suspend (program_officer; reasonGiven)--> suspended',
    'draft/published/suspended --withdraw (provider)--> withdrawn',
  ],
  context: { reason: 'misleading title' },
  vetoes: [
    { guard: 'reasonGiven', from: 'pending_review', action: 'reject', context: { reason: null }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'reasonGiven', from: 'published', action: 'suspend', context: { reason: null }, status: 400, code: 'VALIDATION_FAILED' },
  ],
});

describe(editModeOf.name, () => {
  it('edits drafts in place, published and suspended offerings by revision, and nothing else', () => {
    expect(OFFERING_STATUSES.map(editModeOf)).toEqual(['in_place', null, 'revision', 'revision', null]);
  });
});
