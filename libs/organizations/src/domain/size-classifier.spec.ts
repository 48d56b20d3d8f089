import { classifySize, INDUSTRIES, isIndustry, SIZE_TABLE, type Industry, type SizeClass } from './size-classifier.js';

const WAN = 1_000_000n; // fen per 万元
const BIG = 10n ** 15n; // comfortably above every threshold

const of = (industry: Industry, employees: number, revenueWan: bigint | number, assetsWan: bigint | number = BIG): SizeClass =>
  classifySize({ industry, employees, annualRevenueFen: BigInt(revenueWan) * WAN, totalAssetsFen: BigInt(assetsWan) * WAN });

/** revenue or assets one fen below `wan` 万元 */
const justBelow = (wan: number): { fen: bigint } => ({ fen: BigInt(wan) * WAN - 1n });

describe(classifySize.name, () => {
  describe('工业 (industry): 1000人/40000万, 300人+2000万, 20人+300万', () => {
    it('is large with 1000 staff and 40000万元 revenue', () => expect(of('industry', 1000, 40000)).toBe('large'));
    it('is medium with 999 staff even at huge revenue', () => expect(of('industry', 999, 10n ** 8n)).toBe('medium'));
    it('is medium one fen under 40000万元 even with many staff', () => {
      expect(classifySize({ industry: 'industry', employees: 5000, annualRevenueFen: justBelow(40000).fen, totalAssetsFen: 0n })).toBe('medium');
    });
    it('is medium at exactly 300 staff and 2000万元', () => expect(of('industry', 300, 2000)).toBe('medium'));
    it('is small with 299 staff at 2000万元', () => expect(of('industry', 299, 2000)).toBe('small'));
    it('is small with 300 staff one fen under 2000万元', () => {
      expect(classifySize({ industry: 'industry', employees: 300, annualRevenueFen: justBelow(2000).fen, totalAssetsFen: 0n })).toBe('small');
    });
    it('is small at exactly 20 staff and 300万元', () => expect(of('industry', 20, 300)).toBe('small'));
    it('is micro with 19 staff', () => expect(of('industry', 19, 300)).toBe('micro'));
    it('is micro one fen under 300万元', () => {
      expect(classifySize({ industry: 'industry', employees: 20, annualRevenueFen: justBelow(300).fen, totalAssetsFen: 0n })).toBe('micro');
    });
    it('follows the document: 1500 staff with 100万元 revenue is micro (either indicator below makes it micro)', () => {
      expect(of('industry', 1500, 100)).toBe('micro');
    });
  });

  describe('软件和信息技术服务业 (software_it): 300人/10000万, 100人+1000万, 10人+50万', () => {
    it('is large at 300 staff and 10000万元', () => expect(of('software_it', 300, 10000)).toBe('large'));
    it('is medium at 299 staff and 10000万元', () => expect(of('software_it', 299, 10000)).toBe('medium'));
    it('is medium at 300 staff one fen under 10000万元', () => {
      expect(classifySize({ industry: 'software_it', employees: 300, annualRevenueFen: justBelow(10000).fen, totalAssetsFen: 0n })).toBe('medium');
    });
    it('is medium at exactly 100 staff and 1000万元', () => expect(of('software_it', 100, 1000)).toBe('medium'));
    it('is small at 99 staff and 1000万元', () => expect(of('software_it', 99, 1000)).toBe('small'));
    it('is small at 100 staff one fen under 1000万元', () => {
      expect(classifySize({ industry: 'software_it', employees: 100, annualRevenueFen: justBelow(1000).fen, totalAssetsFen: 0n })).toBe('small');
    });
    it('is small at exactly 10 staff and 50万元', () => expect(of('software_it', 10, 50)).toBe('small'));
    it('is micro at 9 staff', () => expect(of('software_it', 9, 50)).toBe('micro'));
    it('is micro one fen under 50万元', () => {
      expect(classifySize({ industry: 'software_it', employees: 10, annualRevenueFen: justBelow(50).fen, totalAssetsFen: 0n })).toBe('micro');
    });
  });

  describe('批发业 (wholesale): 200人/40000万, 20人+5000万, 5人+1000万', () => {
    it('is large at 200 staff and 40000万元', () => expect(of('wholesale', 200, 40000)).toBe('large'));
    it('is medium at 199 staff and 40000万元', () => expect(of('wholesale', 199, 40000)).toBe('medium'));
    it('is medium at 200 staff one fen under 40000万元', () => {
      expect(classifySize({ industry: 'wholesale', employees: 200, annualRevenueFen: justBelow(40000).fen, totalAssetsFen: 0n })).toBe('medium');
    });
    it('is medium at exactly 20 staff and 5000万元', () => expect(of('wholesale', 20, 5000)).toBe('medium'));
    it('is small at 19 staff and 5000万元', () => expect(of('wholesale', 19, 5000)).toBe('small'));
    it('is small at 20 staff one fen under 5000万元', () => {
      expect(classifySize({ industry: 'wholesale', employees: 20, annualRevenueFen: justBelow(5000).fen, totalAssetsFen: 0n })).toBe('small');
    });
    it('is small at exactly 5 staff and 1000万元', () => expect(of('wholesale', 5, 1000)).toBe('small'));
    it('is micro at 4 staff', () => expect(of('wholesale', 4, 1000)).toBe('micro'));
    it('is micro one fen under 1000万元', () => {
      expect(classifySize({ industry: 'wholesale', employees: 5, annualRevenueFen: justBelow(1000).fen, totalAssetsFen: 0n })).toBe('micro');
    });
  });

  describe('零售业 (retail): 300人/20000万, 50人+500万, 10人+100万', () => {
    it('is large at 300 staff and 20000万元', () => expect(of('retail', 300, 20000)).toBe('large'));
    it('is medium at 299 staff and 20000万元', () => expect(of('retail', 299, 20000)).toBe('medium'));
    it('is medium at 300 staff one fen under 20000万元', () => {
      expect(classifySize({ industry: 'retail', employees: 300, annualRevenueFen: justBelow(20000).fen, totalAssetsFen: 0n })).toBe('medium');
    });
    it('is medium at exactly 50 staff and 500万元', () => expect(of('retail', 50, 500)).toBe('medium'));
    it('is small at 49 staff and 500万元', () => expect(of('retail', 49, 500)).toBe('small'));
    it('is small at 50 staff one fen under 500万元', () => {
      expect(classifySize({ industry: 'retail', employees: 50, annualRevenueFen: justBelow(500).fen, totalAssetsFen: 0n })).toBe('small');
    });
    it('is small at exactly 10 staff and 100万元', () => expect(of('retail', 10, 100)).toBe('small'));
    it('is micro at 9 staff', () => expect(of('retail', 9, 100)).toBe('micro'));
    it('is micro one fen under 100万元', () => {
      expect(classifySize({ industry: 'retail', employees: 10, annualRevenueFen: justBelow(100).fen, totalAssetsFen: 0n })).toBe('micro');
    });
  });

  describe('其他未列明行业 (other): employees only, 300 / 100 / 10', () => {
    it.each([
      [300, 'large'],
      [299, 'medium'],
      [100, 'medium'],
      [99, 'small'],
      [10, 'small'],
      [9, 'micro'],
      [0, 'micro'],
    ] as const)('classifies %i staff as %s whatever the revenue', (employees, expected) => {
      expect(of('other', employees, 0)).toBe(expected);
      expect(of('other', employees, 10n ** 9n)).toBe(expected);
    });
  });

  describe('rows measured by revenue and total assets', () => {
    it('建筑业 needs both revenue and assets at each bound', () => {
      expect(of('construction', 0, 80000, 80000)).toBe('large');
      expect(of('construction', 0, 80000, 79999)).toBe('medium');
      expect(of('construction', 0, 6000, 5000)).toBe('medium');
      expect(of('construction', 0, 6000, 4999)).toBe('small');
      expect(of('construction', 0, 300, 300)).toBe('small');
      expect(of('construction', 0, 300, 299)).toBe('micro');
      expect(of('construction', 0, 299, 10n ** 6n)).toBe('micro');
    });
    it('房地产开发经营 uses 200000万 revenue / 10000万 assets for large, 1000+5000 medium, 100+2000 small', () => {
      expect(of('real_estate_development', 0, 200000, 10000)).toBe('large');
      expect(of('real_estate_development', 0, 199999, 10000)).toBe('medium');
      expect(of('real_estate_development', 0, 1000, 5000)).toBe('medium');
      expect(of('real_estate_development', 0, 1000, 4999)).toBe('small');
      expect(of('real_estate_development', 0, 100, 2000)).toBe('small');
      expect(of('real_estate_development', 0, 100, 1999)).toBe('micro');
    });
    it('租赁和商务服务业 uses employees and total assets, not revenue', () => {
      expect(of('leasing_business_services', 300, 0, 120000)).toBe('large');
      expect(of('leasing_business_services', 100, 0, 8000)).toBe('medium');
      expect(of('leasing_business_services', 100, 0, 7999)).toBe('small');
      expect(of('leasing_business_services', 10, 0, 100)).toBe('small');
      expect(of('leasing_business_services', 9, 10n ** 9n, 100)).toBe('micro');
    });
    it('农、林、牧、渔业 uses revenue only: 20000 / 500 / 50', () => {
      expect(of('agriculture', 0, 20000, 0)).toBe('large');
      expect(of('agriculture', 5000, 19999, 0)).toBe('medium');
      expect(of('agriculture', 0, 500, 0)).toBe('medium');
      expect(of('agriculture', 0, 499, 0)).toBe('small');
      expect(of('agriculture', 0, 50, 0)).toBe('small');
      expect(of('agriculture', 0, 49, 0)).toBe('micro');
    });
  });

  describe('every row of the table', () => {
    const classes = ['large', 'medium', 'small'] as const;
    const below: Record<(typeof classes)[number], SizeClass> = { large: 'medium', medium: 'small', small: 'micro' };

    it.each(INDUSTRIES.map((i) => [i]))('%s: reaches each class at its bounds and drops one class one unit below any of them', (industry) => {
      const row = SIZE_TABLE[industry];
      for (const cls of classes) {
        const b = row[cls];
        const at = {
          industry,
          employees: b.employees ?? 0,
          annualRevenueFen: BigInt(b.revenueWan ?? 0) * WAN,
          totalAssetsFen: BigInt(b.assetsWan ?? 0) * WAN,
        };
        expect(classifySize(at)).toBe(cls);
        if (b.employees !== undefined) expect(classifySize({ ...at, employees: b.employees - 1 })).toBe(below[cls]);
        if (b.revenueWan !== undefined) expect(classifySize({ ...at, annualRevenueFen: at.annualRevenueFen - 1n })).toBe(below[cls]);
        if (b.assetsWan !== undefined) expect(classifySize({ ...at, totalAssetsFen: at.totalAssetsFen - 1n })).toBe(below[cls]);
      }
    });

    it('has bounds that grow from small to large on every indicator', () => {
      for (const industry of INDUSTRIES) {
        const { large, medium, small } = SIZE_TABLE[industry];
        for (const k of ['employees', 'revenueWan', 'assetsWan'] as const) {
          if (small[k] === undefined) continue;
          expect(medium[k]).toBeGreaterThan(small[k]);
          expect(large[k]).toBeGreaterThan(medium[k]!);
        }
      }
    });

    it('uses the same indicators for every class of a row', () => {
      for (const industry of INDUSTRIES) {
        const { large, medium, small } = SIZE_TABLE[industry];
        expect(Object.keys(large).sort()).toEqual(Object.keys(small).sort());
        expect(Object.keys(medium).sort()).toEqual(Object.keys(small).sort());
      }
    });
  });

  it('accepts amounts as safe-integer numbers of fen', () => {
    expect(classifySize({ industry: 'industry', employees: 300, annualRevenueFen: 2000 * 1_000_000, totalAssetsFen: 0 })).toBe('medium');
    expect(classifySize({ industry: 'industry', employees: 300, annualRevenueFen: 2000 * 1_000_000 - 1, totalAssetsFen: 0 })).toBe('small');
  });

  it('refuses an unknown industry, negative staff or an unsafe number', () => {
    expect(() => classifySize({ industry: 'mining' as Industry, employees: 1, annualRevenueFen: 0n, totalAssetsFen: 0n })).toThrow(RangeError);
    expect(() => classifySize({ industry: 'other', employees: -1, annualRevenueFen: 0n, totalAssetsFen: 0n })).toThrow(RangeError);
    expect(() => classifySize({ industry: 'other', employees: 1, annualRevenueFen: 2 ** 60, totalAssetsFen: 0n })).toThrow(RangeError);
  });
});

describe(isIndustry.name, () => {
  it('knows the 16 industry keys of the API', () => {
    expect(INDUSTRIES).toHaveLength(16);
    expect(isIndustry('software_it')).toBe(true);
    expect(isIndustry('mining')).toBe(false);
    expect(isIndustry(3)).toBe(false);
  });
});
