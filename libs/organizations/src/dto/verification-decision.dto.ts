import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DecisionVersionField } from '@innoserve/core';
import { TextField } from './fields.js';

export const VERIFICATION_DECISIONS = ['approve', 'reject', 'suspend', 'reinstate'] as const;
export type VerificationDecision = (typeof VERIFICATION_DECISIONS)[number];

/** POST /admin/enterprises/:id/verification; a reason is required for reject and suspend (400). */
export class VerificationDecisionDto {
  @ApiProperty({ enum: VERIFICATION_DECISIONS })
  @IsIn(VERIFICATION_DECISIONS)
  decision!: VerificationDecision;

  @TextField(1000, { presence: 'optional', description: 'Required for reject and suspend' })
  reason?: string;

  @DecisionVersionField()
  version?: number;
}
