/**
 * Splitting an amount across funding sources (docs/product.md "Splitting across funding sources").
 * Pure functions over bigint fen: each part is rounded down, and the leftover fen go to the
 * largest share, the first listed on a tie.
 */
import { BP_SCALE, Money, type Fen } from '@innoserve/core';

export interface SourceShare<K extends string = string> {
  key: K;
  /** Basis points (5000 = 50%); the shares of one split sum to 10,000. */
  shareBp: number;
}

export interface SourceAvailable<K extends string = string> {
  key: K;
  availableFen: Fen;
}

export interface SplitPart<K extends string = string> {
  key: K;
  amountFen: Fen;
}

function checkKeys(keys: readonly string[]): void {
  if (keys.length === 0) throw new RangeError('a split needs at least one part');
  if (new Set(keys).size !== keys.length) throw new RangeError('a split lists each key once');
}

/** Index of the largest weight, the first listed on a tie. */
function largest(weights: readonly bigint[]): number {
  let best = 0;
  for (let i = 1; i < weights.length; i++) if (weights[i] > weights[best]) best = i;
  return best;
}

/**
 * A grant's parts: amount × shareBp / 10,000 each, rounded down; the leftover fen to the largest
 * share (first listed on a tie). Parts come back in the order given, zero parts included.
 */
export function splitByShares<K extends string>(amountFen: Fen, shares: readonly SourceShare<K>[]): SplitPart<K>[] {
  checkKeys(shares.map((s) => s.key));
  if (amountFen < 0n) throw new RangeError('cannot split a negative amount');
  let total = 0n;
  for (const s of shares) {
    if (!Number.isSafeInteger(s.shareBp) || s.shareBp < 0) throw new RangeError(`share of ${s.key} must be a non-negative integer of basis points`);
    total += BigInt(s.shareBp);
  }
  if (total !== BP_SCALE) throw new RangeError(`shares must sum to 10000 basis points, not ${total}`);
  const parts = shares.map((s) => ({ key: s.key, amountFen: Money.applyBp(amountFen, s.shareBp) }));
  const leftover = amountFen - parts.reduce((sum, p) => sum + p.amountFen, 0n);
  parts[largest(shares.map((s) => BigInt(s.shareBp)))].amountFen += leftover;
  return parts;
}

/**
 * A hold's parts, in proportion to the grant's available parts: amount × available / total each,
 * rounded down; the leftover fen to the largest available part (first listed on a tie). With
 * three or more parts the leftover can exceed what that part has left, so what does not fit
 * moves on to the next largest, and so on: no part ever exceeds its available amount, and any
 * amount up to the total succeeds. Throws a RangeError when the amount exceeds the total (callers
 * check first and answer with their own domain error).
 */
export function splitProportionally<K extends string>(amountFen: Fen, parts: readonly SourceAvailable<K>[]): SplitPart<K>[] {
  checkKeys(parts.map((p) => p.key));
  if (amountFen < 0n) throw new RangeError('cannot split a negative amount');
  let total = 0n;
  for (const p of parts) {
    if (p.availableFen < 0n) throw new RangeError(`available amount of ${p.key} is negative`);
    total += p.availableFen;
  }
  if (amountFen > total) throw new RangeError(`cannot split ${amountFen} fen over ${total} fen available`);
  const out = parts.map((p) => ({ key: p.key, amountFen: total === 0n ? 0n : Money.prorate(amountFen, p.availableFen, total) }));
  let leftover = amountFen - out.reduce((sum, p) => sum + p.amountFen, 0n);
  // largest available first, listed order on ties (a stable sort keeps it)
  const order = parts.map((_, i) => i).sort((a, b) => (parts[b].availableFen > parts[a].availableFen ? 1 : parts[b].availableFen < parts[a].availableFen ? -1 : 0));
  for (const i of order) {
    if (leftover === 0n) break;
    const room = parts[i].availableFen - out[i].amountFen;
    const give = room < leftover ? room : leftover;
    out[i].amountFen += give;
    leftover -= give;
  }
  return out;
}
