/**
 * The service-category tree: the seven roots of docs/product.md and their sub-categories. Codes are
 * stable slugs (ids derive from them), so never rename a code; change the names instead.
 */
export interface CategorySeed {
  code: string;
  nameZh: string;
  nameEn: string;
  children?: CategorySeed[];
}

export const SERVICE_CATEGORY_TREE: readonly CategorySeed[] = [
  {
    code: 'testing',
    nameZh: '检验检测认证',
    nameEn: 'Testing, inspection and certification',
    children: [
      { code: 'testing.textile', nameZh: '纺织服装检测', nameEn: 'Textile and apparel testing' },
      { code: 'testing.food', nameZh: '食品检测', nameEn: 'Food testing' },
      { code: 'testing.building-materials', nameZh: '建材检测', nameEn: 'Building materials testing' },
      { code: 'testing.electronics', nameZh: '电子电器检测', nameEn: 'Electronic and electrical testing' },
      { code: 'testing.machinery', nameZh: '机械检测', nameEn: 'Machinery testing' },
      { code: 'testing.certification', nameZh: '认证服务', nameEn: 'Certification services' },
    ],
  },
  {
    code: 'ip',
    nameZh: '知识产权',
    nameEn: 'Intellectual property',
    children: [
      { code: 'ip.patent-agency', nameZh: '专利代理', nameEn: 'Patent agency' },
      { code: 'ip.trademark-agency', nameZh: '商标代理', nameEn: 'Trademark agency' },
      { code: 'ip.operation', nameZh: '知识产权运营', nameEn: 'IP commercialization' },
      { code: 'ip.patent-analysis', nameZh: '专利分析评议', nameEn: 'Patent analysis and assessment' },
      { code: 'ip.patent-search', nameZh: '专利检索', nameEn: 'Patent search' },
    ],
  },
  {
    code: 'transfer',
    nameZh: '技术转移',
    nameEn: 'Technology transfer',
    children: [
      { code: 'transfer.brokerage', nameZh: '技术经纪', nameEn: 'Technology brokerage' },
      { code: 'transfer.licensing', nameZh: '技术许可与转让', nameEn: 'Technology licensing and assignment' },
      { code: 'transfer.evaluation', nameZh: '科技成果评价', nameEn: 'Evaluation of research results' },
      { code: 'transfer.matchmaking', nameZh: '产学研对接', nameEn: 'Industry–university–research matchmaking' },
    ],
  },
  {
    code: 'incubation',
    nameZh: '创业孵化',
    nameEn: 'Start-up incubation',
    children: [
      { code: 'incubation.makerspace', nameZh: '众创空间服务', nameEn: 'Maker-space services' },
      { code: 'incubation.incubator', nameZh: '孵化器服务', nameEn: 'Incubator services' },
      { code: 'incubation.mentoring', nameZh: '创业辅导', nameEn: 'Start-up mentoring' },
      { code: 'incubation.financing', nameZh: '投融资对接', nameEn: 'Investment and financing matchmaking' },
    ],
  },
  {
    code: 'rd',
    nameZh: '研发设计',
    nameEn: 'R&D and design',
    children: [
      { code: 'rd.industrial-design', nameZh: '工业设计', nameEn: 'Industrial design' },
      { code: 'rd.product-development', nameZh: '产品研发', nameEn: 'Product development' },
      { code: 'rd.mold-design', nameZh: '模具设计', nameEn: 'Mold design' },
      { code: 'rd.simulation', nameZh: '仿真分析', nameEn: 'Simulation and analysis' },
      { code: 'rd.software', nameZh: '软件开发', nameEn: 'Software development' },
    ],
  },
  {
    code: 'pilot',
    nameZh: '中试熟化',
    nameEn: 'Pilot-scale production',
    children: [
      { code: 'pilot.process', nameZh: '工艺中试', nameEn: 'Process pilot testing' },
      { code: 'pilot.prototype', nameZh: '样机试制', nameEn: 'Prototype building' },
      { code: 'pilot.small-batch', nameZh: '小批量试产', nameEn: 'Small-batch trial production' },
    ],
  },
  {
    code: 'consulting',
    nameZh: '科技咨询',
    nameEn: 'Science and technology consulting',
    children: [
      { code: 'consulting.project-application', nameZh: '科技项目申报咨询', nameEn: 'S&T project application consulting' },
      { code: 'consulting.high-tech-certification', nameZh: '高新技术企业认定辅导', nameEn: 'High-tech enterprise certification coaching' },
      { code: 'consulting.technology-strategy', nameZh: '技术战略咨询', nameEn: 'Technology strategy consulting' },
      { code: 'consulting.digital-transformation', nameZh: '数字化转型咨询', nameEn: 'Digital transformation consulting' },
      { code: 'consulting.standardization', nameZh: '标准化咨询', nameEn: 'Standardization consulting' },
    ],
  },
];
