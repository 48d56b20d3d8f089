import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DecisionVersionField } from '@innoserve/core';
import { TextField } from './fields.js';

export const MODERATION_DECISIONS = ['publish', 'reject', 'suspend'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

/**
 * POST /admin/offerings/:id/moderation. publish: pending_review or suspended → published, or a
 * pending revision is applied. reject (reason): pending_review → draft, or the pending revision is
 * rejected. suspend (reason): published → suspended.
 */
export class ModerationDto {
  @ApiProperty({ enum: MODERATION_DECISIONS })
  @IsIn(MODERATION_DECISIONS)
  decision!: ModerationDecision;

  @TextField(1000, 'optional')
  reason?: string;

  @DecisionVersionField()
  version?: number;
}
