import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@innoserve/core';

/** An instant: a date, a time and an offset (Z or ±hh:mm), so it never depends on the server's zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** GET /admin/audit filters (all optional), newest first. */
export class ListAuditEntriesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Stream (aggregate) type, e.g. organization, order, claim', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional({ description: 'Stream (aggregate) id', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Acting user id', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this instant (ISO 8601 date-time with its offset, inclusive)', format: 'date-time', example: '2026-03-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME, { message: 'from must be a date-time with its offset, e.g. 2026-03-01T00:00:00+08:00' })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this instant (ISO 8601 date-time with its offset, exclusive); 422 INVALID_TIME_RANGE when before `from`', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME, { message: 'to must be a date-time with its offset, e.g. 2026-04-01T00:00:00+08:00' })
  to?: string;
}


/** GET /admin/organizations/:id/history: paging only. */
export class AuditHistoryQuery extends PageQuery {}
