import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { PRICING_KINDS, type PricingKind } from '../domain/pricing.js';
import { UNIT_NAME_MAX } from '../entities/offering-fields.js';
import { IfPresent, TextField } from './fields.js';

/** fixed: priceFen; per_unit: priceFen + unitName; quote: minFen ≤ maxFen (indicative range). Amounts in fen. */
export class PricingDto {
  @ApiProperty({ enum: PRICING_KINDS })
  @IsIn(PRICING_KINDS)
  kind!: PricingKind;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'fixed and per_unit' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  priceFen?: number;

  @TextField(UNIT_NAME_MAX, 'optional', '样品')
  unitName?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'quote: bottom of the indicative range' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minFen?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'quote: top of the indicative range' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxFen?: number;
}
