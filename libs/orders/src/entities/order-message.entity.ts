import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One message of an order's thread between the parties (with files). */
@Entity('order_message')
@Index('ix_order_message_order', ['orderId', 'createdAt'])
export class OrderMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'varchar', length: 20 })
  side!: 'enterprise' | 'provider';

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  fileIds!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
