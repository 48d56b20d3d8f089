import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, type Relation } from 'typeorm';
import type { ProviderChanges } from '../services/organization-changes.js';
import { Organization } from './organization.entity.js';

export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/**
 * Identity edits of an admitted provider wait here until a program officer approves them; the live
 * record is unchanged until then. At most one pending request per provider.
 */
@Entity('provider_change_request')
@Index('ux_provider_change_request_pending', ['organizationId'], { unique: true, where: `status = 'pending'` })
@Index('ix_provider_change_request_organization', ['organizationId', 'createdAt'])
@Check('ck_provider_change_request_status', `status IN ('pending','approved','rejected')`)
@Check('ck_provider_change_request_decided', `status = 'pending' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)`)
export class ProviderChangeRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_provider_change_request_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'uuid' })
  requestedBy!: string;

  /** The requested new values of the identity fields (only those that change). */
  @Column({ type: 'jsonb' })
  changes!: ProviderChanges;

  /** The live values of the same fields when the request was made, for the reviewer. */
  @Column({ type: 'jsonb' })
  previous!: ProviderChanges;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: ChangeRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Grows with every change (TypeORM bumps it on save and update); decisions may send it as If-Match. */
  @VersionColumn({ default: 1 })
  version!: number;
}
