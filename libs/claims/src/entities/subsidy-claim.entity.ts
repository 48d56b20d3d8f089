import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import type { ClaimStatus } from '../domain/claim-state-machine.js';
import type { RiskFlag } from '../risk/risk-rule.js';

/** One approval given at one review level. */
export interface ClaimApproval {
  /** 1-based level. */
  level: number;
  kind: 'county' | 'city';
  userId: string;
  at: string;
}

/** What is attached automatically at submission (the rest are `evidenceFileIds`). */
export interface ClaimEvidence {
  /** The contract PDF (rendered on demand from the order's frozen contract). */
  contractNo: string | null;
  /** The delivery report the provider uploaded. */
  deliveryReportFileId: string | null;
  /** How the own share was paid: each succeeded payment, with the Stripe intent or the bank confirmation. */
  payments: { paymentId: string; method: string; amountFen: number; externalId: string | null; confirmation: Record<string, unknown> | null; succeededAt: string | null }[];
}

const LIVE = `status IN ('in_review','returned','approved','batched','paid','forfeited')`;

/**
 * A subsidy claim (补贴申请) for one completed (or refunded) order: the fapiao, the evidence, the
 * review levels it must pass and the approvals given. Its amount is what the order's hold still
 * holds; approval redeems it to payable per funding source (claim lines).
 */
@Entity('subsidy_claim')
@Index('ux_subsidy_claim_no', ['claimNo'], { unique: true })
@Index('ux_subsidy_claim_order_live', ['orderId'], { unique: true, where: LIVE })
@Index('ux_subsidy_claim_invoice_live', ['invoiceCode', 'invoiceNumber'], { unique: true, where: LIVE })
@Index('ix_subsidy_claim_invoice_number', ['invoiceNumber'])
@Index('ix_subsidy_claim_queue', ['status', 'regionCode', 'levelSince'])
@Index('ix_subsidy_claim_program_provider', ['programId', 'providerId'])
@Index('ix_subsidy_claim_program_enterprise', ['programId', 'enterpriseId'])
// risk rules: duplicate_invoice (one fapiao renumbered) and provider_concentration (live claims per provider and pair)
@Index('ix_subsidy_claim_invoice_content', ['sellerTaxId', 'invoiceIssuedOn', 'invoiceAmountFen'])
@Index('ix_subsidy_claim_program_provider_enterprise_live', ['programId', 'providerId', 'enterpriseId'], { where: LIVE })
@Check('ck_subsidy_claim_status', `status IN ('in_review','returned','approved','rejected','expired','batched','paid','forfeited')`)
@Check('ck_subsidy_claim_amount', 'amount_fen > 0 AND invoice_amount_fen > 0')
@Check('ck_subsidy_claim_level', 'level >= 1 AND level <= cardinality(levels)')
export class SubsidyClaim {
  @PrimaryColumn('uuid')
  id!: string;

  /** Human-readable number, e.g. BT20261205-7K2M9Q (on the bank transfer's 附言). */
  @Column({ type: 'varchar', length: 30 })
  claimNo!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  /** The order's ledger hold this claim redeems. */
  @Column({ type: 'uuid' })
  holdId!: string;

  @Column({ type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  /** Who claims and is paid: the provider under 通兑, the enterprise under 通用. */
  @Column({ type: 'uuid' })
  claimantId!: string;

  @Column({ type: 'varchar', length: 30 })
  settlementMode!: 'provider_redeems' | 'enterprise_reimbursed';

  /** The enterprise's region: the county reviewers of this region review level `county`. */
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'uuid' })
  categoryId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ClaimStatus;

  /** Bumped by every change; decisions may carry the version seen (stale → 409). */
  @Column({ type: 'int', default: 1 })
  version!: number;

  /** The subsidy claimed (what the hold still holds), fen. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  /** The price the fapiao must show: the contract price, less a dispute refund. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  priceFen!: bigint;

  // ---- the fapiao ----
  /**
   * 10 or 12 digits for an older VAT fapiao; '' (shown as absent) for a 20-digit 全电发票 — so that
   * (code, number) is one plain unique key: the 8-digit numbers of older fapiao repeat across codes.
   */
  @Column({ type: 'varchar', length: 12, default: '' })
  invoiceCode!: string;

  @Column({ type: 'varchar', length: 20 })
  invoiceNumber!: string;

  @Column({ type: 'date' })
  invoiceIssuedOn!: string;

  /** 价税合计, fen. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  invoiceAmountFen!: bigint;

  @Column({ type: 'varchar', length: 18 })
  sellerTaxId!: string;

  @Column({ type: 'varchar', length: 18 })
  buyerTaxId!: string;

  // ---- evidence and review ----
  @Column({ type: 'jsonb' })
  evidence!: ClaimEvidence;

  /** Extra evidence files the claimant attached. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  evidenceFileIds!: string[];

  /** The review levels this claim must pass, in order (frozen at submission; a second city approval above the program's amount). */
  @Column({ type: 'varchar', length: 10, array: true })
  levels!: ('county' | 'city')[];

  /** The current level (1-based) while in review. */
  @Column({ type: 'int', default: 1 })
  level!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  approvals!: ClaimApproval[];

  /** Since when the claim waits at its level, and the level's last day (working days on the holiday calendar). */
  @Column({ type: 'timestamptz' })
  levelSince!: Date;

  @Column({ type: 'date' })
  levelDueOn!: string;

  /** The last day to submit or resubmit (Asia/Shanghai): completion (or the dispute resolution) + claimDeadlineDays. */
  @Column({ type: 'date' })
  deadlineOn!: string;

  /** Staff-only: the risk flags with their evidence (never shown to the claimant). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  riskFlags!: RiskFlag[];

  /** Staff-only flags of the process: review_overdue, payment_held. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: string[];

  /**
   * When a program officer last released a hold (payment-hold release): from then on the automatic
   * checks do not hold the claim again; a new sanction event does (and clears this).
   */
  @Column({ type: 'timestamptz', nullable: true })
  holdReleasedAt!: Date | null;

  /** The reason of the last reject or return. */
  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
