import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DecisionVersionField } from '@innoserve/core';

export const APPLICATION_DECISIONS = ['approve', 'reject'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

/** POST /admin/applications/:id/decision (reviewed programs). */
export class ApplicationDecisionDto {
  @ApiProperty({ enum: APPLICATION_DECISIONS })
  @IsIn(APPLICATION_DECISIONS)
  decision!: ApplicationDecision;

  @ApiPropertyOptional({ type: 'integer', description: 'Approve: at most min(requested, maxGrantFen, group cap left); default that bound' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @DecisionVersionField()
  version?: number;
}
