import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import ExcelJS from 'exceljs';
import { NotFoundError, isUuid } from '@innoserve/core';
import { STAFF_ROLES, jurisdictionCovers, jurisdictionOf, staffCovers, type Principal } from '@innoserve/identity';
import { programReport, type ProgramReport } from './program-report.js';
import { publicStatistics, type PublicStatistics } from './public-statistics.js';

/** Memory for the sorts and hashes of one report's transaction (the server's default, 4MB, sends a year's aggregates to disk). */
const REPORT_WORK_MEM = '64MB';
/** Connections one report's statements are spread over (sharing one snapshot). */
const REPORT_CONNECTIONS = 3;

/** A report as one reader may see it: whole for staff covering the issuing region; a county's part for county staff. */
export type ScopedReport = ProgramReport & {
  scope: 'program' | 'county';
  regionCodes: string[] | null;
  /** County scope: the county's enterprises' share of each city-wide source (grants to them, what they hold, what is payable or paid for their claims). */
  cityShare?: { source: string; name: string; grantedFen: number; heldFen: number; payableFen: number; disbursedFen: number }[];
};

/**
 * Reports (read models; no lib imports this one). Any staff member reads a program's report within
 * their jurisdiction: the whole of it when they cover the issuing region, else the part of the
 * counties they cover (their county pools and their enterprises' figures).
 */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  program(me: Principal, id: string): Promise<ScopedReport> {
    return this.snapshot((ms) => this.programIn(ms, me, id));
  }

  /**
   * Runs a report's statements in one read-only REPEATABLE READ snapshot, shared by
   * REPORT_CONNECTIONS connections (the first exports it, the others adopt it), so the independent
   * statements run side by side and every figure still comes from the same instant: a claim paid
   * between two statements cannot make the report disagree with itself. The report's sorts and
   * hashes over a year of orders, claims and entries get REPORT_WORK_MEM, for these transactions only.
   */
  private async snapshot<T>(fn: (ms: EntityManager[]) => Promise<T>): Promise<T> {
    const runners: QueryRunner[] = [];
    try {
      let exported: string | null = null;
      for (let i = 0; i < REPORT_CONNECTIONS; i++) {
        const r = this.dataSource.createQueryRunner();
        runners.push(r);
        await r.connect();
        await r.startTransaction('REPEATABLE READ');
        if (exported !== null) await r.query(`SET TRANSACTION SNAPSHOT '${exported}'`);
        await r.query('SET TRANSACTION READ ONLY');
        await r.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
        if (exported === null && REPORT_CONNECTIONS > 1) exported = ((await r.query('SELECT pg_export_snapshot() AS snapshot')) as { snapshot: string }[])[0].snapshot;
      }
      const out = await fn(runners.map((r) => r.manager));
      for (const r of [...runners].reverse()) await r.commitTransaction();
      return out;
    } finally {
      for (const r of runners) {
        if (r.isTransactionActive) await r.rollbackTransaction().catch(() => undefined);
        await r.release();
      }
    }
  }

  private async programIn(ms: EntityManager[], me: Principal, id: string): Promise<ScopedReport> {
    const m = ms[0];
    const [p] = isUuid(id)
      ? await m.query<{ issuing_region_code: string; region_codes: string[]; funding_sources: { key: string; regionCode?: string | null }[] }[]>(
          `SELECT issuing_region_code, ARRAY(SELECT jsonb_array_elements_text(eligibility->'regionCodes')) AS region_codes, funding_sources FROM voucher_program WHERE id = $1`,
          [id],
        )
      : [];
    if (!p) throw new NotFoundError('program');
    if (staffCovers(me, STAFF_ROLES, p.issuing_region_code)) return { ...(await programReport(ms, id))!, scope: 'program', regionCodes: null };
    const mine = p.region_codes.filter((code) => jurisdictionCovers(jurisdictionOf(me, STAFF_ROLES), code));
    if (mine.length === 0) throw new NotFoundError('program');
    // the county's part of the report on the first connections, its share of the city sources on the last, side by side
    const fullQ = programReport(ms.length > 1 ? ms.slice(0, -1) : ms, id, { countyPart: true });
    const citySourceKeys = p.funding_sources.filter((s) => (s.regionCode ?? null) === null).map((s) => s.key);
    const shareQ = ms[ms.length - 1].query<{ source: string; granted: string; held: string; payable: string; disbursed: string }[]>(
      `SELECT s.key AS source,
              COALESCE((SELECT SUM(e.amount_fen) FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id JOIN ledger_balance b ON b.program_id = e.program_id AND b.account = e.account
                         JOIN voucher_grant g ON g.id = b.grant_id JOIN organization o ON o.id = g.enterprise_id
                        WHERE e.program_id = $1 AND t.type = 'grant' AND b.kind = 'grant_available' AND b.source = s.key AND o.region_code = ANY($2::varchar[])), 0)::text AS granted,
              COALESCE((SELECT SUM(b.balance_fen) FROM ledger_balance b JOIN voucher_grant g ON g.id = b.grant_id JOIN organization o ON o.id = g.enterprise_id
                        WHERE b.program_id = $1 AND b.kind = 'grant_held' AND b.source = s.key AND o.region_code = ANY($2::varchar[])), 0)::text AS held,
              COALESCE((SELECT SUM(l.amount_fen) FROM claim_line l JOIN subsidy_claim c ON c.id = l.claim_id
                        WHERE l.program_id = $1 AND l.source = s.key AND l.status IN ('payable','batched','held') AND c.region_code = ANY($2::varchar[])), 0)::text AS payable,
              COALESCE((SELECT SUM(l.amount_fen) FROM claim_line l JOIN subsidy_claim c ON c.id = l.claim_id
                        WHERE l.program_id = $1 AND l.source = s.key AND l.status = 'paid' AND c.region_code = ANY($2::varchar[])), 0)::text AS disbursed
         FROM unnest($3::text[]) AS s(key)`,
      [id, mine, citySourceKeys],
    );
    const [report, share] = await Promise.all([fullQ, shareQ]);
    const full = report!;
    const citySources = full.sources.filter((s) => s.regionCode === null);
    return {
      ...full,
      scope: 'county',
      regionCodes: mine,
      cityShare: share.map((r) => ({ source: r.source, name: citySources.find((s) => s.source === r.source)?.name ?? r.source, grantedFen: Number(r.granted), heldFen: Number(r.held), payableFen: Number(r.payable), disbursedFen: Number(r.disbursed) })),
      sources: full.sources.filter((s) => s.regionCode !== null && mine.includes(s.regionCode)),
      byCounty: full.byCounty.filter((c) => mine.includes(c.regionCode)),
      // the program-wide sections are for staff of the issuing region
      claimPipeline: [],
      reviewTimes: [],
      providers: [],
      participation: { enterprisesServed: full.byCounty.filter((c) => mine.includes(c.regionCode)).reduce((s, c) => s + c.enterprises, 0), firstTimeBuyers: 0, microSmallShareBp: null },
      indicators: [],
    };
  }

  /** The report as an XLSX workbook, one sheet per section (amounts in fen, as in the API). */
  async programXlsx(me: Principal, id: string): Promise<{ name: string; bytes: Buffer }> {
    const r = await this.program(me, id);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Innoserve';
    const sheet = (name: string, columns: string[], rows: (string | number | null)[][]) => {
      const s = wb.addWorksheet(name);
      s.addRow(columns).font = { bold: true };
      for (const row of rows) s.addRow(row);
    };
    sheet('资金来源 Sources', ['来源', '名称', '预算', '已分配', '占用', '待拨付', '已拨付', '失效', '作废', '没收', '追回', '已归还', '退回', '可用'], r.sources.map((s) => [s.source, s.name, s.budgetFen, s.grantedFen, s.heldFen, s.payableFen, s.disbursedFen, s.lapsedFen, s.voidedFen, s.forfeitedFen, s.clawedBackFen, s.repaidFen, s.returnedFen, s.availableFen]));
    sheet('区县 Counties', ['区划代码', '区县', '完成订单', '服务企业', '补贴', '已核定补贴'], r.byCounty.map((c) => [c.regionCode, c.nameZh, c.ordersCompleted, c.enterprises, c.subsidyFen, c.redeemedFen]));
    sheet('服务类别 Categories', ['类别', '名称', '完成订单', '交易额', '补贴'], r.byCategory.map((c) => [c.categoryId, c.nameZh, c.ordersCompleted, c.spendFen, c.subsidyFen]));
    sheet('申请流程 Pipeline', ['状态', '审核级别', '件数', '金额'], r.claimPipeline.map((c) => [c.status, c.levelKind, c.count, c.amountFen]));
    sheet('审核时长 Review times', ['级别', '决定数', 'P50（小时）', 'P90（小时）'], r.reviewTimes.map((t) => [t.levelKind, t.decisions, t.p50Hours, t.p90Hours]));
    sheet('服务机构 Providers', ['机构', '名称', '完成订单', '已核定补贴', '评分', '有风险提示的申请'], r.providers.map((p) => [p.providerId, p.name, p.ordersCompleted, p.redeemedFen, p.rating, p.flaggedClaims]));
    sheet('绩效指标 Indicators', ['指标', 'Indicator', '值', '计算方法'], r.indicators.map((i) => [i.nameZh, i.nameEn, i.value, i.formula]));
    return { name: `report-${r.fiscalYear}-${r.programId.slice(0, 8)}.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  publicStatistics(): Promise<PublicStatistics> {
    return this.snapshot((ms) => publicStatistics(ms));
  }
}
