import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AppUser } from '@innoserve/identity';
import { Organization } from './organization.entity.js';

export const MEMBERSHIP_ROLES = ['owner', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** A user's role in an organization; one row per (organization, user). */
@Entity('membership')
@Index('ux_membership_organization_user', ['organizationId', 'userId'], { unique: true })
@Index('ix_membership_user', ['userId'])
@Check('ck_membership_role', `role IN ('owner','member')`)
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_membership_organization' })
  organization?: Relation<Organization>;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_membership_user' })
  user?: Relation<AppUser>;

  @Column({ type: 'varchar', length: 10 })
  role!: MembershipRole;

  @Column({ type: 'uuid', nullable: true })
  addedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
