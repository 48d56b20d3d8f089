import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** What a program changes of the claim risk-rule thresholds (each omitted one keeps docs/product.md's default). */
export class RiskThresholdsDto {
  @ApiPropertyOptional({ example: 5, description: 'Provider concentration: considered from this many claims of the provider in the program (default 5)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  concentrationMinClaims?: number;

  @ApiPropertyOptional({ example: 5000, description: 'Provider concentration: flagged above this share (basis points) from one enterprise (default 5000)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  concentrationShareBp?: number;

  @ApiPropertyOptional({ example: 2500, description: 'Fast delivery: delivered in less than this share (bp) of the lead time (default 2500)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  fastDeliveryShareBp?: number;

  @ApiPropertyOptional({ example: 100, description: 'At the cap: price × ratio within this share (bp) of the per-order cap (default 100)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  atCapToleranceBp?: number;

  @ApiPropertyOptional({ example: 30, description: 'Split orders: the same pair within this many days (default 30)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  splitWindowDays?: number;

  @ApiPropertyOptional({ example: 20000, description: 'Price outlier: above this multiple (bp, 20000 = 2×) of the list price or category median (default 20000)' })
  @IsOptional()
  @IsInt()
  @Min(10_000)
  @Max(1_000_000)
  outlierMultipleBp?: number;

  @ApiPropertyOptional({ example: 5, description: 'Price outlier: the category median needs this many published offerings (default 5)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  outlierMinPeers?: number;

  @ApiPropertyOptional({ example: 90, description: 'Round trip: the roles reversed within this many days (default 90)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  roundTripDays?: number;
}
