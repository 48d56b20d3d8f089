import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CatalogSearchFeed, type CatalogSearchDocument, type OfferingVersion } from '@innoserve/catalog';
import { ProgramCoverageService } from '@innoserve/vouchers';

/**
 * Builds the search documents the indexer, reconcile and reindex write: the catalog's documents
 * with `programIds` filled in, the open voucher programs in which each offering is
 * voucher-eligible (ProgramCoverage: the deepest subsidy rule on the category path decides).
 * The open programs' rules are loaded once per batch, never per offering.
 */
@Injectable()
export class SearchDocumentBuilder {
  constructor(
    private readonly feed: CatalogSearchFeed,
    private readonly programs: ProgramCoverageService,
  ) {}

  /** Documents of the searchable offerings among `offeringIds` (the others are absent from the map). */
  async searchDocumentsFor(offeringIds: readonly string[], manager?: EntityManager): Promise<Map<string, CatalogSearchDocument>> {
    // offerings first, programs second: a program change bumps the offerings after it commits, so
    // a document whose offering version was read after that bump also sees the program change
    const docs = await this.feed.searchDocumentsFor(offeringIds, manager);
    if (docs.size === 0) return docs;
    const coverage = await this.programs.openCoverage(manager);
    for (const doc of docs.values()) doc.programIds = coverage.programsFor(doc.categoryPath.length ? [...doc.categoryPath].reverse() : [doc.categoryId]);
    return docs;
  }

  /** See CatalogSearchFeed.offeringVersions. */
  async offeringVersions(opts: { afterId?: string | null; limit: number; updatedSince?: Date; allStatuses?: boolean }, manager?: EntityManager): Promise<OfferingVersion[]> {
    return this.feed.offeringVersions(opts, manager);
  }
}
