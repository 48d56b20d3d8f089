import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from './organization.entity.js';

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** An objection raised by staff during a provider's public notice (公示异议). */
@Entity('admission_objection')
@Index('ix_admission_objection_organization_status', ['organizationId', 'status'])
@Check('ck_admission_objection_status', `status IN ('open','upheld','dismissed')`)
@Check('ck_admission_objection_resolved', `status = 'open' OR (resolved_by IS NOT NULL AND resolved_at IS NOT NULL)`)
export class AdmissionObjection {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_admission_objection_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'uuid' })
  raisedBy!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status!: ObjectionStatus;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  resolutionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
