/**
 * Relevance metrics and a runner for the judged query set (issue 3, item 6).
 *
 * Grades: 2 = exactly what the query asks for, 1 = related and acceptable in the top ten.
 * - recall@k counts every judged offering (grade ≥ 1) among the first k hits, divided by
 *   min(|judged|, k) — the capped form (as BEIR's "R_cap@k"): a broad query with more judged
 *   offerings than k can still reach 1 when the first k hits are all relevant.
 * - nDCG@k uses the gain 2^grade − 1 and log2(rank + 1) discounts, normalized by the ideal ordering
 *   of the judged grades.
 */
import type { SearchEngine } from '@innoserve/search';
import type { CorpusEntry } from './corpus.js';

export type Judgments = Readonly<Record<string, 1 | 2>>;

export interface JudgedQuery {
  q: string;
  kind: 'chinese' | 'english' | 'mixed' | 'typo' | 'sub-word' | 'synonym' | 'qualification' | 'digits';
  /** Corpus key (`<provider key>:<title>`) → grade. */
  relevant: Judgments;
  /** Keys that must not be in the first k hits (a model number with other digits). */
  wrong?: readonly string[];
}

/** Judged offerings among the first k ranked ids, over min(judged, k). 1 when nothing is judged. */
export function recallAtK(ranked: readonly string[], relevant: Judgments, k: number): number {
  const judged = Object.keys(relevant).filter((id) => (relevant[id] ?? 0) > 0);
  if (judged.length === 0) return 1;
  const top = new Set(ranked.slice(0, k));
  const found = judged.filter((id) => top.has(id)).length;
  return found / Math.min(judged.length, k);
}

function dcg(grades: readonly number[]): number {
  return grades.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

/** Normalized discounted cumulative gain of the first k ranked ids. 1 when nothing is judged. */
export function ndcgAtK(ranked: readonly string[], relevant: Judgments, k: number): number {
  const ideal = Object.values(relevant)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = dcg(ideal);
  if (idcg === 0) return 1;
  const seen = new Set<string>();
  const grades = ranked.slice(0, k).map((id) => {
    if (seen.has(id)) return 0; // a duplicate hit gains nothing
    seen.add(id);
    return relevant[id] ?? 0;
  });
  return dcg(grades) / idcg;
}

export interface QueryScore {
  q: string;
  kind: JudgedQuery['kind'];
  recall: number;
  ndcg: number;
  judged: number;
  /** Keys of the first k hits. */
  top: string[];
  /** Judged keys missing from the first k hits. */
  missed: string[];
  /** `wrong` keys among the first k hits. */
  wrongHits: string[];
}

export interface RelevanceReport {
  engine: string;
  k: number;
  queries: QueryScore[];
  meanRecall: number;
  meanNdcg: number;
}

/** Throws when a judgment names a key that is not in the corpus (a typo would silently lower recall). */
export function assertJudgmentsResolve(queries: readonly JudgedQuery[], corpus: readonly CorpusEntry[]): void {
  const keys = new Set(corpus.map((e) => e.key));
  const unknown = queries.flatMap((q) => [...Object.keys(q.relevant), ...(q.wrong ?? [])].filter((k) => !keys.has(k)).map((k) => `${q.q} → ${k}`));
  if (unknown.length > 0) throw new Error(`judgments name offerings not in the corpus:\n${unknown.join('\n')}`);
}

/** Indexes the corpus into the engine (after ensureSetup). */
export async function indexCorpus(engine: SearchEngine, corpus: readonly CorpusEntry[], batchSize = 100): Promise<void> {
  await engine.ensureSetup();
  for (let i = 0; i < corpus.length; i += batchSize) await engine.upsert(corpus.slice(i, i + batchSize).map((e) => e.doc));
}

/** Runs every query against an indexed engine and scores the first k hits. */
export async function runRelevance(engine: SearchEngine, corpus: readonly CorpusEntry[], queries: readonly JudgedQuery[], k = 10): Promise<RelevanceReport> {
  assertJudgmentsResolve(queries, corpus);
  const keyOf = new Map(corpus.map((e) => [e.doc.id, e.key]));
  const scores: QueryScore[] = [];
  for (const query of queries) {
    const result = await engine.search({ q: query.q, pageSize: k, page: 1 });
    const top = result.items.map((h) => keyOf.get(h.id) ?? `?${h.id}`);
    scores.push({
      q: query.q,
      kind: query.kind,
      recall: recallAtK(top, query.relevant, k),
      ndcg: ndcgAtK(top, query.relevant, k),
      judged: Object.keys(query.relevant).length,
      top,
      missed: Object.keys(query.relevant).filter((key) => !top.includes(key)),
      wrongHits: (query.wrong ?? []).filter((key) => top.includes(key)),
    });
  }
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return { engine: engine.name, k, queries: scores, meanRecall: mean(scores.map((s) => s.recall)), meanNdcg: mean(scores.map((s) => s.ndcg)) };
}

/** A fixed-width table of the report (query, recall@k, nDCG@k) with the means. */
export function formatReport(report: RelevanceReport): string {
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
  const lines = [`${report.engine}: recall@${report.k} / nDCG@${report.k} over ${report.queries.length} judged queries`, `${pad('query', 30)}${pad('kind', 15)}${pad(`recall@${report.k}`, 11)}nDCG@${report.k}`];
  for (const s of report.queries) lines.push(`${pad(s.q, 30)}${pad(s.kind, 15)}${pad(s.recall.toFixed(3), 11)}${s.ndcg.toFixed(3)}`);
  lines.push(`${pad('MEAN', 45)}${pad(report.meanRecall.toFixed(3), 11)}${report.meanNdcg.toFixed(3)}`);
  return lines.join('\n');
}
