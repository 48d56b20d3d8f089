/** Offering pricing: a fixed price, a price per unit (with the unit's name), or quote-only with an indicative range. */
import { ValidationFailedError, type FieldError } from '@innoserve/core';

export const PRICING_KINDS = ['fixed', 'per_unit', 'quote'] as const;
export type PricingKind = (typeof PRICING_KINDS)[number];

export type Pricing =
  | { kind: 'fixed'; priceFen: bigint }
  | { kind: 'per_unit'; priceFen: bigint; unitName: string }
  | { kind: 'quote'; minFen: bigint; maxFen: bigint };

/** The columns of a pricing (what the entity stores). */
export interface PricingColumns {
  pricingKind: PricingKind;
  priceFen: bigint | null;
  unitName: string | null;
  minFen: bigint | null;
  maxFen: bigint | null;
}

export interface PricingInput {
  kind: PricingKind;
  priceFen?: number;
  unitName?: string;
  minFen?: number;
  maxFen?: number;
}

/**
 * A pricing from request input, or 400 VALIDATION_FAILED naming the fields: fixed needs
 * priceFen; per_unit needs priceFen and unitName; quote needs minFen ≤ maxFen; fields that do
 * not belong to the kind are refused rather than silently dropped.
 */
export function pricingOf(input: PricingInput, field = 'pricing'): Pricing {
  const errors: FieldError[] = [];
  const need = (name: keyof PricingInput) => {
    if (input[name] === undefined) errors.push({ field: `${field}.${name}`, message: `${name} is required for ${input.kind} pricing` });
  };
  const refuse = (...names: (keyof PricingInput)[]) => {
    for (const name of names) if (input[name] !== undefined) errors.push({ field: `${field}.${name}`, message: `${name} does not apply to ${input.kind} pricing` });
  };
  switch (input.kind) {
    case 'fixed':
      need('priceFen');
      refuse('unitName', 'minFen', 'maxFen');
      break;
    case 'per_unit':
      need('priceFen');
      need('unitName');
      refuse('minFen', 'maxFen');
      break;
    case 'quote':
      need('minFen');
      need('maxFen');
      refuse('priceFen', 'unitName');
      if (input.minFen !== undefined && input.maxFen !== undefined && input.minFen > input.maxFen) {
        errors.push({ field: `${field}.maxFen`, message: 'maxFen must not be below minFen' });
      }
      break;
  }
  if (errors.length) throw new ValidationFailedError(errors);
  switch (input.kind) {
    case 'fixed':
      return { kind: 'fixed', priceFen: BigInt(input.priceFen!) };
    case 'per_unit':
      return { kind: 'per_unit', priceFen: BigInt(input.priceFen!), unitName: input.unitName! };
    case 'quote':
      return { kind: 'quote', minFen: BigInt(input.minFen!), maxFen: BigInt(input.maxFen!) };
  }
}

export function pricingColumns(p: Pricing): PricingColumns {
  switch (p.kind) {
    case 'fixed':
      return { pricingKind: 'fixed', priceFen: p.priceFen, unitName: null, minFen: null, maxFen: null };
    case 'per_unit':
      return { pricingKind: 'per_unit', priceFen: p.priceFen, unitName: p.unitName, minFen: null, maxFen: null };
    case 'quote':
      return { pricingKind: 'quote', priceFen: null, unitName: null, minFen: p.minFen, maxFen: p.maxFen };
  }
}

/** The pricing as JSON (safe integers of fen), as the API shows it. */
export interface PricingView {
  kind: PricingKind;
  priceFen: number | null;
  unitName: string | null;
  minFen: number | null;
  maxFen: number | null;
}

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

export function pricingView(c: PricingColumns): PricingView {
  return { kind: c.pricingKind, priceFen: num(c.priceFen), unitName: c.unitName, minFen: num(c.minFen), maxFen: num(c.maxFen) };
}

/**
 * The price search sorts and filters by (docs/product.md: quote-only offerings by their minimum) and
 * the top of the range (the max of a quote, else the price).
 */
export function searchPrices(c: PricingColumns): { priceFen: number; priceMaxFen: number } {
  const low = c.pricingKind === 'quote' ? c.minFen : c.priceFen;
  const high = c.pricingKind === 'quote' ? c.maxFen : c.priceFen;
  return { priceFen: Number(low ?? 0n), priceMaxFen: Number(high ?? low ?? 0n) };
}
