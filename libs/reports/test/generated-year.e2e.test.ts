/**
 * The program report over a generated year (real PostgreSQL; the same generator as bench/reports.js,
 * smaller): ~60 enterprises, a few hundred orders, claims in every state, holds, releases,
 * redemptions, monthly disbursements and lapses. The ledger verifies (ledger:verify's checks), every
 * source's figures equal the ledger's balances and the generator's own books to the fen, the activity
 * counts match, and the public statistics show no cell under 3.
 */
import { DataSource } from 'typeorm';
import { MIGRATIONS, dataSourceOptions } from '@innoserve/database';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { seedReferenceData } from '@innoserve/reference';
import { LedgerService, LedgerVerifier } from '@innoserve/vouchers';
import { REVIEW_STEPS_FROM_AUDIT_SQL } from '@innoserve/claims';
import { programReport, publicStatistics, type ProgramReport } from '../src/index.js';
import { expectDocumentedAnswer } from '../../../test/support/openapi.js';
import { generateYear, loadYear, yearReference, type GeneratedYear } from './support/generated-year.js';

describe('the program report over a generated year', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let year: GeneratedYear;
  let report: ProgramReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions({ url: db.url, poolSize: 2 }), logging: false });
    await ds.initialize();
    await seedReferenceData(ds.manager);
    year = generateYear(await yearReference(ds.manager), { enterprises: 60, ordersPerEnterprise: 6, seed: 13 });
    await loadYear(ds.manager, year);
    report = (await programReport(ds.manager, year.programId))!;
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** What goes out over HTTP: the JSON of a value. */
  const overJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

  it('answers the report as docs/openapi.json describes it (every section filled)', () => {
    expect(report.reviewTimes.length).toBeGreaterThan(0);
    expect(report.providers.length).toBeGreaterThan(0);
    // ReportsService adds the scope to what programReport computes
    expectDocumentedAnswer('get', '/api/v1/admin/reports/programs/{id}', { status: 200, body: overJson({ ...report, scope: 'program', regionCodes: null }) });
  });

  it('is a year with every kind of movement', () => {
    expect(year.rows.service_order.length).toBeGreaterThan(300);
    expect(Object.keys(year.expected.claimsByStatus).sort()).toEqual(['approved', 'batched', 'in_review', 'paid', 'rejected', 'returned']);
    const types = new Set(year.rows.ledger_transaction.map((t) => t.type));
    expect([...types].sort()).toEqual(['disburse', 'fund', 'grant', 'hold', 'lapse', 'redeem', 'release']);
  });

  it('has a ledger that verifies', async () => {
    const v = await new LedgerVerifier(ds).verify();
    expect(v.problems).toEqual([]);
    expect(v.entries).toBe(year.expected.ledgerEntries);
  });

  it("reconciles every source's figures to the ledger's balances and to the generator's books, to the fen", async () => {
    const ledger = new LedgerService();
    const balance = async (account: string) => Number(await ledger.balanceOf(ds.manager, year.programId, account));
    expect(report.sources.map((s) => s.source).sort()).toEqual(Object.keys(year.expected.sources).sort());
    for (const s of report.sources) {
      const books = year.expected.sources[s.source];
      const figures = { source: s.source, budget: s.budgetFen, granted: s.grantedFen, held: s.heldFen, payable: s.payableFen, disbursed: s.disbursedFen, lapsed: s.lapsedFen, available: s.availableFen };
      expect(figures).toEqual({ source: s.source, ...books });
      expect({ source: s.source, pool: s.availableFen, payable: s.payableFen, disbursed: s.disbursedFen }).toEqual({
        source: s.source,
        pool: await balance(`pool:${s.source}`),
        payable: await balance(`payable:${s.source}`),
        disbursed: await balance(`disbursed:${s.source}`),
      });
      expect(s.budgetFen - s.grantedFen + s.lapsedFen + s.voidedFen + s.forfeitedFen + s.repaidFen - s.returnedFen).toBe(s.availableFen);
    }
    // the held money of all grants, summed from the grant accounts themselves
    const [{ held }] = await ds.query<{ held: string }[]>(`SELECT COALESCE(SUM(balance_fen), 0)::text AS held FROM ledger_balance WHERE program_id = $1 AND kind = 'grant_held'`, [year.programId]);
    expect(report.sources.reduce((x, s) => x + s.heldFen, 0)).toBe(Number(held));
    // what the claims redeemed is what the report calls payable and disbursed, per county summed
    expect(report.byCounty.reduce((x, c) => x + c.redeemedFen, 0)).toBe(report.sources.reduce((x, s) => x + s.payableFen + s.disbursedFen, 0));
  });

  it('counts the activity the generator wrote', () => {
    const indicators = Object.fromEntries(report.indicators.map((i) => [i.key, i.value]));
    expect(indicators.services_bought).toBe(year.expected.ordersCompleted);
    expect(indicators.enterprises_served).toBe(year.expected.enterprisesServed);
    expect(indicators.first_time_buyers).toBe(year.expected.firstTimeBuyers);
    expect(year.expected.firstTimeBuyers).toBeLessThan(year.expected.enterprisesServed); // some bought outside the program first
    expect(report.byCounty.reduce((x, c) => x + c.ordersCompleted, 0)).toBe(year.expected.ordersCompleted);
    const pipeline: Record<string, number> = {};
    for (const p of report.claimPipeline) pipeline[p.status] = (pipeline[p.status] ?? 0) + p.count;
    expect(pipeline).toEqual(year.expected.claimsByStatus);
    expect(report.reviewTimes.map((t) => t.levelKind)).toEqual(['city', 'county']);
    // each county's redeemed subsidy: the live claim lines of claims on its completed orders, from the generator's rows
    const orders = new Map(year.rows.service_order.map((o) => [o.id, o]));
    const claims = new Map(year.rows.subsidy_claim.map((c) => [c.id, c]));
    const redeemed = new Map<string, number>();
    for (const l of year.rows.claim_line) {
      const o = orders.get(claims.get(l.claim_id)!.order_id)!;
      if (o.program_id !== year.programId || !['completed', 'refunded'].includes(o.status as string) || !['payable', 'batched', 'paid', 'held'].includes(l.status as string)) continue;
      redeemed.set(o.region_code as string, (redeemed.get(o.region_code as string) ?? 0) + Number(l.amount_fen));
    }
    expect(Object.fromEntries(report.byCounty.map((c) => [c.regionCode, c.redeemedFen]))).toEqual(Object.fromEntries(report.byCounty.map((c) => [c.regionCode, redeemed.get(c.regionCode) ?? 0])));
    expect([...redeemed.keys()].every((k) => report.byCounty.some((c) => c.regionCode === k))).toBe(true);
  });

  it("has a review-time read model equal to the claims' audit streams, for every claim and decision, and review times computed from them", async () => {
    const cols = 'claim_id, stream_seq, program_id, level, level_kind, decision, entered_at, decided_at, hours';
    const table = await ds.query(`SELECT ${cols} FROM claim_review_step ORDER BY claim_id, stream_seq`);
    const fromAudit = await ds.query(`SELECT ${cols} FROM (${REVIEW_STEPS_FROM_AUDIT_SQL}) x ORDER BY claim_id, stream_seq`);
    expect(table.length).toBe(year.rows.audit_entry.filter((a) => a.before !== null).length);
    expect(table).toEqual(fromAudit);
    // the migration's backfill (an installation with claims before the table) writes the same rows
    const migration = new (MIGRATIONS.find((m) => m.name.startsWith('ClaimReviewSteps'))!)();
    const qr = ds.createQueryRunner();
    try {
      await migration.down(qr);
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    expect(await ds.query(`SELECT ${cols} FROM claim_review_step ORDER BY claim_id, stream_seq`)).toEqual(table);
    // the percentiles as the report computed them before the read model: over each claim's audit stream
    const before = await ds.query<{ kind: string; decisions: string; p50: string | null; p90: string | null }[]>(
      `SELECT c.levels[(s.before->>'level')::int] AS kind, count(*)::text AS decisions,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM s.occurred_at - s.started_at) / 3600))::text AS p50,
              (percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM s.occurred_at - s.started_at) / 3600))::text AS p90
         FROM subsidy_claim c
         CROSS JOIN LATERAL (
           SELECT a.action, a.occurred_at, a.before, LAG(a.occurred_at) OVER (ORDER BY a.stream_seq) AS started_at
             FROM audit_entry a
            WHERE a.stream_type = 'claim' AND a.stream_id = c.id::text
              AND a.action IN ('claim.submitted','claim.resubmitted','claim.approved_level','claim.approved','claim.rejected','claim.returned')) s
        WHERE c.program_id = $1 AND s.action IN ('claim.approved_level','claim.approved','claim.rejected','claim.returned') AND s.started_at IS NOT NULL AND s.before ? 'level'
        GROUP BY 1 ORDER BY 1`,
      [year.programId],
    );
    const round = (v: string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
    expect(report.reviewTimes).toEqual(before.map((r) => ({ levelKind: r.kind, decisions: Number(r.decisions), p50Hours: round(r.p50), p90Hours: round(r.p90) })));
  });

  it('publishes statistics over the year with no cell under 3 and no lone hidden cell', async () => {
    const stats = await publicStatistics(ds.manager);
    expectDocumentedAnswer('get', '/api/v1/public/statistics', { status: 200, body: overJson(stats) });
    const program = stats.programs.find((p) => p.programId === year.programId)!;
    expect(program).toMatchObject({ ordersCompleted: year.expected.ordersCompleted, enterprisesServed: year.expected.enterprisesServed });
    expect(program.grantedFen).toBe(report.sources.reduce((x, s) => x + s.grantedFen, 0));
    const cells = stats.enterprisesByCountyAndCategory;
    // every cell, hidden or not, counts the distinct enterprises the generator gave completed orders in it
    const roots = new Map((await ds.query<{ id: string; root: string }[]>(`SELECT id, split_part(path, '/', 1) AS root FROM service_category`)).map((r) => [r.id, r.root]));
    const expected = new Map<string, Set<unknown>>();
    for (const o of year.rows.service_order) {
      if (o.program_id === null || o.status !== 'completed') continue;
      const key = `${String(o.region_code)}/${roots.get(o.category_id as string)}`;
      expected.set(key, (expected.get(key) ?? new Set()).add(o.enterprise_id));
    }
    expect(cells.map((c) => `${c.regionCode}/${c.category}`).sort()).toEqual([...expected.keys()].sort());
    for (const c of cells) if (c.enterprises !== null) expect({ cell: `${c.regionCode}/${c.category}`, n: c.enterprises }).toEqual({ cell: `${c.regionCode}/${c.category}`, n: expected.get(`${c.regionCode}/${c.category}`)!.size });
    expect(cells.some((c) => c.enterprises !== null)).toBe(true);
    expect(cells.every((c) => c.enterprises === null || c.enterprises === 0 || c.enterprises >= 3)).toBe(true);
    for (const axis of ['regionCode', 'category'] as const) {
      const hidden = new Map<string, number>();
      for (const c of cells) if (c.enterprises === null) hidden.set(c[axis], (hidden.get(c[axis]) ?? 0) + 1);
      for (const n of hidden.values()) expect(n).not.toBe(1);
    }
  });
});
