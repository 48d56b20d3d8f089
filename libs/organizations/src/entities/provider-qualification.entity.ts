import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { QUALIFICATION_KINDS, type QualificationKind } from '../domain/provider-types.js';
import { Organization } from './organization.entity.js';

/** A qualification a provider holds (CMA / CNAS number, patent agency licence, maker-space level...). */
@Entity('provider_qualification')
@Index('ux_provider_qualification_number', ['organizationId', 'kind', 'number'], { unique: true })
@Index('ix_provider_qualification_certificate_file', ['certificateFileId'], { where: 'certificate_file_id IS NOT NULL' })
@Check('ck_provider_qualification_kind', `kind IN (${QUALIFICATION_KINDS.map((k) => `'${k}'`).join(',')})`)
export class ProviderQualification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_provider_qualification_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 30 })
  kind!: QualificationKind;

  @Column({ type: 'varchar', length: 100 })
  number!: string;

  /** Last valid day; null when it does not expire. */
  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  /** The certificate (CMA, CNAS, licence...) as an uploaded file; admission requires one on every qualification. */
  @Column({ type: 'uuid', nullable: true })
  certificateFileId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
