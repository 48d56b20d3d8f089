import fc from 'fast-check';
import { Money } from '@innoserve/core';
import { splitByShares, splitProportionally } from './funding-split.js';

const sum = (parts: { amountFen: bigint }[]): bigint => parts.reduce((s, p) => s + p.amountFen, 0n);

/** Shares in basis points that sum to 10,000, with distinct keys s0, s1, … */
const sharesArb = fc
  .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 })
  .map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const bps = sorted.map((c, i) => c - (i === 0 ? 0 : sorted[i - 1])).concat(10_000 - sorted[sorted.length - 1]);
    return bps.map((shareBp, i) => ({ key: `s${i}`, shareBp }));
  });

const availableArb = fc.array(fc.bigInt({ min: 0n, max: 10_000_000_000n }), { minLength: 1, maxLength: 6 }).map((xs) => xs.map((availableFen, i) => ({ key: `s${i}`, availableFen })));

describe(splitByShares.name, () => {
  it('splits 50/50 with the odd fen to the first listed on a tie', () => {
    expect(splitByShares(1001n, [{ key: 'city', shareBp: 5000 }, { key: 'county', shareBp: 5000 }])).toEqual([
      { key: 'city', amountFen: 501n },
      { key: 'county', amountFen: 500n },
    ]);
  });

  it('gives the leftover fen to the largest share, wherever it is listed', () => {
    expect(splitByShares(100n, [{ key: 'a', shareBp: 3333 }, { key: 'b', shareBp: 3334 }, { key: 'c', shareBp: 3333 }])).toEqual([
      { key: 'a', amountFen: 33n },
      { key: 'b', amountFen: 34n },
      { key: 'c', amountFen: 33n },
    ]);
    expect(splitByShares(7n, [{ key: 'a', shareBp: 3000 }, { key: 'b', shareBp: 7000 }])).toEqual([
      { key: 'a', amountFen: 2n },
      { key: 'b', amountFen: 5n },
    ]);
  });

  it('puts the whole amount on a single 100% source', () => {
    expect(splitByShares(12_345n, [{ key: 'city', shareBp: 10_000 }])).toEqual([{ key: 'city', amountFen: 12_345n }]);
  });

  it('keeps zero shares as zero parts in the listed order', () => {
    expect(splitByShares(999n, [{ key: 'a', shareBp: 0 }, { key: 'b', shareBp: 10_000 }])).toEqual([
      { key: 'a', amountFen: 0n },
      { key: 'b', amountFen: 999n },
    ]);
  });

  it('splits zero into zero parts', () => {
    expect(splitByShares(0n, [{ key: 'a', shareBp: 4000 }, { key: 'b', shareBp: 6000 }])).toEqual([
      { key: 'a', amountFen: 0n },
      { key: 'b', amountFen: 0n },
    ]);
  });

  it('refuses shares that do not sum to 10,000 basis points', () => {
    expect(() => splitByShares(100n, [{ key: 'a', shareBp: 5000 }, { key: 'b', shareBp: 4999 }])).toThrow(/sum to 10000/);
    expect(() => splitByShares(100n, [{ key: 'a', shareBp: 5000 }, { key: 'b', shareBp: 5001 }])).toThrow(RangeError);
  });

  it('refuses negative, fractional or duplicate shares, an empty list and a negative amount', () => {
    expect(() => splitByShares(100n, [{ key: 'a', shareBp: -1 }, { key: 'b', shareBp: 10_001 }])).toThrow(RangeError);
    expect(() => splitByShares(100n, [{ key: 'a', shareBp: 5000.5 }, { key: 'b', shareBp: 4999.5 }])).toThrow(RangeError);
    expect(() => splitByShares(100n, [{ key: 'a', shareBp: 5000 }, { key: 'a', shareBp: 5000 }])).toThrow(/once/);
    expect(() => splitByShares(100n, [])).toThrow(RangeError);
    expect(() => splitByShares(-1n, [{ key: 'a', shareBp: 10_000 }])).toThrow(RangeError);
  });

  it('always returns parts that sum exactly to the amount, none negative', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), sharesArb, (amount, shares) => {
        const parts = splitByShares(amount, shares);
        expect(sum(parts)).toBe(amount);
        expect(parts.map((p) => p.key)).toEqual(shares.map((s) => s.key));
        for (const p of parts) expect(p.amountFen >= 0n).toBe(true);
      }),
    );
  });

  it('rounds every part down except the largest share, which takes the leftover (fewer fen than there are parts)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), sharesArb, (amount, shares) => {
        const parts = splitByShares(amount, shares);
        const maxBp = Math.max(...shares.map((s) => s.shareBp));
        const winner = shares.findIndex((s) => s.shareBp === maxBp);
        parts.forEach((p, i) => {
          const floor = Money.applyBp(amount, shares[i].shareBp);
          if (i === winner) {
            expect(p.amountFen >= floor).toBe(true);
            expect(p.amountFen - floor < BigInt(shares.length)).toBe(true);
          } else {
            expect(p.amountFen).toBe(floor);
          }
        });
      }),
    );
  });
});

describe(splitProportionally.name, () => {
  it('splits a hold in proportion to the available parts', () => {
    expect(splitProportionally(300n, [{ key: 'city', availableFen: 1000n }, { key: 'county', availableFen: 500n }])).toEqual([
      { key: 'city', amountFen: 200n },
      { key: 'county', amountFen: 100n },
    ]);
  });

  it('gives the odd fen to the larger available part', () => {
    // 301 × 500/1500 = 100.33 → 100; 301 × 1000/1500 = 200.67 → 200; the leftover fen goes to city, the larger part
    expect(splitProportionally(301n, [{ key: 'county', availableFen: 500n }, { key: 'city', availableFen: 1000n }])).toEqual([
      { key: 'county', amountFen: 100n },
      { key: 'city', amountFen: 201n },
    ]);
  });

  it('gives the odd fen to the first listed on a tie', () => {
    expect(splitProportionally(3n, [{ key: 'a', availableFen: 5n }, { key: 'b', availableFen: 5n }])).toEqual([
      { key: 'a', amountFen: 2n },
      { key: 'b', amountFen: 1n },
    ]);
  });

  it('lets leftover that does not fit the largest part move on to the next', () => {
    // 2 × 1/3 = 0 each, leftover 2: the first takes 1 (all it has), the second takes 1
    expect(splitProportionally(2n, [{ key: 'a', availableFen: 1n }, { key: 'b', availableFen: 1n }, { key: 'c', availableFen: 1n }])).toEqual([
      { key: 'a', amountFen: 1n },
      { key: 'b', amountFen: 1n },
      { key: 'c', amountFen: 0n },
    ]);
  });

  it('takes everything when the amount equals the total', () => {
    expect(splitProportionally(1501n, [{ key: 'a', availableFen: 1000n }, { key: 'b', availableFen: 501n }])).toEqual([
      { key: 'a', amountFen: 1000n },
      { key: 'b', amountFen: 501n },
    ]);
  });

  it('never draws on an empty part', () => {
    expect(splitProportionally(7n, [{ key: 'a', availableFen: 0n }, { key: 'b', availableFen: 9n }])).toEqual([
      { key: 'a', amountFen: 0n },
      { key: 'b', amountFen: 7n },
    ]);
    expect(splitProportionally(0n, [{ key: 'a', availableFen: 0n }])).toEqual([{ key: 'a', amountFen: 0n }]);
  });

  it('refuses an amount above the total available, a negative amount or part, and duplicate keys', () => {
    expect(() => splitProportionally(11n, [{ key: 'a', availableFen: 5n }, { key: 'b', availableFen: 5n }])).toThrow(/cannot split 11 fen over 10 fen/);
    expect(() => splitProportionally(-1n, [{ key: 'a', availableFen: 5n }])).toThrow(RangeError);
    expect(() => splitProportionally(1n, [{ key: 'a', availableFen: -5n }, { key: 'b', availableFen: 10n }])).toThrow(RangeError);
    expect(() => splitProportionally(1n, [{ key: 'a', availableFen: 5n }, { key: 'a', availableFen: 5n }])).toThrow(RangeError);
  });

  it('always returns parts that sum exactly to the amount, none negative, none above its available', () => {
    fc.assert(
      fc.property(
        availableArb.chain((parts) => fc.tuple(fc.constant(parts), fc.bigInt({ min: 0n, max: parts.reduce((s, p) => s + p.availableFen, 0n) }))),
        ([parts, amount]) => {
          const out = splitProportionally(amount, parts);
          expect(sum(out)).toBe(amount);
          out.forEach((p, i) => {
            expect(p.key).toBe(parts[i].key);
            expect(p.amountFen >= 0n).toBe(true);
            expect(p.amountFen <= parts[i].availableFen).toBe(true);
          });
        },
      ),
    );
  });

  it('rounds every part down except the largest available part, which takes the leftover when it fits', () => {
    fc.assert(
      fc.property(
        availableArb.chain((parts) => fc.tuple(fc.constant(parts), fc.bigInt({ min: 0n, max: parts.reduce((s, p) => s + p.availableFen, 0n) }))),
        ([parts, amount]) => {
          const total = parts.reduce((s, p) => s + p.availableFen, 0n);
          const floors = parts.map((p) => (total === 0n ? 0n : Money.prorate(amount, p.availableFen, total)));
          const leftover = amount - floors.reduce((s, f) => s + f, 0n);
          const max = parts.reduce((m, p) => (p.availableFen > m ? p.availableFen : m), 0n);
          const winner = parts.findIndex((p) => p.availableFen === max);
          const out = splitProportionally(amount, parts);
          // each part gets at least its rounded-down share and at most one extra fen per part
          out.forEach((p, i) => {
            expect(p.amountFen >= floors[i]).toBe(true);
            expect(p.amountFen - floors[i] < BigInt(parts.length)).toBe(true);
          });
          if (floors[winner] + leftover <= max) {
            out.forEach((p, i) => expect(p.amountFen).toBe(i === winner ? floors[i] + leftover : floors[i]));
          }
        },
      ),
    );
  });

  it('never overflows with two sources: the larger part takes the odd fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, f) => {
        const total = a + b;
        const amount = BigInt(Math.floor(Number(total) * f));
        const out = splitProportionally(amount, [{ key: 'a', availableFen: a }, { key: 'b', availableFen: b }]);
        const fa = Money.prorate(amount, a, total);
        const fb = Money.prorate(amount, b, total);
        const winner = b > a ? 1 : 0;
        expect(out[winner].amountFen).toBe((winner === 0 ? fa : fb) + (amount - fa - fb));
        expect(out[1 - winner].amountFen).toBe(winner === 0 ? fb : fa);
      }),
    );
  });
});
