import { ValidationFailedError } from '@innoserve/core';
import { pricingColumns, pricingOf, pricingView, searchPrices } from './pricing.js';

function fields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationFailedError) return (e.errors ?? []).map((x) => x.field);
    throw e;
  }
  return [];
}

describe('pricingOf', () => {
  it('accepts a fixed price, a price per unit and a quote range', () => {
    expect(pricingOf({ kind: 'fixed', priceFen: 50_000 })).toEqual({ kind: 'fixed', priceFen: 50_000n });
    expect(pricingOf({ kind: 'per_unit', priceFen: 800, unitName: '样品' })).toEqual({ kind: 'per_unit', priceFen: 800n, unitName: '样品' });
    expect(pricingOf({ kind: 'quote', minFen: 100, maxFen: 100 })).toEqual({ kind: 'quote', minFen: 100n, maxFen: 100n });
  });

  it('names the missing and the misplaced fields', () => {
    expect(fields(() => pricingOf({ kind: 'fixed' }))).toEqual(['pricing.priceFen']);
    expect(fields(() => pricingOf({ kind: 'per_unit', priceFen: 1 }))).toEqual(['pricing.unitName']);
    expect(fields(() => pricingOf({ kind: 'quote', minFen: 1 }))).toEqual(['pricing.maxFen']);
    expect(fields(() => pricingOf({ kind: 'fixed', priceFen: 1, minFen: 1 }))).toEqual(['pricing.minFen']);
  });

  it('refuses a quote range whose maximum is below its minimum', () => {
    expect(fields(() => pricingOf({ kind: 'quote', minFen: 200, maxFen: 100 }))).toEqual(['pricing.maxFen']);
  });
});

describe('searchPrices', () => {
  it('uses the minimum of a quote range and the price otherwise', () => {
    expect(searchPrices(pricingColumns({ kind: 'quote', minFen: 300n, maxFen: 900n }))).toEqual({ priceFen: 300, priceMaxFen: 900 });
    expect(searchPrices(pricingColumns({ kind: 'per_unit', priceFen: 80n, unitName: '件' }))).toEqual({ priceFen: 80, priceMaxFen: 80 });
  });

  it('shows amounts as safe integers', () => {
    expect(pricingView(pricingColumns({ kind: 'fixed', priceFen: 12_345n }))).toEqual({ kind: 'fixed', priceFen: 12_345, unitName: null, minFen: null, maxFen: null });
  });
});
