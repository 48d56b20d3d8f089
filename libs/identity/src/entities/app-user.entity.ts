import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type UserLocale = 'zh' | 'en';
export const USER_LOCALES: readonly UserLocale[] = ['zh', 'en'];

/** A person who signs in: enterprise and provider members and staff alike. */
@Entity('app_user')
@Index('ux_app_user_email', ['email'], { unique: true })
// stored lowercased, so the unique index is case-insensitive
@Check('ck_app_user_email_lower', `email = lower(email)`)
@Check('ck_app_user_locale', `locale IN ('zh','en')`)
@Check('ck_app_user_failed_login_count', `failed_login_count >= 0`)
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 2, default: 'zh' })
  locale!: UserLocale;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ type: 'int', default: 0 })
  failedLoginCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
