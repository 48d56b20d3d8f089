import { describeMachine } from '@innoserve/core/testing';
import { admissionExpiresAt, admissionNoticeEndsAt, providerAdmissionMachine, type AdmissionContext } from './provider-admission.state-machine.js';

const ends = new Date('2025-03-08T00:00:00Z');
/** The notice has ended, nothing is open, a reason is given: no guard vetoes. */
const clear: AdmissionContext = { reason: 'checked', now: ends, noticeEndsAt: ends, openObjections: 0, qualificationsWithoutCertificate: 0 };

describeMachine(providerAdmissionMachine, {
  // docs/product.md "State machines"; docs/api.md: decisions by program officers, objections by any staff
  table: [
    'applied --review (program_officer)--> under_review',
    'applied/under_review --start-notice (program_officer; certificatesAttached)--> in_notice',
    'in_notice --object (staff; reasonGiven)--> in_notice',
    'in_notice --resolve-objection (program_officer)--> in_notice',
    'in_notice --admit (program_officer; noticeStarted, noticeEnded, noOpenObjection, certificatesAttached)--> admitted',
    'applied/under_review/in_notice --reject (program_officer; reasonGiven)--> rejected',
    'admitted --suspend (program_officer; reasonGiven)--> suspended',
    'suspended --reinstate (program_officer)--> admitted',
    'admitted/suspended --delist (program_officer; reasonGiven)--> delisted',
    'admitted --expire (system)--> expired',
    'expired --renew (program_officer)--> admitted',
  ],
  context: clear,
  vetoes: [
    { guard: 'reasonGiven', from: 'in_notice', action: 'object', context: { ...clear, reason: null }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'reasonGiven', from: 'under_review', action: 'reject', context: { ...clear, reason: null }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'reasonGiven', from: 'admitted', action: 'suspend', context: { ...clear, reason: null }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'reasonGiven', from: 'suspended', action: 'delist', context: { ...clear, reason: null }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'noticeStarted', from: 'in_notice', action: 'admit', context: { ...clear, noticeEndsAt: null }, status: 422, code: 'NOTICE_NOT_STARTED' },
    // one millisecond before the end, and with objections open too: the unfinished notice is named first
    { guard: 'noticeEnded', from: 'in_notice', action: 'admit', context: { ...clear, now: new Date(ends.getTime() - 1), openObjections: 2 }, status: 422, code: 'NOTICE_NOT_ENDED' },
    // an open objection blocks even long after the notice
    { guard: 'noOpenObjection', from: 'in_notice', action: 'admit', context: { ...clear, now: new Date('2025-04-01T00:00:00Z'), openObjections: 1 }, status: 422, code: 'OPEN_OBJECTIONS' },
    // a qualification without its certificate file blocks admission once everything else is clear
    { guard: 'certificatesAttached', from: 'under_review', action: 'start-notice', context: { ...clear, qualificationsWithoutCertificate: 2 }, status: 422, code: 'CERTIFICATE_REQUIRED' },
    { guard: 'certificatesAttached', from: 'in_notice', action: 'admit', context: { ...clear, qualificationsWithoutCertificate: 1 }, status: 422, code: 'CERTIFICATE_REQUIRED' },
  ],
});

describe('the admit guards', () => {
  it('name the end of the notice in both languages', () => {
    const veto = providerAdmissionMachine.vetoOf('in_notice', 'admit', { ...clear, now: new Date(ends.getTime() - 1) });
    expect(veto?.error.messages.en).toContain('2025-03-08T00:00:00.000Z');
    expect(veto?.error.messages.zh).toContain('公示');
  });

  it('admit at the very end of the notice, and after it', () => {
    expect(providerAdmissionMachine.vetoOf('in_notice', 'admit', clear)).toBeNull();
    expect(providerAdmissionMachine.vetoOf('in_notice', 'admit', { ...clear, now: new Date(ends.getTime() + 1) })).toBeNull();
  });

  it('count the open objections in the message', () => {
    expect(providerAdmissionMachine.vetoOf('in_notice', 'admit', { ...clear, openObjections: 3 })?.error.messages.zh).toContain('3 条异议');
  });
});

describe(admissionNoticeEndsAt.name, () => {
  it('adds whole days, and 0 days ends the notice at once', () => {
    const start = new Date('2025-03-01T08:30:00Z');
    expect(admissionNoticeEndsAt(start, 7).toISOString()).toBe('2025-03-08T08:30:00.000Z');
    expect(admissionNoticeEndsAt(start, 0).getTime()).toBe(start.getTime());
    expect(providerAdmissionMachine.vetoOf('in_notice', 'admit', { reason: null, noticeEndsAt: admissionNoticeEndsAt(start, 0), now: start, openObjections: 0, qualificationsWithoutCertificate: 0 })).toBeNull();
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
