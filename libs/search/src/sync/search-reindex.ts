import type { SearchEngine } from '../search-engine.js';
import type { SearchDocumentBuilder } from './search-document-builder.service.js';

export interface ReindexProgress {
  phase: 'build' | 'catch-up';
  done: number;
  total: number;
  elapsedMs: number;
}

export interface ReindexOptions {
  batchSize?: number;
  onProgress?: (p: ReindexProgress) => void;
  /** Called after the main pass, before the catch-up pass (tests change offerings here). */
  beforeCatchUp?: () => Promise<void>;
  now?: () => Date;
}

export interface ReindexOutcome {
  indexed: number;
  caughtUp: number;
  elapsedMs: number;
}

/** Where documents come from: the SearchDocumentBuilder (catalog documents with their voucher programs). */
type Feed = Pick<SearchDocumentBuilder, 'offeringVersions' | 'searchDocumentsFor'>;

/**
 * Full reindex: builds a new index version beside the live one from every published offering
 * (searchable ones only), then re-reads the offerings changed since the build started (catch-up)
 * and swaps the new version in atomically. Live writes during the build are mirrored into the
 * new version by the engine; catch-up covers changes the build's pages read before they happened.
 * Search answers from the old version until the swap.
 */
export async function reindexAll(engine: SearchEngine, feed: Feed, opts: ReindexOptions = {}): Promise<ReindexOutcome> {
  const batch = Math.max(1, Math.min(opts.batchSize ?? 500, 10_000));
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const since = new Date(now().getTime() - 1000); // a second of slack for clock skew between app and database
  const total = await countPublished(feed);
  const build = await engine.beginRebuild();
  try {
    let done = 0;
    let indexed = 0;
    let afterId: string | null = null;
    for (;;) {
      const page = await feed.offeringVersions({ afterId, limit: batch });
      if (!page.length) break;
      afterId = page[page.length - 1].id;
      const docs = await feed.searchDocumentsFor(page.map((v) => v.id));
      if (docs.size) await build.upsert([...docs.values()]);
      indexed += docs.size;
      done += page.length;
      opts.onProgress?.({ phase: 'build', done, total: Math.max(total, done), elapsedMs: Date.now() - started });
      if (page.length < batch) break;
    }
    await opts.beforeCatchUp?.();
    let caughtUp = 0;
    afterId = null;
    for (;;) {
      const page = await feed.offeringVersions({ afterId, limit: batch, updatedSince: since, allStatuses: true });
      if (!page.length) break;
      afterId = page[page.length - 1].id;
      const ids = page.map((v) => v.id);
      const docs = await feed.searchDocumentsFor(ids);
      if (docs.size) await build.upsert([...docs.values()]);
      const gone = ids.filter((id) => !docs.has(id));
      if (gone.length) await build.delete(gone);
      caughtUp += page.length;
      opts.onProgress?.({ phase: 'catch-up', done: caughtUp, total: caughtUp, elapsedMs: Date.now() - started });
      if (page.length < batch) break;
    }
    await build.commit();
    return { indexed, caughtUp, elapsedMs: Date.now() - started };
  } catch (e) {
    await build.abort().catch(() => undefined);
    throw e;
  }
}

async function countPublished(feed: Feed): Promise<number> {
  let n = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = await feed.offeringVersions({ afterId, limit: 10_000 });
    n += page.length;
    if (page.length < 10_000) return n;
    afterId = page[page.length - 1].id;
  }
}

/** "12000/50000  24% 850/s ETA 0:44" */
export function formatProgress(p: ReindexProgress): string {
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100;
  const left = rate > 0 ? Math.round(Math.max(0, p.total - p.done) / rate) : 0;
  const eta = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return p.phase === 'build' ? `${p.done}/${p.total} ${String(pct).padStart(3)}% ${Math.round(rate)}/s ETA ${eta}` : `catch-up: ${p.done} changed during the build`;
}
