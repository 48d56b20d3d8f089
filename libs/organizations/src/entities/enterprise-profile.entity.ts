import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn, type Relation } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import { ENTERPRISE_STATUSES, type EnterpriseStatus } from '../domain/enterprise-verification.state-machine.js';
import { INDUSTRIES, SIZE_CLASSES, type Industry, type SizeClass } from '../domain/size-classifier.js';
import { Organization } from './organization.entity.js';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

/** The buyer side of an organization: size inputs, flags and the verification status. */
@Entity('enterprise_profile')
@Index('ix_enterprise_profile_status', ['status'])
// who may read a file asks which organization holds it (OrganizationFiles)
@Index('ix_enterprise_profile_licence_file', ['businessLicenceFileId'], { where: 'business_licence_file_id IS NOT NULL' })
@Check('ck_enterprise_profile_status', `status IN (${list(ENTERPRISE_STATUSES)})`)
@Check('ck_enterprise_profile_industry', `industry IN (${list(INDUSTRIES)})`)
@Check('ck_enterprise_profile_size_class', `size_class IN (${list(SIZE_CLASSES)})`)
@Check('ck_enterprise_profile_employees', `employees >= 0`)
@Check('ck_enterprise_profile_amounts', `annual_revenue_fen >= 0 AND total_assets_fen >= 0`)
@Check('ck_enterprise_profile_rejection', `status <> 'rejected' OR rejection_reason IS NOT NULL`)
@Check('ck_enterprise_profile_suspension', `status <> 'suspended' OR suspension_reason IS NOT NULL`)
export class EnterpriseProfile {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_enterprise_profile_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 40 })
  industry!: Industry;

  @Column({ type: 'int' })
  employees!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  annualRevenueFen!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  totalAssetsFen!: bigint;

  /** Computed from the inputs above (MIIT 2011 table), stored for eligibility queries. */
  @Column({ type: 'varchar', length: 10 })
  sizeClass!: SizeClass;

  /** 科技型中小企业 registry number. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  techSmeNo!: string | null;

  /** 高新技术企业 certificate number and expiry. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  highTechCertNo!: string | null;

  @Column({ type: 'date', nullable: true })
  highTechCertExpiresOn!: string | null;

  /** The business licence (营业执照), an uploaded file; verification approval requires it. Null on rows from before it was asked. */
  @Column({ type: 'uuid', nullable: true })
  businessLicenceFileId!: string | null;

  /** 科技小巨人. */
  @Column({ type: 'boolean', default: false })
  littleGiant!: boolean;

  @Column({ type: 'varchar', length: 20 })
  status!: EnterpriseStatus;

  /** Why the profile was rejected (kept until it is verified again). */
  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  /** Why the enterprise is suspended (cleared on reinstatement). */
  @Column({ type: 'text', nullable: true })
  suspensionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedBy!: string | null;

  /** When the profile was (re)submitted for verification. */
  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
