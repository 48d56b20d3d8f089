import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PROVIDER_TYPES, type ProviderType } from '@innoserve/organizations';
import { SEARCH_LIMITS } from '@innoserve/search';
import { emptyToUndefined, QueryInt } from './query-fields.js';

/** GET /search/providers: admitted providers by name, type and region. */
export class SearchProvidersQuery {
  @ApiPropertyOptional({ maxLength: SEARCH_LIMITS.maxQueryLength, description: 'Part of the provider name' })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_LIMITS.maxQueryLength)
  q?: string;

  @ApiPropertyOptional({ enum: PROVIDER_TYPES })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(PROVIDER_TYPES)
  providerType?: ProviderType;

  @ApiPropertyOptional({ pattern: '^\\d{6}$', description: 'A region code; a city code covers its counties' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'region must be six digits' })
  region?: string;

  @QueryInt({ min: 1, max: 1_000_000, default: 1 })
  page?: number;

  @QueryInt({ min: 1, max: SEARCH_LIMITS.maxPageSize, default: SEARCH_LIMITS.defaultPageSize })
  pageSize?: number;
}
