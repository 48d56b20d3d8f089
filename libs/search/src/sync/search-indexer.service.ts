import { Injectable, Logger } from '@nestjs/common';
import { isUuid } from '@innoserve/core';
import { OUTBOX_HANDLER, type OutboxHandlerProvider } from '@innoserve/database';
import { CatalogSearchFeed, OFFERING_CHANGED_TOPIC } from '@innoserve/catalog';
import { SearchEngine } from '../search-engine.js';

/** Written by vouchers when a program's eligible offerings change: payload {programId}. */
export const PROGRAM_CHANGED_TOPIC = 'search.program-changed';

/**
 * Worker handler that keeps the engine in step with the catalog. Every `catalog.offering-changed`
 * re-reads the offering's current state (never trusts the payload): searchable → upsert, anything
 * else → delete. Both are idempotent and the engine keeps the highest version, so replays,
 * reordering and crashes mid-batch cannot leave a stale document behind.
 */
@Injectable()
export class SearchIndexer {
  private readonly logger = new Logger('SearchIndexer');

  readonly [OUTBOX_HANDLER]: OutboxHandlerProvider['handlers'] = {
    [OFFERING_CHANGED_TOPIC]: async (payload) => {
      await this.index([String(payload.offeringId)]);
    },
    [PROGRAM_CHANGED_TOPIC]: async (payload) => {
      // Voucher eligibility is not a facet yet (CatalogSearchFeed sends programIds: []); nothing to re-index.
      this.logger.debug(`program ${String(payload.programId)} changed; no program facet indexed yet`);
    },
  };

  constructor(
    private readonly engine: SearchEngine,
    private readonly feed: CatalogSearchFeed,
  ) {}

  /** Re-reads the offerings and upserts the searchable ones, deletes the rest; returns the counts. */
  async index(offeringIds: readonly string[]): Promise<{ upserted: number; deleted: number }> {
    const ids = [...new Set(offeringIds)].filter(isUuid);
    if (ids.length === 0) return { upserted: 0, deleted: 0 };
    const docs = await this.feed.searchDocumentsFor(ids);
    const gone = ids.filter((id) => !docs.has(id));
    if (docs.size) await this.engine.upsert([...docs.values()]);
    if (gone.length) await this.engine.delete(gone);
    return { upserted: docs.size, deleted: gone.length };
  }
}
