import type { ClaimLine } from '../entities/claim-line.entity.js';
import type { SubsidyClaim } from '../entities/subsidy-claim.entity.js';
import type { RiskFlag } from '../risk/risk-rule.js';

export interface ClaimLineView {
  id: string;
  source: string;
  amountFen: number;
  status: string;
  batchId: string | null;
  paidAt: string | null;
}

export interface ClaimView {
  id: string;
  claimNo: string;
  orderId: string;
  programId: string;
  grantId: string;
  enterpriseId: string;
  providerId: string;
  claimantId: string;
  settlementMode: string;
  regionCode: string;
  status: string;
  version: number;
  /** The subsidy claimed, fen. */
  amountFen: number;
  /** The price the fapiao shows (contract price less a dispute refund), fen. */
  priceFen: number;
  invoice: { code: string | null; number: string; issuedOn: string; amountFen: number; sellerTaxId: string; buyerTaxId: string };
  evidence: SubsidyClaim['evidence'];
  evidenceFileIds: string[];
  /** The review levels in order, the current one (1-based) and the approvals given. */
  levels: string[];
  level: number;
  /** The reviewers' ids for staff only (a claimant sees the levels passed and when). */
  approvals: { level: number; kind: string; userId?: string; userName?: string | null; at: string }[];
  levelSince: string;
  levelDueOn: string;
  deadlineOn: string;
  decisionReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
  /** One per funding source once approved, each with its batch. */
  lines: ClaimLineView[];
  /** Staff only (absent for the claimant). */
  riskFlags?: RiskFlag[];
  flags?: string[];
  /** Staff only: whole days the claim has waited at its level. */
  waitingDays?: number;
  /** Staff only: the parties' names (the queue and the review read them without a lookup). */
  enterpriseName?: string | null;
  providerName?: string | null;
}

/**
 * The claim as the API answers it; `staff` adds the risk flags, the waiting time, the reviewers and,
 * from `names` (ids of organizations and users → names, ClaimsService.staffNames), who they are.
 */
export function toClaimView(c: SubsidyClaim, lines: readonly ClaimLine[], staff: boolean, now: Date, names?: ReadonlyMap<string, string>): ClaimView {
  const view: ClaimView = {
    id: c.id,
    claimNo: c.claimNo,
    orderId: c.orderId,
    programId: c.programId,
    grantId: c.grantId,
    enterpriseId: c.enterpriseId,
    providerId: c.providerId,
    claimantId: c.claimantId,
    settlementMode: c.settlementMode,
    regionCode: c.regionCode,
    status: c.status,
    version: c.version,
    amountFen: Number(c.amountFen),
    priceFen: Number(c.priceFen),
    invoice: {
      code: c.invoiceCode === '' ? null : c.invoiceCode,
      number: c.invoiceNumber,
      issuedOn: c.invoiceIssuedOn,
      amountFen: Number(c.invoiceAmountFen),
      sellerTaxId: c.sellerTaxId,
      buyerTaxId: c.buyerTaxId,
    },
    evidence: c.evidence,
    evidenceFileIds: [...c.evidenceFileIds],
    levels: [...c.levels],
    level: c.level,
    approvals: c.approvals.map((a) => (staff ? { ...a, userName: names?.get(a.userId) ?? null } : { level: a.level, kind: a.kind, at: a.at })),
    levelSince: c.levelSince.toISOString(),
    levelDueOn: c.levelDueOn,
    deadlineOn: c.deadlineOn,
    decisionReason: c.decisionReason,
    submittedAt: c.submittedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    lines: lines.map((l) => ({ id: l.id, source: l.source, amountFen: Number(l.amountFen), status: l.status, batchId: l.batchId, paidAt: l.paidAt?.toISOString() ?? null })),
  };
  if (staff) {
    view.riskFlags = c.riskFlags.map((f) => ({ ...f }));
    view.flags = [...c.flags];
    view.waitingDays = Math.max(0, Math.floor((now.getTime() - c.levelSince.getTime()) / 86_400_000));
    view.enterpriseName = names?.get(c.enterpriseId) ?? null;
    view.providerName = names?.get(c.providerId) ?? null;
  }
  return view;
}
