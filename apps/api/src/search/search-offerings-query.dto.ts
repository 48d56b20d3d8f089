import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PROVIDER_TYPES, QUALIFICATION_KINDS, type ProviderType, type QualificationKind } from '@innoserve/organizations';
import { SEARCH_LIMITS, SEARCH_SORTS, type SearchSort } from '@innoserve/search';
import { ValidatedBy } from '../http/validation.js';
import { emptyToUndefined, QueryInt } from './query-fields.js';
import { validateSearchOfferingsQuery } from './search-offerings-query.validator.js';

/**
 * GET /search/offerings. Every parameter is optional; unknown parameters are 400. The global pipe
 * validates it with validateSearchOfferingsQuery, which answers as these decorators do (change both).
 */
@ValidatedBy(validateSearchOfferingsQuery)
export class SearchOfferingsQuery {
  @ApiPropertyOptional({ maxLength: SEARCH_LIMITS.maxQueryLength, description: 'Free text, Chinese and/or English', example: '纺织 检测' })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_LIMITS.maxQueryLength)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A category id; covers its sub-categories' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID()
  category?: string;

  @ApiPropertyOptional({ enum: PROVIDER_TYPES })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(PROVIDER_TYPES)
  providerType?: ProviderType;

  @ApiPropertyOptional({ pattern: '^\\d{6}$', description: 'A region code; a city code covers its counties', example: '350582' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'region must be six digits' })
  region?: string;

  @ApiPropertyOptional({ enum: QUALIFICATION_KINDS })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(QUALIFICATION_KINDS)
  qualification?: QualificationKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'A voucher program id: offerings voucher-eligible in it' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID()
  program?: string;

  @QueryInt({ description: 'Lowest price of interest, fen' })
  priceMinFen?: number;

  @QueryInt({ description: 'Highest price of interest, fen' })
  priceMaxFen?: number;

  @QueryInt({ max: 100_000, description: 'Longest acceptable lead time, days' })
  leadTimeMaxDays?: number;

  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;

  @QueryInt({ min: 1, max: 1_000_000, default: 1 })
  page?: number;

  @QueryInt({ min: 1, max: SEARCH_LIMITS.maxPageSize, default: SEARCH_LIMITS.defaultPageSize })
  pageSize?: number;
}
