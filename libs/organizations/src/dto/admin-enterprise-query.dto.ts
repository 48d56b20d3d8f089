import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery, QUEUE_SORTS, type QueueSort } from '@innoserve/core';
import { ENTERPRISE_STATUSES, type EnterpriseStatus } from '../domain/enterprise-verification.state-machine.js';
import { OrganizationSearchField, RegionCodeField } from './fields.js';

/** GET /admin/enterprises: the verification queue, scoped to the caller's jurisdiction. */
export class AdminEnterpriseQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES })
  @IsOptional()
  @IsIn(ENTERPRISE_STATUSES)
  status?: EnterpriseStatus;

  @RegionCodeField({ presence: 'nullable', description: 'Only enterprises in this region (a city code covers its counties)' })
  region?: string;

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'oldest', description: 'oldest: the longest-waiting submission first (submittedAt); newest: the latest first. Ties by id.' })
  @IsOptional()
  @IsIn(QUEUE_SORTS)
  sort?: QueueSort;

  @OrganizationSearchField(
    "Only enterprises whose name contains this text (case-insensitive; % and _ match literally) or whose USCC starts with it. Trimmed, 1–100 characters. " +
      'The other filters still apply: without `status` every status is listed.',
  )
  q?: string;
}
