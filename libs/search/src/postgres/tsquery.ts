/**
 * Builds tsquery text from analysed query groups. Lexemes come from the tokenizer (letters,
 * digits, Chinese characters only) and are quoted anyway, so no input can change the query's
 * structure; the text is passed to PostgreSQL as a bound parameter.
 */
import type { QueryGroup, QueryWord } from '../text/query-analysis.js';

/** What PostgreSQL's 'english' configuration makes of a word: its stem, or null for a stop word. */
export type StemLookup = (word: string) => string | null | undefined;

/**
 * Lexemes the engine adds to documents itself. They start with '#', which the tokenizer never
 * emits, so no text can produce or match them by accident.
 */
export const synonymLexeme = (groupId: string): string => quoteLexeme(`#g${groupId}`);
export const filterKeyLexeme = (code: number): string => quoteLexeme(`#f${code.toString(36)}`);
/** Carried by one offering in eight (by a hash of its id): the sample for estimates. */
export const SAMPLE_LEXEME = "'#~'";
/** Carried by one offering in 64 (a subset of the above): the sample for very broad queries. */
export const SPARSE_SAMPLE_LEXEME = "'#~~'";

export function quoteLexeme(lexeme: string, prefix = false): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

function wordExpr(w: QueryWord, stem: StemLookup): string | null {
  if (w.kind === 'han') return quoteLexeme(w.text, w.prefix);
  const s = stem(w.text);
  if (s === null && !w.prefix) return null; // an English stop word
  const forms = [quoteLexeme(w.text, w.prefix)];
  if (s && s !== w.text && !(w.prefix && s.startsWith(w.text))) forms.push(quoteLexeme(s));
  return forms.length === 1 ? forms[0] : `(${forms.join(' | ')})`;
}

export interface BuiltTsQuery {
  /** All groups ANDed, each an OR of its alternatives. */
  match: string;
  /**
   * Every lexeme of `match`, ORed, for ts_rank: an OR query ranks in one pass over its items
   * (an AND query compares positions pairwise), and a document holding the typed word as well as
   * the synonym lexeme scores above one holding only a synonym.
   */
  rank: string;
  /** The typed words only, ORed. */
  typed: string;
  /** Groups kept (stop-word-only groups are dropped). */
  groups: number;
}

/** Null when nothing searchable is left (empty query, only stop words). */
export function buildTsQuery(groups: readonly QueryGroup[], stem: StemLookup): BuiltTsQuery | null {
  const groupExprs: string[] = [];
  const typedExprs: string[] = [];
  const rankItems = new Set<string>();
  for (const g of groups) {
    // the synonym lexeme stands for every member (documents carry it wherever a member occurs)
    const alts: string[] = g.synonymGroups.map(synonymLexeme);
    const items: string[] = [...alts];
    for (const a of g.alternatives) {
      if (g.synonymGroups.length && (a.origin === 'synonym' || a.origin === 'subwords')) continue;
      const parts = [...new Set(a.words.map((w) => wordExpr(w, stem)).filter((e): e is string => e !== null))];
      if (!parts.length) continue;
      items.push(...parts);
      alts.push(parts.length === 1 ? parts[0] : `(${parts.join(' & ')})`);
      if (a.origin === 'typed') typedExprs.push(...parts);
    }
    // a group whose typed words are all stop words is dropped, with its expansions
    if (!g.alternatives.some((a) => a.origin === 'typed' && a.words.some((w) => wordExpr(w, stem) !== null))) continue;
    groupExprs.push(alts.length === 1 ? alts[0] : `(${[...new Set(alts)].join(' | ')})`);
    for (const i of items) rankItems.add(i);
  }
  if (!groupExprs.length) return null;
  return { match: groupExprs.join(' & '), rank: [...rankItems].join(' | '), typed: [...new Set(typedExprs)].join(' | '), groups: groupExprs.length };
}
