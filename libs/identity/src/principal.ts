/** Who is calling: built from a verified access token by the JWT strategy. */
export const STAFF_ROLES = ['county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor', 'super_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffGrant {
  role: StaffRole;
  regionCodes: string[];
}

export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  locale: 'zh' | 'en';
  /** Staff roles with their jurisdictions; empty for enterprise and provider users. */
  staff: StaffGrant[];
}

export const CITY_CODE = '350500';

/**
 * A jurisdiction code covers itself and, for a city code (ending in 00), every county under it
 * (350500 covers 3505xx, including the functional zones 350571/350572).
 */
export function codeCovers(jurisdictionCode: string, regionCode: string): boolean {
  if (jurisdictionCode === regionCode) return true;
  if (/^\d{4}00$/.test(jurisdictionCode) && !jurisdictionCode.endsWith('0000')) {
    return regionCode.startsWith(jurisdictionCode.slice(0, 4)) && regionCode !== jurisdictionCode;
  }
  return false;
}

/**
 * `codeCovers` as a SQL condition: the jurisdiction code expression `code` covers the region
 * expression `region` (for filters written in SQL; both are SQL expressions, never user text).
 */
export function codeCoversSql(code: string, region: string): string {
  return `(${code} = ${region} OR (${code} ~ '^[0-9]{4}00$' AND ${code} !~ '0000$' AND left(${region}, 4) = left(${code}, 4)))`;
}

/** A filter on a region column: some code of the array parameter `param` covers it. */
export function anyCodeCoversSql(param: string, region: string): string {
  return `EXISTS (SELECT 1 FROM unnest(CAST(${param} AS varchar[])) AS j(code) WHERE ${codeCoversSql('j.code', region)})`;
}

export function jurisdictionCovers(codes: readonly string[], regionCode: string): boolean {
  return codes.some((c) => codeCovers(c, regionCode));
}

/** Whether the principal holds any of `roles` (super_admin holds every role) covering `regionCode`. */
export function staffCovers(principal: Principal, roles: readonly StaffRole[], regionCode?: string): boolean {
  return principal.staff.some(
    (g) => (g.role === 'super_admin' || roles.includes(g.role)) && (regionCode === undefined || jurisdictionCovers(g.regionCodes, regionCode)),
  );
}

export function isStaff(principal: Principal): boolean {
  return principal.staff.length > 0;
}

/** All region codes the principal's grants of `roles` cover, as jurisdiction codes (for SQL filters). */
export function jurisdictionOf(principal: Principal, roles: readonly StaffRole[]): string[] {
  return [...new Set(principal.staff.filter((g) => g.role === 'super_admin' || roles.includes(g.role)).flatMap((g) => g.regionCodes))];
}
