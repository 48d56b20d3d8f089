import { ApiProperty } from '@nestjs/swagger';
import { PRICING_KINDS, type PricingKind } from '../domain/pricing.js';

export class PricingViewDto {
  @ApiProperty({ enum: PRICING_KINDS }) kind!: PricingKind;
  @ApiProperty({ type: 'integer', nullable: true }) priceFen!: number | null;
  @ApiProperty({ type: String, nullable: true }) unitName!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) minFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxFen!: number | null;
}
