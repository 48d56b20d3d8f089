import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@innoserve/core';
import { OFFERING_STATUSES, type OfferingStatus } from '../domain/offering-state-machine.js';

/** GET /admin/offerings: the moderation queue in the caller's jurisdiction, oldest submission first. */
export class AdminOfferingQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OFFERING_STATUSES })
  @IsOptional()
  @IsIn(OFFERING_STATUSES)
  status?: OfferingStatus;

  @ApiPropertyOptional({ type: Boolean, description: 'Only offerings with a pending revision awaiting moderation' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  revisionPending?: boolean;
}
