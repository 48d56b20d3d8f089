import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import { QUALIFICATION_KINDS } from '@innoserve/organizations';
import { OFFERING_STATUSES, type OfferingStatus } from '../domain/offering-state-machine.js';
import { OfferingFields, fieldChecks } from './offering-fields.js';

const checks = fieldChecks(QUALIFICATION_KINDS);

/**
 * What a provider sells. `version` grows with every change that can affect the search document,
 * so the index and reconcile job can tell stale documents apart.
 */
@Entity('offering')
@Index('ix_offering_provider', ['providerId', 'status'])
@Index('ix_offering_status_submitted', ['status', 'submittedAt'])
// the price-outlier claim risk rule (libs/claims): the published offerings of a category
@Index('ix_offering_category_published', ['categoryId'], { where: `status = 'published'` })
@Check('ck_offering_status', `status IN (${OFFERING_STATUSES.map((s) => `'${s}'`).join(',')})`)
@Check('ck_offering_pricing_kind', checks.pricing_kind)
@Check('ck_offering_pricing', checks.pricing)
@Check('ck_offering_amounts', checks.amounts)
@Check('ck_offering_lead_time', checks.lead_time)
@Check('ck_offering_qualification_kinds', checks.qualification_kinds)
@Check('ck_offering_version', `version >= 1`)
export class Offering extends OfferingFields {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The provider's organization id. */
  @Column({ type: 'uuid' })
  providerId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: OfferingStatus;

  /** Why a program officer last rejected (back to draft) or suspended it. */
  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ type: 'bigint', default: 1, transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** First publication; kept through suspensions and revisions. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
