import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** A per-category subsidy rule; it applies to the category's sub-categories too. */
export class SubsidyRuleDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  categoryId!: string;

  @ApiProperty({ example: 5000, description: 'Basis points of the price' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  ratioBp!: number;

  @ApiProperty({ type: 'integer', example: 2_000_000 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  perOrderCapFen!: number;
}
