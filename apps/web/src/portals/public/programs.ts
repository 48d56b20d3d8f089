// Voucher programs as GET /programs and /programs/{id} answer them (libs/vouchers ProgramView, from
// the generated client), and the indicative subsidy the offering page shows.
import type { Schemas } from '../../api/client';

export type ProgramView = Schemas['ProgramViewDto'];

/** GET /enterprises/{id}/grants: a grant with its balances. */
export type EnterpriseGrant = Schemas['EnterpriseGrantViewDto'];

/** The deepest subsidy rule covering a category (`chain`: the root first, the category last); null when none. */
export function ruleFor(p: Pick<ProgramView, 'subsidyRules'>, chain: string[]): ProgramView['subsidyRules'][number] | null {
  let best: ProgramView['subsidyRules'][number] | null = null;
  let depth = -1;
  for (const r of p.subsidyRules) {
    const d = chain.indexOf(r.categoryId);
    if (d > depth) [best, depth] = [r, d];
  }
  return best;
}

/** min(floor(price × ratio), per-order cap, grant available): the product's rule, without the provider's cap (unknown here). */
export function subsidyOf(priceFen: number, rule: { ratioBp: number; perOrderCapFen: number | null }, availableFen: number): number {
  const byRatio = Number((BigInt(priceFen) * BigInt(rule.ratioBp)) / 10_000n);
  return Math.max(0, Math.min(byRatio, rule.perOrderCapFen ?? byRatio, availableFen));
}

export interface IndicativeSubsidy {
  grant: EnterpriseGrant;
  min: number;
  max: number;
  ownShareMin: number | null;
  ownShareMax: number | null;
}

/**
 * What the enterprise's grant would pay, indicatively: the active grant with money that covers the
 * offering and expires first (the grant `accept` uses by default), the deepest rule of its program.
 * A quote-priced offering gives a range over its indicative prices; a price per unit counts one unit.
 */
export function indicativeSubsidy(
  pricing: { kind: string; priceFen: number | null; minFen: number | null; maxFen: number | null },
  grants: EnterpriseGrant[],
  programs: ProgramView[],
  chain: string[],
  now = Date.now(),
): IndicativeSubsidy | null {
  const prices = pricing.kind === 'quote' ? [pricing.minFen, pricing.maxFen] : [pricing.priceFen];
  if (prices.some((p) => p === null)) return null;
  const candidates = grants
    .filter((g) => g.status === 'active' && g.availableFen > 0 && Date.parse(g.expiresAt) > now)
    .map((g) => ({ g, program: programs.find((p) => p.id === g.programId) }))
    .map(({ g, program }) => ({ g, rule: program ? ruleFor(program, chain) : null }))
    .filter((c) => c.rule !== null)
    .sort((a, b) => a.g.expiresOn.localeCompare(b.g.expiresOn));
  const first = candidates[0];
  if (!first) return null;
  const [lo, hi] = [prices[0]!, prices[prices.length - 1]!];
  const min = subsidyOf(lo, first.rule!, first.g.availableFen);
  const max = subsidyOf(hi, first.rule!, first.g.availableFen);
  return { grant: first.g, min, max, ownShareMin: lo - min, ownShareMax: hi - max };
}
