/**
 * Synonym groups, one table for both engines: a query word in a group also matches every other
 * member. Meilisearch gets them as its `synonyms` setting. PostgresEngine expands them at index
 * time: a document field containing any member also gets the group's lexeme (synonymGroupsIn),
 * and a query word in the group searches that one lexeme instead of an OR of every member, which
 * keeps the GIN scan of a broad word cheap. Changing this table therefore needs a reindex
 * (npm run search:reindex). Entries are lowercase; a multi-word entry matches as a whole.
 */
import { normalizeText, queryTokens } from './tokenizer.js';

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['专利', 'patent', 'patents', '知识产权', 'ip', 'intellectual property'],
  ['商标', 'trademark', 'trademarks'],
  ['检测', '检验', '测试', 'testing', 'test', 'inspection'],
  ['认证', 'certification'],
  ['cnas', '认可', '实验室认可', 'accreditation'],
  ['cma', '资质认定'],
  ['纺织', '纺织品', 'textile', 'textiles'],
  ['服装', '服饰', 'apparel', 'garment'],
  ['食品', 'food'],
  ['技术转移', '成果转化', 'technology transfer'],
  ['孵化', '孵化器', 'incubation', 'incubator'],
  ['众创空间', 'makerspace', 'maker space'],
  ['工业设计', 'industrial design'],
  ['中试', '中试熟化', 'pilot'],
  ['咨询', 'consulting', 'consultancy'],
  ['高企', '高新技术企业', 'high tech enterprise'],
  ['软件', 'software'],
  ['模具', 'mold', 'mould'],
  ['仿真', 'simulation', 'cae'],
  ['电磁兼容', 'emc'],
  ['农残', '农药残留'],
];

const BY_TERM = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const term of group) {
    const key = normalizeText(term);
    BY_TERM.set(key, [...new Set([...(BY_TERM.get(key) ?? []), ...group.map(normalizeText).filter((t) => t !== key)])]);
  }
}

/** The other members of the groups `term` belongs to. */
export function synonymsOf(term: string): readonly string[] {
  return BY_TERM.get(normalizeText(term)) ?? [];
}

let phrases: SynonymPhrase[] | null = null;

export interface SynonymPhrase {
  /** The entry as synonymsOf / synonymGroupsOf know it ('intellectual property', '农药残留'). */
  term: string;
  /** Its query tokens (intellectual, property; 农药, 残留). */
  words: string[];
}

/**
 * Entries a query splits into several tokens — Latin phrases and Chinese words jieba cuts in two
 * (农药残留 → 农药 残留) — longest first. A query holding their tokens in a row treats them as one
 * term (query-analysis.ts), so the synonyms of the whole entry apply.
 */
export function synonymPhrases(): readonly SynonymPhrase[] {
  phrases ??= [...BY_TERM.keys()]
    .map((term) => ({ term, words: queryTokens(term).map((t) => t.text) }))
    .filter((p) => p.words.length > 1)
    .sort((a, b) => b.words.length - a.words.length);
  return phrases;
}

/** A group's stable id: derived from its first member, so reordering groups needs no reindex. */
function groupId(group: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of normalizeText(group[0])) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const GROUPS_BY_TERM = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  const id = groupId(group);
  for (const term of group) {
    const key = normalizeText(term);
    GROUPS_BY_TERM.set(key, [...new Set([...(GROUPS_BY_TERM.get(key) ?? []), id])]);
  }
}

/** The ids of the groups `term` belongs to (a query word or phrase). */
export function synonymGroupsOf(term: string): string[] {
  return GROUPS_BY_TERM.get(normalizeText(term)) ?? [];
}

let memberWords: { group: string; words: string[] }[] | null = null;

/** The groups with a member whose words all occur among `tokens` (a document field's index tokens). */
export function synonymGroupsIn(tokens: Iterable<string>): string[] {
  memberWords ??= SYNONYM_GROUPS.flatMap((group) => group.map((m) => ({ group: groupId(group), words: queryTokens(m).map((t) => t.text) })));
  const present = new Set(tokens);
  const out = new Set<string>();
  for (const m of memberWords) if (m.words.length && m.words.every((w) => present.has(w))) out.add(m.group);
  return [...out];
}

/** Meilisearch's `synonyms` setting: every member maps to all the others. */
export function meilisearchSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [term, others] of BY_TERM) out[term] = [...others];
  return out;
}
