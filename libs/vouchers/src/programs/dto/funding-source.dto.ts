import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** One funding source of a program (city, or a county pool with its region). */
export class FundingSourceDto {
  @ApiProperty({ example: 'city', description: 'Letters, digits, _ . - (no colon)' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  key!: string;

  @ApiProperty({ example: '泉州市科技局' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: '350582', description: 'A county pool: applies only to enterprises of this region' })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  @Matches(/^\d{6}$/)
  regionCode?: string | null;

  @ApiProperty({ example: 5000, description: 'Basis points' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  shareBp!: number;
}
