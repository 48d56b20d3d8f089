import { ApiProperty } from '@nestjs/swagger';
import { REGION_LEVELS, type RegionLevel } from '../data/regions.js';

/** A region as the API shows it. */
export class RegionView {
  @ApiProperty({ example: '350582', description: 'GB/T 2260 code, or an internal code for a functional zone' })
  code!: string;

  @ApiProperty({ example: '晋江市' })
  nameZh!: string;

  @ApiProperty({ example: 'Jinjiang City' })
  nameEn!: string;

  @ApiProperty({ enum: REGION_LEVELS, example: 'county' })
  level!: RegionLevel;

  @ApiProperty({ type: String, nullable: true, example: '350500' })
  parentCode!: string | null;

  @ApiProperty({ description: 'A functional zone (not GB/T 2260) acting as a county' })
  isFunctionalZone!: boolean;
}
