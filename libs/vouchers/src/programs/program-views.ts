import type { AuditInput } from '@innoserve/audit';
import type { VoucherApplication } from './application.entity.js';
import type { VoucherGrant } from './grant.entity.js';
import type { VoucherProgram } from './program.entity.js';
import { riskThresholdsOf, type RiskThresholds } from './program-types.js';

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

export interface ProgramView {
  id: string;
  name: string;
  fiscalYear: number;
  issuingRegionCode: string;
  status: string;
  applicationOpensOn: string;
  applicationClosesOn: string;
  grantExpiresOn: string;
  allocationMode: string;
  settlementMode: string;
  fundingSources: { key: string; name: string; regionCode: string | null; shareBp: number }[];
  eligibility: { sizeClasses: string[]; regionCodes: string[]; requiredFlags: string[]; minMonthsRegistered: number | null };
  subsidyRules: { categoryId: string; ratioBp: number; perOrderCapFen: number }[];
  enterpriseAnnualCapFen: number;
  highTechAnnualCapFen: number | null;
  providerAnnualCapFen: number | null;
  maxGrantFen: number;
  claimDeadlineDays: number;
  reviewLevels: string[];
  secondApprovalAboveFen: number | null;
  reviewDeadlineWorkingDays: number;
  /** Every threshold, the program's own or the default. */
  riskThresholds: RiskThresholds;
  drawnAt: string | null;
  createdAt: string;
}

export function toProgramView(p: VoucherProgram): ProgramView {
  return {
    id: p.id,
    name: p.name,
    fiscalYear: p.fiscalYear,
    issuingRegionCode: p.issuingRegionCode,
    status: p.status,
    applicationOpensOn: p.applicationOpensOn,
    applicationClosesOn: p.applicationClosesOn,
    grantExpiresOn: p.grantExpiresOn,
    allocationMode: p.allocationMode,
    settlementMode: p.settlementMode,
    fundingSources: p.fundingSources.map((s) => ({ key: s.key, name: s.name, regionCode: s.regionCode, shareBp: s.shareBp })),
    // every field, also for a program stored before one existed (the response schema requires them)
    eligibility: {
      sizeClasses: [...(p.eligibility.sizeClasses ?? [])],
      regionCodes: [...(p.eligibility.regionCodes ?? [])],
      requiredFlags: [...(p.eligibility.requiredFlags ?? [])],
      minMonthsRegistered: p.eligibility.minMonthsRegistered ?? null,
    },
    subsidyRules: p.subsidyRules.map((r) => ({ categoryId: r.categoryId, ratioBp: r.ratioBp, perOrderCapFen: Number(r.perOrderCapFen) })),
    enterpriseAnnualCapFen: Number(p.enterpriseAnnualCapFen),
    highTechAnnualCapFen: num(p.highTechAnnualCapFen),
    providerAnnualCapFen: num(p.providerAnnualCapFen),
    maxGrantFen: Number(p.maxGrantFen),
    claimDeadlineDays: p.claimDeadlineDays,
    reviewLevels: [...p.reviewLevels],
    secondApprovalAboveFen: num(p.secondApprovalAboveFen),
    reviewDeadlineWorkingDays: p.reviewDeadlineWorkingDays,
    riskThresholds: riskThresholdsOf(p.riskThresholds),
    drawnAt: p.drawnAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

export interface ApplicationView {
  id: string;
  programId: string;
  enterpriseId: string;
  regionCode: string;
  requestedFen: number;
  purpose: string;
  status: string;
  grantedFen: number | null;
  grantId: string | null;
  decisionReason: string | null;
  createdAt: string;
  /** The version a reviewer's decision sends back as If-Match. */
  version: number;
}

/** An application in a reviewer's queue: with the enterprise's and the program's names. */
export interface QueuedApplicationView extends ApplicationView {
  enterpriseName: string;
  programName: string;
}

export function toApplicationView(a: VoucherApplication): ApplicationView {
  return {
    id: a.id,
    programId: a.programId,
    enterpriseId: a.enterpriseId,
    regionCode: a.regionCode,
    requestedFen: Number(a.requestedFen),
    purpose: a.purpose,
    status: a.status,
    grantedFen: num(a.grantedFen),
    grantId: a.grantId,
    decisionReason: a.decisionReason,
    createdAt: a.createdAt.toISOString(),
    version: a.version,
  };
}

export interface GrantView {
  id: string;
  programId: string;
  applicationId: string;
  enterpriseId: string;
  amountFen: number;
  parts: { source: string; amountFen: number }[];
  status: string;
  expiresOn: string;
  /** The end of the last valid day, Asia/Shanghai. */
  expiresAt: string;
  lapsedFen: number;
  createdAt: string;
}

export function toGrantView(g: VoucherGrant): GrantView {
  return {
    id: g.id,
    programId: g.programId,
    applicationId: g.applicationId,
    enterpriseId: g.enterpriseId,
    amountFen: Number(g.amountFen),
    parts: g.parts.map((p) => ({ source: p.source, amountFen: Number(p.amountFen) })),
    status: g.status,
    expiresOn: g.expiresOn,
    expiresAt: `${g.expiresOn}T23:59:59.999+08:00`,
    lapsedFen: Number(g.lapsedFen),
    createdAt: g.createdAt.toISOString(),
  };
}

/** The audit entry of a granted application (the same record whichever path granted it). */
export function grantedAudit(app: VoucherApplication, grant: VoucherGrant, actorId: string): AuditInput {
  return {
    streamType: 'voucher_application',
    streamId: app.id,
    action: 'application.granted',
    actorId,
    before: { status: 'pending' },
    after: {
      status: 'granted',
      programId: app.programId,
      enterpriseId: app.enterpriseId,
      requestedFen: Number(app.requestedFen),
      grantId: grant.id,
      amountFen: Number(grant.amountFen),
      parts: grant.parts,
    },
  };
}
