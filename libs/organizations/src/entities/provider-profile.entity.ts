import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn, type Relation } from 'typeorm';
import { ADMISSION_STATUSES, type AdmissionStatus } from '../domain/provider-admission.state-machine.js';
import { PROVIDER_TYPES, type ProviderType } from '../domain/provider-types.js';
import { Organization } from './organization.entity.js';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

/** The seller side of an organization: provider types, categories and the admission (入库) status. */
@Entity('provider_profile')
@Index('ix_provider_profile_admission_status', ['admissionStatus'])
@Index('ix_provider_profile_admission_expires_at', ['admissionExpiresAt'], { where: `admission_status = 'admitted'` })
@Check('ck_provider_profile_admission_status', `admission_status IN (${list(ADMISSION_STATUSES)})`)
@Check('ck_provider_profile_provider_types', `cardinality(provider_types) > 0 AND provider_types <@ ARRAY[${list(PROVIDER_TYPES)}]::text[]`)
@Check('ck_provider_profile_notice', `notice_ends_at IS NULL OR notice_starts_at IS NULL OR notice_ends_at >= notice_starts_at`)
@Check('ck_provider_profile_admitted', `admission_status <> 'admitted' OR (admitted_at IS NOT NULL AND admission_expires_at IS NOT NULL)`)
export class ProviderProfile {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_provider_profile_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'text', array: true })
  providerTypes!: ProviderType[];

  /** The service categories the provider applied for (or asked for in an approved change request). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  requestedCategoryIds!: string[];

  /** The categories it may publish in: set to the requested ones on admission; empty before. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  admittedCategoryIds!: string[];

  @Column({ type: 'varchar', length: 20 })
  admissionStatus!: AdmissionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  noticeStartsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  noticeEndsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  admittedAt!: Date | null;

  /** admittedAt (or the last renewal) + ADMISSION_VALIDITY_MONTHS. */
  @Column({ type: 'timestamptz', nullable: true })
  admissionExpiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  /** The reason of the last admission decision that carried one (reject, suspend, delist...). */
  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
