import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsUUID } from 'class-validator';
import { DecisionVersionField } from '@innoserve/core';
import { IfPresent, TextField } from './fields.js';

export const ADMISSION_COMMANDS = [
  'review',
  'start-notice',
  'object',
  'resolve-objection',
  'admit',
  'reject',
  'suspend',
  'reinstate',
  'delist',
  'renew',
] as const;
export type AdmissionCommand = (typeof ADMISSION_COMMANDS)[number];

/**
 * POST /admin/providers/:id/admission. `object` (any staff, reason required, only in_notice)
 * records an objection; `resolve-objection` needs objectionId and upheld (upheld rejects the
 * provider). A reason is required for object, reject, suspend and delist.
 */
export class AdmissionActionDto {
  @ApiProperty({ enum: ADMISSION_COMMANDS })
  @IsIn(ADMISSION_COMMANDS)
  action!: AdmissionCommand;

  @TextField(1000, { presence: 'optional' })
  reason?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'resolve-objection: the objection' })
  @IfPresent()
  @IsUUID('all')
  objectionId?: string;

  @ApiPropertyOptional({ description: 'resolve-objection: true upholds it (the provider is rejected), false dismisses it' })
  @IfPresent()
  @IsBoolean()
  upheld?: boolean;

  @DecisionVersionField()
  version?: number;
}
