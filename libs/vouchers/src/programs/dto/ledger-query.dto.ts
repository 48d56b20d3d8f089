import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@innoserve/core';

/** GET /admin/programs/:id/ledger: entries, newest first, optionally of one account. */
export class LedgerQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'pool:city' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  account?: string;
}
