/**
 * The judged query set (issue 3, item 6): Chinese, English, mixed, typos, sub-words, synonyms and
 * qualification names, judged by reading the corpus (corpus.ts: the demo offerings of the admitted
 * demo providers), not by running an engine. Keys are `<provider key>:<title>`; grade 2 = exactly
 * what the query asks for, 1 = related and acceptable in the top ten.
 *
 * Do not lower judgments to make an engine pass; fix the engine or record the measured floor.
 */
import type { JudgedQuery, Judgments } from './relevance.js';

type Grade = 1 | 2;

/** `keys` of the given providers with one grade. */
function of(grade: Grade, providers: readonly string[], titles: readonly string[]): Record<string, Grade> {
  const out: Record<string, Grade> = {};
  for (const p of providers) for (const t of titles) out[`${p}:${t}`] = grade;
  return out;
}

const judge = (...parts: Record<string, Grade>[]): Judgments => Object.assign({}, ...parts) as Judgments;

// ---- groups of the corpus (what each provider actually lists) -------------------------------
const TEXTILE_P01 = ['纺织品pH值检测', '纺织品起毛起球检测', '纺织品断裂强力检测', '纺织品可分解致癌芳香胺染料检测'];
const TEXTILE_P02 = ['纺织品起毛起球检测', '纺织品断裂强力检测', '纺织品可分解致癌芳香胺染料检测', '纺织品尺寸稳定性（缩水率）检测'];
const TEXTILE = judge(of(2, ['p01'], TEXTILE_P01), of(2, ['p02'], TEXTILE_P02));
const OEKO = of(1, ['p01', 'p02'], ['OEKO-TEX 100 生态纺织品认证咨询与审核']);

const FOOD_P01 = ['食品营养成分标签检测', '食品茶叶农残（欧盟标准）检测', '食品农药残留检测', '食品重金属检测'];
const FOOD_P02 = ['食品茶叶农残（欧盟标准）检测', '食品农药残留检测', '食品重金属检测', '食品微生物检测'];
const FOOD = judge(of(2, ['p01'], FOOD_P01), of(2, ['p02'], FOOD_P02));

const ELEC_P01 = ['电子电器安规测试', '电子电器RoHS 有害物质测试', '电子电器锂电池 UN38.3测试', '电子电器IP 防护等级测试'];
const ELEC_P02 = ['电子电器RoHS 有害物质测试', '电子电器锂电池 UN38.3测试', '电子电器IP 防护等级测试', '电子电器EMC 电磁兼容测试'];
const ELECTRONICS = judge(of(2, ['p01'], ELEC_P01), of(2, ['p02'], ELEC_P02));

const CERT = ['ISO 45001 职业健康安全认证咨询与审核', 'OEKO-TEX 100 生态纺织品认证咨询与审核', '绿色产品认证咨询与审核', 'ISO 9001 质量管理体系认证咨询与审核'];
const CERT_P02 = ['ISO 9001 质量管理体系认证咨询与审核', 'ISO 14001 环境管理体系认证咨询与审核', 'ISO 45001 职业健康安全认证咨询与审核', 'OEKO-TEX 100 生态纺织品认证咨询与审核'];

const PATENT_AGENCY_P03 = ['PCT 国际专利申请代理', '专利复审与无效宣告代理', '发明专利申请代理', '实用新型专利申请代理'];
const PATENT_AGENCY_P04 = ['发明专利申请代理', '实用新型专利申请代理', '外观设计专利申请代理', 'PCT 国际专利申请代理'];
const PATENT_AGENCY = judge(of(2, ['p03'], PATENT_AGENCY_P03), of(2, ['p04'], PATENT_AGENCY_P04));
const PATENT_ANALYSIS_P03 = ['专利导航分析报告', '专利侵权风险分析（FTO）', '竞争对手专利布局分析', '高价值专利培育评议'];
const PATENT_ANALYSIS_P04 = ['专利侵权风险分析（FTO）', '竞争对手专利布局分析', '高价值专利培育评议', '专利稳定性分析'];
const PATENT_SEARCH_P03 = ['失效专利挖掘', '专利查新检索', '专利新颖性检索（patent search）', '技术主题专利检索'];
const PATENT_SEARCH_P04 = ['专利查新检索', '专利新颖性检索（patent search）', '技术主题专利检索', '海外专利检索（US/EP/JP）'];
const PATENT_SEARCH = judge(of(2, ['p03'], PATENT_SEARCH_P03), of(2, ['p04'], PATENT_SEARCH_P04));
const PATENT_ANALYSIS = judge(of(1, ['p03'], PATENT_ANALYSIS_P03), of(1, ['p04'], PATENT_ANALYSIS_P04));
const PATENT_ANY = judge(PATENT_ANALYSIS, of(1, ['p03'], PATENT_SEARCH_P03), of(1, ['p04'], PATENT_SEARCH_P04), PATENT_AGENCY);

const TRADEMARK = of(2, ['p03', 'p04'], ['商标异议答辩', '商标续展与变更', '商标注册申请', '商标马德里国际注册']);
const IP_OPS_P03 = ['知识产权质押融资评估', '知识产权专利许可交易撮合', '知识产权贯标（GB/T 29490）辅导', '知识产权价值评估'];
const IP_OPS_P04 = ['知识产权贯标（GB/T 29490）辅导', '知识产权价值评估', '知识产权专利池运营', '知识产权质押融资评估'];

const HIGH_TECH = ['高新技术企业知识产权规划', '高新技术企业复审辅导', '高新技术企业专项审计对接', '高新技术企业认定辅导'];
const DIGITAL = ['数字化转型：智能制造能力成熟度评估', '数字化转型：工业互联网诊断', '数字化转型：两化融合贯标', '数字化转型：数字化车间规划'];
const STANDARDS = ['企业标准编写与自我声明', '国家标准参编辅导', '标准化良好行为企业创建', '团体标准制定咨询'];

const BROKERAGE = ['技术经纪：高校院所成果对接', '技术经纪：技术合同登记代办', '技术经纪：技术交易全流程服务', '技术经纪：企业技术需求挖掘'];
const LICENSING = ['技术转让合同起草与谈判', '成果作价入股方案设计', '技术秘密（know-how）许可', '专利技术许可交易服务'];
const EVALUATION = ['科技成果技术成熟度（TRL）评价', '科技成果价值评估', '科技成果鉴定材料编制', '科技成果第三方评价'];
const MATCHMAKING = ['产学研联合研发项目策划', '产学研企业专家工作站建站辅导', '产学研校企共建实验室方案', '产学研项目对接会'];

const MAKERSPACE = ['众创空间创客工坊（3D 打印/激光切割）', '众创空间工商财税代办', '众创空间联合办公工位', '众创空间创业路演服务'];
const INCUBATOR = ['孵化器孵化企业成长诊断', '孵化器入驻孵化服务', '孵化器中试场地租用', '孵化器科技型中小企业评价辅导'];
const MENTORING = ['创业辅导：精益创业（Lean Startup）工作坊', '创业辅导：商业计划书打磨', '创业辅导：股权架构设计', '创业辅导：创业团队训练营'];

const DESIGN = judge(of(2, ['p08'], ['茶具及陶瓷器皿工业设计', '智能穿戴产品工业设计', '石材家居产品工业设计', '运动鞋外观工业设计']), of(2, ['p09'], ['智能穿戴产品工业设计', '石材家居产品工业设计', '运动鞋外观工业设计', '小家电工业设计']));
const MOLD = judge(of(2, ['p08'], ['压铸模具设计', '冲压模具设计', '鞋底模具设计', '注塑模具设计']), of(2, ['p09'], ['注塑模具设计', '陶瓷注浆模具设计', '压铸模具设计', '冲压模具设计']));
const SIMULATION = judge(of(2, ['p08'], ['流体 CFD仿真分析', '热仿真分析', '跌落仿真分析', '疲劳寿命仿真分析']), of(2, ['p09'], ['热仿真分析', '跌落仿真分析', '疲劳寿命仿真分析', '结构有限元（FEA）仿真分析']));
const SOFTWARE_P08 = ['工业 App开发', '设备物联网（IoT）平台开发', '小程序与电商系统开发', '数据看板（BI）开发'];
const SOFTWARE_P09 = ['MES 生产执行系统开发', '工业 App开发', '设备物联网（IoT）平台开发', '小程序与电商系统开发'];
const SOFTWARE = judge(of(2, ['p08'], SOFTWARE_P08), of(2, ['p09'], SOFTWARE_P09));
const PILOT = of(2, ['p09'], ['新材料工艺中试', '精细化工工艺中试', '陶瓷釉料工艺中试', '环保染整工艺中试']);
const PROTOTYPE = of(2, ['p09'], ['鞋机样机试制', '家电样机试制', '医疗器械样机试制', '机电一体化样机试制']);
const SMALL_BATCH = of(2, ['p09'], ['注塑件小批量试产', '鞋服样品小批量试产', '陶瓷制品小批量试产', '五金件小批量试产']);

/** Downgrades every judgment of a group to grade 1. */
const related = (j: Judgments): Judgments => Object.fromEntries(Object.keys(j).map((k) => [k, 1]));

export const JUDGED_QUERIES: readonly JudgedQuery[] = [
  // ---- Chinese -------------------------------------------------------------------------------
  { q: '纺织 检测', kind: 'chinese', relevant: judge(TEXTILE, OEKO) },
  {
    q: '专利 申请',
    kind: 'chinese',
    relevant: judge(of(2, ['p03'], ['PCT 国际专利申请代理', '发明专利申请代理', '实用新型专利申请代理']), of(2, ['p04'], ['发明专利申请代理', '实用新型专利申请代理', '外观设计专利申请代理', 'PCT 国际专利申请代理']), of(1, ['p03'], ['专利复审与无效宣告代理'])),
  },
  { q: '中试', kind: 'chinese', relevant: judge(PILOT, of(1, ['p06'], ['孵化器中试场地租用'])) },
  { q: '孵化', kind: 'chinese', relevant: judge(of(2, ['p06'], INCUBATOR), of(1, ['p06'], MAKERSPACE)) },
  { q: '商标注册', kind: 'chinese', relevant: judge(of(2, ['p03', 'p04'], ['商标注册申请']), of(1, ['p03', 'p04'], ['商标马德里国际注册'])) },
  {
    q: '农药残留',
    kind: 'chinese',
    relevant: judge(of(2, ['p01', 'p02'], ['食品农药残留检测', '食品茶叶农残（欧盟标准）检测']), of(1, ['p01'], ['食品营养成分标签检测', '食品重金属检测']), of(1, ['p02'], ['食品重金属检测', '食品微生物检测'])),
  },
  {
    q: '石材',
    kind: 'chinese',
    relevant: judge(
      of(2, ['p01'], ['石材抗折强度检测']),
      of(2, ['p02'], ['石材抗折强度检测', '石材放射性检测']),
      of(2, ['p08', 'p09'], ['石材家居产品工业设计']),
      of(1, ['p01'], ['陶瓷砖吸水率及破坏强度检测', '水泥胶砂强度检测', '建筑涂料 VOC检测']),
      of(1, ['p02'], ['陶瓷砖吸水率及破坏强度检测', '水泥胶砂强度检测']),
    ),
  },
  { q: '模具设计', kind: 'chinese', relevant: MOLD },
  { q: '仿真分析', kind: 'chinese', relevant: SIMULATION },
  { q: '高新技术企业认定', kind: 'chinese', relevant: judge(of(1, ['p04'], HIGH_TECH), of(2, ['p04'], ['高新技术企业认定辅导', '高新技术企业复审辅导'])) },
  { q: '技术经纪', kind: 'chinese', relevant: of(2, ['p05'], BROKERAGE) },
  { q: '科技成果评价', kind: 'chinese', relevant: of(2, ['p05'], EVALUATION) },
  { q: '产学研', kind: 'chinese', relevant: of(2, ['p05'], MATCHMAKING) },
  { q: '创业辅导', kind: 'chinese', relevant: of(2, ['p06'], MENTORING) },
  { q: '样机试制', kind: 'chinese', relevant: PROTOTYPE },
  { q: '小批量试产', kind: 'chinese', relevant: SMALL_BATCH },
  { q: '数字化转型', kind: 'chinese', relevant: of(2, ['p04'], DIGITAL) },
  { q: '团体标准', kind: 'chinese', relevant: judge(of(1, ['p04'], STANDARDS), of(2, ['p04'], ['团体标准制定咨询'])) },
  {
    q: '茶叶',
    kind: 'chinese',
    relevant: judge(of(2, ['p01', 'p02'], ['食品茶叶农残（欧盟标准）检测']), of(1, ['p01'], ['食品营养成分标签检测', '食品农药残留检测', '食品重金属检测']), of(1, ['p02'], ['食品农药残留检测', '食品重金属检测', '食品微生物检测'])),
  },
  { q: '知识产权质押', kind: 'chinese', relevant: judge(of(2, ['p03', 'p04'], ['知识产权质押融资评估']), of(2, ['p06'], ['投融资对接：知识产权质押贷款对接'])) },

  // ---- English -------------------------------------------------------------------------------
  { q: 'patent', kind: 'english', relevant: PATENT_ANY },
  { q: 'textile testing', kind: 'english', relevant: judge(TEXTILE, OEKO) },
  { q: 'mold design', kind: 'english', relevant: MOLD },
  { q: 'patent search', kind: 'english', relevant: PATENT_SEARCH },
  { q: 'trademark', kind: 'english', relevant: TRADEMARK },
  { q: 'industrial design', kind: 'english', relevant: DESIGN },
  { q: 'simulation', kind: 'english', relevant: SIMULATION },
  { q: 'software development', kind: 'english', relevant: SOFTWARE },
  { q: 'food testing', kind: 'english', relevant: FOOD },
  { q: 'incubator', kind: 'english', relevant: judge(of(2, ['p06'], INCUBATOR), of(1, ['p06'], MAKERSPACE)) },
  { q: 'licensing', kind: 'english', relevant: judge(of(2, ['p05'], LICENSING), of(1, ['p03'], ['知识产权专利许可交易撮合'])) },
  { q: 'ISO 9001', kind: 'english', relevant: of(2, ['p01', 'p02'], ['ISO 9001 质量管理体系认证咨询与审核']) },
  { q: 'FMEA', kind: 'english', relevant: SMALL_BATCH },
  { q: 'Moldflow', kind: 'english', relevant: MOLD },
  { q: 'EMC', kind: 'english', relevant: judge(related(ELECTRONICS), of(2, ['p02'], ['电子电器EMC 电磁兼容测试'])) },

  // ---- mixed Chinese / English ---------------------------------------------------------------
  { q: 'CNAS 纺织', kind: 'mixed', relevant: judge(of(2, ['p01'], TEXTILE_P01), of(1, ['p02'], TEXTILE_P02)) },
  { q: 'PCT 专利', kind: 'mixed', relevant: judge(of(2, ['p03', 'p04'], ['PCT 国际专利申请代理']), of(1, ['p03'], ['发明专利申请代理', '实用新型专利申请代理']), of(1, ['p04'], ['发明专利申请代理', '实用新型专利申请代理', '外观设计专利申请代理'])) },
  { q: 'ISO 认证', kind: 'mixed', relevant: judge(of(2, ['p01'], CERT), of(2, ['p02'], CERT_P02)) },
  { q: '3D 打印', kind: 'mixed', relevant: judge(of(2, ['p06'], ['众创空间创客工坊（3D 打印/激光切割）']), PROTOTYPE) },
  { q: 'IoT 平台', kind: 'mixed', relevant: judge(related(SOFTWARE), of(2, ['p08', 'p09'], ['设备物联网（IoT）平台开发'])) },
  { q: 'EMC 测试', kind: 'mixed', relevant: judge(related(ELECTRONICS), of(2, ['p02'], ['电子电器EMC 电磁兼容测试'])) },

  // ---- typos ---------------------------------------------------------------------------------
  { q: 'patnet', kind: 'typo', relevant: PATENT_ANY },
  { q: 'textle', kind: 'typo', relevant: judge(TEXTILE, OEKO) },
  { q: 'trademrak', kind: 'typo', relevant: TRADEMARK },
  { q: 'simulaton', kind: 'typo', relevant: SIMULATION },
  { q: 'incubater', kind: 'typo', relevant: judge(of(2, ['p06'], INCUBATOR), of(1, ['p06'], MAKERSPACE)) },

  // ---- sub-words (Chinese words inside longer words) ----------------------------------------
  { q: '检索', kind: 'sub-word', relevant: PATENT_SEARCH },
  { q: '新颖性', kind: 'sub-word', relevant: judge(of(2, ['p03', 'p04'], ['专利新颖性检索（patent search）']), of(1, ['p03', 'p04'], ['专利查新检索'])) },
  { q: '起球', kind: 'sub-word', relevant: of(2, ['p01', 'p02'], ['纺织品起毛起球检测']) },
  { q: '缩水', kind: 'sub-word', relevant: of(2, ['p02'], ['纺织品尺寸稳定性（缩水率）检测']) },
  { q: '放射性', kind: 'sub-word', relevant: of(2, ['p02'], ['石材放射性检测']) },
  { q: '加计扣除', kind: 'sub-word', relevant: of(2, ['p04'], ['研发费用加计扣除申报咨询']) },
  { q: '芳香胺', kind: 'sub-word', relevant: of(2, ['p01', 'p02'], ['纺织品可分解致癌芳香胺染料检测']) },
  { q: '小巨人', kind: 'sub-word', relevant: of(2, ['p04'], ['专精特新“小巨人”申报咨询']) },
  { q: '路演', kind: 'sub-word', relevant: of(2, ['p06'], ['众创空间创业路演服务']) },

  // ---- synonyms ------------------------------------------------------------------------------
  {
    q: '知识产权',
    kind: 'synonym',
    relevant: judge(PATENT_AGENCY, of(2, ['p03'], IP_OPS_P03), of(2, ['p04'], IP_OPS_P04), PATENT_ANALYSIS, of(1, ['p03'], PATENT_SEARCH_P03), of(1, ['p04'], PATENT_SEARCH_P04), related(TRADEMARK), of(1, ['p04'], ['高新技术企业知识产权规划']), of(1, ['p06'], ['投融资对接：知识产权质押贷款对接'])),
  },
  { q: 'patent filing', kind: 'synonym', relevant: PATENT_AGENCY },
  { q: '电子 检测', kind: 'synonym', relevant: ELECTRONICS },
  { q: 'testing 纺织', kind: 'synonym', relevant: judge(TEXTILE, OEKO) },

  // ---- qualification names -------------------------------------------------------------------
  { q: 'CNAS', kind: 'qualification', relevant: judge(of(2, ['p01'], TEXTILE_P01), of(2, ['p01'], ELEC_P01), of(1, ['p02'], TEXTILE_P02)) },
  { q: 'CMA 食品', kind: 'qualification', relevant: FOOD },
  { q: 'CNAS 电子', kind: 'qualification', relevant: judge(of(2, ['p01'], ELEC_P01), of(1, ['p02'], ELEC_P02)) },
  { q: '专利代理', kind: 'qualification', relevant: PATENT_AGENCY },

  // ---- words with digits: letters take typos, digits match exactly (the extra x01 offerings) --
  { q: 'Zephyrne65', kind: 'digits', relevant: of(2, ['x01'], ['Zephyrine65 疲劳试验机校准']), wrong: ['x01:Zephyrine66 疲劳试验机校准'] },
  { q: 'zephyrine66 校准', kind: 'digits', relevant: of(2, ['x01'], ['Zephyrine66 疲劳试验机校准']), wrong: ['x01:Zephyrine65 疲劳试验机校准'] },
  { q: 'Instorn5967', kind: 'digits', relevant: of(2, ['x01'], ['Instron5967 万能材料试验机校准']), wrong: ['x01:Instron5969 万能材料试验机校准'] },
  { q: 'Instron5969 试验机', kind: 'digits', relevant: of(2, ['x01'], ['Instron5969 万能材料试验机校准']), wrong: ['x01:Instron5967 万能材料试验机校准'] },
  { q: 'GB/T 3075', kind: 'digits', relevant: of(2, ['x01'], ['金属材料轴向疲劳试验（GB/T 3075）']), wrong: ['x01:合金结构钢化学成分分析（GB/T 3077）'] },
  { q: '疲劳试验机 Zephyrine', kind: 'digits', relevant: of(2, ['x01'], ['Zephyrine65 疲劳试验机校准', 'Zephyrine66 疲劳试验机校准']) },
];
