import fc from 'fast-check';
import { SubsidyCalculator, disputeRefund, type SubsidyInput } from './subsidy-calculator.js';

const calc = new SubsidyCalculator();
const base: SubsidyInput = { priceFen: 100_000n, ratioBp: 5000, perOrderCapFen: 1_000_000n, grantAvailableFen: 1_000_000n, providerCapRemainingFen: 1_000_000n };

const fen = (max = 10n ** 12n) => fc.bigInt({ min: 0n, max });
const inputArb: fc.Arbitrary<SubsidyInput> = fc.record({
  priceFen: fen(),
  ratioBp: fc.integer({ min: 0, max: 10_000 }),
  perOrderCapFen: fc.option(fen(), { nil: null }),
  grantAvailableFen: fen(),
  providerCapRemainingFen: fc.option(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 12n }), { nil: null }),
});

describe(SubsidyCalculator.name, () => {
  it('pays the ratio of the price when no cap binds', () => {
    expect(calc.calculate(base)).toEqual({ subsidyFen: 50_000n, ownShareFen: 50_000n, ratioAmountFen: 50_000n, limitedBy: 'ratio' });
  });

  it('rounds the ratio amount down to the fen', () => {
    const r = calc.calculate({ ...base, priceFen: 999n, ratioBp: 5000 });
    expect(r.subsidyFen).toBe(499n);
    expect(r.ownShareFen).toBe(500n);
    expect(calc.calculate({ ...base, priceFen: 1n, ratioBp: 9999 }).subsidyFen).toBe(0n);
    expect(calc.calculate({ ...base, priceFen: 10_001n, ratioBp: 3333 }).subsidyFen).toBe(3333n);
  });

  it('caps the subsidy at the per-order cap', () => {
    expect(calc.calculate({ ...base, perOrderCapFen: 20_000n })).toMatchObject({ subsidyFen: 20_000n, ownShareFen: 80_000n, limitedBy: 'per_order_cap' });
  });

  it('lets the ratio decide when it equals the per-order cap exactly', () => {
    expect(calc.calculate({ ...base, perOrderCapFen: 50_000n })).toMatchObject({ subsidyFen: 50_000n, limitedBy: 'ratio' });
    expect(calc.calculate({ ...base, perOrderCapFen: 49_999n })).toMatchObject({ subsidyFen: 49_999n, limitedBy: 'per_order_cap' });
  });

  it('caps the subsidy at what the grant has available', () => {
    expect(calc.calculate({ ...base, grantAvailableFen: 12_345n })).toMatchObject({ subsidyFen: 12_345n, ownShareFen: 87_655n, limitedBy: 'grant_available' });
    expect(calc.calculate({ ...base, grantAvailableFen: 0n })).toMatchObject({ subsidyFen: 0n, ownShareFen: 100_000n, limitedBy: 'grant_available' });
  });

  it("caps the subsidy at the provider's remaining annual cap", () => {
    expect(calc.calculate({ ...base, providerCapRemainingFen: 7n })).toMatchObject({ subsidyFen: 7n, limitedBy: 'provider_cap' });
  });

  it('gives no subsidy once the provider cap is used up, or overdrawn after a lowered cap', () => {
    expect(calc.calculate({ ...base, providerCapRemainingFen: 0n })).toMatchObject({ subsidyFen: 0n, ownShareFen: 100_000n, limitedBy: 'provider_cap' });
    expect(calc.calculate({ ...base, providerCapRemainingFen: -500n })).toMatchObject({ subsidyFen: 0n, ownShareFen: 100_000n });
  });

  it('treats a missing per-order or provider cap as no cap', () => {
    expect(calc.calculate({ ...base, perOrderCapFen: null, providerCapRemainingFen: null })).toMatchObject({ subsidyFen: 50_000n, limitedBy: 'ratio' });
  });

  it('pays nothing at a zero ratio and the whole price at 100%', () => {
    expect(calc.calculate({ ...base, ratioBp: 0 }).subsidyFen).toBe(0n);
    expect(calc.calculate({ ...base, ratioBp: 10_000 })).toMatchObject({ subsidyFen: 100_000n, ownShareFen: 0n });
  });

  it('handles a zero price', () => {
    expect(calc.calculate({ ...base, priceFen: 0n })).toMatchObject({ subsidyFen: 0n, ownShareFen: 0n });
  });

  it('refuses a negative price, cap or available amount and a ratio outside 0…10,000', () => {
    expect(() => calc.calculate({ ...base, priceFen: -1n })).toThrow(RangeError);
    expect(() => calc.calculate({ ...base, perOrderCapFen: -1n })).toThrow(RangeError);
    expect(() => calc.calculate({ ...base, grantAvailableFen: -1n })).toThrow(RangeError);
    expect(() => calc.calculate({ ...base, ratioBp: 10_001 })).toThrow(RangeError);
    expect(() => calc.calculate({ ...base, ratioBp: -1 })).toThrow(RangeError);
    expect(() => calc.calculate({ ...base, ratioBp: 50.5 })).toThrow(RangeError);
  });

  it('never pays more than the price, the ratio amount or any cap, and the own share is never negative', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = calc.calculate(input);
        expect(r.subsidyFen >= 0n).toBe(true);
        expect(r.subsidyFen <= input.priceFen).toBe(true);
        expect(r.subsidyFen <= r.ratioAmountFen).toBe(true);
        expect(r.ownShareFen >= 0n).toBe(true);
        expect(r.ownShareFen + r.subsidyFen).toBe(input.priceFen);
        if (input.perOrderCapFen !== null) expect(r.subsidyFen <= input.perOrderCapFen).toBe(true);
        expect(r.subsidyFen <= input.grantAvailableFen).toBe(true);
        if (input.providerCapRemainingFen !== null) {
          expect(r.subsidyFen <= (input.providerCapRemainingFen < 0n ? 0n : input.providerCapRemainingFen)).toBe(true);
          if (input.providerCapRemainingFen <= 0n) expect(r.subsidyFen).toBe(0n);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('equals the smallest of the bounds, and names a bound that has that value', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = calc.calculate(input);
        const ratio = (input.priceFen * BigInt(input.ratioBp)) / 10_000n;
        const bounds: Record<string, bigint> = { ratio, grant_available: input.grantAvailableFen };
        if (input.perOrderCapFen !== null) bounds.per_order_cap = input.perOrderCapFen;
        if (input.providerCapRemainingFen !== null) bounds.provider_cap = input.providerCapRemainingFen < 0n ? 0n : input.providerCapRemainingFen;
        const min = Object.values(bounds).reduce((a, b) => (b < a ? b : a));
        expect(r.subsidyFen).toBe(min);
        expect(bounds[r.limitedBy]).toBe(min);
      }),
      { numRuns: 500 },
    );
  });
});

describe(disputeRefund.name, () => {
  it('releases the subsidy share of the refund, rounded down, and refunds the rest of the own share', () => {
    // price 1000, subsidy 333, refund 500 → released floor(500 × 333 / 1000) = 166, own share 334
    expect(disputeRefund({ priceFen: 1000n, subsidyFen: 333n, refundFen: 500n })).toEqual({
      subsidyReleasedFen: 166n,
      ownShareRefundedFen: 334n,
      claimableSubsidyFen: 167n,
    });
  });

  it('releases the whole subsidy and refunds the whole own share on a full refund', () => {
    expect(disputeRefund({ priceFen: 1000n, subsidyFen: 333n, refundFen: 1000n })).toEqual({
      subsidyReleasedFen: 333n,
      ownShareRefundedFen: 667n,
      claimableSubsidyFen: 0n,
    });
  });

  it('changes nothing on a zero refund', () => {
    expect(disputeRefund({ priceFen: 1000n, subsidyFen: 333n, refundFen: 0n })).toEqual({ subsidyReleasedFen: 0n, ownShareRefundedFen: 0n, claimableSubsidyFen: 333n });
  });

  it('is also reachable from the calculator', () => {
    expect(calc.disputeRefund({ priceFen: 3n, subsidyFen: 1n, refundFen: 2n })).toEqual({ subsidyReleasedFen: 0n, ownShareRefundedFen: 2n, claimableSubsidyFen: 1n });
  });

  it('handles a free order', () => {
    expect(disputeRefund({ priceFen: 0n, subsidyFen: 0n, refundFen: 0n })).toEqual({ subsidyReleasedFen: 0n, ownShareRefundedFen: 0n, claimableSubsidyFen: 0n });
  });

  it('refuses a refund above the price, a subsidy above the price and negative inputs', () => {
    expect(() => disputeRefund({ priceFen: 100n, subsidyFen: 50n, refundFen: 101n })).toThrow(RangeError);
    expect(() => disputeRefund({ priceFen: 100n, subsidyFen: 101n, refundFen: 1n })).toThrow(RangeError);
    expect(() => disputeRefund({ priceFen: 100n, subsidyFen: 50n, refundFen: -1n })).toThrow(RangeError);
  });

  it('splits R exactly, never releasing more than the subsidy nor refunding more than the own share', () => {
    fc.assert(
      fc.property(
        fen().chain((price) => fc.tuple(fc.constant(price), fc.bigInt({ min: 0n, max: price }), fc.bigInt({ min: 0n, max: price }))),
        ([priceFen, subsidyFen, refundFen]) => {
          const r = disputeRefund({ priceFen, subsidyFen, refundFen });
          expect(r.subsidyReleasedFen + r.ownShareRefundedFen).toBe(refundFen);
          expect(r.subsidyReleasedFen >= 0n && r.subsidyReleasedFen <= subsidyFen).toBe(true);
          expect(r.ownShareRefundedFen >= 0n && r.ownShareRefundedFen <= priceFen - subsidyFen).toBe(true);
          expect(r.claimableSubsidyFen).toBe(subsidyFen - r.subsidyReleasedFen);
          if (priceFen > 0n) expect(r.subsidyReleasedFen).toBe((refundFen * subsidyFen) / priceFen);
        },
      ),
      { numRuns: 500 },
    );
  });
});
