import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import { ACCOUNT_KINDS, type AccountKind } from './ledger-account.js';

/**
 * The running balance of one account of one program, kept in the same transaction as its entries
 * (debited with a conditional UPDATE … WHERE balance + amount >= 0). The CHECK constraints are the
 * last line of defence: only `funding` accounts may go negative.
 */
@Entity('ledger_balance')
@Unique('uq_ledger_balance_account', ['programId', 'account'])
@Index('ix_ledger_balance_grant', ['grantId'])
@Check('ck_ledger_balance_non_negative', `may_go_negative OR balance_fen >= 0`)
@Check('ck_ledger_balance_may_go_negative', `may_go_negative = (kind = 'funding')`)
@Check('ck_ledger_balance_kind', `kind IN (${ACCOUNT_KINDS.map((k) => `'${k}'`).join(',')})`)
@Check('ck_ledger_balance_grant', `(grant_id IS NOT NULL) = (kind IN ('grant_available','grant_held'))`)
export class LedgerBalance {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'varchar', length: 200 })
  account!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: AccountKind;

  /** The funding source's key. */
  @Column({ type: 'varchar', length: 64 })
  source!: string;

  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @Column({ type: 'boolean' })
  mayGoNegative!: boolean;

  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  balanceFen!: bigint;
}
