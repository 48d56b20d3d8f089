import { SERVICE_CATEGORY_TREE, categoryIdOf } from '@innoserve/reference';
import { pricingOf } from '../domain/pricing.js';
import { demoOfferings, type DemoOfferingProvider } from './demo-offerings.js';

const provider = (id: string, name: string, regionCode: string, roots: string[], quals: string[]): DemoOfferingProvider => ({
  id,
  name,
  regionCode,
  categoryIds: roots.map(categoryIdOf),
  qualificationKinds: quals,
});

/** The demo's admitted providers (apps/cli/src/seed/demo-data.ts), with made-up ids. */
const PROVIDERS = [
  provider('00000000-0000-4000-8000-000000000001', '泉州市纺织服装产品质量检测中心有限公司', '350582', ['testing'], ['CMA', 'CNAS']),
  provider('00000000-0000-4000-8000-000000000002', '福建闽南检验认证技术有限公司', '350503', ['testing'], ['CMA']),
  provider('00000000-0000-4000-8000-000000000003', '泉州智权知识产权代理有限公司', '350503', ['ip'], ['PATENT_AGENCY']),
  provider('00000000-0000-4000-8000-000000000004', '晋江市专利导航服务有限公司', '350582', ['ip', 'consulting'], ['PATENT_AGENCY']),
  provider('00000000-0000-4000-8000-000000000005', '泉州海丝技术转移中心有限公司', '350502', ['transfer'], []),
  provider('00000000-0000-4000-8000-000000000006', '泉州芯谷众创空间管理有限公司', '350505', ['incubation'], ['MAKERSPACE_NATIONAL']),
  provider('00000000-0000-4000-8000-000000000008', '泉州工业设计研究院有限公司', '350503', ['rd'], []),
  provider('00000000-0000-4000-8000-000000000009', '泉州台商投资区中试熟化基地有限公司', '350572', ['pilot', 'rd'], []),
];

describe('demoOfferings', () => {
  const offerings = demoOfferings(PROVIDERS);

  it('produces about two hundred offerings, the same every time', () => {
    expect(offerings.length).toBeGreaterThanOrEqual(180);
    expect(offerings.length).toBeLessThanOrEqual(240);
    expect(demoOfferings(PROVIDERS)).toEqual(offerings);
  });

  it('covers every sub-category and many Quanzhou counties', () => {
    const subs = SERVICE_CATEGORY_TREE.flatMap((r) => (r.children ?? []).map((c) => categoryIdOf(c.code)));
    expect(new Set(offerings.map((o) => o.categoryId))).toEqual(new Set(subs));
    const regions = new Set(offerings.flatMap((o) => o.regionCodes));
    expect(regions.size).toBeGreaterThanOrEqual(10);
    expect(regions).toContain('350500');
  });

  it('includes textile testing (纺织 检测) and patent (专利) offerings, with English trade words', () => {
    expect(offerings.some((o) => o.title.includes('纺织') && o.title.includes('检测'))).toBe(true);
    expect(offerings.some((o) => o.title.includes('专利'))).toBe(true);
    const text = offerings.map((o) => `${o.title} ${o.description}`).join(' ');
    for (const word of ['CNAS', 'ISO', 'patent', 'PCT']) expect(text).toContain(word);
  });

  it('stays within the limits and the rules of the API: valid pricing, only held qualifications, only admitted categories', () => {
    for (const o of offerings) {
      expect(o.title.length).toBeLessThanOrEqual(120);
      expect(o.description.length).toBeLessThanOrEqual(5000);
      expect(() => pricingOf(o.pricing)).not.toThrow();
      const p = PROVIDERS.find((x) => x.id === o.providerId)!;
      for (const q of o.qualificationKinds) expect(p.qualificationKinds).toContain(q);
      const root = SERVICE_CATEGORY_TREE.find((r) => (r.children ?? []).some((c) => categoryIdOf(c.code) === o.categoryId))!;
      expect(p.categoryIds).toContain(categoryIdOf(root.code));
    }
  });
});
