import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery, QUEUE_SORTS, type QueueSort } from '@innoserve/core';
import { ADMISSION_STATUSES, type AdmissionStatus } from '../domain/provider-admission.state-machine.js';
import { OrganizationSearchField, RegionCodeField } from './fields.js';

/** GET /admin/providers: the admission queue, scoped to the caller's jurisdiction. */
export class AdminProviderQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ADMISSION_STATUSES })
  @IsOptional()
  @IsIn(ADMISSION_STATUSES)
  status?: AdmissionStatus;

  @RegionCodeField({ presence: 'nullable', description: 'Only providers in this region (a city code covers its counties)' })
  region?: string;

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'oldest', description: 'oldest: the longest-waiting application first (submittedAt); newest: the latest first. Ties by id.' })
  @IsOptional()
  @IsIn(QUEUE_SORTS)
  sort?: QueueSort;

  @OrganizationSearchField(
    "Only providers whose name contains this text (case-insensitive; % and _ match literally) or whose USCC starts with it. Trimmed, 1–100 characters. " +
      'The other filters still apply: without `status` every status is listed.',
  )
  q?: string;
}
