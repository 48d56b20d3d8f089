import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery, QUEUE_SORTS, type QueueSort } from '@innoserve/core';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application.entity.js';

/** GET /admin/applications: the review queue within the caller's jurisdiction. */
export class ApplicationQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: '350582', description: 'A city code covers its counties' })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  @Matches(/^\d{6}$/)
  region?: string;

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'oldest', description: 'oldest: the longest-waiting application first (createdAt); newest: the latest first. Ties by id.' })
  @IsOptional()
  @IsIn(QUEUE_SORTS)
  sort?: QueueSort;
}
