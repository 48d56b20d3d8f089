import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

export const SANCTION_KINDS = ['void-grant', 'forfeit', 'clawback', 'suspend', 'delist', 'blacklist'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/** A clawback's part of one funding source: what went disbursed → receivable, and what came back. */
export interface SanctionPart {
  source: string;
  amountFen: string;
  repaidFen: string;
}

/** What a sanction did to the work in flight. */
export interface SanctionEffects {
  ordersCancelled: string[];
  ordersFlagged: string[];
  claimsHeld: string[];
  /** void-grant: fen back to the pools; forfeit: fen forfeited. */
  movedFen?: string;
}

/**
 * A sanction (处罚) on an organization, with its reason: void a grant, forfeit a hold, claw back a
 * paid claim, suspend or delist a provider, blacklist for a period. Audited on the organization's
 * stream and its own.
 */
@Entity('sanction')
@Index('ix_sanction_organization', ['organizationId', 'createdAt'])
@Check('ck_sanction_kind', `kind IN ('void-grant','forfeit','clawback','suspend','delist','blacklist')`)
@Check('ck_sanction_amounts', '(amount_fen IS NULL OR amount_fen > 0) AND repaid_fen >= 0')
export class Sanction {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: SanctionKind;

  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  claimId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  programId!: string | null;

  /** clawback: the amount clawed back, fen. */
  @Column({ type: 'bigint', transformer: bigintTransformer, nullable: true })
  amountFen!: bigint | null;

  @Column({ type: 'text' })
  reason!: string;

  /** blacklist: the last day of the ban. */
  @Column({ type: 'date', nullable: true })
  until!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  parts!: SanctionPart[];

  /** clawback: what has been repaid (receivable → pool). */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  repaidFen!: bigint;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  effects!: SanctionEffects;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Money clawed back coming in (receivable → pool), recorded by a finance officer. */
@Entity('sanction_repayment')
@Index('ux_sanction_repayment_reference', ['sanctionId', 'bankReference'], { unique: true })
@Check('ck_sanction_repayment_amount', 'amount_fen > 0')
export class SanctionRepayment {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sanctionId!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  @Column({ type: 'varchar', length: 100 })
  bankReference!: string;

  @Column({ type: 'date' })
  paidOn!: string;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
