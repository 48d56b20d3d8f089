import { BusinessRuleError, IllegalTransitionError } from '@innoserve/core';
import { STAFF_ROLES } from '@innoserve/identity';
import {
  ADMISSION_ACTION_ACTORS,
  ADMISSION_ACTIONS,
  ADMISSION_STATUSES,
  admissionExpiresAt,
  admissionNoticeEndsAt,
  assertCanAdmit,
  canAdmit,
  canHandleObjection,
  providerAdmissionMachine,
  type AdmissionAction,
  type AdmissionStatus,
} from './provider-admission.state-machine.js';

/** The whole table as docs/product.md states it; every pair not listed must be refused. */
const ALLOWED: Record<string, AdmissionStatus> = {
  'applied|review': 'under_review',
  'applied|start-notice': 'in_notice',
  'under_review|start-notice': 'in_notice',
  'in_notice|admit': 'admitted',
  'applied|reject': 'rejected',
  'under_review|reject': 'rejected',
  'in_notice|reject': 'rejected',
  'admitted|suspend': 'suspended',
  'suspended|reinstate': 'admitted',
  'admitted|delist': 'delisted',
  'suspended|delist': 'delisted',
  'admitted|expire': 'expired',
  'expired|renew': 'admitted',
};

const pairs = ADMISSION_STATUSES.flatMap((s) => ADMISSION_ACTIONS.map((a) => [s, a] as [AdmissionStatus, AdmissionAction]));

describe('providerAdmissionMachine', () => {
  it('knows exactly the actions of the type', () => {
    expect(providerAdmissionMachine.actions().sort()).toEqual([...ADMISSION_ACTIONS].sort());
  });

  it.each(pairs.filter(([s, a]) => `${s}|${a}` in ALLOWED))('moves %s --%s--> the documented state', (from, action) => {
    expect(providerAdmissionMachine.can(from, action)).toBe(true);
    expect(providerAdmissionMachine.next(from, action)).toBe(ALLOWED[`${from}|${action}`]);
  });

  it.each(pairs.filter(([s, a]) => !(`${s}|${a}` in ALLOWED)))('refuses %s --%s--> with ILLEGAL_TRANSITION', (from, action) => {
    expect(providerAdmissionMachine.can(from, action)).toBe(false);
    let err: unknown;
    try {
      providerAdmissionMachine.next(from, action);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IllegalTransitionError);
    expect(err).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION', extra: { entity: 'provider', from, action } });
  });

  it('treats delisted and rejected as final', () => {
    for (const s of ['delisted', 'rejected'] as const) {
      expect(ADMISSION_ACTIONS.filter((a) => providerAdmissionMachine.can(s, a))).toEqual([]);
    }
  });

  it('allows thirteen transitions in all', () => {
    expect(pairs.filter(([s, a]) => providerAdmissionMachine.can(s, a))).toHaveLength(Object.keys(ALLOWED).length);
  });
});

describe(canHandleObjection.name, () => {
  it('takes objections only during the public notice', () => {
    expect(ADMISSION_STATUSES.filter(canHandleObjection)).toEqual(['in_notice']);
  });
});

describe('ADMISSION_ACTION_ACTORS', () => {
  it('leaves decisions to program officers, objections to any staff and expiry to the sweep', () => {
    for (const a of ['review', 'start-notice', 'admit', 'reject', 'suspend', 'reinstate', 'delist', 'renew', 'resolve-objection'] as const) {
      expect(ADMISSION_ACTION_ACTORS[a]).toEqual(['program_officer']);
    }
    expect([...ADMISSION_ACTION_ACTORS.object].sort()).toEqual([...STAFF_ROLES].sort());
    expect(ADMISSION_ACTION_ACTORS.expire).toEqual(['system']);
  });
});

describe(canAdmit.name, () => {
  const ends = new Date('2025-03-08T00:00:00Z');

  it('admits once the notice has ended with no open objection', () => {
    expect(canAdmit({ noticeEndsAt: ends, now: ends, openObjections: 0 })).toEqual({ ok: true });
    expect(canAdmit({ noticeEndsAt: ends, now: new Date(ends.getTime() + 1), openObjections: 0 })).toEqual({ ok: true });
  });

  it('refuses one millisecond before the notice ends', () => {
    const r = canAdmit({ noticeEndsAt: ends, now: new Date(ends.getTime() - 1), openObjections: 0 });
    expect(r).toMatchObject({ ok: false, reason: 'NOTICE_NOT_ENDED' });
    if (!r.ok) {
      expect(r.message.en).toContain('2025-03-08T00:00:00.000Z');
      expect(r.message.zh).toContain('公示');
    }
  });

  it('refuses while an objection is open, even after the notice', () => {
    const r = canAdmit({ noticeEndsAt: ends, now: new Date('2025-04-01T00:00:00Z'), openObjections: 1 });
    expect(r).toMatchObject({ ok: false, reason: 'OBJECTION_OPEN' });
    if (!r.ok) expect(r.message.zh).toContain('异议');
  });

  it('refuses when no notice was started', () => {
    expect(canAdmit({ noticeEndsAt: null, now: ends, openObjections: 0 })).toMatchObject({ ok: false, reason: 'NOT_IN_NOTICE' });
  });

  it('reports the unfinished notice before the open objections', () => {
    expect(canAdmit({ noticeEndsAt: ends, now: new Date(ends.getTime() - 1000), openObjections: 2 })).toMatchObject({ reason: 'NOTICE_NOT_ENDED' });
  });
});

describe(assertCanAdmit.name, () => {
  it('throws a 422 with a stable code when admission is not yet allowed, and nothing when it is', () => {
    const ends = new Date('2025-03-08T00:00:00Z');
    const err = (() => {
      try {
        assertCanAdmit({ noticeEndsAt: ends, now: ends, openObjections: 3 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect(err).toMatchObject({ status: 422, code: 'ADMISSION_OBJECTION_OPEN' });
    expect(() => assertCanAdmit({ noticeEndsAt: ends, now: ends, openObjections: 0 })).not.toThrow();
  });
});

describe(admissionNoticeEndsAt.name, () => {
  it('adds whole days, and 0 days ends the notice at once', () => {
    const start = new Date('2025-03-01T08:30:00Z');
    expect(admissionNoticeEndsAt(start, 7).toISOString()).toBe('2025-03-08T08:30:00.000Z');
    expect(admissionNoticeEndsAt(start, 0).getTime()).toBe(start.getTime());
    expect(canAdmit({ noticeEndsAt: admissionNoticeEndsAt(start, 0), now: start, openObjections: 0 })).toEqual({ ok: true });
    expect(() => admissionNoticeEndsAt(start, -1)).toThrow(RangeError);
  });
});

describe(admissionExpiresAt.name, () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(admissionExpiresAt(new Date('2025-03-15T02:00:00Z'), 24).toISOString()).toBe('2027-03-15T02:00:00.000Z');
    expect(admissionExpiresAt(new Date('2024-01-31T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(admissionExpiresAt(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(admissionExpiresAt(new Date('2025-11-30T00:00:00Z'), 3).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(() => admissionExpiresAt(new Date(), 0)).toThrow(RangeError);
  });
});
