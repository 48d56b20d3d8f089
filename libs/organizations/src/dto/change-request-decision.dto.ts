import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DecisionVersionField } from '@innoserve/core';
import { TextField } from './fields.js';

export const CHANGE_REQUEST_DECISIONS = ['approve', 'reject'] as const;
export type ChangeRequestDecision = (typeof CHANGE_REQUEST_DECISIONS)[number];

/** POST /admin/providers/:id/change-requests/:requestId/decision; a reason is required to reject. */
export class ChangeRequestDecisionDto {
  @ApiProperty({ enum: CHANGE_REQUEST_DECISIONS })
  @IsIn(CHANGE_REQUEST_DECISIONS)
  decision!: ChangeRequestDecision;

  @TextField(1000, { presence: 'optional', description: 'Required to reject' })
  reason?: string;

  @DecisionVersionField()
  version?: number;
}
