import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

export const CLAIM_LINE_STATUSES = ['payable', 'batched', 'paid', 'held', 'forfeited'] as const;
export type ClaimLineStatus = (typeof CLAIM_LINE_STATUSES)[number];

/**
 * One funding source's part of an approved claim (redeemed: grant held → payable:S). Paid in a
 * disbursement batch of that source; a claim split city/county is paid in two batches.
 */
@Entity('claim_line')
@Index('ux_claim_line_source', ['claimId', 'source'], { unique: true })
@Index('ix_claim_line_payable', ['programId', 'source', 'status'])
@Check('ck_claim_line_status', `status IN ('payable','batched','paid','held','forfeited')`)
@Check('ck_claim_line_amount', 'amount_fen > 0')
export class ClaimLine {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  claimId!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'varchar', length: 40 })
  source!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  @Column({ type: 'varchar', length: 20 })
  status!: ClaimLineStatus;

  /** The batch it is in (or was paid in). */
  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
