import { categoryRows, regionRows } from './reference-data.js';
import { REGIONS } from './data/regions.js';
import { SERVICE_CATEGORY_TREE } from './data/service-categories.js';

describe(categoryRows.name, () => {
  const rows = categoryRows();

  it('puts every parent before its children and builds paths from the codes', () => {
    const seen = new Set<string>();
    for (const r of rows) {
      if (r.parentId !== null) expect(seen).toContain(r.parentId);
      seen.add(r.id);
    }
    expect(rows.find((r) => r.code === 'ip.patent-agency')?.path).toBe('ip/ip.patent-agency');
  });

  it('has unique codes and ids, seven roots, and three to six children per root', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(SERVICE_CATEGORY_TREE).toHaveLength(7);
    for (const root of SERVICE_CATEGORY_TREE) {
      expect(root.children!.length).toBeGreaterThanOrEqual(3);
      expect(root.children!.length).toBeLessThanOrEqual(6);
    }
  });

  it('refuses a child whose code does not extend its parent code', () => {
    expect(() => categoryRows([{ code: 'a', nameZh: '甲', nameEn: 'A', children: [{ code: 'b.x', nameZh: '乙', nameEn: 'B' }] }])).toThrow(/must start with a\./);
  });
});

describe(regionRows.name, () => {
  it('orders the city before the counties', () => {
    const rows = regionRows();
    expect(rows[0].code).toBe('350500');
    expect(rows.slice(1).every((r) => r.level === 'county' && r.parentCode === '350500')).toBe(true);
    expect(rows).toHaveLength(REGIONS.length);
  });

  it('holds six-digit codes only', () => {
    expect(REGIONS.every((r) => /^\d{6}$/.test(r.code))).toBe(true);
  });
});
