/**
 * One generated year of voucher activity in one program, written straight into the tables (bulk
 * INSERTs, no services): enterprises with their grants, orders (completed, in progress, cancelled,
 * and some outside the program), the enterprises' payments, claims in every state with their claim
 * lines and audit streams (review times), and the ledger that all of this moved — fund, grant, hold,
 * release, redeem, disburse and lapse transactions, their entries, holds and balance rows. The
 * generator keeps its own books while it writes (`expected`), so a test can hold the report to the
 * ledger and to an independent count. Deterministic for a seed.
 *
 * Used by libs/reports/test/generated-year.e2e.test.ts (a few hundred orders) and by
 * bench/reports.js (10,000 enterprises, ~100,000 orders), which imports the build of this file.
 */
import { insertRows, seededRandom, type Queryable } from '@innoserve/database/testing';

export interface YearOptions {
  enterprises: number;
  /** Orders per enterprise on average (each buys between 1 and 2×this−1). */
  ordersPerEnterprise?: number;
  providers?: number;
  seed?: number;
  /** The program's id (a fixed one by default). */
  programId?: string;
}

type Row = Record<string, unknown>;

/** The reference rows the year is spread over: the city's counties (functional zones aside) and the leaf service categories. */
export interface YearReference {
  cityCode: string;
  counties: { code: string; nameZh: string }[];
  categories: { id: string; nameZh: string }[];
}

/** The reference rows as seeded in the database (the reference lib's seeder has run). */
export async function yearReference(q: Queryable, cityCode = '350500'): Promise<YearReference> {
  const counties = (await q.query(`SELECT code, name_zh AS "nameZh" FROM region WHERE parent_code = $1 AND NOT is_functional_zone ORDER BY code`, [cityCode])) as YearReference['counties'];
  const categories = (await q.query(`SELECT id, name_zh AS "nameZh" FROM service_category WHERE parent_id IS NOT NULL ORDER BY code`)) as YearReference['categories'];
  if (counties.length === 0 || categories.length === 0) throw new Error('no regions or service categories: seed the reference data first');
  return { cityCode, counties, categories };
}

export interface SourceBooks {
  budget: number;
  granted: number;
  held: number;
  payable: number;
  disbursed: number;
  lapsed: number;
  available: number;
}

export interface GeneratedYear {
  programId: string;
  /** The program's issuing region (the city) and its counties (one funding source each, besides the city's). */
  cityCode: string;
  counties: string[];
  rows: Record<string, Row[]>;
  /** What the generator moved, kept apart from the ledger rows: per funding source, and the activity counts. */
  expected: {
    sources: Record<string, SourceBooks>;
    ordersCompleted: number;
    enterprisesServed: number;
    /** Enterprises served whose first completed order in the program came before any completed order outside it. */
    firstTimeBuyers: number;
    claimsByStatus: Record<string, number>;
    ledgerEntries: number;
  };
}

const COLUMNS: Record<string, string> = {
  voucher_program:
    'id uuid, name varchar, fiscal_year int, issuing_region_code varchar, status varchar, application_opens_on date, application_closes_on date, grant_expires_on date, allocation_mode varchar, settlement_mode varchar, funding_sources jsonb, eligibility jsonb, subsidy_rules jsonb, enterprise_annual_cap_fen bigint, max_grant_fen bigint, claim_deadline_days int, review_levels jsonb, lottery_seed varchar, opened_at timestamptz, version int',
  organization: 'id uuid, uscc varchar, name varchar, region_code varchar, legal_representative varchar, registered_address varchar, contact_phone varchar, version int',
  enterprise_profile: 'organization_id uuid, industry varchar, employees int, annual_revenue_fen bigint, total_assets_fen bigint, size_class varchar, status varchar, verified_at timestamptz, submitted_at timestamptz, version int',
  provider_rating: 'provider_id uuid, rating_sum bigint, rating_count int',
  voucher_grant: 'id uuid, program_id uuid, application_id uuid, enterprise_id uuid, group_key varchar, amount_fen bigint, parts jsonb, expires_on date, status varchar, lapsed_fen bigint, lapsed_at timestamptz, created_at timestamptz',
  service_order:
    'id uuid, order_no varchar, enterprise_id uuid, provider_id uuid, offering_id uuid, category_id uuid, region_code varchar, offering_title varchar, pricing_kind varchar, quantity int, requirements text, status varchar, price_fen bigint, program_id uuid, grant_id uuid, hold_id uuid, subsidy_fen bigint, due_fen bigint, settlement_mode varchar, contracted_at timestamptz, paid_at timestamptz, started_at timestamptz, delivered_at timestamptz, completed_at timestamptz, closed_at timestamptz, created_by uuid, created_at timestamptz',
  payment: 'id uuid, order_id uuid, enterprise_id uuid, provider_id uuid, method varchar, status varchar, amount_fen bigint, reference varchar, succeeded_at timestamptz, created_by uuid',
  subsidy_claim:
    'id uuid, claim_no varchar, order_id uuid, program_id uuid, grant_id uuid, hold_id uuid, enterprise_id uuid, provider_id uuid, claimant_id uuid, settlement_mode varchar, region_code varchar, category_id uuid, status varchar, amount_fen bigint, price_fen bigint, invoice_code varchar, invoice_number varchar, invoice_issued_on date, invoice_amount_fen bigint, seller_tax_id varchar, buyer_tax_id varchar, evidence jsonb, levels varchar[], level int, level_since timestamptz, level_due_on date, deadline_on date, risk_flags jsonb, submitted_at timestamptz, decided_at timestamptz, hold_released_at timestamptz, created_by uuid',
  claim_line: 'id uuid, claim_id uuid, program_id uuid, source varchar, amount_fen bigint, status varchar, batch_id uuid, paid_at timestamptz',
  audit_entry: 'stream_type varchar, stream_id varchar, stream_seq int, action varchar, actor_id uuid, occurred_at timestamptz, before jsonb, after jsonb, prev_hash varchar, hash varchar, xact_id bigint',
  claim_review_step: 'claim_id uuid, stream_seq int, program_id uuid, level int, level_kind varchar, decision varchar, entered_at timestamptz, decided_at timestamptz, hours float8',
  ledger_transaction: 'id uuid, program_id uuid, type varchar, reference varchar, idempotency_key varchar, created_at timestamptz',
  ledger_entry: 'id uuid, transaction_id uuid, position smallint, program_id uuid, account varchar, amount_fen bigint',
  ledger_balance: 'id uuid, program_id uuid, account varchar, kind varchar, source varchar, grant_id uuid, may_go_negative boolean, balance_fen bigint',
  ledger_hold: 'id uuid, program_id uuid, grant_id uuid, reference varchar, amount_fen bigint, open_fen bigint, status varchar, created_at timestamptz, closed_at timestamptz',
  ledger_hold_part: 'id uuid, hold_id uuid, position smallint, source varchar, amount_fen bigint, open_fen bigint',
};
/** Parents before children (the only foreign keys among these tables: profiles → organizations, entries → transactions, holds → their transactions). */
const ORDER = Object.keys(COLUMNS);

const H = 3_600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);

export function generateYear(ref: YearReference, opts: YearOptions): GeneratedYear {
  const R = seededRandom(opts.seed ?? 20261205);
  const int = (a: number, b: number) => a + Math.floor(R() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(R() * xs.length)];
  const perEnterprise = opts.ordersPerEnterprise ?? 10;
  const P = opts.providers ?? Math.max(10, Math.round(opts.enterprises / 30));
  const year = 2026;
  const start = Date.UTC(year, 0, 1) - 8 * H;
  const programId = opts.programId ?? 'e0000000-0000-4000-8000-000000002026';
  const cityCode = ref.cityCode;
  const counties = ref.counties.map((c) => c.code);
  const leaves = ref.categories;

  // ids: one prefix per kind, then a counter (valid version-4 uuids)
  const counters: Record<string, number> = {};
  const id = (prefix: string) => `${prefix}-0000-4000-8000-${((counters[prefix] = (counters[prefix] ?? 0) + 1)).toString(16).padStart(12, '0')}`;

  const rows: Record<string, Row[]> = Object.fromEntries(ORDER.map((t) => [t, []]));
  const sourceOf = (county: string) => `c${county}`;
  const sourceKeys = ['city', ...counties.map(sourceOf)];

  // ---- the ledger, kept in JS as it is written: balances per account
  const balances = new Map<string, { kind: string; source: string; grantId: string | null; balance: number }>();
  const account = (key: string): { kind: string; source: string; grantId: string | null; balance: number } => {
    let b = balances.get(key);
    if (!b) {
      const parts = key.split(':');
      b = parts[0] === 'grant' ? { kind: `grant_${parts[3]}`, source: parts[2], grantId: parts[1], balance: 0 } : { kind: parts[0], source: parts[1], grantId: null, balance: 0 };
      balances.set(key, b);
    }
    return b;
  };
  let entries = 0;
  const post = (type: string, reference: string, at: number, postings: [string, number][], txId = id('d0000000')) => {
    rows.ledger_transaction.push({ id: txId, program_id: programId, type, reference, idempotency_key: `gen:${txId}`, created_at: iso(at) });
    postings.forEach(([acct, amount], position) => {
      if (amount === 0) return;
      rows.ledger_entry.push({ id: id('d1000000'), transaction_id: txId, position, program_id: programId, account: acct, amount_fen: amount });
      account(acct).balance += amount;
      entries++;
    });
    return txId;
  };
  const move = (from: (s: string) => string, to: (s: string) => string, parts: [string, number][]): [string, number][] => parts.filter(([, a]) => a > 0).flatMap(([s, a]): [string, number][] => [[from(s), -a], [to(s), a]]);

  // ---- the program: half of every grant from the city, half from the enterprise's county
  const fundingSources = [{ key: 'city', name: '市级财政', regionCode: null, shareBp: 5000 }, ...counties.map((c) => ({ key: sourceOf(c), name: `${ref.counties.find((r) => r.code === c)!.nameZh}财政`, regionCode: c, shareBp: 5000 }))];
  rows.voucher_program.push({
    id: programId,
    name: `${year}年度泉州市科技创新券（生成）`,
    fiscal_year: year,
    issuing_region_code: cityCode,
    status: 'open',
    application_opens_on: `${year}-01-01`,
    application_closes_on: `${year}-12-31`,
    grant_expires_on: `${year + 1}-03-31`,
    allocation_mode: 'fcfs',
    settlement_mode: 'provider_redeems',
    funding_sources: fundingSources,
    eligibility: { sizeClasses: ['micro', 'small', 'medium'], regionCodes: counties },
    subsidy_rules: leaves.map((c) => ({ categoryId: c.id, ratioBp: 5000, perOrderCapFen: 2_000_000 })),
    enterprise_annual_cap_fen: 100_000_000,
    max_grant_fen: 100_000_000,
    claim_deadline_days: 90,
    review_levels: ['county', 'city'],
    lottery_seed: 'generated',
    opened_at: iso(start),
    version: 1,
  });

  // ---- providers
  const providers = Array.from({ length: P }, (_, i) => {
    const county = pick(counties);
    const pid = id('a1000000');
    const name = `泉州生成技术服务${i + 1}有限公司`;
    rows.organization.push({ id: pid, uscc: `91350500P${String(i + 1).padStart(9, '0')}`, name, region_code: county, legal_representative: '王五', registered_address: `泉州市服务路${i + 1}号`, contact_phone: `0595-6${String(i).padStart(7, '0')}`, version: 1 });
    const count = int(0, 40);
    if (count > 0) rows.provider_rating.push({ provider_id: pid, rating_sum: count * int(3, 5), rating_count: count });
    return { id: pid, uscc: `91350500P${String(i + 1).padStart(9, '0')}` };
  });
  // providers drawn by a skewed distribution: a few busy ones, a long tail
  const provider = () => providers[Math.floor(P * R() ** 2)];

  const books: Record<string, SourceBooks> = Object.fromEntries(sourceKeys.map((s) => [s, { budget: 0, granted: 0, held: 0, payable: 0, disbursed: 0, lapsed: 0, available: 0 }]));
  const claimsByStatus: Record<string, number> = {};
  let ordersCompleted = 0;
  let firstTimeBuyers = 0;
  const served = new Set<string>();
  let orderNo = 0;
  let claimNo = 0;
  const pendingGrants: { grantId: string; enterpriseId: string; county: string; amount: number; at: number; orders: (() => void)[] }[] = [];
  // paid claim lines per month: one disbursement batch (a disburse transaction) per month
  const batches = new Map<string, { id: string; at: number; bySource: Map<string, number> }>();
  const batchOf = (at: number) => {
    const month = day(at).slice(0, 7);
    let b = batches.get(month);
    if (!b) batches.set(month, (b = { id: id('b2000000'), at: Date.parse(`${month}-28T10:00:00+08:00`), bySource: new Map() }));
    return b;
  };

  for (let i = 0; i < opts.enterprises; i++) {
    const county = counties[i % counties.length];
    const eid = id('a0000000');
    const uscc = `91350500E${String(i + 1).padStart(9, '0')}`;
    rows.organization.push({ id: eid, uscc, name: `泉州生成科技${i + 1}有限公司`, region_code: county, legal_representative: '张三', registered_address: `泉州市创新路${i + 1}号`, contact_phone: `0595-8${String(i).padStart(7, '0')}`, version: 1 });
    rows.enterprise_profile.push({ organization_id: eid, industry: 'industry', employees: int(5, 280), annual_revenue_fen: int(1, 300) * 1_000_000_00, total_assets_fen: int(1, 200) * 1_000_000_00, size_class: pick(['micro', 'small', 'small', 'medium']), status: 'verified', verified_at: iso(start - 30 * D), submitted_at: iso(start - 40 * D), version: 1 });
    const grantId = id('c0000000');
    const grantedAt = start + int(2, 60) * D + int(9, 17) * H;
    const g = { grantId, enterpriseId: eid, county, amount: 0, at: grantedAt, orders: [] as (() => void)[] };
    const n = int(1, 2 * perEnterprise - 1);
    let firstIn = Infinity;
    let firstOut = Infinity;
    const local = sourceOf(county);
    for (let k = 0; k < n; k++) {
      const p = provider();
      const cat = pick(leaves);
      const price = int(20, 4000) * 100 * (R() < 0.2 ? 5 : 1);
      const contracted = Math.min(start + 355 * D, grantedAt + int(1, 300) * D + int(0, 8) * H);
      const delivered = contracted + int(3, 40) * D;
      const r = R();
      const outside = r < 0.03; // an order without the voucher
      const status = outside ? 'completed' : r < 0.86 ? 'completed' : r < 0.94 ? 'in_progress' : 'cancelled';
      const subsidy = outside ? 0 : Math.min(Math.floor(price / 2), 2_000_000);
      const orderId = id('f0000000');
      const parts: [string, number][] = [
        ['city', Math.floor(subsidy / 2)],
        [local, subsidy - Math.floor(subsidy / 2)],
      ];
      const holdId = outside ? null : id('d2000000');
      const done = status === 'completed';
      rows.service_order.push({
        id: orderId,
        order_no: `GY${year}-${String(++orderNo).padStart(7, '0')}`,
        enterprise_id: eid,
        provider_id: p.id,
        offering_id: id('f1000000'),
        category_id: cat.id,
        region_code: county,
        offering_title: cat.nameZh,
        pricing_kind: 'fixed',
        quantity: 1,
        requirements: '需求说明',
        status,
        price_fen: price,
        program_id: outside ? null : programId,
        grant_id: outside ? null : grantId,
        hold_id: holdId,
        subsidy_fen: subsidy,
        due_fen: price - subsidy,
        settlement_mode: outside ? null : 'provider_redeems',
        contracted_at: iso(contracted),
        paid_at: status === 'cancelled' ? null : iso(contracted + D),
        started_at: status === 'cancelled' ? null : iso(contracted + 2 * D),
        delivered_at: done ? iso(delivered) : null,
        completed_at: done ? iso(delivered + 3 * D) : null,
        closed_at: status === 'cancelled' ? iso(contracted + 3 * D) : null,
        created_by: eid,
        created_at: iso(contracted - D),
      });
      if (status !== 'cancelled') {
        rows.payment.push({ id: id('f2000000'), order_id: orderId, enterprise_id: eid, provider_id: p.id, method: 'offline', status: 'succeeded', amount_fen: price - subsidy, reference: `GY-${orderNo}`, succeeded_at: iso(contracted + D), created_by: eid });
      }
      if (done) {
        if (!outside) ordersCompleted++;
        if (!outside) served.add(eid);
        if (outside) firstOut = Math.min(firstOut, delivered + 3 * D);
        else firstIn = Math.min(firstIn, delivered + 3 * D);
      }
      if (outside) continue;
      g.amount += subsidy;
      // the order's money, posted once the grant exists (below)
      g.orders.push(() => {
        const heldAt = contracted;
        post('hold', `order:${orderId}`, heldAt, move((s) => `grant:${grantId}:${s}:available`, (s) => `grant:${grantId}:${s}:held`, parts), holdId!);
        const hold: Row = { id: holdId, program_id: programId, grant_id: grantId, reference: `order:${orderId}`, amount_fen: subsidy, open_fen: subsidy, status: 'open', created_at: iso(heldAt), closed_at: null };
        rows.ledger_hold.push(hold);
        const holdParts = parts.filter(([, a]) => a > 0).map(([source, amount], position) => ({ id: id('d3000000'), hold_id: holdId, position, source, amount_fen: amount, open_fen: amount }));
        rows.ledger_hold_part.push(...holdParts);
        const close = (status: string, at: number) => {
          hold.open_fen = 0;
          hold.status = status;
          hold.closed_at = iso(at);
          for (const hp of holdParts) hp.open_fen = 0;
        };
        if (status === 'cancelled') {
          post('release', `order:${orderId}`, contracted + 3 * D, move((s) => `grant:${grantId}:${s}:held`, (s) => `grant:${grantId}:${s}:available`, parts));
          close('released', contracted + 3 * D);
          return;
        }
        if (status !== 'completed' || R() < 0.1) return; // still held: in progress, or completed with no claim yet
        // the claim and its review: county, then city
        const submitted = delivered + int(4, 20) * D;
        const c = R();
        const cstatus = c < 0.55 ? 'paid' : c < 0.63 ? 'batched' : c < 0.72 ? 'approved' : c < 0.84 ? 'in_review' : c < 0.92 ? 'rejected' : 'returned';
        claimsByStatus[cstatus] = (claimsByStatus[cstatus] ?? 0) + 1;
        const claimId = id('f3000000');
        const level = cstatus === 'in_review' ? int(1, 2) : cstatus === 'returned' || cstatus === 'rejected' ? 1 : 2;
        const countyDecided = submitted + int(2, 200) * H;
        const cityDecided = countyDecided + int(2, 300) * H;
        const decided = level === 1 ? countyDecided : cityDecided;
        rows.subsidy_claim.push({
          id: claimId,
          claim_no: `GC${year}-${String(++claimNo).padStart(7, '0')}`,
          order_id: orderId,
          program_id: programId,
          grant_id: grantId,
          hold_id: holdId,
          enterprise_id: eid,
          provider_id: p.id,
          claimant_id: p.id,
          settlement_mode: 'provider_redeems',
          region_code: county,
          category_id: cat.id,
          status: cstatus,
          amount_fen: subsidy,
          price_fen: price,
          invoice_code: '',
          invoice_number: `2635${String(claimNo).padStart(16, '0')}`,
          invoice_issued_on: day(delivered + D),
          invoice_amount_fen: price,
          seller_tax_id: p.uscc,
          buyer_tax_id: uscc,
          evidence: {},
          levels: ['county', 'city'],
          level,
          level_since: iso(level === 1 ? submitted : countyDecided),
          level_due_on: day(submitted + 10 * D),
          deadline_on: day(delivered + 90 * D),
          risk_flags: R() < 0.05 ? [{ rule: 'price_outlier', detail: 'generated' }] : [],
          submitted_at: iso(submitted),
          decided_at: cstatus === 'in_review' ? null : iso(decided),
          hold_released_at: cstatus === 'rejected' ? iso(countyDecided) : null,
          created_by: p.id,
        });
        let lastAt = submitted;
        const levels = ['county', 'city'];
        const audit = (seq: number, action: string, at: number, before: { level: number } | null) => {
          rows.audit_entry.push({ stream_type: 'claim', stream_id: claimId, stream_seq: seq, action, actor_id: null, occurred_at: iso(at), before, after: null, prev_hash: '0'.repeat(64), hash: claimId.replace(/-/g, '').padEnd(64, String(seq)), xact_id: 1 });
          // a decision: the review-time read model's row, as ClaimsService.decide writes it (from the previous entry to this one)
          if (before !== null) rows.claim_review_step.push({ claim_id: claimId, stream_seq: seq, program_id: programId, level: before.level, level_kind: levels[before.level - 1], decision: action, entered_at: iso(lastAt), decided_at: iso(at), hours: (at - lastAt) / H });
          lastAt = at;
        };
        audit(1, 'claim.submitted', submitted, null);
        if (cstatus === 'in_review' && level === 1) return;
        if (cstatus === 'rejected' || cstatus === 'returned') {
          audit(2, `claim.${cstatus}`, countyDecided, { level: 1 });
          if (cstatus === 'rejected') {
            post('release', `claim:${claimId}`, countyDecided, move((s) => `grant:${grantId}:${s}:held`, (s) => `grant:${grantId}:${s}:available`, parts));
            close('released', countyDecided);
          }
          return;
        }
        audit(2, 'claim.approved_level', countyDecided, { level: 1 });
        if (cstatus === 'in_review') return;
        audit(3, 'claim.approved', cityDecided, { level: 2 });
        post('redeem', `claim:${claimId}`, cityDecided, move((s) => `grant:${grantId}:${s}:held`, (s) => `payable:${s}`, parts));
        close('redeemed', cityDecided);
        const batch = cstatus === 'approved' ? null : batchOf(cityDecided + 5 * D);
        for (const [source, amount] of parts) {
          if (amount <= 0) continue;
          rows.claim_line.push({ id: id('f4000000'), claim_id: claimId, program_id: programId, source, amount_fen: amount, status: cstatus === 'approved' ? 'payable' : cstatus, batch_id: batch?.id ?? null, paid_at: cstatus === 'paid' ? iso(batch!.at) : null });
          if (cstatus === 'paid') batch!.bySource.set(source, (batch!.bySource.get(source) ?? 0) + amount);
        }
      });
    }
    if (firstIn < Infinity && !(firstOut < firstIn)) firstTimeBuyers++;
    pendingGrants.push(g);
  }

  // ---- grants (each a little more than its orders need), then the orders' money, then the year's end
  const grantParts = (amount: number, county: string): [string, number][] => [
    ['city', Math.floor(amount / 2)],
    [sourceOf(county), amount - Math.floor(amount / 2)],
  ];
  const allGrants = pendingGrants.map((g) => ({ ...g, amount: Math.ceil((g.amount * (1 + R() * 0.3) + 1) / 100) * 100 }));
  // the budget: what is granted and a quarter more, funded at the start of the year
  const needs = new Map<string, number>();
  for (const g of allGrants) for (const [s, a] of grantParts(g.amount, g.county)) needs.set(s, (needs.get(s) ?? 0) + a);
  for (const s of sourceKeys) {
    const budget = Math.ceil(((needs.get(s) ?? 0) * 1.25) / 1_000_000) * 1_000_000;
    if (budget === 0) continue;
    post('fund', `fund:${s}`, start, [
      [`funding:${s}`, -budget],
      [`pool:${s}`, budget],
    ]);
    books[s].budget = budget;
  }
  for (const g of allGrants) {
    const parts = grantParts(g.amount, g.county);
    rows.voucher_grant.push({ id: g.grantId, program_id: programId, application_id: id('c1000000'), enterprise_id: g.enterpriseId, group_key: g.enterpriseId, amount_fen: g.amount, parts: parts.map(([source, amountFen]) => ({ source, amountFen })), expires_on: `${year + 1}-03-31`, status: 'active', lapsed_fen: 0, lapsed_at: null, created_at: iso(g.at) });
    post('grant', `grant:${g.grantId}`, g.at, move((s) => `pool:${s}`, (s) => `grant:${g.grantId}:${s}:available`, parts));
    for (const [s, a] of parts) books[s].granted += a;
  }
  for (const g of allGrants) for (const order of g.orders) order();
  for (const b of batches.values()) {
    const parts = [...b.bySource.entries()];
    if (parts.length > 0) post('disburse', `batch:${b.id}`, b.at, move((s) => `payable:${s}`, (s) => `disbursed:${s}`, parts));
  }
  // a third of the grants lapse at the year's end: what they have left goes back to the pool
  const grantRows = new Map(rows.voucher_grant.map((r) => [r.id as string, r]));
  for (const g of allGrants) {
    if (R() >= 1 / 3) continue;
    const left: [string, number][] = grantParts(g.amount, g.county).map(([s]) => [s, balances.get(`grant:${g.grantId}:${s}:available`)?.balance ?? 0]);
    const total = left.reduce((x, [, a]) => x + a, 0);
    if (total === 0) continue;
    const at = Date.UTC(year, 11, 31, 8);
    post('lapse', `grant:${g.grantId}`, at, move((s) => `grant:${g.grantId}:${s}:available`, (s) => `pool:${s}`, left));
    for (const [s, a] of left) books[s].lapsed += a;
    Object.assign(grantRows.get(g.grantId)!, { status: 'lapsed', lapsed_fen: total, lapsed_at: iso(at) });
  }

  // ---- balance rows: what the entries sum to; and the books per source from the generator's own moves
  for (const [key, b] of balances) {
    rows.ledger_balance.push({ id: id('d4000000'), program_id: programId, account: key, kind: b.kind, source: b.source, grant_id: b.grantId, may_go_negative: b.kind === 'funding', balance_fen: b.balance });
  }
  for (const hp of rows.ledger_hold_part) {
    const hold = hp as { source: string; open_fen: number };
    books[hold.source].held += hold.open_fen;
  }
  for (const l of rows.claim_line) {
    const line = l as { source: string; amount_fen: number; status: string };
    if (line.status === 'paid') books[line.source].disbursed += line.amount_fen;
    else books[line.source].payable += line.amount_fen;
  }
  for (const s of sourceKeys) books[s].available = books[s].budget - books[s].granted + books[s].lapsed;

  return { programId, cityCode, counties, rows, expected: { sources: books, ordersCompleted, enterprisesServed: served.size, firstTimeBuyers, claimsByStatus, ledgerEntries: entries } };
}

/** Writes a generated year into the migrated database whose reference data it was generated over. */
export async function loadYear(q: Queryable, year: GeneratedYear, batch = 2000): Promise<void> {
  for (const table of ORDER) await insertRows(q, table, COLUMNS[table], year.rows[table], batch);
}
