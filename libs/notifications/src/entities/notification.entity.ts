import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NotificationCategory } from '../catalog/categories.js';

/**
 * An in-app notification of one user, in both languages (shown in the user's locale), made from a
 * committed domain event. `eventKey` makes it once per user and event, however often the feed runs.
 */
@Entity('notification')
@Index('ux_notification_user_event', ['userId', 'eventKey'], { unique: true })
@Index('ix_notification_user_unread', ['userId', 'readAt', 'createdAt'])
export class Notification {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: NotificationCategory;

  /** The event's type, e.g. claim.approved. */
  @Column({ type: 'varchar', length: 60 })
  type!: string;

  /** The event it came from (an audit entry id, or a reminder's key). */
  @Column({ type: 'varchar', length: 120 })
  eventKey!: string;

  @Column({ type: 'varchar', length: 200 })
  titleZh!: string;

  @Column({ type: 'varchar', length: 200 })
  titleEn!: string;

  @Column({ type: 'text' })
  bodyZh!: string;

  @Column({ type: 'text' })
  bodyEn!: string;

  /** Where it leads in the web application, e.g. /orders/<id>. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  link!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  entityType!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  /** Whether an e-mail goes out too (the user's preference, or an essential category). */
  @Column({ type: 'boolean', default: false })
  emailed!: boolean;

  /** When its e-mail left (the outbox handler sends once). */
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
