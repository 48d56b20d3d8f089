// Why an enterprise has its size class: the lower bounds of the MIIT 2011 table (工信部联企业〔2011〕300号),
// the same table the API classifies with (libs/organizations/src/domain/size-classifier.ts).
// large, medium and small need EVERY listed indicator to reach the class's bound; micro is the rest.

export type SizeClass = 'micro' | 'small' | 'medium' | 'large';
export interface SizeBound {
  employees?: number;
  revenueWan?: number;
  assetsWan?: number;
}
type Row = Record<'large' | 'medium' | 'small', SizeBound>;

const PEOPLE_REVENUE = (l: [number, number], m: [number, number], s: [number, number]): Row => ({
  large: { employees: l[0], revenueWan: l[1] },
  medium: { employees: m[0], revenueWan: m[1] },
  small: { employees: s[0], revenueWan: s[1] },
});

export const SIZE_TABLE: Record<string, Row> = {
  agriculture: { large: { revenueWan: 20000 }, medium: { revenueWan: 500 }, small: { revenueWan: 50 } },
  industry: PEOPLE_REVENUE([1000, 40000], [300, 2000], [20, 300]),
  construction: { large: { revenueWan: 80000, assetsWan: 80000 }, medium: { revenueWan: 6000, assetsWan: 5000 }, small: { revenueWan: 300, assetsWan: 300 } },
  wholesale: PEOPLE_REVENUE([200, 40000], [20, 5000], [5, 1000]),
  retail: PEOPLE_REVENUE([300, 20000], [50, 500], [10, 100]),
  transport: PEOPLE_REVENUE([1000, 30000], [300, 3000], [20, 200]),
  warehousing: PEOPLE_REVENUE([200, 30000], [100, 1000], [20, 100]),
  postal: PEOPLE_REVENUE([1000, 30000], [300, 2000], [20, 100]),
  accommodation: PEOPLE_REVENUE([300, 10000], [100, 2000], [10, 100]),
  catering: PEOPLE_REVENUE([300, 10000], [100, 2000], [10, 100]),
  information_transmission: PEOPLE_REVENUE([2000, 100000], [100, 1000], [10, 100]),
  software_it: PEOPLE_REVENUE([300, 10000], [100, 1000], [10, 50]),
  real_estate_development: { large: { revenueWan: 200000, assetsWan: 10000 }, medium: { revenueWan: 1000, assetsWan: 5000 }, small: { revenueWan: 100, assetsWan: 2000 } },
  property_management: PEOPLE_REVENUE([1000, 5000], [300, 1000], [100, 500]),
  leasing_business_services: { large: { employees: 300, assetsWan: 120000 }, medium: { employees: 100, assetsWan: 8000 }, small: { employees: 10, assetsWan: 100 } },
  other: { large: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } },
};

const WAN_FEN = 1_000_000;

export interface SizeFacts {
  industry: string;
  employees: number;
  annualRevenueFen: number;
  totalAssetsFen: number;
}

/** Which indicators of a bound the enterprise falls short of (empty: the bound is reached). */
export function shortOf(bound: SizeBound, f: SizeFacts): ('employees' | 'revenue' | 'assets')[] {
  const out: ('employees' | 'revenue' | 'assets')[] = [];
  if (bound.employees !== undefined && f.employees < bound.employees) out.push('employees');
  if (bound.revenueWan !== undefined && f.annualRevenueFen < bound.revenueWan * WAN_FEN) out.push('revenue');
  if (bound.assetsWan !== undefined && f.totalAssetsFen < bound.assetsWan * WAN_FEN) out.push('assets');
  return out;
}

/** The bound the class reached (none for micro) and the next class's bound with what falls short. */
export function sizeReasons(sizeClass: SizeClass, f: SizeFacts): { reached?: SizeBound; next?: { cls: SizeClass; bound: SizeBound; short: ReturnType<typeof shortOf> } } {
  const row = SIZE_TABLE[f.industry];
  if (!row) return {};
  const up: Record<SizeClass, 'small' | 'medium' | 'large' | null> = { micro: 'small', small: 'medium', medium: 'large', large: null };
  const nextCls = up[sizeClass];
  return {
    reached: sizeClass === 'micro' ? undefined : row[sizeClass],
    next: nextCls ? { cls: nextCls, bound: row[nextCls], short: shortOf(row[nextCls], f) } : undefined,
  };
}
