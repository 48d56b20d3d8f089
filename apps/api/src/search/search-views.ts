import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEARCH_FACETS, type SearchHit, type SearchResult } from '@innoserve/search';

export class SearchProviderRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) providerTypes!: string[];
}

export class SearchHighlight {
  @ApiProperty({ description: 'HTML-escaped title, matches wrapped in <em>' }) title!: string;
  @ApiProperty({ description: 'HTML-escaped description snippet, matches wrapped in <em>' }) description!: string;
}

export class OfferingSearchItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: SearchProviderRef }) provider!: SearchProviderRef;
  @ApiProperty({ format: 'uuid', description: 'The category id' }) category!: string;
  @ApiProperty({ type: 'integer', description: 'Lowest price, fen' }) priceFen!: number;
  @ApiProperty({ type: 'integer', description: 'Highest price, fen (equals priceFen unless quoted with a range)' }) priceMaxFen!: number;
  @ApiProperty() leadTimeDays!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) rating!: number | null;
  @ApiProperty({ type: [String] }) regionCodes!: string[];
  @ApiProperty({ type: [String] }) qualificationKinds!: string[];
  @ApiProperty({ type: [String] }) programIds!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: SearchHighlight }) highlight!: SearchHighlight;
}

const facetCounts = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class SearchFacetsView {
  @ApiProperty(facetCounts) category!: Record<string, number>;
  @ApiProperty(facetCounts) providerType!: Record<string, number>;
  @ApiProperty(facetCounts) region!: Record<string, number>;
  @ApiProperty(facetCounts) qualification!: Record<string, number>;
  @ApiProperty(facetCounts) program!: Record<string, number>;
}

export class OfferingSearchPage {
  @ApiProperty({ type: [OfferingSearchItem] }) items!: OfferingSearchItem[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'True when total and facet counts are estimates' }) estimated!: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: SearchFacetsView }) facets!: SearchFacetsView;
  @ApiProperty({ enum: ['postgres', 'meilisearch'] }) engine!: string;
  @ApiProperty({ description: 'Time spent in the search engine, ms' }) tookMs!: number;
}

export class ProviderSearchItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty({ type: [String] }) providerTypes!: string[];
  @ApiProperty({ type: [String], description: 'Admitted category ids' }) categoryIds!: string[];
}

export class ProviderSearchPage {
  @ApiProperty({ type: [ProviderSearchItem] }) items!: ProviderSearchItem[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export function offeringSearchItem(hit: SearchHit): OfferingSearchItem {
  return {
    id: hit.id,
    title: hit.title,
    provider: { id: hit.providerId, name: hit.providerName, providerTypes: hit.providerTypes },
    category: hit.categoryId,
    priceFen: hit.priceFen,
    priceMaxFen: hit.priceMaxFen,
    leadTimeDays: hit.leadTimeDays,
    rating: hit.rating,
    regionCodes: hit.regionCodes,
    qualificationKinds: hit.qualificationKinds,
    programIds: hit.programIds,
    tags: hit.tags,
    publishedAt: hit.publishedAt,
    highlight: { title: hit.highlight.title, description: hit.highlight.description },
  };
}

export function offeringSearchPage(result: SearchResult, tookMs: number): OfferingSearchPage {
  const facets = {} as SearchFacetsView;
  for (const f of SEARCH_FACETS) facets[f] = result.facets[f] ?? {};
  return {
    items: result.items.map(offeringSearchItem),
    total: result.total,
    estimated: result.estimated,
    page: result.page,
    pageSize: result.pageSize,
    facets,
    engine: result.engine,
    tookMs,
  };
}
