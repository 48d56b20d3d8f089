import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { QUALIFICATION_KINDS } from '@innoserve/organizations';
import { OfferingFields, fieldChecks } from './offering-fields.js';

export const REVISION_STATUSES = ['pending', 'published', 'rejected'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

const checks = fieldChecks(QUALIFICATION_KINDS);

/**
 * A pending edit of a published (or suspended) offering: the full proposed field set. The live
 * offering stays as it is until a program officer publishes the revision, which copies it over.
 * At most one pending revision per offering.
 */
@Entity('offering_revision')
@Index('ux_offering_revision_pending', ['offeringId'], { unique: true, where: `status = 'pending'` })
@Check('ck_offering_revision_status', `status IN ('pending','published','rejected')`)
@Check('ck_offering_revision_pricing_kind', checks.pricing_kind)
@Check('ck_offering_revision_pricing', checks.pricing)
@Check('ck_offering_revision_amounts', checks.amounts)
@Check('ck_offering_revision_lead_time', checks.lead_time)
@Check('ck_offering_revision_qualification_kinds', checks.qualification_kinds)
export class OfferingRevision extends OfferingFields {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  offeringId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: RevisionStatus;

  @Column({ type: 'uuid' })
  requestedBy!: string;

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
}
