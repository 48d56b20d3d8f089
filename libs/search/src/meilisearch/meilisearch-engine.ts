/**
 * MeilisearchEngine: the production search engine (MEILI_HOST set), through the official client.
 *
 * - ensureSetup creates the index (primary key id) and applies MEILI_SETTINGS, sending only the
 *   settings that differ from the live ones and waiting for the task;
 * - a write call is one task per index (per `batchSize` documents), all enqueued before any is
 *   awaited; a failed task throws (the outbox retries); an upsert skips documents the index
 *   already holds at an equal or higher version;
 * - a rebuild fills `<uid>_next` (same settings) and swaps it in with swapIndexes, one atomic
 *   task; live writes are mirrored into it while it exists;
 * - highlighting is the shared highlighter (HTML-escaped, <em>), fed with the query's words and
 *   the words Meilisearch itself matched (typos, prefixes), which it reports in _formatted
 *   between control-character tags.
 */
import { Meilisearch, MeilisearchApiError, type Config, type EnqueuedTask, type Index, type SearchParams, type Task } from 'meilisearch';
import { assertIndexable, latestVersions, type SearchDocument, type SearchDocumentVersion } from '../search-document.js';
import { normalizeSearchQuery, SEARCH_FACETS, type SearchQuery, type SearchSort } from '../search-query.js';
import { emptyFacets, type SearchResult } from '../search-result.js';
import { SearchEngine, type SearchIndexBuild } from '../search-engine.js';
import { SearchUnavailableError } from '../search-errors.js';
import { withHighlight, type StoredHit } from '../search-hit.js';
import { analyzeQuery, highlightTermsOf } from '../text/query-analysis.js';
import { splitLettersFromDigits } from '../text/tokenizer.js';
import { meiliFilter, meiliFilterOf } from './meili-filter.js';
import { nodeHttpClient } from './meili-http-client.js';
import { MEILI_FACET_ATTRIBUTES, MEILI_SETTINGS, meiliDocumentOf, meiliSettingsToApply, type MeiliDocument } from './meili-settings.js';

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** Index uid (default 'offerings'); a rebuild uses `<uid>_next` beside it. */
  indexUid?: string;
  /** Documents per addDocuments task (default 1000). */
  batchSize?: number;
  /** How long to wait for a task (default 30 s; settings and swaps get 4×). */
  taskTimeoutMs?: number;
  /** Per HTTP request (default 5 s). */
  requestTimeoutMs?: number;
  /** Replaces the engine's node:http client (see the meilisearch client's Config.httpClient). */
  httpClient?: Config['httpClient'];
}

const PRE = '\u0002';
const POST = '\u0003';
const MARKED = /\u0002([^\u0002\u0003]*)\u0003/g;
const MIRROR_CHECK_MS = 2000;
/**
 * Task polling: the first poll after 5 ms, then doubling up to 50 ms. A batch of 500 offerings is
 * indexed in tens to a few hundred milliseconds, so a fixed 50 ms poll would add up to that much
 * to every write, and a fixed short one would poll a long settings task hundreds of times. One
 * GET /tasks?uids=… polls every task of a call at once.
 */
const TASK_POLL_FIRST_MS = 5;
const TASK_POLL_MAX_MS = 50;

const SORT: Record<SearchSort, string[] | undefined> = {
  relevance: undefined,
  price_asc: ['priceFen:asc'],
  price_desc: ['priceFen:desc'],
  rating: ['rating:desc'],
  newest: ['publishedAt:desc'],
};

const HIT_FIELDS: (keyof MeiliDocument)[] = [
  'id', 'title', 'description', 'providerId', 'providerName', 'providerTypes', 'categoryId', 'tags', 'regionCodes',
  'qualificationKinds', 'programIds', 'priceFen', 'priceMaxFen', 'leadTimeDays', 'rating', 'publishedAt',
];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A not-found answer — index_not_found, document_not_found (possibly wrapped, as a custom httpClient's errors are). */
function isNotFound(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c && depth < 3; c = (c as { cause?: unknown }).cause, depth++) {
    if (c instanceof MeilisearchApiError) return c.cause?.code === 'index_not_found' || c.response?.status === 404;
  }
  return false;
}

/** Words Meilisearch marked in _formatted values. */
export function markedWords(formatted: Record<string, unknown> | undefined): string[] {
  const out = new Set<string>();
  for (const v of Object.values(formatted ?? {})) {
    if (typeof v !== 'string') continue;
    for (const m of v.matchAll(MARKED)) if (m[1].trim()) out.add(m[1].trim());
  }
  return [...out];
}

export class MeilisearchEngine extends SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly client: Meilisearch;
  readonly indexUid: string;
  readonly nextUid: string;
  private readonly batchSize: number;
  private readonly taskTimeoutMs: number;
  private mirror: { exists: boolean; checkedAt: number } = { exists: false, checkedAt: -Infinity };

  constructor(opts: MeilisearchEngineOptions) {
    super();
    this.client = new Meilisearch({
      host: opts.host,
      apiKey: opts.apiKey,
      timeout: opts.requestTimeoutMs ?? 5000,
      // node:http instead of fetch: see meili-http-client.ts (≈ 40 ms a call through fetch)
      httpClient: opts.httpClient ?? nodeHttpClient(),
      defaultWaitOptions: { timeout: opts.taskTimeoutMs ?? 30_000, interval: TASK_POLL_MAX_MS },
    });
    this.indexUid = opts.indexUid ?? 'offerings';
    this.nextUid = `${this.indexUid}_next`;
    this.batchSize = opts.batchSize ?? 1000;
    this.taskTimeoutMs = opts.taskTimeoutMs ?? 30_000;
  }

  private index(uid = this.indexUid): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(uid);
  }

  /**
   * Waits for the tasks (one request per poll for all of them); a failed or canceled one throws
   * (the outbox retries the call). Returns them in the order given.
   * Not the client's waitForTask(s): its per-wait AbortSignal gathers a listener per poll.
   */
  private async settle(enqueued: readonly EnqueuedTask[], what: string, timeoutMs = this.taskTimeoutMs): Promise<Task[]> {
    if (!enqueued.length) return [];
    const uids = enqueued.map((t) => t.taskUid);
    const deadline = Date.now() + timeoutMs;
    for (let delay = TASK_POLL_FIRST_MS; ; delay = Math.min(delay * 2, TASK_POLL_MAX_MS)) {
      await new Promise((r) => setTimeout(r, delay));
      const { results } = await this.client.tasks.getTasks({ uids, limit: uids.length });
      if (results.length === uids.length && results.every((t) => t.status !== 'enqueued' && t.status !== 'processing')) {
        const failed = results.find((t) => t.status !== 'succeeded');
        if (failed) throw new Error(`Meilisearch ${what} task ${failed.uid} ${failed.status}: ${failed.error?.code ?? ''} ${failed.error?.message ?? ''}`.trim());
        const byUid = new Map(results.map((t) => [t.uid, t]));
        return uids.map((u) => byUid.get(u)!);
      }
      if (Date.now() > deadline) throw new Error(`Meilisearch ${what} tasks ${uids.join(', ')} not done after ${timeoutMs} ms`);
    }
  }

  async ensureSetup(): Promise<void> {
    await this.ensureIndex(this.indexUid);
  }

  private async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.getRawIndex(uid);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      const created = await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: this.taskTimeoutMs });
      // another process may have created it meanwhile
      if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') {
        throw new Error(`Meilisearch cannot create index ${uid}: ${created.error?.message ?? created.status}`);
      }
    }
    const apply = meiliSettingsToApply(await this.index(uid).getSettings());
    if (Object.keys(apply).length) {
      await this.settle([await this.index(uid).updateSettings(apply)], 'settings', this.taskTimeoutMs * 4);
    }
  }

  // ---------------------------------------------------------------- writes

  // One call is one Meilisearch task per index written (per `batchSize` documents): the outbox hands
  // the engine up to 500 documents at a time, and a task per document would queue behind each
  // other on the server. The tasks of a call (the live index, a rebuild's mirror, further batches)
  // are all enqueued first and awaited together, so the server batches them and the call waits
  // once, not once per task.

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    const tasks = await this.enqueueWrites(this.indexUid, docs);
    if (await this.building()) tasks.push(...(await this.enqueueWrites(this.nextUid, docs)));
    await this.settle(tasks, 'document addition');
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const tasks = await this.enqueueDeletes(this.indexUid, ids);
    if (await this.building()) tasks.push(...(await this.enqueueDeletes(this.nextUid, ids)));
    await this.settle(tasks, 'document deletion');
  }

  /** @internal used by the index build */
  async writeTo(uid: string, docs: readonly SearchDocument[]): Promise<void> {
    await this.settle(await this.enqueueWrites(uid, docs), 'document addition');
  }

  /** @internal used by the index build */
  async deleteFrom(uid: string, ids: readonly string[]): Promise<void> {
    await this.settle(await this.enqueueDeletes(uid, ids), 'document deletion');
  }

  /** Enqueues the additions (one task per batch) without waiting for them. */
  private async enqueueWrites(uid: string, docs: readonly SearchDocument[]): Promise<EnqueuedTask[]> {
    if (!docs.length) return [];
    docs.forEach(assertIndexable);
    const tasks: EnqueuedTask[] = [];
    for (const batch of chunks(latestVersions(docs), this.batchSize)) {
      // skip what the index already holds at this version or newer (an outbox retry, a stale build row)
      const existing = await this.index(uid).getDocuments<SearchDocumentVersion>({
        filter: meiliFilter.in('id', batch.map((d) => d.id)) ?? undefined,
        fields: ['id', 'version'],
        limit: batch.length,
      });
      const held = new Map(existing.results.map((d) => [d.id, d.version]));
      const fresh = batch.filter((d) => (held.get(d.id) ?? -1) < d.version).map(meiliDocumentOf);
      if (fresh.length) tasks.push(await this.index(uid).addDocuments(fresh, { primaryKey: 'id' }));
    }
    return tasks;
  }

  /** Enqueues the deletions (one task per batch) without waiting for them. */
  private async enqueueDeletes(uid: string, ids: readonly string[]): Promise<EnqueuedTask[]> {
    const tasks: EnqueuedTask[] = [];
    for (const batch of chunks([...new Set(ids)], this.batchSize)) tasks.push(await this.index(uid).deleteDocuments(batch));
    return tasks;
  }

  private async building(): Promise<boolean> {
    const now = Date.now();
    if (now - this.mirror.checkedAt < MIRROR_CHECK_MS) return this.mirror.exists;
    let exists = true;
    try {
      await this.client.getRawIndex(this.nextUid);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      exists = false;
    }
    this.mirror = { exists, checkedAt: now };
    return exists;
  }

  // ---------------------------------------------------------------- reads

  async count(): Promise<number> {
    return (await this.index().getStats()).numberOfDocuments;
  }

  async listVersions(): Promise<SearchDocumentVersion[]> {
    const out: SearchDocumentVersion[] = [];
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.index().getDocuments<SearchDocumentVersion>({ fields: ['id', 'version'], limit, offset });
      for (const d of page.results) out.push({ id: d.id, version: d.version });
      if (page.results.length < limit) return out;
    }
  }

  async versionsOf(ids: readonly string[]): Promise<SearchDocumentVersion[]> {
    const out: SearchDocumentVersion[] = [];
    for (const id of new Set(ids)) {
      try {
        const d = await this.index().getDocument(id, { fields: ['id', 'version'] });
        out.push({ id: String(d.id), version: Number(d.version) });
      } catch (e) {
        if (!isNotFound(e)) throw e; // document_not_found (or no index yet): not indexed
      }
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const nq = normalizeSearchQuery(query);
    const params: SearchParams = {
      filter: meiliFilterOf(nq),
      sort: SORT[nq.sort],
      facets: Object.values(MEILI_FACET_ATTRIBUTES),
      // pages beyond maxTotalHits (= SEARCH_LIMITS.maxReachableResults) come back empty, as in PostgresEngine
      page: nq.page,
      hitsPerPage: nq.pageSize,
      attributesToRetrieve: HIT_FIELDS,
      attributesToHighlight: ['title', 'titleTokens', 'description', 'bodyTokens'],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      // every word must match; only when nothing does are words dropped from the end (as PostgresEngine)
      matchingStrategy: 'all',
    };
    type Paged = SearchParams & { page: number; hitsPerPage: number };
    const groups = analyzeQuery(nq.q);
    let res;
    try {
      // words with digits as the token fields hold them (Zephyrne65 → Zephyrne 65; meili-settings.ts)
      const q = splitLettersFromDigits(nq.q);
      res = await this.index().search<MeiliDocument, Paged>(q, params as Paged);
      if (res.totalHits === 0 && groups.length > 1) res = await this.index().search<MeiliDocument, Paged>(q, { ...params, matchingStrategy: 'last' } as Paged);
    } catch (e) {
      throw new SearchUnavailableError(e);
    }
    const facets = emptyFacets();
    for (const facet of SEARCH_FACETS) {
      const dist = res.facetDistribution?.[MEILI_FACET_ATTRIBUTES[facet]] ?? {};
      facets[facet] = Object.fromEntries(Object.entries(dist).sort((x, y) => y[1] - x[1]));
    }
    const total = res.totalHits;
    const maxTotalHits = MEILI_SETTINGS.pagination?.maxTotalHits ?? Infinity;
    return {
      items: res.hits.map((h) => {
        const hit: StoredHit = {
          id: h.id,
          title: h.title,
          providerId: h.providerId,
          providerName: h.providerName,
          providerTypes: h.providerTypes,
          categoryId: h.categoryId,
          tags: h.tags,
          regionCodes: h.regionCodes,
          qualificationKinds: h.qualificationKinds,
          programIds: h.programIds,
          priceFen: h.priceFen,
          priceMaxFen: h.priceMaxFen,
          leadTimeDays: h.leadTimeDays,
          rating: h.rating,
          publishedAt: new Date(h.publishedAt).toISOString(),
        };
        return withHighlight(hit, h.description, highlightTermsOf(groups, markedWords(h._formatted)));
      }),
      total,
      estimated: total >= maxTotalHits,
      page: nq.page,
      pageSize: nq.pageSize,
      facets,
      engine: 'meilisearch',
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  // ---------------------------------------------------------------- rebuild

  async beginRebuild(): Promise<SearchIndexBuild> {
    await this.ensureIndex(this.indexUid); // swapIndexes needs both indexes
    const dropped = await this.client.deleteIndex(this.nextUid).waitTask({ timeout: this.taskTimeoutMs });
    if (dropped.status !== 'succeeded' && dropped.error?.code !== 'index_not_found') {
      throw new Error(`Meilisearch cannot drop ${this.nextUid}: ${dropped.error?.message ?? dropped.status}`);
    }
    await this.ensureIndex(this.nextUid);
    this.mirror = { exists: true, checkedAt: Date.now() };
    return new MeilisearchIndexBuild(this);
  }

  /** @internal used by the index build */
  async swapIn(): Promise<void> {
    // rename: false swaps the two indexes' contents (both exist; the old one is dropped next)
    await this.settle([await this.client.swapIndexes([{ indexes: [this.indexUid, this.nextUid], rename: false }])], 'index swap', this.taskTimeoutMs * 4);
    await this.dropNext();
  }

  /** @internal used by the index build */
  async dropNext(): Promise<void> {
    await this.client.deleteIndex(this.nextUid).waitTask({ timeout: this.taskTimeoutMs });
    this.mirror = { exists: false, checkedAt: Date.now() };
  }

  /** @internal used by the index build */
  async countOf(uid: string): Promise<number> {
    return (await this.index(uid).getStats()).numberOfDocuments;
  }
}

class MeilisearchIndexBuild implements SearchIndexBuild {
  private done = false;

  constructor(private readonly engine: MeilisearchEngine) {}

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    this.assertOpen();
    await this.engine.writeTo(this.engine.nextUid, docs);
  }

  async delete(ids: readonly string[]): Promise<void> {
    this.assertOpen();
    await this.engine.deleteFrom(this.engine.nextUid, ids);
  }

  count(): Promise<number> {
    return this.engine.countOf(this.engine.nextUid);
  }

  async commit(): Promise<void> {
    this.assertOpen();
    await this.engine.swapIn();
    this.done = true;
  }

  async abort(): Promise<void> {
    this.done = true;
    await this.engine.dropNext();
  }

  private assertOpen(): void {
    if (this.done) throw new Error('this index build is already committed or aborted');
  }
}
