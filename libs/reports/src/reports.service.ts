import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { NotFoundError, isUuid } from '@innoserve/core';
import { STAFF_ROLES, jurisdictionCovers, jurisdictionOf, staffCovers, type Principal } from '@innoserve/identity';
import { programReport, type ProgramReport } from './program-report.js';
import { publicStatistics, type PublicStatistics } from './public-statistics.js';

/** A report as one reader may see it: whole for staff covering the issuing region; a county's part for county staff. */
export type ScopedReport = ProgramReport & { scope: 'program' | 'county'; regionCodes: string[] | null };

/**
 * Reports (read models; no lib imports this one). Any staff member reads a program's report within
 * their jurisdiction: the whole of it when they cover the issuing region, else the part of the
 * counties they cover (their county pools and their enterprises' figures).
 */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async program(me: Principal, id: string): Promise<ScopedReport> {
    const m = this.dataSource.manager;
    const [p] = isUuid(id) ? await m.query<{ issuing_region_code: string; region_codes: string[] }[]>(`SELECT issuing_region_code, ARRAY(SELECT jsonb_array_elements_text(eligibility->'regionCodes')) AS region_codes FROM voucher_program WHERE id = $1`, [id]) : [];
    if (!p) throw new NotFoundError('program');
    if (staffCovers(me, STAFF_ROLES, p.issuing_region_code)) return { ...(await programReport(m, id))!, scope: 'program', regionCodes: null };
    const mine = p.region_codes.filter((code) => jurisdictionCovers(jurisdictionOf(me, STAFF_ROLES), code));
    if (mine.length === 0) throw new NotFoundError('program');
    const full = (await programReport(m, id))!;
    return {
      ...full,
      scope: 'county',
      regionCodes: mine,
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
    return publicStatistics(this.dataSource.manager);
  }
}
