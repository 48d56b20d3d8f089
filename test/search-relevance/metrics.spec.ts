import { ndcgAtK, recallAtK } from './relevance.js';

describe(recallAtK.name, () => {
  it('counts judged ids among the first k over the number judged', () => {
    expect(recallAtK(['a', 'x', 'b', 'y'], { a: 2, b: 1, c: 1 }, 10)).toBeCloseTo(2 / 3);
  });

  it('ignores judged ids ranked below k', () => {
    expect(recallAtK(['x', 'y', 'a'], { a: 2 }, 2)).toBe(0);
  });

  it('caps the denominator at k, so a broad query can reach 1', () => {
    const relevant = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`d${i}`, 1 as const]));
    expect(recallAtK(Array.from({ length: 10 }, (_, i) => `d${i}`), relevant, 10)).toBe(1);
    expect(recallAtK(['d0', 'x'], relevant, 2)).toBe(0.5);
  });

  it('is 1 for a query with nothing judged', () => {
    expect(recallAtK(['a'], {}, 10)).toBe(1);
  });
});

describe(ndcgAtK.name, () => {
  it('is 1 for the ideal ordering', () => {
    expect(ndcgAtK(['a', 'b', 'c'], { a: 2, b: 1, c: 1 }, 10)).toBeCloseTo(1);
  });

  it('is 0 when nothing judged is retrieved', () => {
    expect(ndcgAtK(['x', 'y'], { a: 2 }, 10)).toBe(0);
  });

  it('discounts a relevant hit by log2 of its rank plus one', () => {
    // one judged id (gain 2^2 - 1 = 3) at rank 3: 3 / log2(4) over the ideal 3 / log2(2)
    expect(ndcgAtK(['x', 'y', 'a'], { a: 2 }, 10)).toBeCloseTo(0.5);
  });

  it('ranks a grade-2 hit above a grade-1 hit', () => {
    const relevant = { a: 2, b: 1 } as const;
    expect(ndcgAtK(['a', 'b'], relevant, 10)).toBeGreaterThan(ndcgAtK(['b', 'a'], relevant, 10));
    // (1 + 3 / log2 3) / (3 + 1 / log2 3)
    expect(ndcgAtK(['b', 'a'], relevant, 10)).toBeCloseTo((1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3)));
  });

  it('gives nothing for a duplicate hit and cuts at k', () => {
    expect(ndcgAtK(['a', 'a'], { a: 2, b: 2 }, 10)).toBeCloseTo(3 / (3 + 3 / Math.log2(3)));
    expect(ndcgAtK(['x', 'a'], { a: 2 }, 1)).toBe(0);
  });
});
