/**
 * A query as groups of alternatives, shared by both engines: every group must match (AND); a
 * group matches when any of its alternatives does; an alternative is a list of words that must
 * all match. The first alternative is the word as typed; then its Chinese sub-words, then
 * synonyms. PostgresEngine adds stems and typo corrections; highlighting uses all of them.
 */
import { queryTokens, isHan, normalizeText, type QueryToken, type TokenKind } from './tokenizer.js';
import { synonymGroupsOf, synonymPhrases, synonymsOf } from './synonyms.js';
import type { HighlightTerms } from './highlighter.js';

export interface QueryWord {
  text: string;
  kind: TokenKind;
  /** Match as a prefix (the word being typed, a single Chinese character). */
  prefix: boolean;
}

export interface TermAlternative {
  words: QueryWord[];
  /** 'typed' = the user's own word(s); others rank lower. */
  origin: 'typed' | 'subwords' | 'synonym' | 'typo';
}

export interface QueryGroup {
  /** The query text this group stands for. */
  source: string;
  alternatives: TermAlternative[];
  /** Synonym groups the source belongs to (see synonymGroupsOf); their members are among the alternatives. */
  synonymGroups: string[];
}

/** At most this many groups are used (long queries are cut). */
export const MAX_QUERY_GROUPS = 10;

function wordsOf(term: string): QueryWord[] {
  return queryTokens(term).map((t) => ({ text: t.text, kind: t.kind, prefix: false }));
}

export function analyzeQuery(q: string): QueryGroup[] {
  const tokens = queryTokens(q);
  const typingLastWord = !/\s$/.test(q);
  const groups: QueryGroup[] = [];
  for (let i = 0; i < tokens.length && groups.length < MAX_QUERY_GROUPS; i++) {
    // a synonym that the query splits into words (intellectual property, 农药残留 → 农药 残留) forms one
    // group: its words ANDed as typed, or any of its synonyms
    let phrase: QueryToken[] | null = null;
    let source = tokens[i].text;
    for (const p of synonymPhrases()) {
      if (p.words.every((w, k) => tokens[i + k]?.text === w)) {
        phrase = tokens.slice(i, i + p.words.length);
        source = p.term;
        break;
      }
    }
    const parts = phrase ?? [tokens[i]];
    i += parts.length - 1;
    const isLast = i === tokens.length - 1;
    const typed: QueryWord[] = parts.map((t) => ({
      text: t.text,
      kind: t.kind,
      // a single Chinese character, or the Latin word being typed; a Chinese word of two or more
      // characters needs no prefix: cut-for-search indexed it inside every longer word
      prefix: t.kind === 'han' ? t.text.length === 1 : isLast && typingLastWord && t.text.length >= 3,
    }));
    const alternatives: TermAlternative[] = [{ words: typed, origin: 'typed' }];
    if (parts.length === 1 && parts[0].subwords.length > 1) {
      alternatives.push({ words: parts[0].subwords.map((w) => ({ text: w, kind: 'han' as const, prefix: false })), origin: 'subwords' });
    }
    for (const syn of synonymsOf(source)) {
      const words = wordsOf(syn);
      if (words.length) alternatives.push({ words, origin: 'synonym' });
    }
    groups.push({ source, alternatives, synonymGroups: synonymGroupsOf(source) });
  }
  return groups;
}

/** Every word of the analysed query, for highlighting (stems and typo fixes are added by the engine). */
export function highlightTermsOf(groups: readonly QueryGroup[], extraWords: readonly string[] = []): HighlightTerms {
  const terms: HighlightTerms = { han: [], exact: [], prefixes: [] };
  for (const g of groups) {
    for (const a of g.alternatives) {
      for (const w of a.words) {
        if (w.kind === 'han') terms.han.push(w.text);
        else if (w.prefix) terms.prefixes.push(w.text);
        else terms.exact.push(w.text);
      }
    }
  }
  for (const w of extraWords) {
    const n = normalizeText(w);
    if (isHan(n)) terms.han.push(n);
    else terms.prefixes.push(n);
  }
  return terms;
}
