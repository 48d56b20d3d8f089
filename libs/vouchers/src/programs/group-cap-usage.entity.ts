import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

/** Group usage of a program's enterprise cap: grants − lapsed − voided (docs/product.md "Caps"). */
@Entity('voucher_group_cap_usage')
@Index('ux_voucher_group_cap_usage', ['programId', 'groupKey'], { unique: true })
@Check('ck_voucher_group_cap_usage_used', `used_fen >= 0`)
export class VoucherGroupCapUsage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'varchar', length: 200 })
  groupKey!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  usedFen!: bigint;
}
