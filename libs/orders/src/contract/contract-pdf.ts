/**
 * The contract document of an order, rendered as a PDF with a CJK font that ships as an npm
 * package (@fontsource/noto-sans-sc: its simplified-Chinese subset also covers ASCII and ¥), so
 * the output does not depend on the fonts of the machine. Deterministic for the same terms.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { ContractTerms } from '../entities/service-order.entity.js';
import { formatYuan, toChineseCapitalAmount } from './chinese-amount.js';
import { TECH_CONTRACT_LABELS } from './contract-types.js';

let font: Buffer | undefined;

/**
 * The font as a plain OpenType file, made once per process from the package's WOFF. fontkit reads
 * a WOFF's zlib-compressed tables again on every access: laying out and subsetting straight from
 * the WOFF took 26 s per contract, from the unpacked font a few milliseconds.
 */
export function contractFont(): Buffer {
  if (!font) {
    const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json');
    font = woffToSfnt(readFileSync(path.join(path.dirname(pkg), 'files', 'noto-sans-sc-chinese-simplified-400-normal.woff')));
  }
  return font;
}

/** WOFF 1.0 → sfnt (W3C WOFF §3–5): each table inflated when stored compressed, the directory rebuilt. */
export function woffToSfnt(w: Buffer): Buffer {
  if (w.readUInt32BE(0) !== 0x774f4646) throw new RangeError('not a WOFF file');
  const flavor = w.readUInt32BE(4);
  const numTables = w.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const o = 44 + i * 20;
    const offset = w.readUInt32BE(o + 4);
    const compLength = w.readUInt32BE(o + 8);
    const origLength = w.readUInt32BE(o + 12);
    const raw = w.subarray(offset, offset + compLength);
    tables.push({ tag: w.readUInt32BE(o), checksum: w.readUInt32BE(o + 16), data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) });
  }
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector++;
  }
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange * 16, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const o = 12 + i * 16;
    header.writeUInt32BE(t.tag, o);
    header.writeUInt32BE(t.checksum, o + 4);
    header.writeUInt32BE(offset, o + 8);
    header.writeUInt32BE(t.data.length, o + 12);
    const pad = (4 - (t.data.length % 4)) % 4;
    parts.push(t.data, Buffer.alloc(pad));
    offset += t.data.length + pad;
  });
  return Buffer.concat(parts);
}

export interface ContractDocument {
  terms: ContractTerms;
  orderNo: string;
  registrationNo: string | null;
}

const SETTLEMENT_TEXT = {
  provider_redeems: '通兑：甲方仅向乙方支付自付部分，科技创新券补贴由乙方向主管部门申请兑付。',
  enterprise_reimbursed: '通用：甲方向乙方支付全部合同价款，科技创新券补贴由甲方向主管部门申请兑付。',
} as const;

export async function renderContractPdf(doc: ContractDocument): Promise<Buffer> {
  const t = doc.terms;
  const signedAt = new Date(t.signedAt);
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${TECH_CONTRACT_LABELS[t.contractType].zh} ${t.contractNo}`, Author: 'Innoserve', CreationDate: signedAt, ModDate: signedAt } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('cjk', contractFont());
  pdf.font('cjk');

  const label = TECH_CONTRACT_LABELS[t.contractType];
  pdf.fontSize(20).text(label.zh, { align: 'center' });
  pdf.fontSize(10).fillColor('#555').text(label.en, { align: 'center' }).moveDown(0.5);
  pdf.fillColor('#000').fontSize(10);
  pdf.text(`合同编号：${t.contractNo}    订单号：${doc.orderNo}    签订日期：${t.signedAt.slice(0, 10)}`);
  pdf.text(`技术合同认定登记号：${doc.registrationNo ?? '待认定登记'}`).moveDown();

  const party = (title: string, p: ContractTerms['enterprise']) => {
    pdf.fontSize(12).text(title).fontSize(10);
    pdf.text(`名称：${p.name}`);
    pdf.text(`统一社会信用代码：${p.uscc}`);
    pdf.text(`法定代表人：${p.legalRepresentative}    联系电话：${p.contactPhone}`);
    pdf.text(`住所：${p.registeredAddress}`);
    if (p.bankAccount) pdf.text(`开户银行：${p.bankAccount.bankName}    户名：${p.bankAccount.accountName}    账号：${p.bankAccount.accountNo}`);
    pdf.moveDown(0.5);
  };
  party('甲方（委托方 / 采购企业）', t.enterprise);
  party('乙方（受托方 / 服务机构）', t.provider);

  pdf.fontSize(12).text('一、服务内容').fontSize(10);
  pdf.text(`服务项目：${t.offeringTitle}（${t.categoryName}）`);
  pdf.text(`数量：${t.quantity}${t.unitName ? ` ${t.unitName}` : ''}    完成期限：合同生效并付款后 ${t.leadTimeDays} 日内`);
  pdf.text(`服务范围及交付成果：${t.scope}`).moveDown(0.5);

  const price = BigInt(t.priceFen);
  const subsidy = BigInt(t.subsidyFen);
  const own = BigInt(t.ownShareFen);
  pdf.fontSize(12).text('二、合同价款与科技创新券').fontSize(10);
  pdf.text(`合同总价：${formatYuan(price)}（人民币${toChineseCapitalAmount(price)}）`);
  pdf.text(`科技创新券抵扣：${formatYuan(subsidy)}（人民币${toChineseCapitalAmount(subsidy)}）${t.programName ? `，项目：${t.programName}` : ''}`);
  pdf.text(`甲方自付：${formatYuan(own)}（人民币${toChineseCapitalAmount(own)}）`);
  pdf.text(t.settlementMode ? `结算方式：${SETTLEMENT_TEXT[t.settlementMode]}` : '结算方式：本合同不使用科技创新券，甲方支付全部价款。').moveDown(0.5);

  pdf.fontSize(12).text('三、付款、验收与争议').fontSize(10);
  pdf.text(
    '甲方应于合同签订后14日内支付应付款项，逾期未付的，本合同自动解除。乙方交付成果后，甲方应于14日内验收或提出异议；逾期未提出异议的，视为验收合格。' +
      '双方就交付成果发生争议的，由科技创新券主管部门依平台规则处理。',
  ).moveDown();

  pdf.text('甲方（盖章）：____________________        乙方（盖章）：____________________');
  pdf.moveDown().text(`本合同经双方在 Innoserve 科技创新券服务平台确认于 ${t.signedAt.slice(0, 10)}，与书面合同具有同等效力。`, { align: 'left' });
  pdf.end();
  return done;
}
