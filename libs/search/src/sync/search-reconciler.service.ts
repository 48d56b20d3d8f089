import { Injectable, Logger } from '@nestjs/common';
import { SCHEDULED_JOB, type ScheduledJob } from '@innoserve/database';
import { SearchEngine } from '../search-engine.js';
import { SearchDocumentBuilder } from './search-document-builder.service.js';

export interface ReconcileOutcome {
  /** Searchable offerings compared. */
  checked: number;
  /** Missing from the engine or with a different version: re-read and upserted. */
  upserted: number;
  /** In the engine but not searchable (or unknown to the catalog): deleted. */
  deleted: number;
}

const PAGE = 1000;
const WRITE_BATCH = 200;

/**
 * Repairs drift between the catalog and the engine (a lost outbox row, a hand edit, an engine
 * restored from an old snapshot). Runs in the worker every 10 minutes; idempotent.
 */
@Injectable()
export class SearchReconciler {
  private readonly logger = new Logger('SearchReconcile');

  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'search.reconcile',
    intervalMs: 10 * 60_000,
    run: async () => {
      const r = await this.reconcile();
      if (r.upserted || r.deleted) this.logger.warn(`search drift repaired: ${r.upserted} upserted, ${r.deleted} deleted (${r.checked} checked)`);
    },
  };

  constructor(
    private readonly engine: SearchEngine,
    private readonly feed: SearchDocumentBuilder,
  ) {}

  async reconcile(): Promise<ReconcileOutcome> {
    const indexed = new Map((await this.engine.listVersions()).map((v) => [v.id, v.version]));
    let checked = 0;
    let upserted = 0;
    const candidates: string[] = [];
    const flush = async (): Promise<void> => {
      if (!candidates.length) return;
      const ids = candidates.splice(0);
      const docs = await this.feed.searchDocumentsFor(ids);
      // the engine ignores a lower version: one ahead of the catalog (an index restored from elsewhere) is dropped first
      const ahead = [...docs.values()].filter((d) => (indexed.get(d.id) ?? -1) > d.version).map((d) => d.id);
      if (ahead.length) await this.engine.delete(ahead);
      if (docs.size) await this.engine.upsert([...docs.values()]);
      upserted += docs.size;
      // published but not searchable (provider suspended, qualification lapsed) stays in `indexed`: deleted below
      for (const id of ids) if (docs.has(id)) indexed.delete(id);
    };
    const searchable = new Set<string>();
    let afterId: string | null = null;
    for (;;) {
      const page = await this.feed.offeringVersions({ afterId, limit: PAGE });
      if (!page.length) break;
      afterId = page[page.length - 1].id;
      for (const v of page) {
        checked++;
        searchable.add(v.id);
        const have = indexed.get(v.id);
        if (have === v.version) {
          indexed.delete(v.id);
          continue;
        }
        candidates.push(v.id);
        if (candidates.length >= WRITE_BATCH) await flush();
      }
      if (page.length < PAGE) break;
    }
    await flush();
    // left in `indexed`: indexed but not among the published offerings, or published but not searchable
    const rest = [...indexed.keys()];
    let deleted = 0;
    for (let i = 0; i < rest.length; i += WRITE_BATCH) {
      const ids = rest.slice(i, i + WRITE_BATCH);
      // an offering published after the page was read may have become searchable meanwhile
      const fresh = await this.feed.searchDocumentsFor(ids.filter((id) => !searchable.has(id)));
      if (fresh.size) {
        await this.engine.upsert([...fresh.values()]);
        upserted += fresh.size;
      }
      const gone = ids.filter((id) => !fresh.has(id));
      if (gone.length) await this.engine.delete(gone);
      deleted += gone.length;
    }
    return { checked, upserted, deleted };
  }
}
