// Thirty-one realistic offerings of the Quanzhou demo, Chinese and English, for the contract suite.
import { SERVICE_CATEGORY_TREE, categoryIdOf } from '@innoserve/reference';
import type { SearchDocument } from '@innoserve/search';

export const fixtureId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const providerId = (n: number): string => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const categories = new Map<string, { nameZh: string; nameEn: string; parent: string | null }>();
for (const root of SERVICE_CATEGORY_TREE) {
  categories.set(root.code, { nameZh: root.nameZh, nameEn: root.nameEn, parent: null });
  for (const c of root.children ?? []) categories.set(c.code, { nameZh: c.nameZh, nameEn: c.nameEn, parent: root.code });
}

export function categoryCodesUp(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = categories.get(c)?.parent ?? null) out.push(c);
  return out;
}

interface Seed {
  n: number;
  title: string;
  description: string;
  deliverables?: string;
  tags?: string[];
  provider: [number, string, string[]];
  category: string;
  regions: string[];
  qualifications?: string[];
  programs?: string[];
  price: number;
  priceMax?: number;
  lead: number;
  rating?: number | null;
  days: number; // published this many days ago
}

const LAB: [number, string, string[]] = [1, '泉州市纤维检验所', ['testing_lab']];
const FOOD_LAB: [number, string, string[]] = [2, '安溪茶叶质量检测中心', ['testing_lab']];
const BUILD_LAB: [number, string, string[]] = [3, '南安建材质量检验站', ['testing_lab']];
const EMC_LAB: [number, string, string[]] = [4, 'Quanzhou EMC Lab Co., Ltd.', ['testing_lab']];
const CERT: [number, string, string[]] = [5, '泉州认证咨询有限公司', ['testing_lab', 'consulting']];
const IP: [number, string, string[]] = [6, '泉州专利事务所', ['ip_service']];
const IP_EN: [number, string, string[]] = [7, 'Minnan IP Partners', ['ip_service']];
const TRANSFER: [number, string, string[]] = [8, '泉州技术转移中心', ['tech_transfer']];
const INCUBATOR: [number, string, string[]] = [9, '泉州开发区众创空间', ['incubator']];
const DESIGN: [number, string, string[]] = [10, '德化创新设计研究院', ['rd_design']];
const PILOT: [number, string, string[]] = [11, '泉港石化中试基地', ['pilot_scale']];
const CONSULT: [number, string, string[]] = [12, '鲤城科技咨询有限公司', ['consulting']];

const SEEDS: Seed[] = [
  { n: 1, title: '纺织品成分分析检测', description: '依据GB/T 2910测定面料纤维成分含量，出具CMA/CNAS双标报告，适用于晋江、石狮纺织服装企业。', tags: ['纺织', '成分分析'], provider: LAB, category: 'testing.textile', regions: ['350582'], qualifications: ['CMA', 'CNAS'], programs: ['prog-2025'], price: 80_000, lead: 5, rating: 4.8, days: 10 },
  { n: 2, title: '服装面料色牢度检测', description: '耐水洗、耐摩擦、耐光照色牢度测试，三个工作日出报告。', tags: ['色牢度'], provider: LAB, category: 'testing.textile', regions: ['350581', '350582'], qualifications: ['CMA'], programs: ['prog-2025'], price: 50_000, lead: 3, rating: 4.5, days: 30 },
  { n: 3, title: '鞋类产品物理性能检测', description: '鞋底耐磨、剥离强度、弯折性能测试，服务晋江鞋业集群。', tags: ['鞋服'], provider: LAB, category: 'testing.textile', regions: ['350582'], qualifications: ['CMA'], price: 120_000, lead: 7, rating: 4.2, days: 60 },
  { n: 4, title: '食品微生物检验', description: '菌落总数、大肠菌群、致病菌检验，支持预包装食品出厂检验。', provider: FOOD_LAB, category: 'testing.food', regions: ['350503'], qualifications: ['CMA'], price: 30_000, lead: 4, rating: 4.0, days: 5 },
  { n: 5, title: '农产品农药残留检测', description: '蔬菜水果农残快速筛查与定量分析。', provider: FOOD_LAB, category: 'testing.food', regions: ['350524'], qualifications: ['CMA'], price: 45_000, lead: 5, rating: 3.9, days: 90 },
  { n: 6, title: '茶叶质量安全检测', description: '安溪铁观音等乌龙茶的农残、重金属与感官品质检测。', tags: ['茶叶', '铁观音'], provider: FOOD_LAB, category: 'testing.food', regions: ['350524'], qualifications: ['CMA', 'CNAS'], programs: ['prog-2025'], price: 60_000, lead: 6, rating: 4.9, days: 2 },
  { n: 7, title: '建筑陶瓷砖检测', description: '吸水率、破坏强度、釉面耐磨性检测，服务德化、晋江陶瓷企业。', provider: BUILD_LAB, category: 'testing.building-materials', regions: ['350526', '350582'], qualifications: ['CMA'], price: 90_000, lead: 8, rating: 4.1, days: 40 },
  { n: 8, title: '石材放射性检测', description: '花岗岩、大理石放射性核素限量检测，南安石材企业出口必备。', provider: BUILD_LAB, category: 'testing.building-materials', regions: ['350583'], qualifications: ['CMA'], price: 70_000, lead: 6, rating: null, days: 100 },
  { n: 9, title: 'EMC testing for consumer electronics', description: 'Radiated and conducted emission tests, immunity tests and a full EMC report for CE marking.', tags: ['EMC', 'CE'], provider: EMC_LAB, category: 'testing.electronics', regions: ['350503'], qualifications: ['CNAS'], price: 300_000, lead: 10, rating: 4.6, days: 15 },
  { n: 10, title: 'CNAS实验室认可咨询', description: '协助检测实验室建立ISO/IEC 17025管理体系并通过CNAS认可评审。', provider: CERT, category: 'testing.certification', regions: ['350500'], price: 500_000, priceMax: 1_200_000, lead: 90, rating: 4.7, days: 20 },
  { n: 11, title: 'ISO 9001质量管理体系认证辅导', description: '体系文件编写、内审员培训、认证审核陪审，一站式服务。', provider: CERT, category: 'testing.certification', regions: ['350500'], price: 200_000, lead: 45, rating: 4.3, days: 25 },
  { n: 12, title: '发明专利申请代理', description: '技术交底、专利检索、撰写申请文件并答复审查意见，资深专利代理师全程负责。', provider: IP, category: 'ip.patent-agency', regions: ['350503'], qualifications: ['PATENT_AGENCY'], programs: ['prog-2025'], price: 450_000, lead: 30, rating: 4.8, days: 8 },
  { n: 13, title: 'Patent filing for international applicants (PCT)', description: 'PCT and Paris Convention filings, translations and national phase entry in China.', provider: IP_EN, category: 'ip.patent-agency', regions: ['350500'], qualifications: ['PATENT_AGENCY'], price: 900_000, lead: 60, rating: 4.4, days: 12 },
  { n: 14, title: '实用新型专利快速申请', description: '结构类产品实用新型申请，最快三个月授权。', provider: IP, category: 'ip.patent-agency', regions: ['350582'], qualifications: ['PATENT_AGENCY'], price: 150_000, lead: 20, rating: 4.1, days: 50 },
  { n: 15, title: '商标注册代理', description: '商标查询、分类建议、注册申请与续展。', provider: IP, category: 'ip.trademark-agency', regions: ['350502'], price: 80_000, lead: 15, rating: 4.0, days: 70 },
  { n: 16, title: '专利检索与查新报告', description: '针对技术方案开展国内外专利文献检索，出具查新报告。', provider: IP, category: 'ip.patent-search', regions: ['350503'], price: 100_000, lead: 10, rating: 4.5, days: 35 },
  { n: 17, title: '专利导航与分析评议', description: '面向产业的专利布局分析与风险评议。', provider: IP_EN, category: 'ip.patent-analysis', regions: ['350500'], price: 600_000, priceMax: 1_500_000, lead: 40, rating: null, days: 80 },
  { n: 18, title: '知识产权贯标辅导', description: '依据GB/T 29490建立企业知识产权管理体系。', provider: IP, category: 'ip.operation', regions: ['350505'], price: 300_000, lead: 60, rating: 4.2, days: 45 },
  { n: 19, title: '技术合同认定登记服务', description: '协助企业办理技术开发、技术转让合同认定登记，享受税收优惠。', provider: TRANSFER, category: 'transfer.brokerage', regions: ['350500'], price: 20_000, lead: 7, rating: 4.0, days: 18 },
  { n: 20, title: '科技成果评价', description: '组织同行专家对科技成果的创新性、成熟度进行第三方评价。', provider: TRANSFER, category: 'transfer.evaluation', regions: ['350503'], price: 250_000, lead: 30, rating: 3.8, days: 55 },
  { n: 21, title: '产学研合作对接', description: '对接华侨大学、泉州师院等高校团队，促成联合研发。', provider: TRANSFER, category: 'transfer.matchmaking', regions: ['350500'], price: 0, priceMax: 100_000, lead: 14, rating: 4.6, days: 3 },
  { n: 22, title: '众创空间工位租赁', description: '开放式工位、会议室与路演厅，配套创业导师服务。', provider: INCUBATOR, category: 'incubation.makerspace', regions: ['350571'], qualifications: ['MAKERSPACE_NATIONAL'], price: 60_000, lead: 1, rating: 4.4, days: 22 },
  { n: 23, title: '创业辅导训练营', description: '商业模式、股权设计与融资路演的系统辅导。', provider: INCUBATOR, category: 'incubation.mentoring', regions: ['350571', '350503'], price: 150_000, lead: 28, rating: 4.1, days: 65 },
  { n: 24, title: '工业产品外观设计', description: '消费电子与小家电的工业设计、CMF方案与手板验证。', provider: DESIGN, category: 'rd.industrial-design', regions: ['350526'], price: 350_000, lead: 35, rating: 4.7, days: 9 },
  { n: 25, title: '智能门锁结构设计（安装简单）', description: '面向建材五金企业的智能门锁结构与电子方案设计，模块化安装。', provider: DESIGN, category: 'rd.product-development', regions: ['350526', '350583'], price: 400_000, lead: 50, rating: 4.3, days: 28 },
  { n: 26, title: '注塑模具设计', description: '服务纺织机械、鞋服配件企业的注塑模具设计与模流分析。', provider: DESIGN, category: 'rd.mold-design', regions: ['350583'], price: 280_000, lead: 25, rating: 4.0, days: 75 },
  { n: 27, title: 'CAE有限元仿真分析', description: '结构强度、热流体与跌落仿真，缩短样机迭代周期。', provider: DESIGN, category: 'rd.simulation', regions: ['350503'], price: 320_000, lead: 20, rating: 4.5, days: 33 },
  { n: 28, title: '化工工艺中试放大', description: '泉港石化园区公斤级到吨级工艺放大验证。', provider: PILOT, category: 'pilot.process', regions: ['350505'], price: 2_000_000, priceMax: 5_000_000, lead: 120, rating: 4.2, days: 95 },
  { n: 29, title: '高新技术企业认定辅导', description: '研发费用归集、知识产权布局与申报材料编制。', provider: CONSULT, category: 'consulting.high-tech-certification', regions: ['350500'], programs: ['prog-2025'], price: 150_000, lead: 60, rating: 4.6, days: 14 },
  { n: 30, title: '数字化转型诊断咨询', description: '制造企业数字化成熟度评估与<script>alert(1)</script>改造路线图。', provider: CONSULT, category: 'consulting.digital-transformation', regions: ['350582'], price: 180_000, lead: 30, rating: 3.7, days: 6 },
  { n: 31, title: 'Textile testing laboratory: fibre content and colourfastness', description: 'Accredited textile testing for exporters in Jinjiang and Shishi.', provider: LAB, category: 'testing.textile', regions: ['350582', '350581'], qualifications: ['CNAS'], price: 95_000, lead: 4, rating: 4.6, days: 1 },
];

const EPOCH = Date.UTC(2025, 5, 1);

export function fixtureDocument(seed: Seed, version = 1): SearchDocument {
  const codes = categoryCodesUp(seed.category);
  return {
    id: fixtureId(seed.n),
    version,
    title: seed.title,
    description: seed.description,
    deliverables: seed.deliverables ?? '服务报告',
    tags: seed.tags ?? [],
    providerId: providerId(seed.provider[0]),
    providerName: seed.provider[1],
    providerTypes: seed.provider[2],
    categoryId: categoryIdOf(seed.category),
    categoryPath: codes.map(categoryIdOf),
    categoryNames: codes.flatMap((c) => [categories.get(c)!.nameZh, categories.get(c)!.nameEn]),
    regionCodes: seed.regions,
    qualificationKinds: seed.qualifications ?? [],
    programIds: seed.programs ?? [],
    priceFen: seed.price,
    priceMaxFen: seed.priceMax ?? seed.price,
    leadTimeDays: seed.lead,
    rating: seed.rating === undefined ? null : seed.rating,
    publishedAt: new Date(EPOCH - seed.days * 86_400_000),
  };
}

export const FIXTURES: SearchDocument[] = SEEDS.map((s) => fixtureDocument(s));
export const byNumber = (n: number): SearchDocument => FIXTURES[n - 1];
