// Benchmark data (issue #3): synthetic offerings shaped as SearchDocuments with a realistic spread —
// broad words (检测 in about a fifth of the offerings, 服务 in many), specific words rare, a long
// tail of model numbers and English terms — over every sub-category of the reference tree, the
// Quanzhou counties, prices, lead times, qualifications and programs; deterministic for a seed
// (same generator as libs/search/test/support/synthetic-documents.ts). Upserted into the
// PostgresEngine of the given database in batches, with a progress line.
// Run: npm run bench:data -- --offerings 100000 [--database-url URL] [--seed 42] [--batch 2000]
//      (DATABASE_URL from the environment when --database-url is not given; migrate the database first)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);

const WORDS = {
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
export const INDUSTRIES = ['纺织', '鞋服', '陶瓷', '建材', '机械', '电子', '食品', '茶叶', '石材', '化工', '医药', '汽车配件', '五金', '包装', '家具', '工艺品', '新能源', '半导体'];
const PROVIDER_TYPE = { testing: 'testing_lab', ip: 'ip_service', transfer: 'tech_transfer', incubation: 'incubator', rd: 'rd_design', pilot: 'pilot_scale', consulting: 'consulting' };
/** The voucher program 30% of the offerings are eligible in (a uuid, as the API validates program ids). */
export const BENCH_PROGRAM_ID = 'a0000000-0000-4000-8000-000000002025';

/** A seeded PRNG (LCG), uniform in [0, 1). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const uuidOf = (n, prefix) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** `count` documents starting at `offset`; the same (seed, offset, count) always yields the same documents. */
export async function generateDocuments(count, seed = 42, offset = 0) {
  const { SERVICE_CATEGORY_TREE, REGIONS, categoryIdOf } = await dist('libs/reference/src/index.js');
  const rnd = rng(seed + offset);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const subs = SERVICE_CATEGORY_TREE.flatMap((root) => (root.children ?? []).map((c) => ({ root, c })));
  const counties = REGIONS.filter((r) => r.level === 'county').map((r) => r.code);
  const docs = [];
  for (let i = offset; i < offset + count; i++) {
    const { root, c } = pick(subs);
    const w = pick(WORDS[c.code] ?? [c.nameZh]);
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
      programIds: rnd() < 0.3 ? [BENCH_PROGRAM_ID] : [],
      priceFen: price,
      priceMaxFen: price + (rnd() < 0.3 ? 100_000 : 0),
      leadTimeDays: 1 + Math.floor(rnd() * 60),
      rating: rnd() < 0.1 ? null : Math.round(rnd() * 50) / 10,
      publishedAt: new Date(Date.UTC(2025, 0, 1) - Math.floor(rnd() * 3e10)),
    });
  }
  return docs;
}

/**
 * Upserts `offerings` synthetic documents into the PostgresEngine on `databaseUrl` (already
 * migrated) in batches of `batch`, printing a progress line; returns { offerings, seconds }.
 */
export async function loadDocuments({ databaseUrl, offerings = 100_000, seed = 42, batch = 2000, progress = true }) {
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await dist('libs/database/src/index.js');
  const { PostgresEngine, SEARCH_ENTITIES } = await dist('libs/search/src/index.js');
  const ds = new DataSource({ ...dataSourceOptions({ url: databaseUrl, entities: SEARCH_ENTITIES, poolSize: 4, applicationName: 'innoserve-bench-data' }), logging: false });
  await ds.initialize();
  try {
    const engine = new PostgresEngine(ds);
    await engine.ensureSetup();
    const started = performance.now();
    const line = (done) => {
      const secs = (performance.now() - started) / 1000;
      const rate = done / Math.max(secs, 0.001);
      const eta = rate > 0 ? (offerings - done) / rate : 0;
      const width = 30;
      const bar = '#'.repeat(Math.round((done / offerings) * width)).padEnd(width, '.');
      return `bench:data [${bar}] ${done}/${offerings} ${Math.round(rate)}/s ETA ${eta.toFixed(0)} s`;
    };
    for (let i = 0; i < offerings; i += batch) {
      const n = Math.min(batch, offerings - i);
      await engine.upsert(await generateDocuments(n, seed, i));
      if (progress) {
        if (process.stderr.isTTY) process.stderr.write(`\r${line(i + n)}`);
        else if ((i / batch) % 10 === 9 || i + n === offerings) process.stderr.write(`${line(i + n)}\n`);
      }
    }
    if (progress && process.stderr.isTTY) process.stderr.write('\n');
    for (const table of ['search_document', 'search_document_display', 'search_term']) await ds.query(`VACUUM ANALYZE ${table}`);
    return { offerings, seconds: (performance.now() - started) / 1000 };
  } finally {
    await ds.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : def;
  };
  const offerings = Number(arg('offerings', 100_000));
  const seed = Number(arg('seed', 42));
  const batch = Number(arg('batch', 2000));
  const databaseUrl = arg('database-url', process.env.DATABASE_URL);
  if (!databaseUrl || !Number.isSafeInteger(offerings) || offerings < 1 || !Number.isSafeInteger(batch) || batch < 1) {
    console.error('usage: npm run bench:data -- --offerings 100000 [--database-url URL] [--seed 42] [--batch 2000]  (or DATABASE_URL)');
    process.exit(2);
  }
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'ignore' });
  const r = await loadDocuments({ databaseUrl, offerings, seed, batch });
  console.log(`bench:data: ${r.offerings} offerings upserted in ${r.seconds.toFixed(1)} s (${Math.round(r.offerings / r.seconds)}/s)`);
}
