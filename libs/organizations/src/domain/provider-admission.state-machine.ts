/**
 * Provider admission (入库), docs/product.md "Rules in detail":
 * applied --review (program officer)--> under_review; applied/under_review --start-notice--> in_notice;
 * in_notice --object (any staff, with reason)--> objection open; --resolve-objection (officer: upheld →
 * rejected, dismissed → stays in_notice); in_notice --admit (officer; only after the notice ended
 * with no open objection)--> admitted; applied/under_review/in_notice --reject--> rejected;
 * admitted --suspend--> suspended --reinstate--> admitted; admitted/suspended --delist--> delisted
 * (final); admitted --expire (sweep)--> expired --renew (officer)--> admitted.
 *
 * Objections are records, not states: `object` and `resolve-objection` are in_notice → in_notice
 * rows, so the table says who may take them and when; an upheld objection then performs `reject`.
 */
import { BusinessRuleError, defineMachine, msg } from '@innoserve/core';
import { reasonRequired } from '../services/organization-errors.js';

export const ADMISSION_STATUSES = ['applied', 'under_review', 'in_notice', 'admitted', 'rejected', 'suspended', 'delisted', 'expired'] as const;
export type AdmissionStatus = (typeof ADMISSION_STATUSES)[number];

export const ADMISSION_ACTIONS = ['review', 'start-notice', 'object', 'resolve-objection', 'admit', 'reject', 'suspend', 'reinstate', 'delist', 'expire', 'renew'] as const;
export type AdmissionAction = (typeof ADMISSION_ACTIONS)[number];

/**
 * A provider's admission belongs to the city: `program_officer` is a program officer with a
 * city-wide grant (or a super-admin), `staff` any staff member (objections during the notice),
 * `system` the scheduled expiry sweep. The service resolves the caller to these kinds.
 */
export const ADMISSION_ACTORS = ['program_officer', 'staff', 'system'] as const;
export type AdmissionActor = (typeof ADMISSION_ACTORS)[number];

/** Statuses in which an admitted provider may trade (publish, quote, redeem). */
export const ACTIVE_ADMISSION_STATUSES: readonly AdmissionStatus[] = ['admitted'];

/** What the admission guards read; the service builds it under the organization's row lock. */
export interface AdmissionContext {
  /** The trimmed reason, or null. */
  reason: string | null;
  now: Date;
  /** When the public notice ends; null when no notice was started. */
  noticeEndsAt: Date | null;
  /** Objections raised during the notice and not yet resolved. */
  openObjections: number;
  /** The provider's qualifications without a certificate file. */
  qualificationsWithoutCertificate: number;
}

const OFFICER = ['program_officer'] as const;

export const providerAdmissionMachine = defineMachine({
  entity: 'provider',
  states: ADMISSION_STATUSES,
  actions: ADMISSION_ACTIONS,
  actors: ADMISSION_ACTORS,
  guards: {
    reasonGiven: (c: AdmissionContext, t) => (c.reason ? null : reasonRequired(t.action)),
    noticeStarted: (c: AdmissionContext) =>
      c.noticeEndsAt !== null ? null : new BusinessRuleError('NOTICE_NOT_STARTED', msg('The public notice has not been started.', '尚未开始公示，不能准予入库。')),
    noticeEnded: (c: AdmissionContext) =>
      c.noticeEndsAt === null || c.now.getTime() >= c.noticeEndsAt.getTime()
        ? null
        : new BusinessRuleError(
            'NOTICE_NOT_ENDED',
            msg(
              `The public notice runs until ${c.noticeEndsAt.toISOString()}; admit after it ends.`,
              `公示期至 ${c.noticeEndsAt.toISOString()} 结束，公示期满后方可准予入库。`,
            ),
          ),
    noOpenObjection: (c: AdmissionContext) =>
      c.openObjections === 0
        ? null
        : new BusinessRuleError(
            'OPEN_OBJECTIONS',
            msg(
              `${c.openObjections} objection(s) raised during the public notice are still open; resolve them first.`,
              `公示期内有 ${c.openObjections} 条异议尚未处理，请先处理异议。`,
            ),
          ),
    certificatesAttached: (c: AdmissionContext) =>
      c.qualificationsWithoutCertificate === 0
        ? null
        : new BusinessRuleError(
            'CERTIFICATE_REQUIRED',
            msg(
              `${c.qualificationsWithoutCertificate} qualification(s) have no certificate file (certificateFileId); every qualification needs one before admission.`,
              `有 ${c.qualificationsWithoutCertificate} 项资质未上传证书文件，所有资质均须附证书后方可准予入库。`,
            ),
            [{ field: 'qualifications', message: 'every qualification needs certificateFileId before admission' }],
          ),
  },
  transitions: [
    { from: 'applied', action: 'review', by: OFFICER, to: 'under_review' },
    // the notice announces what gets admitted, and the application is frozen during it: the certificates come first
    { from: ['applied', 'under_review'], action: 'start-notice', by: OFFICER, to: 'in_notice', guards: ['certificatesAttached'] },
    { from: 'in_notice', action: 'object', by: ['staff'], to: 'in_notice', guards: ['reasonGiven'] },
    { from: 'in_notice', action: 'resolve-objection', by: OFFICER, to: 'in_notice' },
    { from: 'in_notice', action: 'admit', by: OFFICER, to: 'admitted', guards: ['noticeStarted', 'noticeEnded', 'noOpenObjection', 'certificatesAttached'] },
    { from: ['applied', 'under_review', 'in_notice'], action: 'reject', by: OFFICER, to: 'rejected', guards: ['reasonGiven'] },
    { from: 'admitted', action: 'suspend', by: OFFICER, to: 'suspended', guards: ['reasonGiven'] },
    { from: 'suspended', action: 'reinstate', by: OFFICER, to: 'admitted' },
    { from: ['admitted', 'suspended'], action: 'delist', by: OFFICER, to: 'delisted', guards: ['reasonGiven'] },
    { from: 'admitted', action: 'expire', by: ['system'], to: 'expired' },
    { from: 'expired', action: 'renew', by: OFFICER, to: 'admitted' },
  ],
});

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
