// Claim risk-rule benchmark: a synthetic year of voucher activity at two sizes (10,000 and 100,000
// historical orders, claims on 20% of them), providers drawn from a Zipf distribution, written into
// embedded PostgreSQL migrated with the real migrations. Two measurements per size:
//  - cost: the nine rules (RiskEngine.evaluate, as the claims service calls it) timed for claims of
//    the busiest provider, on one connection, against a baseline measured in the same loop: a
//    primary-key SELECT of one order. p50/p95 at both sizes, each as a multiple of the baseline, and
//    the ratio 100k ÷ 10k (floor ≤ 2 and p95 ≤ 50 ms at 100k; goal ≤ 1.2 and p95 ≤ 10 ms);
//  - detection: every rule's pattern planted in the clean year, each with a near-miss twin counted as
//    clean; recall per rule (planted cases the rule flags) and the clean claims any rule flags
//    (floor ≥ 90% per rule and ≤ 5% clean flagged; goal ≥ 98% and ≤ 1%).
// The clean year is shaped as the market is: incubator tenants registered at their incubator's
// address and buying from it, firms sharing their accounting agency's phone, funds holding shares
// in many firms, controller groups, repeat orders of one pair more than 30 days apart, quoted
// prices spread ±50% around the offering's reference, fixed prices at the list price.
// Run: npm run bench:claims [-- --sizes 10000,100000 --timed 400 --seed 20261205]
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import 'reflect-metadata';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argOf = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const SIZES = String(argOf('sizes', '10000,100000')).split(',').map(Number);
const TIMED = Number(argOf('timed', 400)); // claims of the busiest provider timed per size
const WARMUP = 60;
const SEED = Number(argOf('seed', 20261205));
// the claims service evaluates inside the submission's transaction, where the rules' statements run
// prepared (queryPrepared); --no-transaction: autocommit, every statement parsed and planned afresh
const IN_TRANSACTION = !process.argv.includes('--no-transaction');
const EXPLAIN = process.argv.includes('--explain'); // print the plan of every rule's statements for one claim of the busiest provider
const SHOW = Number(argOf('show', 0)); // --show N: print the flags of up to N clean claims that were flagged
const SHOW_RULES = String(argOf('show-rules', '')).split(',').filter(Boolean); // --show-rules a,b: … by these rules only

execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'ignore' });
const dist = (p) => import(path.join(root, 'dist', p));
const { startEmbeddedPostgres, ensureDatabase, migrate, dataSourceOptions, queryPrepared } = await dist('libs/database/src/index.js');
const { RiskEngine, RISK_RULES } = await dist('libs/claims/src/index.js');
const { riskThresholdsOf } = await dist('libs/vouchers/src/index.js');
// the seeded random source and the bulk INSERT are shared with bench/reports.js and the reports tests
const { seededRandom: rng, insertRows } = await dist('libs/database/src/testing/index.js');
const { DataSource } = await import('typeorm');
const THRESHOLDS = riskThresholdsOf({});

const H = 3_600_000;
const D = 86_400_000;
const YEAR = Date.UTC(2026, 0, 1) - 8 * H; // 2026-01-01 00:00 in Asia/Shanghai
const sday = (ms) => new Date(ms + 8 * H).toISOString().slice(0, 10);
const iso = (ms) => new Date(ms).toISOString();

const COUNTIES = ['350502', '350503', '350504', '350505', '350521', '350524', '350525', '350526', '350581', '350582', '350583'];
const COUNTY_NAMES = ['鲤城区', '丰泽区', '洛江区', '泉港区', '惠安县', '安溪县', '永春县', '德化县', '石狮市', '晋江市', '南安市'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建国志文斌辉宇浩鹏飞龙鑫晨阳凯鸿海波宁亮佳琪欣怡梓涵子轩思雨俊杰嘉诚瑞泽博天佑雅婷晓东振华永福'.split('');
const INDUSTRY = ['纺织', '鞋服', '陶瓷', '建材', '机械', '电子', '食品', '茶叶', '石材', '化工', '五金', '包装', '家具', '新能源', '智能装备'];
const FUNDS = ['泉州市产业投资基金', '福建省创业投资引导基金', '晋江市科创基金', '石狮市产业发展基金', '闽南天使投资合伙企业', '海西创新投资有限公司', '泉州金控创投', '丰泽区科技成果转化基金'];

/**
 * One year of activity in one program. Orders, claims and organizations are plain rows (the columns
 * the tables need); every claim also carries what the claims service would hand the engine
 * (ClaimUnderReview) and a label: clean, twin (a planted case's near miss: clean), support (a row
 * that belongs to a planted pattern but is not the planted case: counted neither way) or the rule it plants.
 */
function generateYear(N, seed) {
  const R = rng(seed);
  const uni = (a, b) => a + (b - a) * R();
  const int = (a, b) => a + Math.floor(R() * (b - a + 1));
  const pick = (xs) => xs[Math.floor(R() * xs.length)];
  const hex = (n) => Array.from({ length: n }, () => Math.floor(R() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(R() * 4)]}${hex(3)}-${hex(12)}`;
  const person = () => pick(SURNAMES) + pick(GIVEN) + (R() < 0.7 ? pick(GIVEN) : '');

  const W = { orgs: [], profiles: [], offerings: [], orders: [], payments: [], claims: [], enterprises: [], providers: [] };
  const programId = uuid();
  let seq = 0;
  const phoneSeq = { own: 0, agency: 0 };
  const ownPhone = () => `0595-${String(20000000 + ++phoneSeq.own)}`;

  // ---- categories: 40 leaves; a quarter priced per unit (samples, hours), the rest fixed or quoted
  const categories = Array.from({ length: 40 }, (_, i) => {
    const unit = i % 4 === 3;
    const base = unit ? Math.round(Math.exp(uni(Math.log(200_00), Math.log(3_000_00)))) : Math.round(Math.exp(uni(Math.log(3_000_00), Math.log(150_000_00))));
    const ratioBp = pick([4_000, 5_000, 5_000, 6_000]);
    // the price at which the subsidy reaches the cap sits above most prices, as programs set caps
    const capPrice = base * (unit ? uni(8, 14) : uni(1.6, 2.4));
    const capFen = Math.max(100, Math.round((capPrice * ratioBp) / 10_000 / 100) * 100); // whole yuan
    return { id: uuid(), unit, incubation: i < 3, base, ratioBp, capFen, offerings: [] };
  });
  const capPriceOf = (cat) => (cat.capFen * 10_000) / cat.ratioBp; // exact as a rational, compared with care below

  // ---- organizations
  const newOrg = (kind, o = {}) => {
    const n = ++seq;
    const county = int(0, COUNTIES.length - 1);
    const name = o.name ?? `泉州${pick(INDUSTRY)}${kind === 'provider' ? '技术服务' : '科技'}${n}有限公司`;
    const org = {
      id: uuid(),
      uscc: `91350500${String(n).padStart(10, '0')}`,
      name,
      region_code: COUNTIES[county],
      legal_representative: o.legal_representative ?? person(),
      registered_address: o.registered_address ?? `泉州市${COUNTY_NAMES[county]}${pick(INDUSTRY)}路${n}号`,
      contact_phone: o.contact_phone ?? ownPhone(),
      bank_name: '中国银行泉州分行',
      bank_account_name: name,
      bank_account_no: o.bank_account_no ?? `62170035${String(n).padStart(11, '0')}`,
      shareholders: o.shareholders ?? Array.from({ length: int(1, 3) }, person),
      controller_group: o.controller_group ?? null,
      version: 1,
      kind,
    };
    W.orgs.push(org);
    if (kind === 'provider') {
      W.profiles.push({
        organization_id: org.id,
        provider_types: o.incubator ? ['incubator', 'consulting'] : [pick(['tech_transfer', 'ip_service', 'testing_lab', 'rd_design', 'pilot_scale', 'consulting'])],
        admission_status: 'admitted',
        admitted_at: iso(YEAR - 200 * D),
        admission_expires_at: iso(YEAR + 530 * D),
        submitted_at: iso(YEAR - 230 * D),
        version: 1,
      });
    }
    return org;
  };
  const newEnterprise = (o = {}) => {
    const e = newOrg('enterprise', o);
    e.grantedAt = YEAR + int(4, 50) * D + int(9, 16) * H; // grants in January and February
    e.weight = Math.exp(uni(-1.2, 1.2));
    W.enterprises.push(e);
    return e;
  };

  const P = 300;
  for (let i = 0; i < P; i++) {
    const incubator = i % 8 === 5; // one provider in eight runs an incubator
    const p = newOrg('provider', { incubator });
    p.incubator = incubator;
    p.tenants = [];
    W.providers.push(p);
  }
  // Zipf (s = 1) over the providers in a shuffled order of rank
  const byRank = [...W.providers].sort(() => R() - 0.5);
  const zipfCum = [];
  let zs = 0;
  for (let k = 1; k <= P; k++) zipfCum.push((zs += 1 / k));
  const zipf = () => {
    const x = R() * zs;
    let lo = 0;
    let hi = P - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (zipfCum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return byRank[lo];
  };

  // offerings: 3–8 per provider in 1–3 categories (incubators also in an incubation category)
  const newOffering = (p, cat, kind) => {
    const ref = Math.round(cat.base * uni(0.7, 1.4));
    const k = kind ?? (cat.unit ? 'per_unit' : R() < 0.55 ? 'fixed' : 'quote');
    const off = {
      id: uuid(),
      provider_id: p.id,
      category_id: cat.id,
      title: `${pick(INDUSTRY)}技术服务`,
      description: '服务说明',
      deliverables: '报告',
      pricing_kind: k,
      price_fen: k === 'quote' ? null : ref,
      unit_name: k === 'per_unit' ? '件' : null,
      min_fen: k === 'quote' ? Math.round(ref * 0.5) : null,
      max_fen: k === 'quote' ? Math.round(ref * 1.5) : null,
      lead_time_days: int(7, 60),
      status: R() < 0.92 ? 'published' : pick(['draft', 'suspended', 'withdrawn']),
      created_by: p.id,
      cat,
    };
    W.offerings.push(off);
    cat.offerings.push(off);
    return off;
  };
  for (const p of W.providers) {
    const cats = new Set(Array.from({ length: int(1, 3) }, () => pick(categories.slice(3))));
    if (p.incubator) cats.add(pick(categories.slice(0, 3)));
    const catList = [...cats];
    p.offerings = [];
    for (const cat of catList) p.offerings.push(newOffering(p, cat), ...(R() < 0.6 ? [newOffering(p, cat)] : []));
    while (p.offerings.length < 3) p.offerings.push(newOffering(p, pick(catList)));
    p.published = p.offerings.filter((o) => o.status === 'published');
    if (p.published.length === 0) {
      p.offerings[0].status = 'published';
      p.published = [p.offerings[0]];
    }
  }

  // enterprises: 5 orders a year on average
  const E = Math.round(N / 5);
  for (let i = 0; i < E; i++) newEnterprise();
  // incubator tenants (10% of the enterprises) registered at their incubator's address, spread over the incubators
  const incubators = W.providers.filter((p) => p.incubator);
  W.enterprises.slice(0, Math.round(E / 10)).forEach((e, i) => {
    const inc = incubators[i % incubators.length];
    e.registered_address = inc.registered_address;
    e.incubator = inc;
    inc.tenants.push(e);
  });
  // accounting agencies: half the enterprises and a third of the providers list their agency's phone; 20 clients per agency
  const agencyUsers = [...W.enterprises.filter(() => R() < 0.5), ...W.providers.filter(() => R() < 0.33)].sort(() => R() - 0.5);
  const agencyPhones = [];
  agencyUsers.forEach((o, i) => {
    const a = Math.min(Math.floor(i / 20), Math.max(0, Math.floor(agencyUsers.length / 20) - 1));
    agencyPhones[a] ??= `0595-8${String(++phoneSeq.agency).padStart(7, '0')}`;
    o.contact_phone = agencyPhones[a];
    o.agencyPhone = true;
  });
  // funds hold shares in 5% of the enterprises and 10% of the providers; controller groups of 2–4 enterprises
  for (const o of W.orgs) if (R() < (o.kind === 'provider' ? 0.1 : 0.05)) o.shareholders = [...o.shareholders, pick(FUNDS)];
  for (let i = 0; i + 4 < E * 0.1; i += 4) {
    const g = `${pick(INDUSTRY)}控股集团${i}`;
    for (let j = 0; j < int(2, 4); j++) W.enterprises[Math.round(E * 0.2) + i + j].controller_group = g;
  }
  // a usual provider for a third of the enterprises (repeat business)
  for (const e of W.enterprises) if (R() < 0.33) e.usual = zipf();

  // ---- orders, payments and claims
  const quoteOrListPrice = (off, qty) => {
    if (off.pricing_kind === 'fixed') return off.price_fen;
    if (off.pricing_kind === 'per_unit') return off.price_fen * qty;
    return Math.round(uni(off.min_fen, off.max_fen)); // quotes spread ±50% around the reference
  };
  const subsidyOf = (cat, price) => Math.min(Math.floor((price * cat.ratioBp) / 10_000), cat.capFen);
  let orderNo = 0;
  const addOrder = (o) => {
    const off = o.offering;
    const cat = off.cat;
    const qty = o.quantity ?? (off.pricing_kind === 'per_unit' ? int(1, 10) : 1);
    const price = o.price ?? quoteOrListPrice(off, qty);
    const contracted = o.contractedAt;
    const requested = o.requestedAt ?? Math.max(o.enterprise.grantedAt + int(2, 20) * H, contracted - int(1, 7) * D - int(0, 8) * H);
    const started = o.startedAt === undefined ? contracted + Math.round(uni(0.5, 5) * D) : o.startedAt;
    const lead = o.leadTimeDays ?? off.lead_time_days;
    const delivered = o.deliveredAt ?? (started ?? contracted) + Math.round(lead * D * uni(0.4, 1.1)) + int(0, 8) * H;
    const cancelled = o.status === 'cancelled';
    const subsidy = o.programOrder === false ? 0 : subsidyOf(cat, price);
    const row = {
      id: uuid(),
      order_no: `SO${N}-${String(++orderNo).padStart(7, '0')}`,
      enterprise_id: o.enterprise.id,
      provider_id: o.provider.id,
      offering_id: off.id,
      category_id: cat.id,
      region_code: o.enterprise.region_code,
      offering_title: off.title,
      pricing_kind: off.pricing_kind,
      quantity: qty,
      requirements: '需求说明',
      status: o.status ?? 'completed',
      price_fen: price,
      lead_time_days: lead,
      program_id: o.programOrder === false ? null : programId,
      grant_id: o.programOrder === false ? null : o.enterprise.id,
      subsidy_fen: subsidy,
      due_fen: price - subsidy,
      settlement_mode: o.programOrder === false ? null : 'provider_redeems',
      contracted_at: iso(contracted),
      started_at: cancelled || started === null ? null : iso(started),
      delivered_at: cancelled ? null : iso(delivered),
      completed_at: cancelled ? null : iso(delivered + 3 * D),
      created_by: o.enterprise.id,
      created_at: iso(requested),
      // for the claim
      _t: { requested, contracted, started: cancelled ? null : started, delivered, lead, cat, off, price, subsidy, enterprise: o.enterprise, provider: o.provider },
    };
    W.orders.push(row);
    if (!cancelled && price - subsidy > 0) {
      W.payments.push({
        id: uuid(),
        order_id: row.id,
        enterprise_id: o.enterprise.id,
        provider_id: o.provider.id,
        method: 'offline',
        status: 'succeeded',
        amount_fen: price - subsidy,
        reference: `IS-${N}-${orderNo}`,
        succeeded_at: iso(contracted + Math.round(uni(0.1, 2) * D)),
        created_by: o.enterprise.id,
      });
    }
    return row;
  };
  let invoiceSeq = 0;
  let plantedCase = null; // the rule whose case (planted or twin) the claims being added belong to
  const freshInvoice = () => {
    const n = ++invoiceSeq;
    // 全电发票 (no code, 20-digit number) for most; older VAT fapiao (12-digit code, 8-digit number) for a fifth
    return R() < 0.8 ? { code: '', number: `2635${String(N).padStart(6, '0')}${String(n).padStart(10, '0')}` } : { code: `0350022${String(N % 100000).padStart(5, '0')}`, number: String(10_000_000 + n) };
  };
  const addClaim = (order, label, o = {}) => {
    const t = order._t;
    const inv = o.invoice ?? freshInvoice();
    const issuedOn = o.issuedOn ?? sday(t.delivered + int(0, 6) * D);
    const submitted = Math.max(t.delivered + int(3, 20) * D, Date.parse(`${issuedOn}T12:00:00+08:00`));
    const status = o.status ?? pick(['in_review', 'in_review', 'in_review', 'approved', 'approved', 'approved', 'paid', 'paid', 'batched', 'returned', 'rejected']);
    const row = {
      id: uuid(),
      claim_no: `BT${N}-${String(W.claims.length + 1).padStart(7, '0')}`,
      order_id: order.id,
      program_id: programId,
      grant_id: t.enterprise.id,
      hold_id: order.id,
      enterprise_id: t.enterprise.id,
      provider_id: t.provider.id,
      claimant_id: t.provider.id,
      settlement_mode: 'provider_redeems',
      region_code: t.enterprise.region_code,
      category_id: t.cat.id,
      status,
      amount_fen: t.subsidy,
      price_fen: t.price,
      invoice_code: inv.code,
      invoice_number: inv.number,
      invoice_issued_on: issuedOn,
      invoice_amount_fen: t.price,
      seller_tax_id: t.provider.uscc,
      buyer_tax_id: t.enterprise.uscc,
      evidence: { contractNo: null, deliveryReportFileId: null, payments: [] },
      levels: ['county', 'city'],
      level: 1,
      level_since: iso(submitted),
      level_due_on: sday(submitted + 14 * D),
      deadline_on: sday(t.delivered + 90 * D),
      submitted_at: iso(submitted),
      created_by: t.provider.id,
      label,
      case: plantedCase,
      review: {
        claimId: null, // set below
        programId,
        orderId: order.id,
        enterpriseId: t.enterprise.id,
        providerId: t.provider.id,
        offeringId: t.off.id,
        categoryId: t.cat.id,
        priceFen: BigInt(t.price),
        subsidyFen: BigInt(t.subsidy),
        ratioBp: t.cat.ratioBp,
        perOrderCapFen: BigInt(t.cat.capFen),
        leadTimeDays: t.lead,
        requestedAt: new Date(o.requestedAt ?? t.requested),
        contractedAt: new Date(t.contracted),
        startedAt: t.started === null ? null : new Date(t.started),
        deliveredAt: new Date(t.delivered),
        grantedAt: new Date(t.enterprise.grantedAt),
        invoice: { code: inv.code, number: inv.number, issuedOn, amountFen: BigInt(t.price), sellerTaxId: t.provider.uscc },
        submittedAt: new Date(submitted),
      },
    };
    row.review.claimId = row.id;
    W.claims.push(row);
    return row;
  };

  // the clean year: each enterprise's orders at random dates, a pair's orders kept more than 30 days apart
  const cum = [];
  let ws = 0;
  for (const e of W.enterprises) cum.push((ws += e.weight));
  const pickEnterprise = () => {
    const x = R() * ws;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return W.enterprises[lo];
  };
  const perEnterprise = new Map();
  for (let i = 0; i < N; i++) {
    const e = pickEnterprise();
    perEnterprise.set(e, (perEnterprise.get(e) ?? 0) + 1);
  }
  const clean = [];
  for (const [e, k] of perEnterprise) {
    const first = Math.max(e.grantedAt + 3 * D, YEAR + 20 * D);
    const dates = Array.from({ length: k }, () => first + Math.round(uni(0, YEAR + 333 * D - first))).sort((a, b) => a - b);
    const lastWith = new Map();
    for (const contracted of dates) {
      const far = (p) => contracted - (lastWith.get(p) ?? -Infinity) > 32 * D;
      let p = null;
      if (e.incubator && R() < 0.3 && far(e.incubator)) p = e.incubator;
      else if (e.usual && R() < 0.3 && far(e.usual)) p = e.usual;
      for (let tries = 0; p === null && tries < 50; tries++) {
        const z = zipf();
        if (far(z)) p = z;
      }
      if (p === null) continue; // an enterprise this busy with every provider: drop the order
      lastWith.set(p, contracted);
      const off = pick(p.published);
      clean.push(addOrder({ enterprise: e, provider: p, offering: off, contractedAt: contracted + int(1, 9) * H, status: R() < 0.04 ? 'cancelled' : 'completed' }));
    }
  }
  // providers buy services too (outside the program): 2% of the volume
  for (let i = 0; i < N / 50; i++) {
    const buyer = pick(W.providers);
    let seller = zipf();
    if (seller === buyer) seller = W.providers[(W.providers.indexOf(buyer) + 1) % P];
    addOrder({ enterprise: { ...buyer, grantedAt: YEAR }, provider: seller, offering: pick(seller.published), contractedAt: YEAR + int(10, 330) * D + int(9, 17) * H, programOrder: false });
  }
  // claims on 20% of the year's orders (completed program orders, chosen at random)
  const claimable = clean.filter((o) => o.status === 'completed').sort(() => R() - 0.5);
  for (const o of claimable.slice(0, Math.round(N / 5))) addClaim(o, 'clean');

  // ---------------------------------------------------------------- planted cases and their twins
  const K = Math.max(20, Math.round(N / 1000)); // cases per rule
  const midYear = () => YEAR + int(70, 280) * D + int(9, 17) * H;
  const published = categories.map((c) => c.offerings.filter((o) => o.status === 'published'));
  const listOf = (off) => (off.pricing_kind === 'quote' ? off.max_fen : off.price_fen);
  /** The category median as (lo + hi), as the rule computes it (null: fewer than 5 published). */
  const twiceMedian = (cat) => {
    const ls = published[categories.indexOf(cat)].map(listOf).sort((a, b) => a - b);
    if (ls.length < THRESHOLDS.outlierMinPeers) return null;
    return ls[Math.floor((ls.length - 1) / 2)] + ls[Math.ceil((ls.length - 1) / 2)];
  };
  const atCap = (cat, price) => Math.abs(price * cat.ratioBp - cat.capFen * 10_000) <= THRESHOLDS.atCapToleranceBp * cat.capFen;
  /** A price no rule but the one under test objects to: within 2× list and 2× median, not at the cap. */
  const cleanPrice = (off, price, qty = 1) => {
    const list = off.pricing_kind === 'per_unit' ? off.price_fen * qty : listOf(off);
    if (price * 10_000 > THRESHOLDS.outlierMultipleBp * list) return false;
    const tm = twiceMedian(off.cat);
    if (tm !== null && 2 * price * 10_000 > THRESHOLDS.outlierMultipleBp * tm * (off.pricing_kind === 'per_unit' ? qty : 1)) return false;
    return !atCap(off.cat, price);
  };
  /** A provider (Zipf) and one of its published offerings that `fits`; gives up after many tries. */
  const deal = (fits, providers = null) => {
    for (let i = 0; i < 5000; i++) {
      const p = providers ? pick(providers) : zipf();
      const off = pick(p.published);
      const r = fits(off, p);
      if (r !== false && r !== null && r !== undefined) return { p, off, r };
    }
    throw new Error('no offering fits the planted case');
  };
  const ordinary = (off) => {
    if (off.pricing_kind === 'per_unit') return false;
    const price = quoteOrListPrice(off, 1);
    return cleanPrice(off, price) ? price : false;
  };
  const plainOrder = (e, o = {}) => {
    const { p, off, r } = o.provider ? { p: o.provider, off: o.offering, r: o.price } : deal(ordinary, o.providers);
    return addOrder({ enterprise: e, provider: p, offering: off, price: r, contractedAt: o.contractedAt ?? midYear(), ...o.extra });
  };

  const negotiable = (p) => p.published.some((o) => o.pricing_kind !== 'per_unit');
  const linked = new Set(); // providers whose values a planted case copied: their values stay as they are
  for (let k = 0; k < K; k++) {
    plantedCase = 'related_party';
    // related_party: a value the two share and (almost) nobody else; twin: a hub value (an agency's
    // phone, an incubator's address, a phone four organizations carry: the boundary)
    {
      const own = byRank.filter((p) => !p.agencyPhone && !p.incubator && negotiable(p));
      const { p, off, r } = deal(ordinary, own);
      linked.add(p);
      const kind = ['contact_phone', 'bank_account_no', 'legal_representative', 'shareholder', 'controller_group', 'registered_address'][k % 6];
      const link = {};
      if (kind === 'contact_phone') link.contact_phone = p.contact_phone;
      if (kind === 'bank_account_no') link.bank_account_no = p.bank_account_no;
      if (kind === 'legal_representative') link.legal_representative = p.legal_representative;
      if (kind === 'shareholder') link.shareholders = [p.shareholders[0]];
      if (kind === 'registered_address') link.registered_address = p.registered_address;
      if (kind === 'controller_group') {
        p.controller_group ??= `${pick(INDUSTRY)}实业集团P${k}`;
        link.controller_group = p.controller_group;
      }
      const e = newEnterprise(link);
      addClaim(plainOrder(e, { provider: p, offering: off, price: r }), 'related_party');

      let twinE;
      let twinP;
      if (k % 3 === 0) {
        twinP = pick(byRank.filter((x) => x.agencyPhone && negotiable(x)));
        twinE = newEnterprise({ contact_phone: twinP.contact_phone });
      } else if (k % 3 === 1) {
        twinP = pick(incubators.filter(negotiable));
        twinE = newEnterprise({ registered_address: twinP.registered_address });
      } else {
        twinP = pick(own.filter((x) => !linked.has(x)));
        twinP.agencyPhone = true;
        const phone = `0595-7${String(k).padStart(7, '0')}`;
        twinP.contact_phone = phone; // a small agency: the pair and exactly three others
        for (let i = 0; i < 3; i++) newEnterprise({ contact_phone: phone });
        twinE = newEnterprise({ contact_phone: phone });
      }
      const t = deal(ordinary, [twinP]);
      addClaim(plainOrder(twinE, { provider: twinP, offering: t.off, price: t.r }), 'twin');
    }

    plantedCase = 'duplicate_invoice';
    // duplicate_invoice: one fapiao renumbered for a second order of the pair, or a rejected claim's
    // fapiao presented again; twin: the same fixed price invoiced the same day to another buyer
    {
      const fixedDeal = deal((off) => off.pricing_kind === 'fixed' && cleanPrice(off, off.price_fen) && off.price_fen);
      const e = newEnterprise();
      const t0 = YEAR + int(60, 150) * D + 10 * H;
      const first = plainOrder(e, { provider: fixedDeal.p, offering: fixedDeal.off, price: fixedDeal.r, contractedAt: t0 });
      const second = plainOrder(e, { provider: fixedDeal.p, offering: fixedDeal.off, price: fixedDeal.r, contractedAt: t0 + int(40, 90) * D });
      if (k % 2 === 0) {
        const a = addClaim(first, 'support');
        addClaim(second, 'duplicate_invoice', { issuedOn: a.invoice_issued_on });
      } else {
        const a = addClaim(first, 'support', { status: 'rejected' });
        addClaim(second, 'duplicate_invoice', { invoice: { code: a.invoice_code, number: a.invoice_number } });
      }
      const t = deal((off) => off.pricing_kind === 'fixed' && cleanPrice(off, off.price_fen) && off.price_fen);
      const day = YEAR + int(60, 250) * D + 10 * H;
      const a = addClaim(plainOrder(newEnterprise(), { provider: t.p, offering: t.off, price: t.r, contractedAt: day }), 'twin');
      addClaim(plainOrder(newEnterprise(), { provider: t.p, offering: t.off, price: t.r, contractedAt: day + 2 * H }), 'twin', { issuedOn: a.invoice_issued_on });
    }

    plantedCase = 'split_orders';
    // split_orders: two orders of a pair 2–30 days apart, each under the cap price, together above it;
    // twin: the same two orders 31–45 days apart
    for (const twin of [false, true]) {
      const prices = [];
      const d = deal((off) => {
        if (off.pricing_kind === 'per_unit') return false;
        const cap = capPriceOf(off.cat);
        const a = Math.floor(cap * uni(0.55, 0.9));
        const b = Math.floor(cap * uni(0.55, 0.9));
        if (!(a < cap && b < cap && a + b > cap && cleanPrice(off, a) && cleanPrice(off, b))) return false;
        prices.splice(0, 2, a, b);
        return true;
      });
      const e = newEnterprise();
      const t0 = YEAR + int(60, 200) * D + 10 * H;
      const gap = twin ? int(31, 45) * D + int(1, 8) * H : Math.round(uni(2, 29.9) * D);
      const o1 = plainOrder(e, { provider: d.p, offering: d.off, price: prices[0], contractedAt: t0 });
      const o2 = plainOrder(e, { provider: d.p, offering: d.off, price: prices[1], contractedAt: t0 + gap });
      addClaim(o1, twin ? 'twin' : 'support');
      addClaim(o2, twin ? 'twin' : 'split_orders');
    }

    plantedCase = 'price_outlier';
    // price_outlier: a fixed-price offering sold at 2.01–3× its list price; twin: at exactly 2× the
    // lower of the list price and the category median
    {
      const d = deal((off) => off.pricing_kind === 'fixed' && off.price_fen);
      const price = Math.ceil(d.off.price_fen * uni(2.01, 3));
      addClaim(plainOrder(newEnterprise(), { provider: d.p, offering: d.off, price }), 'price_outlier');
      const t = deal((off) => {
        if (off.pricing_kind !== 'fixed') return false;
        const tm = twiceMedian(off.cat);
        const p2 = 2 * Math.min(off.price_fen, tm === null ? Infinity : Math.floor(tm / 2));
        return !atCap(off.cat, p2) && p2;
      });
      addClaim(plainOrder(newEnterprise(), { provider: t.p, offering: t.off, price: t.r }), 'twin');
    }

    plantedCase = 'price_at_cap';
    // price_at_cap: a quote set so that the subsidy lands within 1% of the cap; twin: 1.05–1.5% off
    {
      const d = deal((off) => {
        if (off.pricing_kind !== 'quote') return false;
        const price = Math.round(capPriceOf(off.cat) * uni(0.992, 1.008));
        return atCap(off.cat, price) && price;
      });
      addClaim(plainOrder(newEnterprise(), { provider: d.p, offering: d.off, price: d.r }), 'price_at_cap');
      const t = deal((off) => {
        if (off.pricing_kind !== 'quote') return false;
        const price = Math.round(capPriceOf(off.cat) * (1 + (R() < 0.5 ? -1 : 1) * uni(0.0105, 0.015)));
        return cleanPrice(off, price) && price;
      });
      addClaim(plainOrder(newEnterprise(), { provider: t.p, offering: t.off, price: t.r }), 'twin');
    }

    plantedCase = 'round_trip';
    // round_trip: the provider buys from the enterprise (or pays it) within 90 days of the contract;
    // twin: the reversed order 91–150 days away (its payment as far)
    for (const twin of [false, true]) {
      const e = newEnterprise();
      const t0 = YEAR + int(120, 240) * D + 10 * H;
      const order = plainOrder(e, { contractedAt: t0 });
      const p = order._t.provider;
      const eAsProvider = { ...e, published: [] };
      const reversedOffering = { id: uuid(), cat: pick(categories.slice(3)), pricing_kind: 'fixed', title: '技术服务', lead_time_days: 20 };
      const sign = R() < 0.5 ? -1 : 1;
      const delta = twin ? sign * (int(93, 150) * D) : Math.round(sign * uni(0, 89) * D);
      if (!twin && k % 3 === 2) {
        W.payments.push({ id: uuid(), order_id: uuid(), enterprise_id: p.id, provider_id: e.id, method: 'offline', status: 'succeeded', amount_fen: int(10_000_00, 50_000_00), reference: `IS-RT-${N}-${k}`, succeeded_at: iso(t0 + delta), created_by: p.id });
      } else {
        addOrder({ enterprise: { ...p, grantedAt: YEAR }, provider: eAsProvider, offering: reversedOffering, price: int(10_000_00, 50_000_00), contractedAt: t0 + delta, programOrder: false });
      }
      addClaim(order, twin ? 'twin' : 'round_trip');
    }

    plantedCase = 'fast_delivery';
    // fast_delivery: delivered in 5–24% of the lead time; twin: in exactly 25%
    for (const twin of [false, true]) {
      const d = deal(ordinary);
      const t0 = midYear();
      const started = t0 + D;
      const lead = d.off.lead_time_days;
      const deliveredAt = started + (twin ? Math.ceil((lead * D * THRESHOLDS.fastDeliveryShareBp) / 10_000) : Math.floor(lead * D * uni(0.05, 0.24)));
      const order = addOrder({ enterprise: newEnterprise(), provider: d.p, offering: d.off, price: d.r, contractedAt: t0, startedAt: started, deliveredAt });
      addClaim(order, twin ? 'twin' : 'fast_delivery');
    }

    plantedCase = 'provider_concentration';
    // provider_concentration: a new provider with 6 claims, 4 from one enterprise; twin: 3 of 6
    for (const twin of [false, true]) {
      const p = newOrg('provider');
      p.published = [newOffering(p, pick(categories.slice(3).filter((c) => !c.unit)), 'quote')];
      p.published[0].status = 'published';
      published[categories.indexOf(p.published[0].cat)].push(p.published[0]);
      W.providers.push(p);
      const off = p.published[0];
      const main = newEnterprise();
      const fromMain = twin ? 3 : 4;
      const t0 = YEAR + int(60, 120) * D + 10 * H;
      for (let i = 0; i < fromMain; i++) {
        const price = Math.round(uni(off.min_fen, off.max_fen));
        const o = plainOrder(main, { provider: p, offering: off, price: cleanPrice(off, price) ? price : off.min_fen, contractedAt: t0 + i * 45 * D });
        addClaim(o, twin ? 'twin' : i === fromMain - 1 ? 'provider_concentration' : 'support', { status: 'approved' });
      }
      for (let i = 0; i < 6 - fromMain; i++) {
        const price = Math.round(uni(off.min_fen, off.max_fen));
        const o = plainOrder(newEnterprise(), { provider: p, offering: off, price: cleanPrice(off, price) ? price : off.min_fen, contractedAt: t0 + int(0, 120) * D });
        addClaim(o, 'twin', { status: 'approved' });
      }
    }

    plantedCase = 'backdating';
    // backdating: the fapiao issued 1–10 days before the contract, or the order requested before the
    // grant; twin: the fapiao issued on the contract's day, the request on the grant's day (before it)
    for (const twin of [false, true]) {
      const e = newEnterprise();
      const t0 = Math.max(e.grantedAt + 30 * D, midYear());
      if (k % 2 === 0) {
        const order = plainOrder(e, { contractedAt: t0 });
        addClaim(order, twin ? 'twin' : 'backdating', { issuedOn: sday(twin ? t0 : t0 - int(1, 10) * D) });
      } else {
        const grantDay = Date.parse(`${sday(e.grantedAt)}T00:00:00+08:00`);
        const requestedAt = twin ? grantDay + int(0, Math.floor((e.grantedAt - grantDay) / H)) * H : e.grantedAt - int(1, 20) * D;
        const order = plainOrder(e, { contractedAt: t0, extra: { requestedAt } });
        addClaim(order, twin ? 'twin' : 'backdating', { requestedAt });
      }
    }
  }
  for (const o of W.orders) delete o._t;
  W.busiest = byRank[0];
  W.K = K;
  W.categories = categories;
  return W;
}

// ---------------------------------------------------------------- loading
const COLUMNS = {
  provider_profile: 'organization_id uuid, provider_types text[], admission_status varchar, admitted_at timestamptz, admission_expires_at timestamptz, submitted_at timestamptz, version int',
  organization: 'id uuid, uscc varchar, name varchar, region_code varchar, legal_representative varchar, registered_address varchar, contact_phone varchar, bank_name varchar, bank_account_name varchar, bank_account_no varchar, shareholders text[], controller_group varchar, version int',
  offering: 'id uuid, provider_id uuid, category_id uuid, title varchar, description varchar, deliverables varchar, pricing_kind varchar, price_fen bigint, unit_name varchar, min_fen bigint, max_fen bigint, lead_time_days int, status varchar, created_by uuid',
  service_order:
    'id uuid, order_no varchar, enterprise_id uuid, provider_id uuid, offering_id uuid, category_id uuid, region_code varchar, offering_title varchar, pricing_kind varchar, quantity int, requirements text, status varchar, price_fen bigint, lead_time_days int, program_id uuid, grant_id uuid, subsidy_fen bigint, due_fen bigint, settlement_mode varchar, contracted_at timestamptz, started_at timestamptz, delivered_at timestamptz, completed_at timestamptz, created_by uuid, created_at timestamptz',
  payment: 'id uuid, order_id uuid, enterprise_id uuid, provider_id uuid, method varchar, status varchar, amount_fen bigint, reference varchar, succeeded_at timestamptz, created_by uuid',
  subsidy_claim:
    'id uuid, claim_no varchar, order_id uuid, program_id uuid, grant_id uuid, hold_id uuid, enterprise_id uuid, provider_id uuid, claimant_id uuid, settlement_mode varchar, region_code varchar, category_id uuid, status varchar, amount_fen bigint, price_fen bigint, invoice_code varchar, invoice_number varchar, invoice_issued_on date, invoice_amount_fen bigint, seller_tax_id varchar, buyer_tax_id varchar, evidence jsonb, levels varchar[], level int, level_since timestamptz, level_due_on date, deadline_on date, submitted_at timestamptz, created_by uuid',
};
const load = (client, table, rows) => insertRows(client, table, COLUMNS[table], rows);

// ---------------------------------------------------------------- measuring
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(3)} ms`;
const pad = (s, n) => String(s).padEnd(n);

/** One size: the year generated, written, vacuumed and analysed; a connection to evaluate on. */
async function setup(cluster, N) {
  const name = `claims_${N}`;
  await ensureDatabase(cluster.url('postgres'), name);
  const url = cluster.localUrl(name);
  await migrate(url);
  const t0 = performance.now();
  const W = generateYear(N, SEED + N);
  const tGen = performance.now() - t0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t1 = performance.now();
  await load(client, 'organization', W.orgs);
  await load(client, 'provider_profile', W.profiles);
  await load(client, 'offering', W.offerings);
  await load(client, 'service_order', W.orders);
  await load(client, 'payment', W.payments);
  await load(client, 'subsidy_claim', W.claims);
  await client.query('VACUUM ANALYZE');
  const tLoad = performance.now() - t1;
  await client.end();

  const labels = {};
  for (const c of W.claims) labels[c.label] = (labels[c.label] ?? 0) + 1;
  const busiestOrders = W.orders.filter((o) => o.provider_id === W.busiest.id).length;
  const busiestClaims = W.claims.filter((c) => c.provider_id === W.busiest.id);
  console.log(`\n== ${N.toLocaleString('en')} historical orders ==`);
  console.log(
    `world:      ${W.enterprises.length.toLocaleString('en')} enterprises, ${W.providers.length} providers (300 in the market, Zipf s=1; the rest planted), ${W.offerings.length.toLocaleString('en')} offerings, ` +
      `${W.orders.length.toLocaleString('en')} orders, ${W.payments.length.toLocaleString('en')} payments, ${W.claims.length.toLocaleString('en')} claims ` +
      `(clean ${labels.clean}, planted ${RISK_RULES.reduce((s, r) => s + (labels[r] ?? 0), 0)} = ${W.K} per rule, near-miss twins ${labels.twin}, pattern support rows ${labels.support})`,
  );
  console.log(`generated:  ${(tGen / 1000).toFixed(1)} s; loaded + VACUUM ANALYZE ${(tLoad / 1000).toFixed(1)} s`);
  console.log(`busiest:    provider ${W.busiest.name}: ${busiestOrders.toLocaleString('en')} orders, ${busiestClaims.length.toLocaleString('en')} claims`);

  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2 }), logging: false });
  await ds.initialize();
  const qr = ds.createQueryRunner();
  await qr.connect();
  if (IN_TRANSACTION) await qr.startTransaction(); // read-only work: committed at the end
  const R = rng(SEED + 1);
  const anyClaims = Array.from({ length: Math.min(TIMED, W.claims.length) }, () => W.claims[Math.floor(R() * W.claims.length)]);
  return { N, W, ds, qr, m: qr.manager, engine: new RiskEngine(), labels, timed: busiestClaims.slice(0, TIMED), anyClaims, orderIds: W.orders.map((o) => o.id) };
}

/**
 * The cost at every size, measured in rounds that visit the sizes in turn (one claim of each size,
 * then the next), so that whatever else the machine does weighs on every size alike. Each sample:
 * the baseline (a primary-key SELECT of a random order) and then RiskEngine.evaluate for one claim
 * of the busiest provider, on the same connection. Then each rule alone, the same way.
 */
async function timeAll(ctxs) {
  const R = rng(SEED);
  // the baseline goes the rules' way: prepared on the same connection inside the transaction
  const baseline = (x) => queryPrepared(x.m, 'SELECT id FROM service_order WHERE id = $1', [x.orderIds[Math.floor(R() * x.orderIds.length)]]);
  for (let i = 0; i < WARMUP; i++) {
    for (const x of ctxs) {
      await x.engine.evaluate(x.m, x.timed[i % x.timed.length].review, THRESHOLDS);
      await baseline(x);
    }
  }
  for (const x of ctxs) {
    x.samples = { all: [], base: [], any: [], perRule: Object.fromEntries(RISK_RULES.map((r) => [r, []])) };
  }
  const rounds = Math.max(...ctxs.map((x) => x.timed.length));
  for (let i = 0; i < rounds; i++) {
    for (const x of ctxs) {
      const c = x.timed[i % x.timed.length];
      let s = performance.now();
      await baseline(x);
      x.samples.base.push(performance.now() - s);
      s = performance.now();
      await x.engine.evaluate(x.m, c.review, THRESHOLDS);
      x.samples.all.push(performance.now() - s);
    }
  }
  // claims of any provider (a random sample): what the busiest provider's figures could hide
  for (let i = 0; i < rounds; i++) {
    for (const x of ctxs) {
      const s = performance.now();
      await x.engine.evaluate(x.m, x.anyClaims[i % x.anyClaims.length].review, THRESHOLDS);
      x.samples.any.push(performance.now() - s);
    }
  }
  for (let i = 0; i < rounds; i++) {
    for (const x of ctxs) {
      const c = x.timed[i % x.timed.length];
      for (const rule of x.engine.rules) {
        const s = performance.now();
        await rule.evaluate(x.m, c.review, THRESHOLDS);
        x.samples.perRule[rule.key].push(performance.now() - s);
      }
    }
  }
  for (const x of ctxs) {
    const { all, base, any, perRule } = x.samples;
    x.cost = {
      samples: all.length,
      claims: x.timed.length,
      baseP50: pct(base, 50),
      baseP95: pct(base, 95),
      p50: pct(all, 50),
      p95: pct(all, 95),
      anyP50: pct(any, 50),
      anyP95: pct(any, 95),
      perRule: Object.fromEntries(RISK_RULES.map((r) => [r, { p50: pct(perRule[r], 50), p95: pct(perRule[r], 95) }])),
    };
  }
}

/**
 * The scans of each rule's statements (EXPLAIN ANALYZE): for one claim of the busiest provider, and
 * for each rule on its first planted case and its first twin (where the rule has something to find).
 */
async function explain(x) {
  await explainClaim(x, x.timed[0], 'one claim of the busiest provider');
  for (const r of RISK_RULES) {
    for (const label of [r, 'twin']) {
      const c = x.W.claims.find((k) => k.case === r && k.label === label);
      if (c) await explainClaim(x, c, `${label === 'twin' ? 'the first near-miss twin' : 'the first planted case'} of ${r}`, [r]);
    }
  }
}
async function explainClaim(x, claim, what, only = RISK_RULES) {
  const lines = [];
  for (const rule of x.engine.rules.filter((k) => only.includes(k.key))) {
    const scans = [];
    // a manager outside any transaction: queryPrepared falls back to its query(), which explains first
    const explaining = {
      queryRunner: undefined,
      query: async (sql, params) => {
        const plan = await x.qr.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`, params);
        for (const row of plan) {
          const line = String(row['QUERY PLAN']).trim().replace(/^->\s*/, '');
          if (/Scan|Result/.test(line) && !/Subquery Scan|CTE Scan/.test(line)) scans.push(line.replace(/\s+\(actual.*$/, (m) => m.replace(/\s*\(actual rows=([\d.]+) loops=(\d+)\)/, ' (rows $1)')));
        }
        return x.qr.query(sql, params);
      },
    };
    await rule.evaluate(explaining, claim.review, THRESHOLDS);
    lines.push(`  ${pad(rule.key, 24)}${scans.length === 0 ? 'no statement' : scans.join('; ')}`);
  }
  if (lines.some((l) => !l.endsWith('no statement'))) console.log(`\n== plans at ${x.N.toLocaleString('en')} orders, ${what} (scans only) ==\n${lines.join('\n')}`);
}

/** Detection at one size: every claim evaluated as if submitted now. */
async function detect(x) {
  const { W, m, engine, labels } = x;
  const t2 = performance.now();
  const flaggedBy = new Map();
  const shown = [];
  for (const c of W.claims) {
    const flags = await engine.evaluate(m, c.review, THRESHOLDS);
    flaggedBy.set(c, new Set(flags.map((f) => f.rule)));
    if (flags.some((f) => SHOW_RULES.length === 0 || SHOW_RULES.includes(f.rule)) && (c.label === 'clean' || c.label === 'twin') && shown.length < SHOW) shown.push({ label: c.label, flags });
  }
  const tDetect = performance.now() - t2;
  const cleanClaims = W.claims.filter((c) => c.label === 'clean' || c.label === 'twin');
  const cleanFlagged = cleanClaims.filter((c) => flaggedBy.get(c).size > 0);
  const detection = {};
  for (const r of RISK_RULES) {
    const planted = W.claims.filter((c) => c.label === r);
    detection[r] = {
      planted: planted.length,
      caught: planted.filter((c) => flaggedBy.get(c).has(r)).length,
      cleanFlagged: cleanClaims.filter((c) => flaggedBy.get(c).has(r)).length,
      twinsFlagged: cleanClaims.filter((c) => c.label === 'twin' && flaggedBy.get(c).has(r)).length,
    };
  }
  console.log(`\n== detection at ${x.N.toLocaleString('en')} orders: ${W.claims.length.toLocaleString('en')} claims evaluated in ${(tDetect / 1000).toFixed(1)} s ==`);
  for (const s of shown) console.log(`  flagged ${s.label}: ${JSON.stringify(s.flags)}`);
  console.log(`  ${pad('rule', 24)}${pad('recall', 18)}clean claims flagged by this rule (of which near-miss twins)`);
  for (const r of RISK_RULES) {
    const d = detection[r];
    console.log(`  ${pad(r, 24)}${pad(`${d.caught}/${d.planted} = ${((100 * d.caught) / d.planted).toFixed(1)}%`, 18)}${d.cleanFlagged} (${d.twinsFlagged})`);
  }
  x.cleanShare = (100 * cleanFlagged.length) / cleanClaims.length;
  x.detection = detection;
  console.log(`  clean claims flagged by any rule: ${cleanFlagged.length} of ${cleanClaims.length.toLocaleString('en')} = ${x.cleanShare.toFixed(2)}% (twins: ${cleanFlagged.filter((c) => c.label === 'twin').length} of ${labels.twin})`);
}

// ---------------------------------------------------------------- run
const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-claims-bench-'));
chmodSync(dir, 0o755);
const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false, postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] });
console.log(`claims risk-rule benchmark — ${new Date().toISOString()}`);
console.log(`machine:    ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, embedded PostgreSQL over its Unix socket; seed ${SEED}`);
console.log(`evaluated:  ${IN_TRANSACTION ? 'inside one open transaction per size, as the claims service does (the rules\' statements prepared once per connection)' : 'in autocommit (--no-transaction: every statement parsed and planned)'}`);
const results = [];
try {
  for (const N of SIZES) results.push(await setup(cluster, N));
  await timeAll(results);
  console.log(`\n== cost (${WARMUP} warm-up rounds, then ${results[0].cost.samples} rounds visiting the sizes in turn) ==`);
  for (const x of results) {
    const c = x.cost;
    console.log(`${pad(x.N.toLocaleString('en'), 8)} baseline (primary-key SELECT of one order): p50 ${ms(c.baseP50)}, p95 ${ms(c.baseP95)}`);
    console.log(`${pad('', 8)} nine rules (RiskEngine.evaluate, ${c.claims} claims of the busiest provider): p50 ${ms(c.p50)} (${(c.p50 / c.baseP50).toFixed(1)}× baseline p50), p95 ${ms(c.p95)} (${(c.p95 / c.baseP95).toFixed(1)}× baseline p95)`);
    console.log(`${pad('', 8)} nine rules for ${x.anyClaims.length} claims of any provider (random sample): p50 ${ms(c.anyP50)}, p95 ${ms(c.anyP95)}`);
    console.log(`${pad('', 8)} each rule alone (busiest provider's claims), p50/p95 ms: ${RISK_RULES.map((r) => `${r} ${c.perRule[r].p50.toFixed(3)}/${c.perRule[r].p95.toFixed(3)}`).join(', ')}`);
  }
  if (EXPLAIN) for (const x of results) await explain(x);
  for (const x of results) await detect(x);
} finally {
  for (const x of results) {
    if (x.qr.isTransactionActive) await x.qr.commitTransaction();
    await x.qr.release();
    await x.ds.destroy();
  }
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log('\n== summary ==');
for (const r of results) {
  console.log(`${pad(r.N.toLocaleString('en'), 8)} nine rules p50 ${ms(r.cost.p50)} (${(r.cost.p50 / r.cost.baseP50).toFixed(1)}× baseline), p95 ${ms(r.cost.p95)} (${(r.cost.p95 / r.cost.baseP95).toFixed(1)}× baseline); baseline p50 ${ms(r.cost.baseP50)}, p95 ${ms(r.cost.baseP95)}`);
}
if (results.length >= 2) {
  const [a, b] = [results[0], results[results.length - 1]];
  const r50 = b.cost.p50 / a.cost.p50;
  const r95 = b.cost.p95 / a.cost.p95;
  const verdict = (x, floor, goal) => (x <= goal ? 'goal met' : x <= floor ? 'floor met, goal not' : 'floor NOT met');
  console.log(`ratio ${b.N / 1000}k ÷ ${a.N / 1000}k: p50 ${r50.toFixed(2)}, p95 ${r95.toFixed(2)} (floor ≤ 2, goal ≤ 1.2: ${verdict(Math.max(r50, r95), 2, 1.2)})`);
  console.log(`p95 at ${b.N / 1000}k: ${ms(b.cost.p95)} (floor ≤ 50 ms, goal ≤ 10 ms: ${verdict(b.cost.p95, 50, 10)})`);
  console.log(`claims of any provider, ${b.N / 1000}k ÷ ${a.N / 1000}k: p50 ${(b.cost.anyP50 / a.cost.anyP50).toFixed(2)}, p95 ${(b.cost.anyP95 / a.cost.anyP95).toFixed(2)}`);
}
for (const r of results) {
  const recalls = RISK_RULES.map((k) => r.detection[k].caught / r.detection[k].planted);
  const minRecall = Math.min(...recalls);
  const rv = minRecall >= 0.98 ? 'goal met' : minRecall >= 0.9 ? 'floor met, goal not' : 'floor NOT met';
  const cv = r.cleanShare <= 1 ? 'goal met' : r.cleanShare <= 5 ? 'floor met, goal not' : 'floor NOT met';
  console.log(`detection at ${r.N / 1000}k: lowest recall ${(100 * minRecall).toFixed(1)}% (floor ≥ 90%, goal ≥ 98%: ${rv}); clean flagged ${r.cleanShare.toFixed(2)}% (floor ≤ 5%, goal ≤ 1%: ${cv})`);
}
