import { Injectable, Logger } from '@nestjs/common';
import { isUuid } from '@innoserve/core';
import { OUTBOX_HANDLER, OutboxService, TransactionRunner, type OutboxDelivery, type OutboxHandlerProvider } from '@innoserve/database';
import { CatalogSearchFeed, OFFERING_CHANGED_TOPIC } from '@innoserve/catalog';
import { PROGRAM_CHANGED_TOPIC, ProgramCoverageService } from '@innoserve/vouchers';
import { SearchEngine } from '../search-engine.js';
import { SearchDocumentBuilder } from './search-document-builder.service.js';

/**
 * `search.program-changed`, written by vouchers when a program opens or closes: payload
 * {programId}. The handler re-indexes the program's categories a batch at a time, each step
 * writing the next one as a row of this topic with {programId, afterId}.
 */
export { PROGRAM_CHANGED_TOPIC };

/** Written by the program-changed steps: payload {offeringIds} (at most PROGRAM_REINDEX_BATCH) to re-read and index. */
export const OFFERINGS_CHANGED_TOPIC = 'search.offerings-changed';

/** Documents per engine write (one Meilisearch task, one PostgresEngine statement batch). */
export const ENGINE_BATCH = 500;

/** Offerings moved per program-changed step (one transaction each). */
export const PROGRAM_REINDEX_BATCH = 500;

export interface ProgramReindexStep {
  /** Offerings moved to their next version and announced in this step. */
  announced: number;
  /** Where the next step starts (it was written to the outbox), or null when this was the last. */
  nextAfterId: string | null;
}

/**
 * Worker handler that keeps the engine in step with the catalog. Every `catalog.offering-changed`
 * re-reads the offering's current state (never trusts the payload): searchable → upsert, anything
 * else → delete. Both are idempotent and the engine keeps the highest version, so replays,
 * reordering and crashes mid-batch cannot leave a stale document behind.
 *
 * A program opening or closing changes the `programIds` of every offering under its rules: the
 * `search.program-changed` handler moves those offerings to their next version in bounded
 * batches (one transaction each, announced as `search.offerings-changed` rows), so the re-read
 * documents replace the old ones and reconcile sees the versions move.
 */
@Injectable()
export class SearchIndexer {
  private readonly logger = new Logger('SearchIndexer');

  readonly [OUTBOX_HANDLER]: OutboxHandlerProvider['handlers'] = {
    [OFFERING_CHANGED_TOPIC]: { batch: (messages) => this.indexMessages(messages, (p) => [String(p.offeringId)]) },
    [OFFERINGS_CHANGED_TOPIC]: {
      batch: (messages) => this.indexMessages(messages, (p) => (Array.isArray(p.offeringIds) ? p.offeringIds.map(String) : [])),
    },
    [PROGRAM_CHANGED_TOPIC]: async (payload) => {
      const step = await this.reindexProgramStep(String(payload.programId), typeof payload.afterId === 'string' ? payload.afterId : null);
      if (step.announced) this.logger.debug(`program ${String(payload.programId)}: ${step.announced} offerings to re-index${step.nextAfterId ? ', more to come' : ''}`);
    },
  };

  constructor(
    private readonly engine: SearchEngine,
    private readonly documents: SearchDocumentBuilder,
    private readonly feed: CatalogSearchFeed,
    private readonly programs: ProgramCoverageService,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * A claimed batch of offering changes: their offerings re-read and written ENGINE_BATCH at a
   * time, so one engine call carries up to 500 documents. A failed chunk fails only the messages
   * whose offerings it carried.
   */
  private async indexMessages(messages: readonly OutboxDelivery[], idsOf: (payload: Record<string, unknown>) => string[]): Promise<{ failed: Map<string, unknown> }> {
    const failed = new Map<string, unknown>();
    const owners = new Map<string, string[]>();
    for (const m of messages) for (const id of idsOf(m.payload)) owners.set(id, [...(owners.get(id) ?? []), m.id]);
    const ids = [...owners.keys()];
    for (let i = 0; i < ids.length; i += ENGINE_BATCH) {
      const chunk = ids.slice(i, i + ENGINE_BATCH);
      try {
        await this.index(chunk);
      } catch (e) {
        for (const id of chunk) for (const messageId of owners.get(id) ?? []) failed.set(messageId, e);
      }
    }
    return { failed };
  }

  /** Re-reads the offerings and upserts the searchable ones, deletes the rest; returns the counts. */
  async index(offeringIds: readonly string[]): Promise<{ upserted: number; deleted: number }> {
    const ids = [...new Set(offeringIds)].filter(isUuid);
    if (ids.length === 0) return { upserted: 0, deleted: 0 };
    const docs = await this.documents.searchDocumentsFor(ids);
    const gone = ids.filter((id) => !docs.has(id));
    if (docs.size) await this.engine.upsert([...docs.values()]);
    if (gone.length) await this.engine.delete(gone);
    return { upserted: docs.size, deleted: gone.length };
  }

  /**
   * One step of re-indexing after a program opened or closed: in one transaction, moves the next
   * batch of published offerings in the program's categories (its rules' categories and their
   * sub-categories) to their next version, writes a `search.offerings-changed` row for them and,
   * when the batch was full, a `search.program-changed` row for the next step.
   */
  async reindexProgramStep(programId: string, afterId: string | null = null, batchSize = PROGRAM_REINDEX_BATCH): Promise<ProgramReindexStep> {
    if (!isUuid(programId)) return { announced: 0, nextAfterId: null };
    const limit = Math.max(1, Math.min(Math.trunc(batchSize), 10_000));
    const categoryIds = await this.programs.coveredCategoryIds(programId);
    if (categoryIds.length === 0) return { announced: 0, nextAfterId: null };
    return this.tx.run(async (m) => {
      const moved = await this.feed.bumpPublishedInCategories(m, { categoryIds, afterId, limit });
      if (moved.length) await this.outbox.enqueue(m, OFFERINGS_CHANGED_TOPIC, { offeringIds: moved.map((v) => v.id) }, { lane: 'bulk' });
      const nextAfterId = moved.length >= limit ? moved[moved.length - 1].id : null;
      if (nextAfterId) await this.outbox.enqueue(m, PROGRAM_CHANGED_TOPIC, { programId, afterId: nextAfterId }, { lane: 'bulk' });
      return { announced: moved.length, nextAfterId };
    });
  }
}
