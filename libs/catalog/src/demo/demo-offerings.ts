/**
 * Demo offerings: about two hundred realistic listings (Chinese, with the English terms the
 * trade uses: CNAS, CMA, ISO, PCT, patent, FMEA…) across every service category and Quanzhou's
 * counties, for the demo providers. Deterministic: the same providers give the same offerings.
 * The seed creates them through OfferingsService (create → submit → publish).
 */
import { SERVICE_CATEGORY_TREE, categoryIdOf } from '@innoserve/reference';
import type { QualificationKind } from '@innoserve/organizations';
import type { PricingInput } from '../domain/pricing.js';

export interface DemoOfferingProvider {
  /** The provider's organization id. */
  id: string;
  name: string;
  regionCode: string;
  /** Admitted category ids (roots cover their sub-categories). */
  categoryIds: string[];
  /** Qualification kinds the provider holds (an offering names only those). */
  qualificationKinds: string[];
}

export interface DemoOffering {
  providerId: string;
  categoryId: string;
  title: string;
  description: string;
  deliverables: string;
  pricing: PricingInput;
  leadTimeDays: number;
  regionCodes: string[];
  tags: string[];
  qualificationKinds: QualificationKind[];
}

interface Spec {
  /** Title of one item, e.g. item → `纺织品${item}检测`. */
  title: (item: string) => string;
  items: string[];
  description: (item: string, provider: string) => string;
  deliverables: string;
  pricing: 'fixed' | 'per_unit' | 'quote';
  /** Base price in yuan (fixed / per unit) or the bottom of a quote range. */
  yuan: number;
  unit?: string;
  leadTimeDays: number;
  tags: string[];
  /** Qualifications named when the provider holds them. */
  quals?: QualificationKind[];
}

const SPECS: Record<string, Spec> = {
  'testing.textile': {
    title: (i) => `纺织品${i}检测`,
    items: ['成分含量', '耐洗色牢度', '甲醛含量', 'pH值', '起毛起球', '断裂强力', '可分解致癌芳香胺染料', '尺寸稳定性（缩水率）'],
    description: (i, p) =>
      `${p}依据 GB/T、ISO 及 AATCC 标准开展纺织面料、服装及鞋材的${i}检测，出具带 CMA/CNAS 标识的检测报告，可用于国内销售、电商平台上架及出口验货。晋江、石狮纺织服装企业送样当日受理。`,
    deliverables: '检测报告（中英文，CMA/CNAS 标识）一份；不合格项目提供原因分析及整改建议。',
    pricing: 'per_unit',
    yuan: 260,
    unit: '样品',
    leadTimeDays: 5,
    tags: ['纺织', '服装', '面料', 'GB/T', 'ISO'],
    quals: ['CMA', 'CNAS'],
  },
  'testing.food': {
    title: (i) => `食品${i}检测`,
    items: ['农药残留', '重金属', '微生物', '营养成分标签', '茶叶农残（欧盟标准）'],
    description: (i, p) => `${p}提供${i}检测服务，覆盖茶叶、休闲食品、预包装食品，方法依据 GB 2763、GB 4789 及 EU MRL，报告可用于出口及商超准入。`,
    deliverables: '检测报告一份；超标项目附风险提示。',
    pricing: 'per_unit',
    yuan: 420,
    unit: '样品',
    leadTimeDays: 7,
    tags: ['食品安全', '茶叶', '农残'],
    quals: ['CMA'],
  },
  'testing.building-materials': {
    title: (i) => `${i}检测`,
    items: ['石材放射性', '陶瓷砖吸水率及破坏强度', '水泥胶砂强度', '石材抗折强度', '建筑涂料 VOC'],
    description: (i, p) => `${p}承接南安水头、惠安石材及德化陶瓷企业的${i}检测，依据 GB 6566、GB/T 4100 等标准出具报告，支持工程验收及出口。`,
    deliverables: '检测报告一份，含原始数据及判定结论。',
    pricing: 'per_unit',
    yuan: 380,
    unit: '组',
    leadTimeDays: 6,
    tags: ['建材', '石材', '陶瓷'],
    quals: ['CMA'],
  },
  'testing.electronics': {
    title: (i) => `电子电器${i}测试`,
    items: ['EMC 电磁兼容', '安规', 'RoHS 有害物质', '锂电池 UN38.3', 'IP 防护等级'],
    description: (i, p) => `${p}提供${i}测试，依据 IEC、GB 4943、EN 55032 等标准，面向小家电、LED 灯具与智能穿戴产品，可协助 CCC、CE 认证送样。`,
    deliverables: '测试报告（中英文）；整改建议一次免费复测。',
    pricing: 'quote',
    yuan: 1500,
    leadTimeDays: 10,
    tags: ['电子', 'EMC', 'CE', 'IEC'],
    quals: ['CNAS'],
  },
  'testing.machinery': {
    title: (i) => `${i}检测`,
    items: ['机械零部件尺寸及形位公差', '金属材料力学性能', '焊缝无损探伤', '泵阀密封性能', '鞋机运行安全'],
    description: (i, p) => `${p}提供${i}检测，配备三坐标测量机、万能试验机及超声探伤设备，服务南安泵阀、晋江鞋机等装备制造企业。`,
    deliverables: '检测报告及测量数据表。',
    pricing: 'per_unit',
    yuan: 600,
    unit: '件',
    leadTimeDays: 5,
    tags: ['机械', '无损检测', '泵阀'],
    quals: ['CMA'],
  },
  'testing.certification': {
    title: (i) => `${i}认证咨询与审核`,
    items: ['ISO 9001 质量管理体系', 'ISO 14001 环境管理体系', 'ISO 45001 职业健康安全', 'OEKO-TEX 100 生态纺织品', '绿色产品'],
    description: (i, p) => `${p}提供${i}认证的差距分析、文件编写、内审培训与认证审核陪同，适合首次认证及换证企业。`,
    deliverables: '体系文件一套、内审报告、认证证书（认证机构颁发）。',
    pricing: 'fixed',
    yuan: 18000,
    leadTimeDays: 60,
    tags: ['认证', 'ISO', '体系'],
  },
  'ip.patent-agency': {
    title: (i) => `${i}代理`,
    items: ['发明专利申请', '实用新型专利申请', '外观设计专利申请', 'PCT 国际专利申请', '专利复审与无效宣告'],
    description: (i, p) => `${p}执业专利代理师全程负责${i}（patent filing），含技术交底、检索、撰写、答复审查意见，鞋服、机械、电子领域经验丰富。`,
    deliverables: '专利申请文件、受理通知书；授权后交付证书。',
    pricing: 'fixed',
    yuan: 4500,
    leadTimeDays: 30,
    tags: ['专利', 'patent', '知识产权'],
    quals: ['PATENT_AGENCY'],
  },
  'ip.trademark-agency': {
    title: (i) => `商标${i}`,
    items: ['注册申请', '马德里国际注册', '驳回复审', '异议答辩', '续展与变更'],
    description: (i, p) => `${p}提供商标${i}服务，含近似检索与类别规划，服务晋江、石狮品牌企业出海。`,
    deliverables: '申请文件及官方受理/核准文书。',
    pricing: 'fixed',
    yuan: 1200,
    leadTimeDays: 15,
    tags: ['商标', 'trademark', '品牌'],
  },
  'ip.operation': {
    title: (i) => `知识产权${i}`,
    items: ['质押融资评估', '专利许可交易撮合', '贯标（GB/T 29490）辅导', '价值评估', '专利池运营'],
    description: (i, p) => `${p}开展知识产权${i}服务，帮助企业盘活专利资产、对接银行及受让方。`,
    deliverables: '评估报告或服务成果报告。',
    pricing: 'quote',
    yuan: 20000,
    leadTimeDays: 30,
    tags: ['知识产权运营', '专利', '融资'],
  },
  'ip.patent-analysis': {
    title: (i) => `${i}`,
    items: ['专利导航分析报告', '专利侵权风险分析（FTO）', '竞争对手专利布局分析', '高价值专利培育评议', '专利稳定性分析'],
    description: (i, p) => `${p}为企业研发立项与产品上市提供${i}，采用 incoPat、Derwent 数据库，结论可用于研发决策与诉讼应对。`,
    deliverables: '分析报告（含专利清单、地图与结论建议）。',
    pricing: 'quote',
    yuan: 15000,
    leadTimeDays: 25,
    tags: ['专利分析', 'FTO', 'patent'],
  },
  'ip.patent-search': {
    title: (i) => `${i}`,
    items: ['专利查新检索', '专利新颖性检索（patent search）', '技术主题专利检索', '海外专利检索（US/EP/JP）', '失效专利挖掘'],
    description: (i, p) => `${p}提供${i}，检索国内外专利与非专利文献，出具检索报告，适用于申报前评估与项目立项。`,
    deliverables: '检索报告一份（含对比文件）。',
    pricing: 'fixed',
    yuan: 1500,
    leadTimeDays: 7,
    tags: ['专利检索', 'patent search', '查新'],
  },
  'transfer.brokerage': {
    title: (i) => `技术经纪：${i}`,
    items: ['企业技术需求挖掘', '高校院所成果对接', '技术合同登记代办', '技术交易全流程服务'],
    description: (i, p) => `${p}持证技术经纪人提供${i}服务，对接福州大学、华侨大学、泉州装备制造研究所等院所资源。`,
    deliverables: '需求/对接报告、技术合同（如成交）。',
    pricing: 'quote',
    yuan: 5000,
    leadTimeDays: 30,
    tags: ['技术经纪', '成果转化'],
  },
  'transfer.licensing': {
    title: (i) => `${i}`,
    items: ['专利技术许可交易服务', '技术转让合同起草与谈判', '成果作价入股方案设计', '技术秘密（know-how）许可'],
    description: (i, p) => `${p}提供${i}，覆盖尽职调查、定价、合同与备案，保障交易合规。`,
    deliverables: '交易方案与合同文本。',
    pricing: 'quote',
    yuan: 8000,
    leadTimeDays: 30,
    tags: ['技术许可', '技术转让', 'licensing'],
  },
  'transfer.evaluation': {
    title: (i) => `科技成果${i}`,
    items: ['第三方评价', '技术成熟度（TRL）评价', '价值评估', '鉴定材料编制'],
    description: (i, p) => `${p}组织行业专家开展科技成果${i}，评价结论可用于奖项申报、成果转化与融资。`,
    deliverables: '评价报告及专家意见。',
    pricing: 'fixed',
    yuan: 12000,
    leadTimeDays: 20,
    tags: ['成果评价', 'TRL'],
  },
  'transfer.matchmaking': {
    title: (i) => `产学研${i}`,
    items: ['项目对接会', '联合研发项目策划', '企业专家工作站建站辅导', '校企共建实验室方案'],
    description: (i, p) => `${p}围绕鞋服、石材、工艺陶瓷等泉州产业集群组织${i}，促成企业与高校院所合作。`,
    deliverables: '对接成果清单、合作协议草案。',
    pricing: 'quote',
    yuan: 3000,
    leadTimeDays: 21,
    tags: ['产学研', '合作'],
  },
  'incubation.makerspace': {
    title: (i) => `众创空间${i}`,
    items: ['联合办公工位', '创业路演服务', '创客工坊（3D 打印/激光切割）', '工商财税代办'],
    description: (i, p) => `${p}提供${i}，配套导师辅导、政策申报与投融资对接，适合初创团队。`,
    deliverables: '服务协议及服务记录。',
    pricing: 'per_unit',
    yuan: 600,
    unit: '月',
    leadTimeDays: 3,
    tags: ['众创空间', '创业', '孵化'],
    quals: ['MAKERSPACE_NATIONAL', 'MAKERSPACE_PROVINCIAL'],
  },
  'incubation.incubator': {
    title: (i) => `孵化器${i}`,
    items: ['入驻孵化服务', '中试场地租用', '科技型中小企业评价辅导', '孵化企业成长诊断'],
    description: (i, p) => `${p}为科技企业提供${i}，含场地、公共技术平台与专业服务机构资源。`,
    deliverables: '孵化服务协议、诊断或辅导报告。',
    pricing: 'per_unit',
    yuan: 1500,
    unit: '月',
    leadTimeDays: 7,
    tags: ['孵化器', '科技企业'],
  },
  'incubation.mentoring': {
    title: (i) => `创业辅导：${i}`,
    items: ['商业计划书打磨', '股权架构设计', '创业团队训练营', '精益创业（Lean Startup）工作坊'],
    description: (i, p) => `${p}创业导师一对一提供${i}，帮助团队梳理商业模式与融资路径。`,
    deliverables: '辅导记录与成果文件（商业计划书等）。',
    pricing: 'fixed',
    yuan: 3000,
    leadTimeDays: 14,
    tags: ['创业辅导', 'BP'],
  },
  'incubation.financing': {
    title: (i) => `投融资对接：${i}`,
    items: ['天使轮融资对接', '科技贷款申请辅导', '知识产权质押贷款对接', '政府引导基金申报'],
    description: (i, p) => `${p}提供${i}，对接泉州本地创投机构与合作银行。`,
    deliverables: '融资方案及对接记录。',
    pricing: 'quote',
    yuan: 5000,
    leadTimeDays: 30,
    tags: ['融资', '投资', '科技金融'],
  },
  'rd.industrial-design': {
    title: (i) => `${i}工业设计`,
    items: ['运动鞋外观', '小家电', '茶具及陶瓷器皿', '智能穿戴产品', '石材家居产品'],
    description: (i, p) => `${p}提供${i}工业设计，涵盖用户研究、草图、3D 建模（Rhino/SolidWorks）、CMF 与手板验证。`,
    deliverables: '设计方案、3D 模型文件、效果图及手板。',
    pricing: 'quote',
    yuan: 20000,
    leadTimeDays: 30,
    tags: ['工业设计', '外观设计', 'CMF'],
  },
  'rd.product-development': {
    title: (i) => `${i}产品研发`,
    items: ['功能性面料', '智能控制板（PCB）', '鞋底新材料', '节能泵阀', '新型陶瓷材料'],
    description: (i, p) => `${p}承接${i}的委托研发，含方案论证、样品开发、测试验证与技术资料移交。`,
    deliverables: '研发报告、样品及技术资料。',
    pricing: 'quote',
    yuan: 50000,
    leadTimeDays: 90,
    tags: ['产品研发', '委托研发', 'R&D'],
  },
  'rd.mold-design': {
    title: (i) => `${i}模具设计`,
    items: ['鞋底', '注塑', '陶瓷注浆', '压铸', '冲压'],
    description: (i, p) => `${p}提供${i}模具设计与模流分析（Moldflow），缩短试模周期。`,
    deliverables: '模具 2D/3D 图纸、模流分析报告。',
    pricing: 'fixed',
    yuan: 15000,
    leadTimeDays: 20,
    tags: ['模具', 'Moldflow'],
  },
  'rd.simulation': {
    title: (i) => `${i}仿真分析`,
    items: ['结构有限元（FEA）', '流体 CFD', '热', '跌落', '疲劳寿命'],
    description: (i, p) => `${p}使用 ANSYS、Abaqus 开展${i}仿真分析，为产品优化与减重提供依据。`,
    deliverables: '仿真分析报告及模型文件。',
    pricing: 'fixed',
    yuan: 12000,
    leadTimeDays: 15,
    tags: ['仿真', 'CAE', 'ANSYS'],
  },
  'rd.software': {
    title: (i) => `${i}开发`,
    items: ['MES 生产执行系统', '工业 App', '设备物联网（IoT）平台', '小程序与电商系统', '数据看板（BI）'],
    description: (i, p) => `${p}为制造企业提供${i}，需求调研到上线运维全流程交付。`,
    deliverables: '源代码、部署文档、培训及一年维护。',
    pricing: 'quote',
    yuan: 40000,
    leadTimeDays: 60,
    tags: ['软件开发', '数字化', 'IoT'],
  },
  'pilot.process': {
    title: (i) => `${i}工艺中试`,
    items: ['新材料', '精细化工', '陶瓷釉料', '环保染整', '生物基材料'],
    description: (i, p) => `${p}提供${i}工艺放大中试平台与工程师团队，完成从实验室到量产的工艺验证。`,
    deliverables: '中试报告、工艺包及样品。',
    pricing: 'quote',
    yuan: 30000,
    leadTimeDays: 45,
    tags: ['中试', '工艺放大'],
  },
  'pilot.prototype': {
    title: (i) => `${i}样机试制`,
    items: ['机电一体化', '智能硬件', '鞋机', '家电', '医疗器械'],
    description: (i, p) => `${p}提供${i}样机试制，CNC、3D 打印与钣金一站式完成，可做功能验证与小试。`,
    deliverables: '样机及试制报告。',
    pricing: 'quote',
    yuan: 10000,
    leadTimeDays: 20,
    tags: ['样机', '试制', '3D打印'],
  },
  'pilot.small-batch': {
    title: (i) => `${i}小批量试产`,
    items: ['电子产品 SMT', '注塑件', '鞋服样品', '陶瓷制品', '五金件'],
    description: (i, p) => `${p}提供${i}小批量试产，验证量产工艺与良率（含 FMEA 与 SPC 分析）。`,
    deliverables: '试产产品、良率报告及工艺改进建议。',
    pricing: 'per_unit',
    yuan: 80,
    unit: '件',
    leadTimeDays: 15,
    tags: ['小批量', '试产', 'FMEA'],
  },
  'consulting.project-application': {
    title: (i) => `${i}申报咨询`,
    items: ['省级科技计划项目', '泉州市科技计划项目', '企业技术中心认定', '专精特新“小巨人”', '研发费用加计扣除'],
    description: (i, p) => `${p}提供${i}申报咨询，含政策解读、材料编写与答辩辅导。`,
    deliverables: '申报材料全套。',
    pricing: 'fixed',
    yuan: 8000,
    leadTimeDays: 30,
    tags: ['项目申报', '政策'],
  },
  'consulting.high-tech-certification': {
    title: (i) => `高新技术企业${i}`,
    items: ['认定辅导', '研发费用归集梳理', '知识产权规划', '复审辅导', '专项审计对接'],
    description: (i, p) => `${p}提供高新技术企业${i}服务，熟悉福建省认定评分细则。`,
    deliverables: '认定申报材料或专项报告。',
    pricing: 'fixed',
    yuan: 15000,
    leadTimeDays: 45,
    tags: ['高新技术企业', '高企认定'],
  },
  'consulting.technology-strategy': {
    title: (i) => `${i}`,
    items: ['企业技术路线图咨询', '研发体系（IPD）建设咨询', '技术竞争情报分析', '产业链技术诊断'],
    description: (i, p) => `${p}提供${i}，帮助企业明确技术方向与研发投入重点。`,
    deliverables: '咨询报告与实施建议。',
    pricing: 'quote',
    yuan: 30000,
    leadTimeDays: 45,
    tags: ['技术战略', '咨询'],
  },
  'consulting.digital-transformation': {
    title: (i) => `数字化转型：${i}`,
    items: ['智能制造能力成熟度评估', '工业互联网诊断', '两化融合贯标', '数字化车间规划'],
    description: (i, p) => `${p}依据 GB/T 39116 等标准开展${i}，输出转型路线与投资估算。`,
    deliverables: '诊断/评估报告与实施路线图。',
    pricing: 'quote',
    yuan: 20000,
    leadTimeDays: 30,
    tags: ['数字化转型', '智能制造'],
  },
  'consulting.standardization': {
    title: (i) => `${i}`,
    items: ['团体标准制定咨询', '企业标准编写与自我声明', '国家标准参编辅导', '标准化良好行为企业创建'],
    description: (i, p) => `${p}提供${i}服务，熟悉鞋服、石材、陶瓷行业标准体系。`,
    deliverables: '标准文本及编制说明。',
    pricing: 'fixed',
    yuan: 10000,
    leadTimeDays: 40,
    tags: ['标准化', '团体标准'],
  },
};

const COUNTIES = ['350502', '350503', '350504', '350505', '350521', '350524', '350525', '350526', '350571', '350572', '350581', '350582', '350583'];

/** A small deterministic hash (FNV-1a) for stable variation. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function regionsFor(provider: DemoOfferingProvider, key: string): string[] {
  const h = hash(key);
  if (h % 5 === 0) return ['350500']; // the whole city
  const out = new Set<string>([COUNTIES.includes(provider.regionCode) ? provider.regionCode : COUNTIES[h % COUNTIES.length]]);
  const extra = h % 4;
  for (let i = 1; i <= extra; i++) out.add(COUNTIES[(h >>> (i * 3)) % COUNTIES.length]);
  return [...out];
}

function pricingFor(spec: Spec, key: string): PricingInput {
  const factor = 0.8 + (hash(key) % 50) / 100; // 0.8–1.29
  const fen = Math.round((spec.yuan * factor) / 10) * 1000; // whole ten-yuan steps, in fen
  switch (spec.pricing) {
    case 'fixed':
      return { kind: 'fixed', priceFen: fen };
    case 'per_unit':
      return { kind: 'per_unit', priceFen: fen, unitName: spec.unit ?? '次' };
    case 'quote':
      return { kind: 'quote', minFen: fen, maxFen: fen * (2 + (hash(key) % 3)) };
  }
}

/** The sub-categories a provider may list in (its admitted categories and their children). */
function subCategoriesOf(provider: DemoOfferingProvider): string[] {
  const admitted = new Set(provider.categoryIds.map((c) => c.toLowerCase()));
  const out: string[] = [];
  for (const root of SERVICE_CATEGORY_TREE) {
    const rootAdmitted = admitted.has(categoryIdOf(root.code));
    for (const child of root.children ?? []) if (rootAdmitted || admitted.has(categoryIdOf(child.code))) out.push(child.code);
  }
  return out;
}

/**
 * Offerings for the given (admitted) providers: every item of every sub-category they may list
 * in, at most `perCategory` per provider and sub-category (default 4; about 200 for the demo's
 * eight admitted providers).
 */
export function demoOfferings(providers: readonly DemoOfferingProvider[], opts: { perCategory?: number } = {}): DemoOffering[] {
  const perCategory = opts.perCategory ?? 4;
  const out: DemoOffering[] = [];
  for (const provider of providers) {
    const held = new Set(provider.qualificationKinds);
    for (const code of subCategoriesOf(provider)) {
      const spec = SPECS[code];
      if (!spec) continue;
      const start = hash(provider.id + code) % spec.items.length;
      const count = Math.min(perCategory, spec.items.length);
      for (let n = 0; n < count; n++) {
        const item = spec.items[(start + n) % spec.items.length];
        const key = `${provider.id}|${code}|${item}`;
        const quals = (spec.quals ?? []).filter((q) => held.has(q));
        out.push({
          providerId: provider.id,
          categoryId: categoryIdOf(code),
          title: spec.title(item).slice(0, 120),
          description: spec.description(item, provider.name).slice(0, 5000),
          deliverables: spec.deliverables,
          pricing: pricingFor(spec, key),
          leadTimeDays: Math.max(1, spec.leadTimeDays + (hash(key) % 7) - 3),
          regionCodes: regionsFor(provider, key),
          tags: [...new Set([...spec.tags, ...quals.map((q) => (q === 'PATENT_AGENCY' ? '专利代理' : q.startsWith('MAKERSPACE') ? '众创空间' : q))])].slice(0, 20),
          qualificationKinds: quals,
        });
      }
    }
  }
  return out;
}
