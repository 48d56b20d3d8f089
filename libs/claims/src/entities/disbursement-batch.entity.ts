import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

export const BATCH_STATUSES = ['open', 'paid', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/**
 * A disbursement batch (拨付批次): the approved, unpaid claim lines of one program and funding source,
 * exported as a bank-transfer file and marked paid with the bank's reference (payable → disbursed).
 * Built and marked paid by two different finance officers.
 */
@Entity('disbursement_batch')
@Index('ux_disbursement_batch_no', ['batchNo'], { unique: true })
@Index('ix_disbursement_batch_program', ['programId', 'source', 'createdAt'])
@Check('ck_disbursement_batch_status', `status IN ('open','paid','cancelled')`)
@Check('ck_disbursement_batch_total', 'total_fen >= 0 AND line_count >= 0')
export class DisbursementBatch {
  @PrimaryColumn('uuid')
  id!: string;

  /** e.g. BF20261205A1B2C3D4. */
  @Column({ type: 'varchar', length: 30 })
  batchNo!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'varchar', length: 40 })
  source!: string;

  /** The program's fiscal year (on every bank line's 附言). */
  @Column({ type: 'int' })
  fiscalYear!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: BatchStatus;

  /** What the batch pays when every line is paid, fen. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  totalFen!: bigint;

  @Column({ type: 'int' })
  lineCount!: number;

  /** What was paid (lines not failed), once paid. */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  paidFen!: bigint;

  @Column({ type: 'uuid' })
  builtBy!: string;

  @Column({ type: 'uuid', nullable: true })
  paidBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  /** The value date the bank reported (YYYY-MM-DD). */
  @Column({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  bankReference!: string | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
