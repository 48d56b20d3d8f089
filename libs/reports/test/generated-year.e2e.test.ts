/**
 * The program report over a generated year (real PostgreSQL; the same generator as bench/reports.js,
 * smaller): ~60 enterprises, a few hundred orders, claims in every state, holds, releases,
 * redemptions, monthly disbursements and lapses. The ledger verifies (ledger:verify's checks), every
 * source's figures equal the ledger's balances and the generator's own books to the fen, the activity
 * counts match, and the public statistics show no cell under 3.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@innoserve/database';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { seedReferenceData } from '@innoserve/reference';
import { LedgerService, LedgerVerifier } from '@innoserve/vouchers';
import { programReport, publicStatistics, type ProgramReport } from '../src/index.js';
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
  });

  it('publishes statistics over the year with no cell under 3 and no lone hidden cell', async () => {
    const stats = await publicStatistics(ds.manager);
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
