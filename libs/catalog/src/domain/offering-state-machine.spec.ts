import { IllegalTransitionError } from '@innoserve/core';
import { OFFERING_ACTIONS, OFFERING_STATUSES, editModeOf, offeringMachine, type OfferingAction, type OfferingStatus } from './offering-state-machine.js';

/** Every allowed transition; every other (state, action) pair must be refused. */
const ALLOWED: Record<string, OfferingStatus> = {
  'draft|submit': 'pending_review',
  'draft|withdraw': 'withdrawn',
  'pending_review|publish': 'published',
  'pending_review|reject': 'draft',
  'published|suspend': 'suspended',
  'published|withdraw': 'withdrawn',
  'suspended|publish': 'published',
  'suspended|withdraw': 'withdrawn',
};

describe('offeringMachine', () => {
  const pairs = OFFERING_STATUSES.flatMap((s) => OFFERING_ACTIONS.map((a) => [s, a] as [OfferingStatus, OfferingAction]));

  it.each(pairs)('from %s, %s goes where docs/product.md says or is refused as ILLEGAL_TRANSITION', (status, action) => {
    const expected = ALLOWED[`${status}|${action}`];
    if (expected) {
      expect(offeringMachine.can(status, action)).toBe(true);
      expect(offeringMachine.next(status, action)).toBe(expected);
    } else {
      expect(offeringMachine.can(status, action)).toBe(false);
      expect(() => offeringMachine.next(status, action)).toThrow(IllegalTransitionError);
    }
  });

  it('walks exactly the eight allowed transitions', () => {
    expect(pairs.filter(([s, a]) => offeringMachine.can(s, a))).toHaveLength(Object.keys(ALLOWED).length);
  });

  it('treats withdrawn as final', () => {
    for (const a of OFFERING_ACTIONS) expect(offeringMachine.can('withdrawn', a)).toBe(false);
  });

  it('edits drafts in place, published and suspended offerings by revision, and nothing else', () => {
    expect(OFFERING_STATUSES.map(editModeOf)).toEqual(['in_place', null, 'revision', 'revision', null]);
  });
});
