import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import { LedgerHold } from './ledger-hold.entity.js';

/** One source's part of a hold. */
@Entity('ledger_hold_part')
@Unique('uq_ledger_hold_part_source', ['holdId', 'source'])
@Check('ck_ledger_hold_part_amounts', `amount_fen > 0 AND open_fen >= 0 AND open_fen <= amount_fen`)
export class LedgerHoldPart {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  holdId!: string;

  @ManyToOne(() => LedgerHold, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hold_id', foreignKeyConstraintName: 'fk_ledger_hold_part_hold' })
  hold?: Relation<LedgerHold>;

  /** 0, 1, 2… in the hold's split order (the leftover-fen tie of a partial release follows it). */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 64 })
  source!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  openFen!: bigint;
}
