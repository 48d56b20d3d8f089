import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SIZE_CLASSES } from '@innoserve/organizations';
import { REQUIRED_FLAGS, type RequiredFlag } from '../program-types.js';

/** Who may apply. Empty lists mean no restriction. */
export class EligibilityDto {
  @ApiProperty({ enum: SIZE_CLASSES, isArray: true })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(SIZE_CLASSES, { each: true })
  sizeClasses!: string[];

  @ApiProperty({ type: [String], example: ['350582', '350583'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(6, { each: true })
  @Matches(/^\d{6}$/, { each: true })
  regionCodes!: string[];

  @ApiPropertyOptional({ enum: REQUIRED_FLAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn(REQUIRED_FLAGS, { each: true })
  requiredFlags?: RequiredFlag[];

  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 12 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  minMonthsRegistered?: number | null;
}
