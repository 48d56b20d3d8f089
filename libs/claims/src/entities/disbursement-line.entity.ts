import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

export const DISBURSEMENT_LINE_STATUSES = ['included', 'paid', 'failed', 'cancelled'] as const;
export type DisbursementLineStatus = (typeof DISBURSEMENT_LINE_STATUSES)[number];

/**
 * One (claim, source) part in a batch, with the payee's verified bank account copied when the batch
 * was built. A claim line is in at most one batch at a time (included or paid); a failed line
 * (退票) goes back to payable for a later batch.
 */
@Entity('disbursement_line')
@Index('ux_disbursement_line_claim_line_live', ['claimLineId'], { unique: true, where: `status IN ('included','paid')` })
@Index('ix_disbursement_line_batch', ['batchId', 'seq'])
@Check('ck_disbursement_line_status', `status IN ('included','paid','failed','cancelled')`)
@Check('ck_disbursement_line_amount', 'amount_fen > 0')
export class DisbursementLine {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  batchId!: string;

  /** 序号, from 1. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'uuid' })
  claimLineId!: string;

  @Column({ type: 'uuid' })
  claimId!: string;

  @Column({ type: 'varchar', length: 30 })
  claimNo!: string;

  @Column({ type: 'uuid' })
  payeeId!: string;

  /** 收款人户名: the verified account's name, equal to the payee's registered name. */
  @Column({ type: 'varchar', length: 200 })
  accountName!: string;

  @Column({ type: 'varchar', length: 40 })
  accountNo!: string;

  /** 开户行. */
  @Column({ type: 'varchar', length: 100 })
  bankName!: string;

  /** 联行号 (CNAPS). */
  @Column({ type: 'varchar', length: 12 })
  cnapsCode!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  /** 附言: the claim number and the program's fiscal year. */
  @Column({ type: 'varchar', length: 100 })
  memo!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: DisbursementLineStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
