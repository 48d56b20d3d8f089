import { formatBps, formatFen, fenToYuanInput, parseYuanToFen } from './money';

describe('web money helpers', () => {
  it('formats integer fen as yuan with grouping and two decimals', () => {
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(-100)).toBe('-¥1.00');
    expect(formatFen(123456789012)).toBe('¥1,234,567,890.12');
    expect(formatFen(1.5)).toBe('—');
  });

  it('parses typed yuan into integer fen without floating point', () => {
    expect(parseYuanToFen('1,234.56')).toBe(123456);
    expect(parseYuanToFen('¥0.1')).toBe(10);
    expect(parseYuanToFen('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999999999998 in floating point
    expect(parseYuanToFen('1.005')).toBeNull();
    expect(parseYuanToFen('-3')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
    expect(parseYuanToFen('12.')).toBe(1200);
  });

  it('round-trips every amount up to ¥100 exactly', () => {
    for (let fen = 0; fen <= 10000; fen++) expect(parseYuanToFen(fenToYuanInput(fen))).toBe(fen);
  });

  it('formats basis points as a percentage', () => {
    expect(formatBps(5000)).toBe('50%');
    expect(formatBps(3333)).toBe('33.33%');
    expect(formatBps(3350)).toBe('33.5%');
  });
});
