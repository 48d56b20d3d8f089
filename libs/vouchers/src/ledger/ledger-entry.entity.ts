import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import { LedgerTransaction } from './ledger-transaction.entity.js';

/**
 * One posting of a ledger transaction (append-only). amountFen is signed: + credits the account
 * (its balance grows), − debits it; an account's balance is the sum of its entries.
 */
@Entity('ledger_entry')
@Unique('uq_ledger_entry_position', ['transactionId', 'position'])
@Index('ix_ledger_entry_account', ['programId', 'account'])
@Check('ck_ledger_entry_nonzero', `amount_fen <> 0`)
export class LedgerEntry {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  transactionId!: string;

  @ManyToOne(() => LedgerTransaction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'transaction_id', foreignKeyConstraintName: 'fk_ledger_entry_transaction' })
  transaction?: Relation<LedgerTransaction>;

  /** 0, 1, 2… in the order the postings were given. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'varchar', length: 200 })
  account!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;
}
