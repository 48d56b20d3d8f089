/**
 * PostgresEngine: the embedded default search engine (no MEILI_HOST).
 *
 * Documents are segmented in Node (jieba cut-for-search) and stored as a weighted tsvector
 * ('simple' lexemes for every token, plus 'english' stems of non-Chinese words) in a narrow
 * table; display text sits in a side table read only for the page of hits. The same tsvector
 * carries lexemes the engine adds ('#…', which user text never yields): synonym groups (index-time
 * expansion: a broad word is one posting list, not an OR of every synonym), filter keys (codes
 * from search_facet_key) and a sample marker on one offering in eight; so text, filters and the
 * sample are one GIN scan that intersects posting lists, whatever the planner thinks of each part.
 *
 * A search is one read-only transaction and, apart from the word lookup (stems, typo fixes),
 * one statement:
 * - p64 counts the matches among one offering in 64 ('#~~'); when that is clearly few, the
 *   exact path follows; when it is clearly many, it is the sample; otherwise p8 counts one in 8;
 * - d decides: exact when at most `exactLimit` match and reading every text match costs no more
 *   than walking to the page would;
 * - m (exact) reads every match once: exact total, facet codes as bytes (counted in Node),
 *   ts_rank over an OR of the query's lexemes, the page;
 * - w (sampled) walks the btree of the sort order with the match as a filter until the page is
 *   full (relevance re-ranks the first `rerankWindow` matches in rating order); total and facets
 *   are the sample's, scaled, and the result says `estimated`;
 * one-time filters skip whatever is not needed. A query whose words all match nothing is retried
 * without its last word (Meilisearch's "last" matching strategy). Measured at 100,000 offerings:
 * libs/search/README.md.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isUuid } from '@innoserve/core';
import { assertIndexable, latestVersions, type SearchDocument, type SearchDocumentVersion } from '../search-document.js';
import { normalizeSearchQuery, pageWindow, type NormalizedSearchQuery, type SearchQuery, type SearchSort } from '../search-query.js';
import { emptyFacets, type SearchFacets, type SearchResult } from '../search-result.js';
import { SearchEngine, type SearchIndexBuild } from '../search-engine.js';
import { SearchUnavailableError } from '../search-errors.js';
import { facetKeysOf, filterKeysOf, parseFacetKey, queryKeysOf, type QueryKeys } from '../document-keys.js';
import { storedHitOf, withHighlight, type StoredHit } from '../search-hit.js';
import { indexTokens, isHan } from '../text/tokenizer.js';
import { synonymGroupsIn } from '../text/synonyms.js';
import { analyzeQuery, highlightTermsOf, type QueryGroup } from '../text/query-analysis.js';
import { typoDistance } from '../text/edit-distance.js';
import { SAMPLE_LEXEME, SPARSE_SAMPLE_LEXEME, buildTsQuery, filterKeyLexeme, synonymLexeme, type BuiltTsQuery } from './tsquery.js';
import { SEARCH_SQL } from './search.sql.js';

export interface PostgresEngineOptions {
  /** Estimated matches up to which totals and facets are exact (default 4000). */
  exactLimit?: number;
  /** Broad relevance queries re-rank this many best-rated matches (default 200). */
  rerankWindow?: number;
  /** Per search statement (default 5000 ms). */
  statementTimeoutMs?: number;
  /** Documents per write statement (default 500). */
  batchSize?: number;
}

const DOC = 'search_document';
const DISPLAY = 'search_document_display';
const TERM = 'search_term';
const FACET_KEY = 'search_facet_key';
/** The tables a rebuild builds anew and swaps in (the facet-key dictionary is shared). */
const REBUILT = [DOC, DISPLAY, TERM] as const;
const NEXT = '__next';
const BUILD_MARK = 'search rebuild ';

const BUCKETS = 64;
/** The sample: offerings whose id hashes to buckets 0–7 of 64 carry SAMPLE_LEXEME (one in 8)… */
const SAMPLE_BUCKETS = 8;
/** …and bucket 0 also SPARSE_SAMPLE_LEXEME (one in 64), used when it holds enough matches. */
const SPARSE_SAMPLE_BUCKETS = 1;
const SPARSE_ENOUGH = 400;
/** Text matches (in the 1/64 sample, scaled) up to this multiple of exactLimit go exact without asking the 1/8 sample. */
const CLEARLY_FEW = 1.5;
/** A walk for a broad query's page stops after this many rows whatever it found. */
const MAX_WALK = 50_000;
/**
 * The exact path reads every text match (before price and lead-time filters); up to this many it
 * is always taken, beyond it only when it reads fewer rows than the walk for the page would,
 * a walked row (index order, random heap access, the match tested on it) costing WALK_ROW_COST.
 */
const EXACT_READ_ALWAYS = 4000;
const WALK_ROW_COST = 1.5;
const MAX_TYPO_ALTERNATIVES = 3;
const STEM_CACHE_SIZE = 10_000;

type Target = 'live' | 'next';

interface PreparedRow {
  id: string;
  version: number;
  price_fen: number;
  price_max_fen: number;
  lead_time_days: number;
  rating: number | null;
  published_at: string;
  facet_blob: string;
  /** synonym, filter-key and sample lexemes, as tsvector text */
  k: string;
  a: string;
  al: string;
  b: string;
  bl: string;
  c: string;
  cl: string;
  title: string;
  description: string;
  hit: StoredHit;
}

interface Outcome {
  total: number;
  estimated: boolean;
  facets: SearchFacets;
  items: DisplayRow[];
}

interface DisplayRow {
  title: string;
  description: string;
  hit: StoredHit;
}

/** FNV-1a: a stable bucket from the id (uuid v4, v5 or v7 alike). */
function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

const latinOf = (tokens: string[]): string => tokens.filter((t) => !isHan(t)).join(' ');
/**
 * Words worth correcting a typo to: not Chinese, with letters (a model number such as
 * zephyrine65 too: its letters take typos, its digits never; see typoDistance). Numbers alone are
 * never corrected, so they stay out.
 */
const vocabularyOf = (tokens: string[]): string[] => tokens.filter((t) => t.length >= 3 && t.length <= 40 && /\p{L}/u.test(t) && !isHan(t));

/** QueryRunner.query is untyped: the row shape is stated at the call. */
async function rq<T>(qr: QueryRunner, sql: string, params: unknown[] = []): Promise<T> {
  return (await qr.query(sql, params)) as T;
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PostgresEngine extends SearchEngine {
  readonly name = 'postgres' as const;
  private readonly exactLimit: number;
  private readonly rerankWindow: number;
  private readonly statementTimeoutMs: number;
  private readonly batchSize: number;
  private readonly facetCodes = new Map<string, number>();
  private readonly facetKeys = new Map<number, string>();
  private readonly stems = new Map<string, string | null>();

  constructor(
    private readonly ds: DataSource,
    opts: PostgresEngineOptions = {},
  ) {
    super();
    this.exactLimit = opts.exactLimit ?? 4000;
    this.rerankWindow = opts.rerankWindow ?? 200;
    this.statementTimeoutMs = Math.max(1, Math.floor(opts.statementTimeoutMs ?? 5000));
    this.batchSize = opts.batchSize ?? 500;
  }

  async ensureSetup(): Promise<void> {
    const [row] = await this.ds.query<{ tables: number; indexes: number }[]>(
      `SELECT (SELECT count(*) FROM unnest($1::text[]) t WHERE to_regclass(t) IS NOT NULL)::int AS tables,
              (SELECT count(*) FROM unnest($2::text[]) i WHERE to_regclass(i) IS NOT NULL)::int AS indexes`,
      [
        [DOC, DISPLAY, TERM, FACET_KEY],
        [...SEARCH_SQL.matchAll(/CREATE INDEX IF NOT EXISTS (\w+)/g)].map((m) => m[1]),
      ],
    );
    if (row.tables < 4) throw new Error('PostgresEngine: the search tables are missing (run the migrations)');
    const expectedIndexes = [...SEARCH_SQL.matchAll(/CREATE INDEX IF NOT EXISTS/g)].length;
    if (row.indexes < expectedIndexes) await this.ds.query(SEARCH_SQL);
    await this.loadFacetKeys();
    indexTokens('预热 warm-up'); // loads the jieba dictionary before the first request
  }

  // ---------------------------------------------------------------- writes

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    await this.write(docs, 'live');
  }

  async delete(ids: readonly string[]): Promise<void> {
    await this.remove(ids, 'live');
  }

  private async write(docs: readonly SearchDocument[], target: Target): Promise<void> {
    if (!docs.length) return;
    docs.forEach(assertIndexable);
    const latest = latestVersions(docs).sort((x, y) => (x.id < y.id ? -1 : 1));
    const facetKeys = latest.map(facetKeysOf);
    const filterKeys = latest.map(filterKeysOf);
    await this.ensureFacetCodes([...new Set(filterKeys.flat())]);
    const rows: PreparedRow[] = [];
    const vocabulary = new Set<string>();
    latest.forEach((doc, i) => {
      const a = indexTokens(doc.title);
      const b = indexTokens([...doc.tags, ...doc.categoryNames, ...doc.qualificationKinds, doc.providerName].join('\n'));
      const c = indexTokens(`${doc.description}\n${doc.deliverables}`);
      // synonym lexemes with the weight of the field they occur in (a position of their own per field)
      const syn = (tokens: string[], pos: string): string[] => synonymGroupsIn(tokens).map((g) => `${synonymLexeme(g)}:${pos}`);
      for (const t of vocabularyOf([...a, ...b, ...c])) vocabulary.add(t);
      const blob = Buffer.alloc(facetKeys[i].length * 4);
      facetKeys[i].forEach((k, j) => blob.writeInt32BE(this.facetCodes.get(k) ?? 0, j * 4));
      rows.push({
        id: doc.id,
        version: doc.version,
        price_fen: doc.priceFen,
        price_max_fen: doc.priceMaxFen,
        lead_time_days: doc.leadTimeDays,
        rating: doc.rating,
        published_at: doc.publishedAt.toISOString(),
        facet_blob: blob.toString('base64'),
        k: [
          ...syn(a, '1A'),
          ...syn(b, '2B'),
          ...syn(c, '3C'),
          ...filterKeys[i].map((key) => filterKeyLexeme(this.facetCodes.get(key) ?? 0)),
          ...(bucketOf(doc.id) < SAMPLE_BUCKETS ? [SAMPLE_LEXEME] : []),
          ...(bucketOf(doc.id) < SPARSE_SAMPLE_BUCKETS ? [SPARSE_SAMPLE_LEXEME] : []),
        ].join(' '),
        a: a.join(' '),
        al: latinOf(a),
        b: b.join(' '),
        bl: latinOf(b),
        c: c.join(' '),
        cl: latinOf(c),
        title: doc.title,
        description: doc.description,
        hit: storedHitOf(doc),
      });
    });
    const terms = [...vocabulary].sort();
    await this.ds.transaction(async (m) => {
      const suffixes = target === 'next' ? [NEXT] : [''];
      for (const suffix of suffixes) await this.writeRows(m, suffix, rows, terms);
      // a rebuild in progress gets every live write too (checked after the live write, which
      // waits for a swap in progress, so a finished rebuild is never written to)
      if (target === 'live' && (await this.building(m))) await this.writeRows(m, NEXT, rows, terms);
    });
  }

  private async writeRows(m: EntityManager, suffix: string, rows: PreparedRow[], terms: string[]): Promise<void> {
    for (let i = 0; i < rows.length; i += this.batchSize) {
      await m.query(
        `WITH input AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
             id uuid, version bigint, price_fen bigint, price_max_fen bigint, lead_time_days integer,
             rating real, published_at timestamptz, facet_blob text, k text,
             a text, al text, b text, bl text, c text, cl text, title text, description text, hit jsonb)
         ), up AS (
           INSERT INTO ${DOC}${suffix} AS d (id, version, price_fen, price_max_fen, lead_time_days, rating, published_at, facet_blob, tsv)
           SELECT id, version, price_fen, price_max_fen, lead_time_days, rating, published_at, decode(facet_blob, 'base64'),
                  setweight(to_tsvector('simple', a) || to_tsvector('english', al), 'A') ||
                  setweight(to_tsvector('simple', b) || to_tsvector('english', bl), 'B') ||
                  setweight(to_tsvector('simple', c) || to_tsvector('english', cl), 'C') ||
                  k::tsvector
           FROM input
           ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, price_fen = EXCLUDED.price_fen,
             price_max_fen = EXCLUDED.price_max_fen, lead_time_days = EXCLUDED.lead_time_days, rating = EXCLUDED.rating,
             published_at = EXCLUDED.published_at, facet_blob = EXCLUDED.facet_blob, tsv = EXCLUDED.tsv
           WHERE d.version < EXCLUDED.version
           RETURNING d.id
         )
         INSERT INTO ${DISPLAY}${suffix} AS v (id, title, description, hit)
         SELECT i.id, i.title, i.description, i.hit FROM input i JOIN up ON up.id = i.id
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description, hit = EXCLUDED.hit`,
        [JSON.stringify(rows.slice(i, i + this.batchSize))],
      );
    }
    if (terms.length) {
      await m.query(`INSERT INTO ${TERM}${suffix} (term) SELECT t FROM unnest($1::text[]) AS t ORDER BY t ON CONFLICT DO NOTHING`, [terms]);
    }
  }

  private async remove(ids: readonly string[], target: Target): Promise<void> {
    const valid = [...new Set(ids.filter((id) => UUID.test(id)))].sort();
    if (!valid.length) return;
    await this.ds.transaction(async (m) => {
      const del = async (suffix: string): Promise<void> => {
        await m.query(`DELETE FROM ${DOC}${suffix} WHERE id = ANY($1::uuid[])`, [valid]);
        await m.query(`DELETE FROM ${DISPLAY}${suffix} WHERE id = ANY($1::uuid[])`, [valid]);
      };
      await del(target === 'next' ? NEXT : '');
      if (target === 'live' && (await this.building(m))) await del(NEXT);
    });
  }

  private async building(m: EntityManager): Promise<boolean> {
    const [row] = await m.query<{ building: boolean }[]>(`SELECT to_regclass($1) IS NOT NULL AS building`, [DOC + NEXT]);
    return row.building;
  }

  // ---------------------------------------------------------------- facet dictionary

  private async loadFacetKeys(): Promise<void> {
    const rows = await this.ds.query<{ code: number; key: string }[]>(`SELECT code, key FROM ${FACET_KEY}`);
    for (const r of rows) this.remember(r.code, r.key);
  }

  private remember(code: number, key: string): void {
    this.facetCodes.set(key, code);
    this.facetKeys.set(code, key);
  }

  private async ensureFacetCodes(keys: string[]): Promise<void> {
    const missing = keys.filter((k) => !this.facetCodes.has(k)).sort();
    if (!missing.length) return;
    await this.ds.query(`INSERT INTO ${FACET_KEY} (key) SELECT k FROM unnest($1::text[]) AS k ORDER BY k ON CONFLICT (key) DO NOTHING`, [missing]);
    const rows = await this.ds.query<{ code: number; key: string }[]>(`SELECT code, key FROM ${FACET_KEY} WHERE key = ANY($1::text[])`, [missing]);
    for (const r of rows) this.remember(r.code, r.key);
  }

  /** Codes of filter keys, reading the dictionary for keys this process has not seen yet. */
  private async codesOf(qr: QueryRunner, keys: string[]): Promise<Map<string, number>> {
    const missing = keys.filter((k) => !this.facetCodes.has(k));
    if (missing.length) {
      const rows = await rq<{ code: number; key: string }[]>(qr, `SELECT code, key FROM ${FACET_KEY} WHERE key = ANY($1::text[])`, [missing]);
      for (const r of rows) this.remember(r.code, r.key);
    }
    return new Map(keys.filter((k) => this.facetCodes.has(k)).map((k) => [k, this.facetCodes.get(k) ?? 0]));
  }

  /** The filter part of the tsquery; false when a filter names a key no document has. */
  private async keyQuery(qr: QueryRunner, keys: QueryKeys): Promise<string[] | false> {
    const codes = await this.codesOf(qr, [...keys.all, ...(keys.any ?? [])]);
    const parts: string[] = [];
    for (const k of keys.all) {
      const code = codes.get(k);
      if (code === undefined) return false;
      parts.push(filterKeyLexeme(code));
    }
    if (keys.any) {
      const any = keys.any.map((k) => codes.get(k)).filter((c): c is number => c !== undefined);
      if (!any.length) return false;
      parts.push(any.length === 1 ? filterKeyLexeme(any[0]) : `(${any.map(filterKeyLexeme).join(' | ')})`);
    }
    return parts;
  }

  private async decodeFacets(blob: Buffer | null, scale: number): Promise<SearchFacets> {
    const counts = new Map<number, number>();
    if (blob) for (let i = 0; i + 3 < blob.length; i += 4) counts.set(blob.readInt32BE(i), (counts.get(blob.readInt32BE(i)) ?? 0) + 1);
    if ([...counts.keys()].some((c) => !this.facetKeys.has(c))) await this.loadFacetKeys();
    const facets = emptyFacets();
    const sorted = [...counts.entries()].sort((x, y) => y[1] - x[1]);
    for (const [code, n] of sorted) {
      const parsed = parseFacetKey(this.facetKeys.get(code) ?? '');
      if (parsed) facets[parsed.facet][parsed.value] = Math.round(n * scale);
    }
    return facets;
  }

  // ---------------------------------------------------------------- reads

  async count(): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${DOC}`);
    return row.n;
  }

  async listVersions(): Promise<SearchDocumentVersion[]> {
    const rows = await this.ds.query<{ id: string; version: string }[]>(`SELECT id, version FROM ${DOC} ORDER BY id`);
    return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
  }

  async versionsOf(ids: readonly string[]): Promise<SearchDocumentVersion[]> {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const rows = await this.ds.query<{ id: string; version: string }[]>(`SELECT id, version FROM ${DOC} WHERE id = ANY($1::uuid[]) ORDER BY id`, [wanted]);
    return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const nq = normalizeSearchQuery(query);
    const window = pageWindow(nq) ?? { offset: 0, limit: 0 };
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(`BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL enable_seqscan = off; SET LOCAL statement_timeout = ${this.statementTimeoutMs}`);
      let groups = analyzeQuery(nq.q);
      const keys = await this.keyQuery(qr, queryKeysOf(nq));
      let outcome: Outcome = { total: 0, estimated: false, facets: emptyFacets(), items: [] };
      if (keys) {
        await this.expandWords(qr, groups);
        let built = buildTsQuery(groups, (w) => this.stems.get(w));
        outcome = await this.run(qr, nq, built, keys, window);
        // nothing matches every word: drop words from the end while more than one is left
        while (outcome.total === 0 && built && built.groups > 1) {
          groups = groups.slice(0, -1);
          built = buildTsQuery(groups, (w) => this.stems.get(w));
          outcome = await this.run(qr, nq, built, keys, window);
        }
      }
      await qr.query('COMMIT');
      const stems = groups.flatMap((g) => g.alternatives.flatMap((a) => a.words.map((w) => this.stems.get(w.text)))).filter((s): s is string => !!s);
      const terms = highlightTermsOf(groups, stems);
      return {
        items: outcome.items.map((r) => withHighlight({ ...r.hit, title: r.title }, r.description, terms)),
        total: outcome.total,
        estimated: outcome.estimated,
        page: nq.page,
        pageSize: nq.pageSize,
        facets: outcome.facets,
        engine: 'postgres',
        tookMs: Math.round((performance.now() - started) * 10) / 10,
      };
    } catch (e) {
      await qr.query('ROLLBACK').catch(() => undefined);
      // statement_timeout: the database is overloaded; say so (503) rather than fail (500)
      if ((e as { driverError?: { code?: string }; code?: string }).driverError?.code === '57014') throw new SearchUnavailableError(e);
      throw e;
    } finally {
      await qr.release();
    }
  }

  /** Stems for every non-Chinese word; typo corrections for typed words the vocabulary lacks. */
  private async expandWords(qr: QueryRunner, groups: QueryGroup[]): Promise<void> {
    const typed = new Set<string>();
    const other = new Set<string>();
    for (const g of groups) {
      for (const a of g.alternatives) {
        for (const w of a.words) {
          if (w.kind !== 'word') continue;
          if (a.origin === 'typed') typed.add(w.text);
          else other.add(w.text);
        }
      }
    }
    const lookups = [...typed.keys()].map((w) => ({ word: w, typed: true }));
    for (const w of other) if (!typed.has(w) && !this.stems.has(w)) lookups.push({ word: w, typed: false });
    if (!lookups.length) return;
    const rows = await rq<{ word: string; stem: string | null; known: boolean; near: { term: string; stem: string | null }[] | null }[]>(qr, 
      `SELECT w.word,
              (SELECT min(l) FROM unnest(tsvector_to_array(to_tsvector('english', w.word))) AS l) AS stem,
              EXISTS (SELECT 1 FROM ${TERM} t WHERE t.term = w.word) AS known,
              CASE WHEN w.typed AND length(w.word) >= 5 AND NOT EXISTS (SELECT 1 FROM ${TERM} t WHERE t.term = w.word) THEN
                (SELECT json_agg(json_build_object('term', n.term,
                          'stem', (SELECT min(l) FROM unnest(tsvector_to_array(to_tsvector('english', n.term))) AS l)))
                 -- of the nearest 64, the 8 nearest with the typed word's digits, in order (only
                 -- letters may differ); bounded, so an unknown model number never walks the vocabulary
                 FROM (SELECT term FROM (SELECT term, term <-> w.word AS dist FROM ${TERM} ORDER BY term <-> w.word LIMIT 64) AS k
                       WHERE regexp_replace(term, '[^0-9]+', ' ', 'g') = regexp_replace(w.word, '[^0-9]+', ' ', 'g')
                       ORDER BY dist LIMIT 8) AS n)
              END AS near
       FROM unnest($1::text[], $2::boolean[]) AS w(word, typed)`,
      [lookups.map((l) => l.word), lookups.map((l) => l.typed)],
    );
    const near = new Map<string, { term: string; stem: string | null }[]>();
    const known = new Set<string>();
    for (const r of rows) {
      this.rememberStem(r.word, r.stem);
      if (r.near) near.set(r.word, r.near);
      if (r.known) known.add(r.word);
    }
    // a complete word needs no prefix scan (its stem covers the inflections); a partial one does
    for (const g of groups) {
      for (const a of g.alternatives) {
        if (a.origin !== 'typed') continue;
        for (const w of a.words) if (w.kind === 'word' && w.prefix && known.has(w.text)) w.prefix = false;
      }
    }
    for (const g of groups) {
      const typedAlt = g.alternatives.find((a) => a.origin === 'typed');
      if (!typedAlt || typedAlt.words.length !== 1 || typedAlt.words[0].kind !== 'word') continue;
      const word = typedAlt.words[0].text;
      const fixes = (near.get(word) ?? [])
        .map((n) => ({ ...n, d: typoDistance(word, n.term) }))
        .filter((n): n is typeof n & { d: number } => n.d !== null && n.term !== word)
        .sort((x, y) => x.d - y.d)
        .slice(0, MAX_TYPO_ALTERNATIVES);
      for (const f of fixes) {
        this.rememberStem(f.term, f.stem);
        g.alternatives.push({ words: [{ text: f.term, kind: 'word', prefix: false }], origin: 'typo' });
      }
    }
  }

  private rememberStem(word: string, stem: string | null): void {
    if (this.stems.size >= STEM_CACHE_SIZE) this.stems.delete(this.stems.keys().next().value as string);
    this.stems.set(word, stem);
  }

  /**
   * One statement: the sample count (p) decides, through one-time filters, whether the exact
   * scan (m) or the walk (w) runs; the other is skipped without touching a row.
   */
  private async run(
    qr: QueryRunner,
    nq: NormalizedSearchQuery,
    built: BuiltTsQuery | null,
    keys: string[],
    window: { offset: number; limit: number },
  ): Promise<Outcome> {
    const p = new Params();
    const match = [...(built ? [`(${built.match})`] : []), ...keys].join(' & ');
    // when the GIN scan drives, `+ 0` keeps the btree indexes out of the plan (they would make
    // the planner visit every row in a price range and test the tsvector on each)
    const ranges = (viaGin: boolean): string[] => {
      const col = (c: string): string => (viaGin ? `(${c} + 0)` : c);
      const r: string[] = [];
      if (nq.priceMinFen !== null) r.push(`${col('price_max_fen')} >= ${p.add(nq.priceMinFen)}::bigint`);
      if (nq.priceMaxFen !== null) r.push(`${col('price_fen')} <= ${p.add(nq.priceMaxFen)}::bigint`);
      if (nq.leadTimeMaxDays !== null) r.push(`${col('lead_time_days')} <= ${p.add(nq.leadTimeMaxDays)}::int`);
      return r;
    };
    const rangeConds = ranges(true);
    const sampleCond = (lexeme: string): string => `tsv @@ ${p.add(match ? `(${match}) & ${lexeme}` : lexeme)}::tsquery`;
    const inRange = rangeConds.length ? rangeConds.join(' AND ') : 'TRUE';
    const cond = [...(match ? [`tsv @@ ${p.add(match)}::tsquery`] : []), ...ranges(match !== '')].join(' AND ') || 'TRUE';
    const byScore = built !== null && nq.sort === 'relevance';
    // ranked only for relevance; one OR-query ts_rank per row (see BuiltTsQuery.rank)
    const score = byScore && built ? `ts_rank(tsv, ${p.add(built.rank)}::tsquery) + coalesce(rating, 0) * 0.001` : '0::real';
    const needRows = byScore ? Math.max(this.rerankWindow, window.offset + window.limit) : window.offset + window.limit;
    const win = byScore ? `${p.add(this.rerankWindow)}::bigint` : ''; // a parameter must appear in the text
    const limit = `${p.add(window.limit)}::bigint`;
    const offset = `${p.add(window.offset)}::bigint`;
    const few = Math.floor((CLEARLY_FEW * this.exactLimit * SPARSE_SAMPLE_BUCKETS) / BUCKETS);
    const walkOrder = orderBy(nq.sort, false, '');
    const exactOrder = orderBy(nq.sort, byScore, '');
    const broadOrder = byScore ? `pos > ${win}, CASE WHEN pos <= ${win} THEN score END DESC NULLS LAST, pos` : 'pos';
    // exact when few match and reading them is cheap: a text match narrowed by a price range may
    // leave few results yet many rows to read; then walking the sort order is cheaper, unless the
    // walk would pass more rows (need ÷ selectivity, weighted) than the exact read
    const sql = `
      WITH p64 AS (
        SELECT count(*)::int AS n_all, count(*) FILTER (WHERE ${inRange})::int AS n,
               string_agg(facet_blob, ''::bytea) FILTER (WHERE ${inRange}) AS blob
        FROM ${DOC} WHERE ${sampleCond(SPARSE_SAMPLE_LEXEME)}
      ), p8 AS (
        -- needed only between "clearly few" and "clearly many"
        SELECT count(*)::int AS n_all, count(*) FILTER (WHERE ${inRange})::int AS n,
               string_agg(facet_blob, ''::bytea) FILTER (WHERE ${inRange}) AS blob
        FROM ${DOC} WHERE ${sampleCond(SAMPLE_LEXEME)}
          AND (SELECT n FROM p64) < ${SPARSE_ENOUGH} AND (SELECT n_all FROM p64) > ${few}
      ), p AS (
        SELECT CASE WHEN p64.n >= ${SPARSE_ENOUGH} OR p64.n_all <= ${few} THEN ${BUCKETS / SPARSE_SAMPLE_BUCKETS} ELSE ${BUCKETS / SAMPLE_BUCKETS} END AS rate,
               p64.n_all <= ${few} AS few,
               CASE WHEN p64.n >= ${SPARSE_ENOUGH} OR p64.n_all <= ${few} THEN p64.n_all ELSE p8.n_all END AS n_all,
               CASE WHEN p64.n >= ${SPARSE_ENOUGH} OR p64.n_all <= ${few} THEN p64.n ELSE p8.n END AS n,
               CASE WHEN p64.n >= ${SPARSE_ENOUGH} OR p64.n_all <= ${few} THEN p64.blob ELSE p8.blob END AS blob
        FROM p64, p8
      ), d AS (
        SELECT p.few OR (
                 p.rate * p.n <= ${p.add(this.exactLimit)}::int
                 AND p.rate * ${match ? 'p.n_all' : 'p.n'}
                     <= greatest(${p.add(EXACT_READ_ALWAYS)}::float8,
                                 ${WALK_ROW_COST} * ${p.add(needRows)}::float8 * greatest(c.reltuples, p.rate * p.n_all) / greatest(p.rate * p.n, 1))) AS exact
        FROM p, pg_class c WHERE c.oid = '${DOC}'::regclass
      ), m AS MATERIALIZED (
        SELECT id, facet_blob, price_fen, rating, published_at, ${score} AS score
        FROM ${DOC} WHERE ${cond} AND (SELECT exact FROM d)
      ), w0 AS (
        SELECT id, price_fen, rating, published_at, ${score} AS score
        FROM (SELECT * FROM ${DOC} ORDER BY ${walkOrder} LIMIT ${p.add(MAX_WALK)}::bigint) AS x
        WHERE ${cond} AND NOT (SELECT exact FROM d)
        LIMIT ${p.add(needRows)}::bigint
      ), w AS (
        SELECT id, score, row_number() OVER (ORDER BY ${walkOrder}) AS pos FROM w0
      ), page AS (
        SELECT id, row_number() OVER (ORDER BY ${exactOrder}) AS rk
        FROM (SELECT * FROM m ORDER BY ${exactOrder} LIMIT ${limit} OFFSET ${offset}) AS e
        UNION ALL
        SELECT id, row_number() OVER (ORDER BY ${broadOrder}) AS rk
        FROM (SELECT * FROM w ORDER BY ${broadOrder} LIMIT ${limit} OFFSET ${offset}) AS b
      )
      SELECT (SELECT exact FROM d) AS exact, (SELECT rate FROM p) AS rate, (SELECT n FROM p) AS sample_n, (SELECT blob FROM p) AS sample_blob,
             t.total, t.blob,
             (SELECT json_agg(json_build_object('title', v.title, 'description', v.description, 'hit', v.hit) ORDER BY pg.rk)
                FROM page pg JOIN ${DISPLAY} v ON v.id = pg.id) AS items
      FROM (SELECT count(*)::int AS total, string_agg(facet_blob, ''::bytea) AS blob FROM m) AS t`;
    const [row] = await rq<{ exact: boolean; rate: number; sample_n: number; sample_blob: Buffer | null; total: number; blob: Buffer | null; items: DisplayRow[] | null }[]>(qr, sql, p.values);
    const items = row.items ?? [];
    if (row.exact) return { total: row.total, estimated: false, facets: await this.decodeFacets(row.blob, 1), items };
    return { total: Math.round(row.sample_n * row.rate), estimated: true, facets: await this.decodeFacets(row.sample_blob, row.rate), items };
  }

  // ---------------------------------------------------------------- rebuild

  async beginRebuild(): Promise<SearchIndexBuild> {
    const token = randomUUID();
    await this.ds.transaction(async (m) => {
      for (const table of REBUILT) {
        await m.query(`DROP TABLE IF EXISTS ${table}${NEXT}`);
        await m.query(`CREATE TABLE ${table}${NEXT} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)`);
        // unique indexes now (upserts need them); the others after loading, at commit
        for (const ix of await indexesOf(m, table)) if (ix.unique) await m.query(shadowIndexSql(ix, table));
      }
      // marks whose build these tables are: a later beginRebuild replaces them, and this build can no longer commit
      await m.query(`COMMENT ON TABLE ${DOC}${NEXT} IS '${BUILD_MARK}${token}'`);
    });
    return new PostgresIndexBuild(this, this.ds, token);
  }

  /** @internal used by PostgresIndexBuild */
  writeNext(docs: readonly SearchDocument[]): Promise<void> {
    return this.write(docs, 'next');
  }

  /** @internal used by PostgresIndexBuild */
  removeNext(ids: readonly string[]): Promise<void> {
    return this.remove(ids, 'next');
  }
}

interface IndexInfo {
  name: string;
  def: string;
  unique: boolean;
  primary: boolean;
}

async function indexesOf(m: EntityManager, table: string): Promise<IndexInfo[]> {
  return m.query<IndexInfo[]>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def, x.indisunique AS unique, x.indisprimary AS primary
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = to_regclass($1) ORDER BY i.relname`,
    [table],
  );
}

/** The live index's definition, renamed to <name>__next on <table>__next. */
function shadowIndexSql(ix: IndexInfo, table: string): string {
  const m = /^CREATE (UNIQUE )?INDEX (\S+) ON (ONLY )?(\S+) (USING .*)$/s.exec(ix.def);
  if (!m || !(m[4] === table || m[4].endsWith(`.${table}`))) throw new Error(`PostgresEngine: unexpected index definition: ${ix.def}`);
  return `CREATE ${m[1] ?? ''}INDEX ${ix.name}${NEXT} ON ${m[4]}${NEXT} ${m[5]}`;
}

function orderBy(sort: SearchSort, byScore: boolean, alias: string): string {
  switch (sort) {
    case 'relevance':
      return byScore ? `${alias}score DESC, ${alias}id` : `${alias}rating DESC NULLS LAST, ${alias}id`;
    case 'price_asc':
      return `${alias}price_fen ASC, ${alias}id ASC`;
    case 'price_desc':
      return `${alias}price_fen DESC, ${alias}id DESC`;
    case 'rating':
      return `${alias}rating DESC NULLS LAST, ${alias}id`;
    case 'newest':
      return `${alias}published_at DESC, ${alias}id`;
  }
}

class PostgresIndexBuild implements SearchIndexBuild {
  private done = false;

  constructor(
    private readonly engine: PostgresEngine,
    private readonly ds: DataSource,
    private readonly token: string,
  ) {}

  /** Throws unless the shadow tables are still this build's (a later beginRebuild replaces them). */
  private async assertOwned(m: EntityManager | DataSource): Promise<void> {
    const [row] = await m.query<{ mark: string | null }[]>(`SELECT obj_description(to_regclass($1), 'pg_class') AS mark`, [DOC + NEXT]);
    if (row.mark !== BUILD_MARK + this.token) throw new Error('this index build was superseded by a later rebuild');
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    this.assertOpen();
    await this.engine.writeNext(docs);
  }

  async delete(ids: readonly string[]): Promise<void> {
    this.assertOpen();
    await this.engine.removeNext(ids);
  }

  async count(): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${DOC}${NEXT}`);
    return row.n;
  }

  async commit(): Promise<void> {
    this.assertOpen();
    // build the remaining indexes on the loaded tables (live writes mirrored meanwhile just wait)
    const live = new Map<string, IndexInfo[]>();
    await this.ds.transaction(async (m) => {
      await this.assertOwned(m);
      for (const table of REBUILT) {
        const indexes = await indexesOf(m, table);
        live.set(table, indexes);
        for (const ix of indexes) if (!ix.unique) await m.query(shadowIndexSql(ix, table));
      }
    });
    // the swap: one short transaction; searches wait for it for milliseconds, never see a gap
    await this.ds.transaction(async (m) => {
      await m.query(`LOCK TABLE ${REBUILT.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await m.query(`LOCK TABLE ${REBUILT.map((t) => t + NEXT).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await this.assertOwned(m);
      for (const table of REBUILT) {
        await m.query(`DROP TABLE ${table}`);
        await m.query(`ALTER TABLE ${table}${NEXT} RENAME TO ${table}`);
        for (const ix of live.get(table) ?? []) {
          if (ix.primary) await m.query(`ALTER TABLE ${table} ADD CONSTRAINT ${ix.name} PRIMARY KEY USING INDEX ${ix.name}${NEXT}`);
          else await m.query(`ALTER INDEX ${ix.name}${NEXT} RENAME TO ${ix.name}`);
        }
      }
    });
    this.done = true;
    for (const table of REBUILT) await this.ds.query(`ANALYZE ${table}`);
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.ds.transaction(async (m) => {
      if (!(await m.query<{ next: string | null }[]>(`SELECT to_regclass($1)::text AS next`, [DOC + NEXT]))[0].next) return;
      await m.query(`LOCK TABLE ${REBUILT.map((t) => t + NEXT).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await this.assertOwned(m).then(
        async () => {
          for (const table of REBUILT) await m.query(`DROP TABLE IF EXISTS ${table}${NEXT}`);
        },
        () => undefined, // a later build owns the tables now: leave them
      );
    });
  }

  private assertOpen(): void {
    if (this.done) throw new Error('this index build is already committed or aborted');
  }
}

