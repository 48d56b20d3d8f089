import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationCategory } from '../catalog/categories.js';

/** A user's choice for one category: in-app and e-mail (absent row: the category's defaults). */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  category!: NotificationCategory;

  @Column({ type: 'boolean', default: true })
  inApp!: boolean;

  @Column({ type: 'boolean', default: true })
  email!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
