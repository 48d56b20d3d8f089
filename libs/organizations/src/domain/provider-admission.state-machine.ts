/**
 * Provider admission (入库), docs/product.md "Rules in detail":
 * applied --review--> under_review; applied/under_review --start-notice--> in_notice;
 * in_notice --admit (notice ended, no open objection)--> admitted;
 * applied/under_review/in_notice --reject--> rejected; admitted --suspend--> suspended
 * --reinstate--> admitted; admitted/suspended --delist--> delisted (final);
 * admitted --expire (sweep)--> expired --renew--> admitted.
 *
 * Objections are records, not states: `object` and `resolve-objection` leave the status alone
 * (allowed only while in_notice); an upheld objection then performs `reject`.
 */
import { BusinessRuleError, StateMachine, type BilingualMessage } from '@innoserve/core';
import { STAFF_ROLES, type StaffRole } from '@innoserve/identity';

export const ADMISSION_STATUSES = ['applied', 'under_review', 'in_notice', 'admitted', 'rejected', 'suspended', 'delisted', 'expired'] as const;
export type AdmissionStatus = (typeof ADMISSION_STATUSES)[number];

export const ADMISSION_ACTIONS = ['review', 'start-notice', 'admit', 'reject', 'suspend', 'reinstate', 'delist', 'expire', 'renew'] as const;
export type AdmissionAction = (typeof ADMISSION_ACTIONS)[number];

/** Actions on objection records during the public notice; they do not change the status. */
export const OBJECTION_ACTIONS = ['object', 'resolve-objection'] as const;
export type ObjectionAction = (typeof OBJECTION_ACTIONS)[number];

export const providerAdmissionMachine = new StateMachine<AdmissionStatus, AdmissionAction>('provider', ADMISSION_STATUSES, [
  { from: ['applied'], action: 'review', to: 'under_review' },
  { from: ['applied', 'under_review'], action: 'start-notice', to: 'in_notice' },
  { from: ['in_notice'], action: 'admit', to: 'admitted' },
  { from: ['applied', 'under_review', 'in_notice'], action: 'reject', to: 'rejected' },
  { from: ['admitted'], action: 'suspend', to: 'suspended' },
  { from: ['suspended'], action: 'reinstate', to: 'admitted' },
  { from: ['admitted', 'suspended'], action: 'delist', to: 'delisted' },
  { from: ['admitted'], action: 'expire', to: 'expired' },
  { from: ['expired'], action: 'renew', to: 'admitted' },
]);

/** Statuses in which an admitted provider may trade (publish, quote, redeem). */
export const ACTIVE_ADMISSION_STATUSES: readonly AdmissionStatus[] = ['admitted'];

/** Staff roles, or the scheduled sweep ('system') that expires admissions. */
export type AdmissionActor = StaffRole | 'system';

/** Who may take each action; super_admin is implied (staffCovers lets it hold every role). */
export const ADMISSION_ACTION_ACTORS: Readonly<Record<AdmissionAction | ObjectionAction, readonly AdmissionActor[]>> = {
  review: ['program_officer'],
  'start-notice': ['program_officer'],
  admit: ['program_officer'],
  reject: ['program_officer'],
  suspend: ['program_officer'],
  reinstate: ['program_officer'],
  delist: ['program_officer'],
  renew: ['program_officer'],
  expire: ['system'],
  object: [...STAFF_ROLES],
  'resolve-objection': ['program_officer'],
};

/** Actions that must carry a reason. */
export const ADMISSION_ACTIONS_NEEDING_REASON: readonly (AdmissionAction | ObjectionAction)[] = ['reject', 'suspend', 'delist', 'object'];

/** Objections can be raised and resolved only during the public notice. */
export function canHandleObjection(status: AdmissionStatus): boolean {
  return status === 'in_notice';
}

export type AdmitBlock = 'NOT_IN_NOTICE' | 'NOTICE_NOT_ENDED' | 'OBJECTION_OPEN';
export type AdmitCheck = { ok: true } | { ok: false; reason: AdmitBlock; message: BilingualMessage };

export interface AdmitFacts {
  /** When the public notice ends; null when no notice was started. */
  noticeEndsAt: Date | null;
  now: Date;
  /** Objections raised during the notice and not yet resolved. */
  openObjections: number;
}

/** The guard on in_notice --admit--> admitted: the notice has ended (now ≥ noticeEndsAt) with no open objection. */
export function canAdmit(facts: AdmitFacts): AdmitCheck {
  if (facts.noticeEndsAt === null) {
    return {
      ok: false,
      reason: 'NOT_IN_NOTICE',
      message: { en: 'The public notice has not been started.', zh: '尚未开始公示，不能准予入库。' },
    };
  }
  if (facts.now.getTime() < facts.noticeEndsAt.getTime()) {
    return {
      ok: false,
      reason: 'NOTICE_NOT_ENDED',
      message: {
        en: `The public notice runs until ${facts.noticeEndsAt.toISOString()}; admit after it ends.`,
        zh: `公示期至 ${facts.noticeEndsAt.toISOString()} 结束，公示期满后方可准予入库。`,
      },
    };
  }
  if (facts.openObjections > 0) {
    return {
      ok: false,
      reason: 'OBJECTION_OPEN',
      message: {
        en: `${facts.openObjections} objection(s) raised during the public notice are still open; resolve them first.`,
        zh: `公示期内有 ${facts.openObjections} 条异议尚未处理，请先处理异议。`,
      },
    };
  }
  return { ok: true };
}

/** Throws 422 ADMISSION_NOTICE_NOT_ENDED / ADMISSION_OBJECTION_OPEN / ADMISSION_NOT_IN_NOTICE when canAdmit says no. */
export function assertCanAdmit(facts: AdmitFacts): void {
  const check = canAdmit(facts);
  if (!check.ok) throw new BusinessRuleError(`ADMISSION_${check.reason}`, check.message);
}

const DAY_MS = 86_400_000;

/** When a notice started at `startedAt` ends (`ADMISSION_NOTICE_DAYS`, 0 allowed). */
export function admissionNoticeEndsAt(startedAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('notice days must be a non-negative integer');
  return new Date(startedAt.getTime() + days * DAY_MS);
}

/**
 * When an admission granted (or renewed) at `from` expires (`ADMISSION_VALIDITY_MONTHS`); a day
 * that does not exist in the target month falls back to that month's last day (31 Jan + 1 month = 28/29 Feb).
 */
export function admissionExpiresAt(from: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('validity months must be a positive integer');
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(from.getTime());
  d.setUTCFullYear(y, m, Math.min(from.getUTCDate(), lastDay));
  return d;
}
