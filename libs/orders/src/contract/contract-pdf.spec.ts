import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ContractTerms } from '../entities/service-order.entity.js';
import { renderContractPdf } from './contract-pdf.js';
import { defaultContractType } from './contract-types.js';

const terms: ContractTerms = {
  contractNo: 'HT20260310ABCDEF12',
  contractType: 'service',
  signedAt: '2026-03-10T02:00:00.000Z',
  enterprise: {
    name: '泉州市鑫晟纺织科技有限公司',
    uscc: '91350582MA2XYZ1234',
    legalRepresentative: '张三',
    registeredAddress: '福建省晋江市示例路1号',
    contactPhone: '0595-88880000',
    bankAccount: null,
  },
  provider: {
    name: '泉州市示例检测技术有限公司',
    uscc: '91350503MA31ABCD5X',
    legalRepresentative: '王五',
    registeredAddress: '福建省泉州市丰泽区示例路8号',
    contactPhone: '0595-22220000',
    bankAccount: { bankName: '中国银行泉州分行', accountName: '泉州市示例检测技术有限公司', accountNo: '4011 2233 4455 6677' },
  },
  offeringTitle: '纺织面料成分检测（标准套餐）',
  categoryName: '纺织服装检测',
  scope: '依据 GB/T 2910 检测三批面料成分，出具 CMA 报告。',
  quantity: 1,
  unitName: null,
  leadTimeDays: 5,
  priceFen: '123456',
  subsidyFen: '61728',
  ownShareFen: '61728',
  programName: '2026年泉州市科技创新券',
  settlementMode: 'provider_redeems',
};

async function textOf(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.cleanup();
  return out.join('\n');
}

describe('the contract PDF', () => {
  it('renders the parties, their USCCs and the amounts in Chinese, readable back from the PDF', async () => {
    const started = Date.now();
    const pdf = await renderContractPdf({ terms, orderNo: 'SO20260310ABCDEF12', registrationNo: null });
    const ms = Date.now() - started;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await textOf(pdf)).replace(/\s+/g, '');
    for (const expected of [
      '技术服务合同',
      '泉州市鑫晟纺织科技有限公司',
      '泉州市示例检测技术有限公司',
      '91350582MA2XYZ1234',
      '91350503MA31ABCD5X',
      '¥1,234.56',
      '壹仟贰佰叁拾肆元伍角陆分',
      '¥617.28',
      '陆佰壹拾柒元贰角捌分',
      '待认定登记',
      'HT20260310ABCDEF12',
    ]) {
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    }
    expect(ms).toBeLessThan(3000); // from the WOFF directly it took 26 s (contractFont)
  });

  it('types the contract by category and prints the registration number once registered', async () => {
    expect(defaultContractType('rd.mold-design')).toBe('development');
    expect(defaultContractType('transfer')).toBe('transfer');
    expect(defaultContractType('consulting.x')).toBe('consulting');
    expect(defaultContractType('testing.textile')).toBe('service');
    expect(defaultContractType('unknown')).toBe('service');
    const pdf = await renderContractPdf({ terms: { ...terms, contractType: 'development' }, orderNo: 'SO1', registrationNo: '2026350500001234' });
    const text = (await textOf(pdf)).replace(/\s+/g, '');
    expect(text).toContain('技术开发合同');
    expect(text).toContain('2026350500001234');
  });
});
