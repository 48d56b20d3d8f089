/**
 * Enterprise size by the MIIT SME classification (中小企业划型标准规定, 工信部联企业〔2011〕300号).
 *
 * Each row gives, per class, lower bounds on one or two indicators. As the document (and the
 * statistics bureau's reading of it) has it: large, medium and small require EVERY listed indicator
 * to reach the class's lower bound ("从业人员X人及以上，且营业收入Y万元及以上"), otherwise the
 * enterprise drops a class; micro is what is left ("X以下或Y以下"). So an industrial firm with 1,500
 * staff but 100万元 revenue is micro, and large needs both 1,000 staff and 40,000万元.
 */

export const INDUSTRIES = [
  'agriculture',
  'industry',
  'construction',
  'wholesale',
  'retail',
  'transport',
  'warehousing',
  'postal',
  'accommodation',
  'catering',
  'information_transmission',
  'software_it',
  'real_estate_development',
  'property_management',
  'leasing_business_services',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** Amounts in fen, as bigint or as a JSON safe integer. */
export interface SizeInputs {
  industry: Industry;
  employees: number;
  annualRevenueFen: bigint | number;
  totalAssetsFen: bigint | number;
}

/** 1万元 = 10,000 yuan = 1,000,000 fen. */
const WAN = 1_000_000n;

/** Lower bounds of one class; an absent indicator is not used by the row. */
export interface SizeBound {
  employees?: number;
  revenueWan?: number;
  assetsWan?: number;
}

export interface SizeRow {
  zh: string;
  en: string;
  large: SizeBound;
  medium: SizeBound;
  small: SizeBound;
}

export const SIZE_TABLE: Readonly<Record<Industry, SizeRow>> = {
  agriculture: {
    zh: '农、林、牧、渔业',
    en: 'Agriculture, forestry, animal husbandry and fishery',
    large: { revenueWan: 20000 },
    medium: { revenueWan: 500 },
    small: { revenueWan: 50 },
  },
  industry: {
    zh: '工业',
    en: 'Industry',
    large: { employees: 1000, revenueWan: 40000 },
    medium: { employees: 300, revenueWan: 2000 },
    small: { employees: 20, revenueWan: 300 },
  },
  construction: {
    zh: '建筑业',
    en: 'Construction',
    large: { revenueWan: 80000, assetsWan: 80000 },
    medium: { revenueWan: 6000, assetsWan: 5000 },
    small: { revenueWan: 300, assetsWan: 300 },
  },
  wholesale: {
    zh: '批发业',
    en: 'Wholesale',
    large: { employees: 200, revenueWan: 40000 },
    medium: { employees: 20, revenueWan: 5000 },
    small: { employees: 5, revenueWan: 1000 },
  },
  retail: {
    zh: '零售业',
    en: 'Retail',
    large: { employees: 300, revenueWan: 20000 },
    medium: { employees: 50, revenueWan: 500 },
    small: { employees: 10, revenueWan: 100 },
  },
  transport: {
    zh: '交通运输业',
    en: 'Transport',
    large: { employees: 1000, revenueWan: 30000 },
    medium: { employees: 300, revenueWan: 3000 },
    small: { employees: 20, revenueWan: 200 },
  },
  warehousing: {
    zh: '仓储业',
    en: 'Warehousing',
    large: { employees: 200, revenueWan: 30000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 20, revenueWan: 100 },
  },
  postal: {
    zh: '邮政业',
    en: 'Postal services',
    large: { employees: 1000, revenueWan: 30000 },
    medium: { employees: 300, revenueWan: 2000 },
    small: { employees: 20, revenueWan: 100 },
  },
  accommodation: {
    zh: '住宿业',
    en: 'Accommodation',
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 2000 },
    small: { employees: 10, revenueWan: 100 },
  },
  catering: {
    zh: '餐饮业',
    en: 'Catering',
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 2000 },
    small: { employees: 10, revenueWan: 100 },
  },
  information_transmission: {
    zh: '信息传输业',
    en: 'Information transmission',
    large: { employees: 2000, revenueWan: 100000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 10, revenueWan: 100 },
  },
  software_it: {
    zh: '软件和信息技术服务业',
    en: 'Software and information technology services',
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 10, revenueWan: 50 },
  },
  real_estate_development: {
    zh: '房地产开发经营',
    en: 'Real estate development',
    large: { revenueWan: 200000, assetsWan: 10000 },
    medium: { revenueWan: 1000, assetsWan: 5000 },
    small: { revenueWan: 100, assetsWan: 2000 },
  },
  property_management: {
    zh: '物业管理',
    en: 'Property management',
    large: { employees: 1000, revenueWan: 5000 },
    medium: { employees: 300, revenueWan: 1000 },
    small: { employees: 100, revenueWan: 500 },
  },
  leasing_business_services: {
    zh: '租赁和商务服务业',
    en: 'Leasing and business services',
    large: { employees: 300, assetsWan: 120000 },
    medium: { employees: 100, assetsWan: 8000 },
    small: { employees: 10, assetsWan: 100 },
  },
  other: {
    zh: '其他未列明行业',
    en: 'Other industries not listed',
    large: { employees: 300 },
    medium: { employees: 100 },
    small: { employees: 10 },
  },
};

export function isIndustry(value: unknown): value is Industry {
  return typeof value === 'string' && (INDUSTRIES as readonly string[]).includes(value);
}

interface Measured {
  employees: number;
  revenueFen: bigint;
  assetsFen: bigint;
}

function reaches(bound: SizeBound, m: Measured): boolean {
  if (bound.employees !== undefined && m.employees < bound.employees) return false;
  if (bound.revenueWan !== undefined && m.revenueFen < BigInt(bound.revenueWan) * WAN) return false;
  if (bound.assetsWan !== undefined && m.assetsFen < BigInt(bound.assetsWan) * WAN) return false;
  return true;
}

function toFen(value: bigint | number, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be a safe integer of fen`);
  return BigInt(value);
}

/** The size class of an enterprise under the 2011 MIIT table. */
export function classifySize(input: SizeInputs): SizeClass {
  const row = SIZE_TABLE[input.industry];
  if (row === undefined) throw new RangeError(`unknown industry ${String(input.industry)}`);
  if (!Number.isSafeInteger(input.employees) || input.employees < 0) throw new RangeError('employees must be a non-negative integer');
  const m: Measured = {
    employees: input.employees,
    revenueFen: toFen(input.annualRevenueFen, 'annualRevenueFen'),
    assetsFen: toFen(input.totalAssetsFen, 'totalAssetsFen'),
  };
  if (reaches(row.large, m)) return 'large';
  if (reaches(row.medium, m)) return 'medium';
  if (reaches(row.small, m)) return 'small';
  return 'micro';
}
