import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

/** Provider usage of a program's provider cap: holds − releases − forfeits. */
@Entity('voucher_provider_cap_usage')
@Index('ux_voucher_provider_cap_usage', ['programId', 'providerId'], { unique: true })
@Check('ck_voucher_provider_cap_usage_used', `used_fen >= 0`)
export class VoucherProviderCapUsage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  usedFen!: bigint;
}
