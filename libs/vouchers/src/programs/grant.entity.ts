import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

export const GRANT_STATUSES = ['active', 'lapsed', 'voided'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** One part of a grant: what source S funds (a decimal string of fen). */
export interface GrantPart {
  source: string;
  amountFen: string;
}

/** A grant (创新券额度): its id is the G of the ledger's grant accounts. */
@Entity('voucher_grant')
@Index('ix_voucher_grant_enterprise', ['enterpriseId'])
@Index('ix_voucher_grant_program_status_expiry', ['programId', 'status', 'expiresOn'])
@Index('ux_voucher_grant_application', ['applicationId'], { unique: true })
@Check('ck_voucher_grant_status', `status IN ('active','lapsed','voided')`)
@Check('ck_voucher_grant_amounts', `amount_fen > 0 AND lapsed_fen >= 0`)
export class VoucherGrant {
  /** Chosen before the ledger grant (the ledger accounts name it). */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 200 })
  groupKey!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  /** How much each source funds, in the program's listed order. */
  @Column({ type: 'jsonb' })
  parts!: GrantPart[];

  /** Last valid day (Asia/Shanghai); the sweep lapses it the day after. */
  @Column({ type: 'date' })
  expiresOn!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: GrantStatus;

  /** What went back to the pools when it lapsed. */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  lapsedFen!: bigint;

  @Column({ type: 'timestamptz', nullable: true })
  lapsedAt!: Date | null;

  /** Set by a sanction (void-grant): what was free went back to the pools, and so does every later release. */
  @Column({ type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;

  /** What went back to the pools by the void and by the releases after it. */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  voidedFen!: bigint;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
