/**
 * Text → tokens, the same way for both engines. Chinese runs are segmented with jieba
 * (@node-rs/jieba): documents in cut-for-search mode, which also emits the sub-words of long
 * words (安装简单 → 安装, 简单, 安装简单), so a sub-word query hits; queries in precise mode.
 * Other letters and digits form words. Text is NFKC-folded (full-width Ａ１ → a1) and lowercased;
 * punctuation separates and is dropped, so no query syntax survives into a token.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Function words that carry no meaning on their own (single characters jieba leaves alone). */
const HAN_STOPWORDS = new Set(['的', '了', '和', '与', '及', '或', '等', '在', '是', '为', '对', '把', '被', '也', '都', '而', '其', '之', '以', '于', '着', '吗', '呢', '啊', '个', '并', '及其', '以及']);

const SEGMENT = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const HAN = /^\p{Script=Han}+$/u;

export type TokenKind = 'han' | 'word';

export interface QueryToken {
  text: string;
  kind: TokenKind;
  /** Finer words of a long Chinese word (cut-for-search), e.g. 安装简单 → [安装, 简单]. */
  subwords: string[];
}

/** NFKC, lowercase, control characters removed. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\u0000-\u001f\u007f]/g, ' ');
}

export function isHan(token: string): boolean {
  return HAN.test(token);
}

function* segments(text: string): Generator<{ text: string; kind: TokenKind }> {
  for (const m of normalizeText(text).matchAll(SEGMENT)) {
    if (m[1]) yield { text: m[1], kind: 'han' };
    else if (m[2]) yield { text: m[2], kind: 'word' };
  }
}

/** Tokens of a document text (cut-for-search), in order, duplicates kept (positions matter to ranking). */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const s of segments(text)) {
    if (s.kind === 'word') {
      out.push(s.text);
      continue;
    }
    for (const t of segmenter().cutForSearch(s.text, true)) {
      if (isHan(t) && !HAN_STOPWORDS.has(t)) out.push(t);
    }
  }
  return out;
}

/** Tokens of a query (precise mode), stop words dropped, duplicates removed. */
export function queryTokens(q: string): QueryToken[] {
  const out: QueryToken[] = [];
  const seen = new Set<string>();
  const add = (t: QueryToken): void => {
    if (seen.has(t.text)) return;
    seen.add(t.text);
    out.push(t);
  };
  for (const s of segments(q)) {
    if (s.kind === 'word') {
      add({ text: s.text, kind: 'word', subwords: [] });
      continue;
    }
    for (const t of segmenter().cut(s.text, true)) {
      if (!isHan(t) || HAN_STOPWORDS.has(t)) continue;
      const subwords = t.length > 2 ? segmenter().cutForSearch(t, true).filter((w) => w !== t && isHan(w) && !HAN_STOPWORDS.has(w)) : [];
      add({ text: t, kind: 'han', subwords: [...new Set(subwords)] });
    }
  }
  return out;
}

/** Latin/other words of a text (lowercased), for the typo vocabulary. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segments(text)) if (s.kind === 'word') out.push(s.text);
  return out;
}

/** A letter (not Chinese) next to a digit, or a digit next to such a letter. */
const LETTER_DIGIT = /(?<=(?!\p{Script=Han})\p{L})(?=\p{Nd})|(?<=\p{Nd})(?=(?!\p{Script=Han})\p{L})/gu;

/**
 * The text with its words with digits cut into runs of letters and runs of digits
 * (`Zephyrine65` → `Zephyrine 65`). Meilisearch tolerates typos per word, digits included, so
 * it gets letters and digits as words of their own: the letters then take typos by their own
 * length and the digits none (typoTolerance.disableOnNumbers); see typoDistance.
 */
export function splitLettersFromDigits(text: string): string {
  return text.replace(LETTER_DIGIT, ' ');
}

/** Is this (a token) a word with both letters and digits, such as a model number? */
export function hasLettersAndDigits(word: string): boolean {
  return /\p{Nd}/u.test(word) && /(?!\p{Script=Han})\p{L}/u.test(word);
}
