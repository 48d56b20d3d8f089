import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@innoserve/core';
import { Public } from '@innoserve/identity';
import { SearchEngine, SEARCH_LIMITS, type SearchQuery } from '@innoserve/search';
import { SearchOfferingsQuery } from './search-offerings-query.dto.js';
import { SearchProvidersQuery } from './search-providers-query.dto.js';
import { ProviderSearchService } from './provider-search.service.js';
import { OfferingSearchPage, offeringSearchPage, ProviderSearchPage } from './search-views.js';

/**
 * Public search. The engine only holds publicly visible offerings (published, provider admitted,
 * qualifications held), so answers carry public data only.
 */
@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(
    private readonly engine: SearchEngine,
    private readonly providers: ProviderSearchService,
  ) {}

  @Get('offerings')
  @Public()
  @ApiOperation({ summary: 'Full-text offering search with filters, facets and sorting' })
  @ApiOkResponse({ type: OfferingSearchPage })
  async offerings(@Query() dto: SearchOfferingsQuery): Promise<OfferingSearchPage> {
    if (dto.priceMinFen !== undefined && dto.priceMaxFen !== undefined && dto.priceMinFen > dto.priceMaxFen) {
      throw new ValidationFailedError([{ field: 'priceMinFen', message: 'priceMinFen must not exceed priceMaxFen' }]);
    }
    const query: SearchQuery = {
      q: dto.q,
      category: dto.category,
      providerType: dto.providerType,
      region: dto.region,
      qualification: dto.qualification,
      program: dto.program,
      priceMinFen: dto.priceMinFen,
      priceMaxFen: dto.priceMaxFen,
      leadTimeMaxDays: dto.leadTimeMaxDays,
      sort: dto.sort,
      page: dto.page ?? 1,
      pageSize: dto.pageSize ?? SEARCH_LIMITS.defaultPageSize,
    };
    const started = performance.now();
    const result = await this.engine.search(query);
    const tookMs = Math.round(performance.now() - started);
    return offeringSearchPage(result, tookMs);
  }

  @Get('providers')
  @Public()
  @ApiOperation({ summary: 'Admitted providers by name, provider type and region' })
  @ApiOkResponse({ type: ProviderSearchPage })
  providersList(@Query() dto: SearchProvidersQuery): Promise<ProviderSearchPage> {
    return this.providers.search({
      q: dto.q,
      providerType: dto.providerType,
      region: dto.region,
      page: dto.page ?? 1,
      pageSize: dto.pageSize ?? SEARCH_LIMITS.defaultPageSize,
    });
  }
}
