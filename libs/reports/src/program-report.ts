/**
 * The program report (docs/product.md, Audit, reporting, notifications): read models over the
 * ledger and the domain tables, nothing stored. Money per funding source comes from the ledger's
 * transactions, so the report reconciles to the ledger to the fen; the rest (orders, claims,
 * participation) from the domain tables. Every indicator carries its formula.
 */
import type { EntityManager } from 'typeorm';

export interface SourceFigures {
  source: string;
  name: string;
  regionCode: string | null;
  budgetFen: number;
  grantedFen: number;
  heldFen: number;
  payableFen: number;
  disbursedFen: number;
  lapsedFen: number;
  voidedFen: number;
  forfeitedFen: number;
  clawedBackFen: number;
  repaidFen: number;
  returnedFen: number;
  /** The pool: budget not granted (or back from lapses, voids, forfeits, repayments), not returned. */
  availableFen: number;
}

export interface Indicator {
  key: string;
  nameZh: string;
  nameEn: string;
  value: number | null;
  /** How it is computed, in words. */
  formula: string;
}

export interface ProgramReport {
  programId: string;
  name: string;
  fiscalYear: number;
  status: string;
  sources: SourceFigures[];
  byCounty: { regionCode: string; nameZh: string; ordersCompleted: number; enterprises: number; subsidyFen: number; redeemedFen: number }[];
  byCategory: { categoryId: string; nameZh: string; ordersCompleted: number; spendFen: number; subsidyFen: number }[];
  claimPipeline: { status: string; levelKind: string | null; count: number; amountFen: number }[];
  reviewTimes: { levelKind: string; decisions: number; p50Hours: number | null; p90Hours: number | null }[];
  providers: { providerId: string; name: string; ordersCompleted: number; redeemedFen: number; rating: number | null; flaggedClaims: number }[];
  participation: { enterprisesServed: number; firstTimeBuyers: number; microSmallShareBp: number | null };
  indicators: Indicator[];
}

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * The report of one program (the caller has checked who may read it). Given several managers (the
 * same snapshot on several connections: ReportsService), its independent statements run on them
 * side by side; given one, in turn. `countyPart`: only the sections a county reader sees (sources,
 * counties, categories); the program-wide ones are left empty.
 */
export async function programReport(managers: EntityManager | readonly EntityManager[], programId: string, opts: { countyPart?: boolean } = {}): Promise<ProgramReport | null> {
  const ms = (Array.isArray(managers) ? managers : [managers]) as readonly EntityManager[];
  // the statements of the k-th group run on manager k (mod their number), one after the other on each:
  // 0 the ledger money, the claim pipeline and the provider league; 1 the counties, the categories
  // and the days to payment; 2 the review times, participation and the own share (about a third each)
  const queues: Promise<unknown>[] = ms.map(() => Promise.resolve());
  const on = (k: number) => ({
    query: <T>(sql: string, params: unknown[]): Promise<T> => {
      const i = k % ms.length;
      const run = queues[i].then(() => ms[i].query<T>(sql, params));
      queues[i] = run.catch(() => undefined);
      return run;
    },
  });
  // the county part (ReportsService) shows only the sources, counties and categories: the program-wide
  // sections are not computed for it (empty, zero)
  const wide = (k: number) => (opts.countyPart ? { query: <T>(): Promise<T> => Promise.resolve([] as T) } : on(k));
  const [p] = await on(0).query<{ id: string; name: string; fiscal_year: number; status: string; funding_sources: { key: string; name: string; regionCode: string | null }[] }[]>(
    'SELECT id, name, fiscal_year, status, funding_sources FROM voucher_program WHERE id = $1',
    [programId],
  );
  if (!p) return null;

  // ---- money per source, from the ledger: what each transaction type moved into or out of the
  // pools (and the receivables, for claw-backs), and the balances. Only the entries on those
  // accounts are read (by the (program_id, account) index): the grant, hold, redeem and disburse
  // entries on the other accounts — most of a year's ledger — are not needed for these figures.
  const money = (async () => {
  const moved = await on(0).query<{ source: string; type: string; kind: string; total: string }[]>(
    `SELECT b.source, t.type, b.kind, SUM(e.amount_fen)::text AS total
       FROM ledger_balance b
       JOIN ledger_entry e ON e.program_id = b.program_id AND e.account = b.account
       JOIN ledger_transaction t ON t.id = e.transaction_id
      WHERE b.program_id = $1 AND b.kind IN ('pool','receivable') GROUP BY b.source, t.type, b.kind`,
    [programId],
  );
  const balances = await on(0).query<{ source: string; kind: string; total: string }[]>(
    'SELECT source, kind, SUM(balance_fen)::text AS total FROM ledger_balance WHERE program_id = $1 GROUP BY source, kind',
    [programId],
  );
  const into = (source: string, type: string, kind: string): number => n(moved.find((r) => r.source === source && r.type === type && r.kind === kind)?.total);
  const bal = (source: string, kind: string): number => n(balances.find((r) => r.source === source && r.kind === kind)?.total);
  const sources: SourceFigures[] = p.funding_sources.map((s) => ({
    source: s.key,
    name: s.name,
    regionCode: s.regionCode ?? null,
    budgetFen: into(s.key, 'fund', 'pool'),
    grantedFen: -into(s.key, 'grant', 'pool'),
    heldFen: bal(s.key, 'grant_held'),
    payableFen: bal(s.key, 'payable'),
    disbursedFen: bal(s.key, 'disbursed'),
    lapsedFen: into(s.key, 'lapse', 'pool'),
    voidedFen: into(s.key, 'void', 'pool'),
    forfeitedFen: into(s.key, 'forfeit', 'pool') + into(s.key, 'forfeit_payable', 'pool'),
    clawedBackFen: into(s.key, 'clawback', 'receivable'),
    repaidFen: into(s.key, 'repaid', 'pool'),
    returnedFen: -into(s.key, 'return', 'pool'),
    availableFen: bal(s.key, 'pool'),
  }));
  return sources;
  })();

  // ---- orders by county and category (completed orders with this program's subsidy)
  const byCountyQ = (async () => (
    await on(1).query<{ region_code: string; name_zh: string | null; orders: string; enterprises: string; subsidy: string; redeemed: string }[]>(
      `WITH buyers AS (
         SELECT region_code, enterprise_id, count(*) AS orders, SUM(subsidy_fen) AS subsidy FROM service_order
          WHERE program_id = $1 AND status IN ('completed','refunded') GROUP BY region_code, enterprise_id),
       -- a claim carries its order's program and region, and is only made for an order completed or
       -- refunded (final states): no join to the orders
       redeemed AS (
         SELECT c.region_code, SUM(l.amount_fen) AS fen FROM claim_line l JOIN subsidy_claim c ON c.id = l.claim_id
          WHERE c.program_id = $1 AND l.status IN ('payable','batched','paid','held') GROUP BY c.region_code)
       SELECT b.region_code, r.name_zh, SUM(b.orders)::text AS orders, count(*)::text AS enterprises, SUM(b.subsidy)::text AS subsidy, COALESCE(MAX(rd.fen), 0)::text AS redeemed
         FROM buyers b LEFT JOIN region r ON r.code = b.region_code LEFT JOIN redeemed rd ON rd.region_code = b.region_code
        GROUP BY b.region_code, r.name_zh ORDER BY b.region_code`,
      [programId],
    )
  ).map((r) => ({ regionCode: r.region_code, nameZh: r.name_zh ?? r.region_code, ordersCompleted: n(r.orders), enterprises: n(r.enterprises), subsidyFen: n(r.subsidy), redeemedFen: n(r.redeemed) })))();
  const byCategoryQ = (async () => (
    await on(1).query<{ category_id: string; name_zh: string | null; orders: string; spend: string; subsidy: string }[]>(
      `SELECT o.category_id, c.name_zh, count(*)::text AS orders, SUM(o.price_fen - o.refund_fen)::text AS spend, SUM(o.subsidy_fen - o.subsidy_released_fen)::text AS subsidy
         FROM service_order o LEFT JOIN service_category c ON c.id = o.category_id
        WHERE o.program_id = $1 AND o.status IN ('completed','refunded')
        GROUP BY o.category_id, c.name_zh ORDER BY SUM(o.price_fen) DESC`,
      [programId],
    )
  ).map((r) => ({ categoryId: r.category_id, nameZh: r.name_zh ?? '', ordersCompleted: n(r.orders), spendFen: n(r.spend), subsidyFen: n(r.subsidy) })))();

  // ---- claims: the pipeline, and review times per level kind (from the claim_review_step read model)
  const claimPipelineQ = (async () => (
    await wide(0).query<{ status: string; level_kind: string | null; count: string; amount: string }[]>(
      `SELECT status, CASE WHEN status = 'in_review' THEN levels[level] END AS level_kind, count(*)::text AS count, SUM(amount_fen)::text AS amount
         FROM subsidy_claim WHERE program_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [programId],
    )
  ).map((r) => ({ status: r.status, levelKind: r.level_kind, count: n(r.count), amountFen: n(r.amount) })))();
  const reviewTimesQ = (async () => (
    await wide(2).query<{ kind: string; decisions: string; p50: string | null; p90: string | null }[]>(
      // one row per review decision (claim_review_step, written with each decision from the claim's
      // audit stream: the hours from the level's review beginning to its decision), read from the
      // (program_id, level_kind, hours) index alone
      `SELECT level_kind AS kind, count(*)::text AS decisions,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY hours))::text AS p50,
              (percentile_cont(0.9) WITHIN GROUP (ORDER BY hours))::text AS p90
         FROM claim_review_step
        WHERE program_id = $1
        GROUP BY 1 ORDER BY 1`,
      [programId],
    )
  ).map((r) => ({ levelKind: r.kind, decisions: n(r.decisions), p50Hours: r.p50 === null ? null : Math.round(Number(r.p50) * 10) / 10, p90Hours: r.p90 === null ? null : Math.round(Number(r.p90) * 10) / 10 })))();

  // ---- the provider league table
  const providersQ = (async () => (
    await wide(0).query<{ provider_id: string; name: string; orders: string; redeemed: string; rating_sum: string | null; rating_count: number | null; flagged: string }[]>(
      `WITH orders AS (
         SELECT provider_id, count(*) AS orders FROM service_order WHERE program_id = $1 AND status IN ('completed','refunded') GROUP BY provider_id),
       redeemed AS (
         SELECT c.provider_id, SUM(l.amount_fen) AS fen FROM claim_line l JOIN subsidy_claim c ON c.id = l.claim_id
          WHERE c.program_id = $1 AND l.status IN ('payable','batched','paid','held') GROUP BY c.provider_id),
       flagged AS (
         SELECT provider_id, count(*) AS claims FROM subsidy_claim WHERE program_id = $1 AND jsonb_array_length(risk_flags) > 0 GROUP BY provider_id)
       SELECT o.provider_id, org.name, o.orders::text AS orders, COALESCE(rd.fen, 0)::text AS redeemed,
              r.rating_sum::text AS rating_sum, r.rating_count, COALESCE(f.claims, 0)::text AS flagged
         FROM orders o JOIN organization org ON org.id = o.provider_id LEFT JOIN provider_rating r ON r.provider_id = o.provider_id
         LEFT JOIN redeemed rd ON rd.provider_id = o.provider_id LEFT JOIN flagged f ON f.provider_id = o.provider_id
        ORDER BY COALESCE(rd.fen, 0) DESC, o.orders DESC`,
      [programId],
    )
  ).map((r) => ({
    providerId: r.provider_id,
    name: r.name,
    ordersCompleted: n(r.orders),
    redeemedFen: n(r.redeemed),
    rating: r.rating_count ? Math.round((Number(r.rating_sum) / r.rating_count) * 10) / 10 : null,
    flaggedClaims: n(r.flagged),
  })))();

  // ---- participation
  const partQ = wide(2).query<{ served: string; first_time: string; micro_small: string }[]>(
    // one pass over the orders of the enterprises served: a first-time buyer has no completed order
    // outside the program before the first completion of any of its orders in the program
    `WITH served AS (SELECT DISTINCT o.enterprise_id FROM service_order o WHERE o.program_id = $1 AND o.status IN ('completed','refunded')),
     firsts AS (
       SELECT o.enterprise_id,
              min(o.completed_at) FILTER (WHERE o.program_id = $1) AS first_in,
              min(o.completed_at) FILTER (WHERE o.program_id IS DISTINCT FROM $1 AND o.status IN ('completed','refunded')) AS first_out
         FROM service_order o JOIN served s ON s.enterprise_id = o.enterprise_id GROUP BY o.enterprise_id)
     SELECT (SELECT count(*) FROM served)::text AS served,
            (SELECT count(*) FROM firsts WHERE NOT COALESCE(first_out < first_in, false))::text AS first_time,
            (SELECT count(*) FROM served s JOIN enterprise_profile e ON e.organization_id = s.enterprise_id WHERE e.size_class IN ('micro','small'))::text AS micro_small`,
    [programId],
  );
  const ownQ = wide(2).query<{ own_share: string }[]>(
    `SELECT COALESCE((SELECT SUM(p.amount_fen - p.reversed_fen) FROM payment p JOIN service_order o ON o.id = p.order_id WHERE o.program_id = $1 AND p.status = 'succeeded' AND o.status IN ('completed','refunded')), 0)::text AS own_share`,
    [programId],
  );
  const daysQ = wide(1).query<{ days: string | null }[]>(
    `SELECT (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM paid.at - paid.submitted_at) / 86400)
               FROM (SELECT c.submitted_at, max(l.paid_at) AS at FROM subsidy_claim c JOIN claim_line l ON l.claim_id = c.id
                      WHERE c.program_id = $1 AND c.status = 'paid' GROUP BY c.id, c.submitted_at) AS paid)::text AS days`,
    [programId],
  );
  const [sources, byCounty, byCategory, claimPipeline, reviewTimes, providers, [part = { served: '0', first_time: '0', micro_small: '0' }], [own = { own_share: '0' }], [days = { days: null }]] = await Promise.all([money, byCountyQ, byCategoryQ, claimPipelineQ, reviewTimesQ, providersQ, partQ, ownQ, daysQ]);
  const served = n(part.served);
  const participation = { enterprisesServed: served, firstTimeBuyers: n(part.first_time), microSmallShareBp: served === 0 ? null : Math.floor((n(part.micro_small) * 10_000) / served) };

  // ---- indicators, each with its formula
  const redeemed = sources.reduce((s, x) => s + x.payableFen + x.disbursedFen, 0);
  const completed = byCategory.reduce((s, x) => s + x.ordersCompleted, 0);
  const indicators: Indicator[] = [
    { key: 'services_bought', nameZh: '创新券购买服务数', nameEn: 'Services bought with vouchers', value: completed, formula: 'count of orders of the program completed (or refunded after a dispute)' },
    { key: 'enterprises_served', nameZh: '服务企业数', nameEn: 'Enterprises served', value: served, formula: 'distinct enterprises with a completed order of the program' },
    { key: 'first_time_buyers', nameZh: '首次购买企业数', nameEn: 'First-time buyers', value: participation.firstTimeBuyers, formula: 'enterprises served with no completed order outside the program before their first one in it' },
    { key: 'leverage_bp', nameZh: '财政资金撬动比（基点）', nameEn: 'Leverage (basis points)', value: redeemed === 0 ? null : Math.floor((n(own.own_share) * 10_000) / redeemed), formula: 'own share paid by the enterprises (succeeded payments less reversals) ÷ subsidy redeemed (payable + disbursed), × 10,000' },
    { key: 'spend_fen', nameZh: '服务交易总额（分）', nameEn: 'Spend (fen)', value: byCategory.reduce((s, x) => s + x.spendFen, 0), formula: 'sum of contract prices less dispute refunds of completed orders (per category in byCategory)' },
    { key: 'median_days_claim_to_payment', nameZh: '申请至拨付天数中位数', nameEn: 'Median days from claim to payment', value: days.days === null ? null : Math.round(Number(days.days) * 10) / 10, formula: "median of (the claim's last line paid − its submission), in days, over paid claims" },
  ];

  return { programId: p.id, name: p.name, fiscalYear: p.fiscal_year, status: p.status, sources, byCounty, byCategory, claimPipeline, reviewTimes, providers, participation, indicators };
}
