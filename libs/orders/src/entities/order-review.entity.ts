import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The enterprise's review of a completed order (one per order). */
@Entity('order_review')
@Index('ix_order_review_provider', ['providerId', 'createdAt'])
@Check('ck_order_review_rating', 'rating BETWEEN 1 AND 5')
export class OrderReview {
  @PrimaryColumn('uuid')
  orderId!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @Column({ type: 'uuid' })
  offeringId!: string;

  @Column({ type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'smallint' })
  rating!: number;

  @Column({ type: 'text' })
  comment!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
