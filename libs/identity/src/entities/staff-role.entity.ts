import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { STAFF_ROLES, type StaffRole } from '../principal.js';
import { AppUser } from './app-user.entity.js';

/** One staff grant: a role and the region codes it covers (its jurisdiction). One row per role. */
@Entity('staff_role')
@Index('ix_staff_role_role', ['role'])
@Check('ck_staff_role_role', `role IN (${STAFF_ROLES.map((r) => `'${r}'`).join(',')})`)
@Check('ck_staff_role_region_codes', `cardinality(region_codes) > 0`)
export class StaffRoleGrant {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  role!: StaffRole;

  @Column({ type: 'text', array: true })
  regionCodes!: string[];

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_staff_role_user' })
  user?: Relation<AppUser>;
}
