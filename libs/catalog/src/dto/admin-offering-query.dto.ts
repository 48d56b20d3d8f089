import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery, QUEUE_SORTS, type QueueSort } from '@innoserve/core';
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

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'oldest', description: "oldest: the longest-queued first (queuedSince: the pending revision's submission, else the offering's; never submitted last); newest: the latest first. Ties by id." })
  @IsOptional()
  @IsIn(QUEUE_SORTS)
  sort?: QueueSort;
}
