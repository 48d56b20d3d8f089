// Synthetic offerings at benchmark volume with a realistic spread: broad words (检测 in about a
// fifth of the offerings, 服务 in many), specific words rare, a long tail of model numbers and
// English terms. Deterministic for a seed.
import { SERVICE_CATEGORY_TREE, REGIONS, categoryIdOf } from '@innoserve/reference';
import type { SearchDocument } from '@innoserve/search';

const WORDS: Record<string, string[]> = {
  testing: ['检测', '检验', '测试', 'testing'],
  'testing.textile': ['纺织品检测', '面料成分分析', '服装色牢度检测', '鞋类物理性能检测', 'textile testing'],
  'testing.food': ['食品检测', '农残检测', '微生物检验', '茶叶质量检测', 'food safety testing'],
  'testing.building-materials': ['建材检测', '陶瓷砖检测', '石材放射性检测', '水泥强度检测'],
  'testing.electronics': ['电子电器检测', 'EMC测试', '电磁兼容检测', '安规测试'],
  'testing.machinery': ['机械检测', '无损探伤', '材料力学性能测试'],
  'testing.certification': ['ISO9001认证辅导', 'CCC认证', '产品认证服务', 'CNAS认可辅导'],
  'ip.patent-agency': ['发明专利申请代理', '实用新型专利申请', 'patent filing', '外观设计专利申请'],
  'ip.trademark-agency': ['商标注册代理', '商标异议答辩', 'trademark registration'],
  'ip.operation': ['知识产权运营', '专利许可交易', '知识产权贯标'],
  'ip.patent-analysis': ['专利分析评议', '专利导航', 'patent landscape analysis'],
  'ip.patent-search': ['专利检索', '查新检索', 'patent search'],
  'transfer.brokerage': ['技术经纪服务', '技术合同登记'],
  'transfer.licensing': ['技术许可与转让', '成果转化服务'],
  'transfer.evaluation': ['科技成果评价', '成果鉴定'],
  'transfer.matchmaking': ['产学研对接', '校企合作'],
  'incubation.makerspace': ['众创空间工位', '创客空间服务'],
  'incubation.incubator': ['孵化器入驻', '企业孵化服务'],
  'incubation.mentoring': ['创业辅导', '创业培训'],
  'incubation.financing': ['投融资对接', '路演服务'],
  'rd.industrial-design': ['工业设计', '外观设计', 'product design'],
  'rd.product-development': ['产品研发', '新产品开发', '智能硬件开发'],
  'rd.mold-design': ['模具设计', '注塑模具开发'],
  'rd.simulation': ['仿真分析', '有限元分析', 'CAE simulation'],
  'rd.software': ['软件开发', '小程序开发', 'software development'],
  'pilot.process': ['工艺中试', '中试放大'],
  'pilot.prototype': ['样机试制', '手板打样'],
  'pilot.small-batch': ['小批量试产'],
  'consulting.project-application': ['科技项目申报', '项目申报咨询'],
  'consulting.high-tech-certification': ['高新技术企业认定辅导', '高企认定'],
  'consulting.technology-strategy': ['技术战略咨询'],
  'consulting.digital-transformation': ['数字化转型咨询', '智能制造诊断'],
  'consulting.standardization': ['标准化咨询', '标准制定'],
};
const FILLER = ['提供专业', '一站式', '快速响应', '经验丰富的团队', '价格合理', '全程跟踪', '资深工程师', '覆盖泉州各县区', '支持上门', '可开具发票', '流程规范', '数据可靠', '签订保密协议', 'professional team', 'fast turnaround', 'reliable results', 'on-site support'];
const INDUSTRIES = ['纺织', '鞋服', '陶瓷', '建材', '机械', '电子', '食品', '茶叶', '石材', '化工', '医药', '汽车配件', '五金', '包装', '家具', '工艺品', '新能源', '半导体'];
const PROVIDER_TYPE: Record<string, string> = { testing: 'testing_lab', ip: 'ip_service', transfer: 'tech_transfer', incubation: 'incubator', rd: 'rd_design', pilot: 'pilot_scale', consulting: 'consulting' };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function uuidOf(n: number, prefix: string): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix}-0000-4000-8000-${hex}`;
}

export function syntheticDocuments(count: number, seed = 42, offset = 0): SearchDocument[] {
  const rnd = rng(seed + offset);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const subs = SERVICE_CATEGORY_TREE.flatMap((root) => (root.children ?? []).map((c) => ({ root, c })));
  const counties = REGIONS.filter((r) => r.level === 'county').map((r) => r.code);
  const docs: SearchDocument[] = [];
  for (let i = offset; i < offset + count; i++) {
    const { root, c } = pick(subs);
    const own = WORDS[c.code] ?? [c.nameZh];
    const w = pick(own);
    const ind = pick(INDUSTRIES);
    const title = `${ind}${w}${rnd() < 0.3 ? `（${pick(['加急', '标准版', '专业版', '基础版'])}）` : ''}`;
    let description = `${pick(FILLER)}${w}，面向${ind}企业，${pick(FILLER)}，${pick(FILLER)}。`;
    if (root.code !== 'testing' && rnd() < 0.04) description += '可配合第三方检测机构出具报告。';
    description += ` 型号${Math.floor(rnd() * 100_000)} x${Math.floor(rnd() * 1e9).toString(36)} ${pick(FILLER)}`;
    const regions = [...new Set([pick(counties), ...(rnd() < 0.2 ? [pick(counties), pick(counties)] : []), ...(rnd() < 0.1 ? ['350500'] : [])])];
    const price = 10_000 + Math.floor(rnd() * 5_000_000);
    const quals = root.code === 'testing' ? (rnd() < 0.6 ? ['CMA', ...(rnd() < 0.5 ? ['CNAS'] : [])] : []) : root.code === 'ip' && rnd() < 0.5 ? ['PATENT_AGENCY'] : [];
    docs.push({
      id: uuidOf(i + 1, 'b0000000'),
      version: 1,
      title,
      description,
      deliverables: root.code === 'testing' ? '检测报告一份' : pick(['服务报告', '方案一份', '证书', '咨询意见书', '设计图纸']),
      tags: [ind, w.slice(0, 4)],
      providerId: uuidOf(1 + Math.floor(rnd() * 3000), 'c0000000'),
      providerName: `泉州${ind}${root.code === 'testing' ? '检测' : root.code === 'ip' ? '知识产权' : pick(['科技', '咨询', '技术服务'])}有限公司`,
      providerTypes: [PROVIDER_TYPE[root.code] ?? 'consulting'],
      categoryId: categoryIdOf(c.code),
      categoryPath: [categoryIdOf(root.code), categoryIdOf(c.code)],
      categoryNames: [c.nameZh, c.nameEn, root.nameZh, root.nameEn],
      regionCodes: regions,
      qualificationKinds: quals,
      programIds: rnd() < 0.3 ? ['prog-2025'] : [],
      priceFen: price,
      priceMaxFen: price + (rnd() < 0.3 ? 100_000 : 0),
      leadTimeDays: 1 + Math.floor(rnd() * 60),
      rating: rnd() < 0.1 ? null : Math.round(rnd() * 50) / 10,
      publishedAt: new Date(Date.UTC(2025, 0, 1) - Math.floor(rnd() * 3e10)),
    });
  }
  return docs;
}
