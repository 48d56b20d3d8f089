import { ValidationFailedError, type FieldError } from '@innoserve/core';
import { STAFF_ROLES, type StaffGrant, type StaffRole } from './principal.js';

export const REGION_CODE_PATTERN = /^\d{6}$/;

/**
 * Checks and normalizes staff grants (for input that did not come through a validated DTO, and as
 * the one rule set): known roles, each role at most once, at least one six-digit region code per
 * role; region codes are de-duplicated and sorted.
 */
export function normalizeStaffGrants(grants: readonly { role: string; regionCodes: readonly string[] }[], field = 'roles'): StaffGrant[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const out: StaffGrant[] = [];
  grants.forEach((g, i) => {
    const at = `${field}.${i}`;
    if (!(STAFF_ROLES as readonly string[]).includes(g.role)) errors.push({ field: `${at}.role`, message: `role must be one of: ${STAFF_ROLES.join(', ')}` });
    else if (seen.has(g.role)) errors.push({ field: `${at}.role`, message: `role ${g.role} is listed twice` });
    seen.add(g.role);
    if (g.regionCodes.length === 0) errors.push({ field: `${at}.regionCodes`, message: 'regionCodes must name at least one region' });
    for (const code of g.regionCodes) {
      if (!REGION_CODE_PATTERN.test(code)) errors.push({ field: `${at}.regionCodes`, message: `region code "${code.slice(0, 20)}" must be six digits` });
    }
    out.push({ role: g.role as StaffRole, regionCodes: [...new Set(g.regionCodes)].sort() });
  });
  if (errors.length) throw new ValidationFailedError(errors);
  return out.sort((a, b) => STAFF_ROLES.indexOf(a.role) - STAFF_ROLES.indexOf(b.role));
}

export function allRegionCodes(grants: readonly StaffGrant[]): string[] {
  return [...new Set(grants.flatMap((g) => g.regionCodes))].sort();
}
