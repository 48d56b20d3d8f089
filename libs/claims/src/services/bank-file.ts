import ExcelJS from 'exceljs';
import type { DisbursementBatch } from '../entities/disbursement-batch.entity.js';
import type { DisbursementLine } from '../entities/disbursement-line.entity.js';

/** The bank-transfer layout, in this order. */
export const BANK_FILE_COLUMNS = ['序号', '收款人户名', '收款账号', '开户行', '联行号', '金额(元)', '金额(分)', '附言'] as const;

/** Fen as yuan with two decimals, exactly (never through floating point). */
export function yuanOf(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** One row per line, in the batch's order. */
export function bankRows(lines: readonly DisbursementLine[]): (string | number)[][] {
  return [...lines]
    .sort((a, b) => a.seq - b.seq)
    .map((l) => [l.seq, l.accountName, l.accountNo, l.bankName, l.cnapsCode, yuanOf(l.amountFen), Number(l.amountFen), l.memo]);
}

/** A text cell a spreadsheet must not read as a formula. */
function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvCell(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : safeText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in UTF-8 with a BOM (so a spreadsheet shows the Chinese names), CRLF line ends. */
export function bankCsv(lines: readonly DisbursementLine[]): Buffer {
  const rows = [[...BANK_FILE_COLUMNS], ...bankRows(lines)];
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** XLSX: the lines on sheet 拨付明细 (amounts in yuan as text with two decimals, and in fen as integers), the batch on sheet 汇总. */
export async function bankXlsx(batch: DisbursementBatch, lines: readonly DisbursementLine[], sourceName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Innoserve';
  const sheet = wb.addWorksheet('拨付明细');
  sheet.addRow([...BANK_FILE_COLUMNS]).font = { bold: true };
  // strings are stored as text (exceljs never writes a formula from a string): names stay exactly the registered ones
  for (const row of bankRows(lines)) sheet.addRow(row);
  sheet.columns.forEach((c, i) => {
    c.width = [6, 32, 26, 28, 14, 14, 14, 36][i];
  });
  sheet.getColumn(3).numFmt = '@';
  sheet.getColumn(5).numFmt = '@';
  const summary = wb.addWorksheet('汇总');
  summary.addRows([
    ['批次号', batch.batchNo],
    ['资金来源', sourceName],
    ['年度', batch.fiscalYear],
    ['笔数', lines.length],
    ['合计金额(元)', yuanOf(lines.reduce((s, l) => s + l.amountFen, 0n))],
    ['合计金额(分)', Number(lines.reduce((s, l) => s + l.amountFen, 0n))],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
