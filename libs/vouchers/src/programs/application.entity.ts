import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

export const APPLICATION_STATUSES = ['pending', 'granted', 'rejected', 'not_drawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** Live applications block a second one of the same enterprise in the same program. */
export const LIVE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['pending', 'granted'];

/** An enterprise's application to a program; at most one live per (program, enterprise). */
@Entity('voucher_application')
@Index('ux_voucher_application_live', ['programId', 'enterpriseId'], { unique: true, where: `status IN ('pending','granted')` })
@Index('ix_voucher_application_program_status', ['programId', 'status'])
@Check('ck_voucher_application_status', `status IN ('pending','granted','rejected','not_drawn')`)
@Check('ck_voucher_application_amounts', `requested_fen > 0 AND (granted_fen IS NULL OR granted_fen > 0)`)
export class VoucherApplication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programId!: string;

  @Column({ type: 'uuid' })
  enterpriseId!: string;

  /** The enterprise's region when it applied (review queue scope). */
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 200 })
  groupKey!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  requestedFen!: bigint;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ApplicationStatus;

  @Column({ type: 'bigint', transformer: bigintTransformer, nullable: true })
  grantedFen!: bigint | null;

  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'uuid' })
  appliedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * Grows with every change: TypeORM bumps it on save and update; the first-come INSERT takes the
   * default. A reviewer's decision may send it as If-Match (STALE_VERSION).
   */
  @VersionColumn({ default: 1 })
  version!: number;
}
