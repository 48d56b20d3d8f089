/** What the rules share: SQL fragments and the day in ms (money and days: BP_SCALE and addDays of @innoserve/core). */
import { LIVE_CLAIM_STATUSES } from '../../domain/claim-state-machine.js';

export const DAY_MS = 86_400_000;

/** Stands for "no claim yet" in `id <> $n` (a claim evaluated before it is written). */
export const NO_CLAIM_ID = '00000000-0000-0000-0000-000000000000';

/** The claim statuses that hold their order and their fapiao, as an SQL list (the same as the partial unique indexes). */
export const LIVE_CLAIMS_SQL = `status IN (${LIVE_CLAIM_STATUSES.map((s) => `'${s}'`).join(',')})`;

/** Orders that never became, or stopped being, a purchase: a declined request, a cancelled order. */
export const NOT_A_PURCHASE_SQL = `status NOT IN ('declined','cancelled')`;

/** ceil(a / b) for positive bigints. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
