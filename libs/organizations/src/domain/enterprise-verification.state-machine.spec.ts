import { IllegalTransitionError } from '@innoserve/core';
import {
  ENTERPRISE_ACTION_ACTORS,
  ENTERPRISE_ACTIONS,
  ENTERPRISE_STATUSES,
  enterpriseVerificationMachine,
  statusAfterIdentityEdit,
  type EnterpriseAction,
  type EnterpriseStatus,
} from './enterprise-verification.state-machine.js';

/** The whole table as docs/product.md states it; every pair not listed must be refused. */
const ALLOWED: Record<string, EnterpriseStatus> = {
  'pending|approve': 'verified',
  'pending|reject': 'rejected',
  'rejected|resubmit': 'pending',
  'verified|suspend': 'suspended',
  'suspended|reinstate': 'verified',
};

const pairs = ENTERPRISE_STATUSES.flatMap((s) => ENTERPRISE_ACTIONS.map((a) => [s, a] as [EnterpriseStatus, EnterpriseAction]));

describe('enterpriseVerificationMachine', () => {
  it('knows exactly the actions of the type', () => {
    expect(enterpriseVerificationMachine.actions().sort()).toEqual([...ENTERPRISE_ACTIONS].sort());
  });

  it.each(pairs.filter(([s, a]) => `${s}|${a}` in ALLOWED))('moves %s --%s--> the documented state', (from, action) => {
    expect(enterpriseVerificationMachine.can(from, action)).toBe(true);
    expect(enterpriseVerificationMachine.next(from, action)).toBe(ALLOWED[`${from}|${action}`]);
  });

  it.each(pairs.filter(([s, a]) => !(`${s}|${a}` in ALLOWED)))('refuses %s --%s--> with ILLEGAL_TRANSITION', (from, action) => {
    expect(enterpriseVerificationMachine.can(from, action)).toBe(false);
    let err: unknown;
    try {
      enterpriseVerificationMachine.next(from, action);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IllegalTransitionError);
    expect(err).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION', extra: { entity: 'enterprise', from, action } });
  });

  it('allows five transitions in all', () => {
    expect(pairs.filter(([s, a]) => enterpriseVerificationMachine.can(s, a))).toHaveLength(Object.keys(ALLOWED).length);
  });
});

describe('ENTERPRISE_ACTION_ACTORS', () => {
  it('lets county reviewers and program officers decide, and only the owner resubmit', () => {
    for (const a of ['approve', 'reject', 'suspend', 'reinstate'] as const) {
      expect([...ENTERPRISE_ACTION_ACTORS[a]].sort()).toEqual(['county_reviewer', 'program_officer']);
    }
    expect(ENTERPRISE_ACTION_ACTORS.resubmit).toEqual(['owner']);
  });
});

describe(statusAfterIdentityEdit.name, () => {
  it('sends a verified enterprise back to pending and leaves other statuses alone', () => {
    expect(statusAfterIdentityEdit('verified')).toBe('pending');
    expect(statusAfterIdentityEdit('rejected')).toBe('rejected');
    expect(statusAfterIdentityEdit('pending')).toBe('pending');
    expect(statusAfterIdentityEdit('suspended')).toBe('suspended');
  });
});
