import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@innoserve/core';

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
}
