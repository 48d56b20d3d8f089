import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import { LedgerTransaction } from './ledger-transaction.entity.js';

export const LEDGER_HOLD_STATUSES = ['open', 'released', 'redeemed', 'forfeited'] as const;
export type LedgerHoldStatus = (typeof LEDGER_HOLD_STATUSES)[number];

/**
 * Money of a grant held for an order. The id is the hold transaction's id. Its parts record how
 * much each source holds, so release, redeem and forfeit move exactly those parts. openFen is what
 * is still held (a partial release after a dispute lowers it); the hold closes at 0.
 */
@Entity('ledger_hold')
@Index('ix_ledger_hold_grant', ['grantId'])
@Index('ix_ledger_hold_reference', ['reference'])
@Check('ck_ledger_hold_amounts', `amount_fen > 0 AND open_fen >= 0 AND open_fen <= amount_fen`)
@Check('ck_ledger_hold_status', `status IN (${LEDGER_HOLD_STATUSES.map((s) => `'${s}'`).join(',')}) AND (status = 'open') = (open_fen > 0)`)
export class LedgerHold {
  @PrimaryColumn('uuid')
  id!: string;

  @OneToOne(() => LedgerTransaction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'fk_ledger_hold_transaction' })
  transaction?: Relation<LedgerTransaction>;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @Column({ type: 'varchar', length: 200 })
  reference!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  openFen!: bigint;

  @Column({ type: 'varchar', length: 12 })
  status!: LedgerHoldStatus;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
