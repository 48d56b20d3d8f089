import { normalizeSearchQuery } from '../search-query.js';
import { meiliFilter, meiliFilterOf, meiliNumber, meiliString } from './meili-filter.js';

describe('meiliFilter', () => {
  it('double-quotes strings and escapes backslashes and quotes', () => {
    expect(meiliString('testing_lab')).toBe('"testing_lab"');
    expect(meiliString('say "hi"')).toBe('"say \\"hi\\""');
    expect(meiliString('C:\\path\\')).toBe('"C:\\\\path\\\\"');
    expect(meiliString(`it's`)).toBe(`"it's"`);
    expect(meiliString('纺织 检测')).toBe('"纺织 检测"');
  });

  it('keeps an injection attempt inside one string literal', () => {
    const evil = 'x" OR categoryPath EXISTS OR "';
    const f = meiliFilter.eq('categoryPath', evil);
    expect(f).toBe('categoryPath = "x\\" OR categoryPath EXISTS OR \\""');
    // the literal opens after "= " and closes only at the very end: every inner quote is escaped
    const inner = f.slice('categoryPath = "'.length, -1);
    expect(inner.replace(/\\\\/g, '').replace(/\\"/g, '')).not.toContain('"');
    const backslashed = meiliFilter.eq('providerTypes', 'a\\" OR 1=1 OR \\"');
    expect(backslashed).toBe('providerTypes = "a\\\\\\" OR 1=1 OR \\\\\\""');
  });

  it('builds IN lists, and nothing for an empty list', () => {
    expect(meiliFilter.in('regionCodes', ['350500', '35"05'])).toBe('regionCodes IN ["350500", "35\\"05"]');
    expect(meiliFilter.in('leadTimeDays', [1, 2])).toBe('leadTimeDays IN [1, 2]');
    expect(meiliFilter.in('regionCodes', [])).toBeNull();
  });

  it('builds numeric ranges from the bounds given and refuses non-finite numbers', () => {
    expect(meiliFilter.range('priceFen', { gte: 100, lte: 200 })).toBe('priceFen >= 100 AND priceFen <= 200');
    expect(meiliFilter.range('priceFen', { gte: 0 })).toBe('priceFen >= 0');
    expect(meiliFilter.range('priceFen', { lte: null })).toBeNull();
    expect(() => meiliNumber(Number.NaN)).toThrow(RangeError);
    expect(() => meiliNumber(Infinity)).toThrow(RangeError);
  });

  it('refuses attribute names that are not plain identifiers', () => {
    expect(() => meiliFilter.eq('id = "x" OR id', 'y')).toThrow(RangeError);
    expect(() => meiliFilter.range('price fen', { gte: 1 })).toThrow(RangeError);
  });

  it('parenthesizes the parts of AND and OR, skipping empty ones', () => {
    expect(meiliFilter.and('a = 1', null, 'b = 2 OR c = 3')).toBe('(a = 1) AND (b = 2 OR c = 3)');
    expect(meiliFilter.and('a = 1', undefined)).toBe('a = 1');
    expect(meiliFilter.or(null)).toBeNull();
  });
});

describe(meiliFilterOf.name, () => {
  it('maps every filter of a query, with the region covering counties and whole-city offerings', () => {
    const q = normalizeSearchQuery({
      category: 'cat-1',
      providerType: 'testing_lab',
      region: '350582',
      qualification: 'CMA',
      program: 'prog"1',
      priceMinFen: 1000,
      priceMaxFen: 5000,
      leadTimeMaxDays: 7,
    });
    expect(meiliFilterOf(q)).toBe(
      [
        '(categoryPath = "cat-1")',
        '(providerTypes = "testing_lab")',
        '((regionCoverage = "350582") OR (regionCodes IN ["350500"]))',
        '(qualificationKinds = "CMA")',
        '(programIds = "prog\\"1")',
        '(priceMaxFen >= 1000)',
        '(priceFen <= 5000)',
        '(leadTimeDays <= 7)',
      ].join(' AND '),
    );
  });

  it('has no filter for a query without filters', () => {
    expect(meiliFilterOf(normalizeSearchQuery({ q: '检测' }))).toBeUndefined();
  });
});
