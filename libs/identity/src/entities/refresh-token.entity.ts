import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AppUser } from './app-user.entity.js';

/**
 * A refresh token, stored only as its SHA-256. Each login starts a family; every refresh marks the
 * presented token used and issues the next one in the same family. Presenting a used token again
 * revokes the whole family (someone copied it).
 */
@Entity('refresh_token')
@Index('ux_refresh_token_hash', ['tokenHash'], { unique: true })
@Index('ix_refresh_token_family', ['familyId'])
@Index('ix_refresh_token_user', ['userId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('uuid')
  familyId!: string;

  /** sha256 hex of the token. */
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_token_user' })
  user?: Relation<AppUser>;
}
