/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, as typists make
 * them: patnet → patent is one edit), stopping early once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** Typos tolerated for a word of this length (Meilisearch's defaults: 1 from 5 letters, 2 from 9). */
export function typoBudget(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

const DIGIT_RUN = /\p{Nd}+/gu;

/**
 * How many typos turn `typed` into `term`, or null when that is beyond what is tolerated. The rule
 * of both engines for words with digits (model numbers, standards: Zephyrine65, Instron5967,
 * GB/T 3920): the digits match exactly, and each run of letters is typo-tolerant as a word of its
 * own length, so `zephyrne65` → `zephyrine65` (one typo in nine letters) but never `zephyrine66`,
 * and a number (`3920`) is never corrected (`3921`). A run of three letters (EMC2000) gets no typo,
 * as the word EMC gets none; Meilisearch, matching the letters as a word of their own, could not
 * give it one either. A word without digits keeps the plain rule.
 */
export function typoDistance(typed: string, term: string): number | null {
  const digits = (w: string): string => (w.match(DIGIT_RUN) ?? []).join(' ');
  if (digits(typed) !== digits(term)) return null;
  const lettersTyped = typed.split(DIGIT_RUN);
  const lettersTerm = term.split(DIGIT_RUN);
  if (lettersTyped.length !== lettersTerm.length) return null;
  let total = 0;
  for (let i = 0; i < lettersTyped.length; i++) {
    const budget = typoBudget(lettersTyped[i].length);
    const d = editDistance(lettersTyped[i], lettersTerm[i], budget);
    if (d > budget) return null;
    total += d;
  }
  return total;
}
