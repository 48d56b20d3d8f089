import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { LEDGER_TRANSACTION_TYPES, type LedgerTransactionType } from './ledger-moves.js';

/**
 * One balanced ledger transaction (append-only; its postings are ledger_entry rows). The
 * idempotency key is unique: a retried call with the same key finds this row and changes nothing.
 */
@Entity('ledger_transaction')
@Unique('uq_ledger_transaction_idempotency_key', ['idempotencyKey'])
@Index('ix_ledger_transaction_program', ['programId', 'createdAt'])
@Index('ix_ledger_transaction_reference', ['reference'])
@Check('ck_ledger_transaction_type', `type IN (${LEDGER_TRANSACTION_TYPES.map((t) => `'${t}'`).join(',')})`)
export class LedgerTransaction {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: LedgerTransactionType;

  /** What caused it: an order, claim, batch, application or program id (callers may prefix, e.g. `order:<id>`). */
  @Column({ type: 'varchar', length: 200 })
  reference!: string;

  /** The user who acted; null for the system (sweeps, jobs). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  idempotencyKey!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
