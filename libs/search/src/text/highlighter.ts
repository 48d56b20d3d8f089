/**
 * Highlighting over the original text, the same for both engines: the text is HTML-escaped and
 * every matched word is wrapped in <em>…</em>. Chinese terms match as substrings (a query 简单
 * marks 简单 inside 安装简单); other terms match whole words, or word beginnings for stems and
 * prefixes (test marks testing).
 */

export interface HighlightTerms {
  /** Chinese terms, matched anywhere. */
  han: string[];
  /** Lowercase words matched exactly. */
  exact: string[];
  /** Lowercase stems or prefixes (length ≥ 3) matched at the start of a word. */
  prefixes: string[];
}

export const EM_OPEN = '<em>';
export const EM_CLOSE = '</em>';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Length-preserving fold for matching: lowercase, full-width ASCII to ASCII. */
function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    let c = ch;
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0);
    const lower = c.toLowerCase();
    out += lower.length === c.length ? lower : c;
  }
  return out;
}

type Range = [number, number];

function matchRanges(text: string, terms: HighlightTerms): Range[] {
  const folded = fold(text);
  const ranges: Range[] = [];
  for (const t of new Set(terms.han)) {
    if (!t) continue;
    for (let i = folded.indexOf(t); i !== -1; i = folded.indexOf(t, i + t.length)) ranges.push([i, i + t.length]);
  }
  const exact = new Set(terms.exact);
  const prefixes = terms.prefixes.filter((p) => p.length >= 3);
  if (exact.size || prefixes.length) {
    for (const m of folded.matchAll(/(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)) {
      const word = m[0];
      if (exact.has(word) || prefixes.some((p) => word.startsWith(p))) ranges.push([m.index, m.index + word.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Does the text contain any of the terms? */
export function hasMatch(text: string, terms: HighlightTerms): boolean {
  return matchRanges(text, terms).length > 0;
}

/**
 * The escaped text with matches marked. With `crop`, a window of about that many characters
 * around the first match (or the beginning), with … where text was cut.
 */
export function highlight(text: string, terms: HighlightTerms, opts: { crop?: number } = {}): string {
  let ranges = matchRanges(text, terms);
  let start = 0;
  let end = text.length;
  if (opts.crop !== undefined && text.length > opts.crop) {
    const first = ranges[0]?.[0] ?? 0;
    start = Math.max(0, Math.min(first - Math.floor(opts.crop / 4), text.length - opts.crop));
    end = Math.min(text.length, start + opts.crop);
    // never cut a surrogate pair
    if (start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '')) start--;
    if (end < text.length && /[\udc00-\udfff]/.test(text[end] ?? '')) end++;
    ranges = ranges.filter((r) => r[1] > start && r[0] < end).map((r) => [Math.max(r[0], start), Math.min(r[1], end)] as Range);
  }
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const [a, b] of ranges) {
    out += escapeHtml(text.slice(pos, a)) + EM_OPEN + escapeHtml(text.slice(a, b)) + EM_CLOSE;
    pos = b;
  }
  out += escapeHtml(text.slice(pos, end));
  if (end < text.length) out += '…';
  return out;
}
