import { Money } from './money.js';

describe('Money', () => {
  it('rounds a basis-point share down to the fen', () => {
    expect(Money.applyBp(999n, 5000)).toBe(499n);
    expect(Money.applyBp(1n, 9999)).toBe(0n);
    expect(Money.applyBp(10_000n, 10_000)).toBe(10_000n);
  });
  it('refuses amounts beyond the JSON safe-integer range', () => {
    expect(() => Money.toJson(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => Money.fromJson(1.5)).toThrow(RangeError);
    expect(Money.toJson(123n)).toBe(123);
  });
  it('formats fen as yuan for display', () => {
    expect(Money.formatYuan(12345n)).toBe('123.45');
    expect(Money.formatYuan(-5n)).toBe('-0.05');
  });
});
