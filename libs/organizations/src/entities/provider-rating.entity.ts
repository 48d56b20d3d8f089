import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';

/**
 * A provider's review rating: the sum and count of the enterprises' 1–5 reviews of completed
 * orders (libs/orders). A row of its own, so a review never moves the provider profile's version
 * that admission decisions are checked against.
 */
@Entity('provider_rating')
@Check('ck_provider_rating_counts', 'rating_count >= 0 AND rating_sum >= rating_count AND rating_sum <= 5 * rating_count')
export class ProviderRating {
  @PrimaryColumn('uuid')
  providerId!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  ratingSum!: bigint;

  @Column({ type: 'int', default: 0 })
  ratingCount!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
