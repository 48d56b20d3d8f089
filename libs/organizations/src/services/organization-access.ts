/**
 * Who sees and acts on an organization (docs/api.md "Who may do what"): members act on their own
 * organization; staff see organizations whose region their jurisdiction covers. Invisible is 404,
 * visible but not allowed is 403.
 */
import type { EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '@innoserve/core';
import { CITY_CODE, codeCovers, isStaff, jurisdictionCovers, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';
import { Membership, type MembershipRole } from '../entities/membership.entity.js';
import { conflictOfInterest } from './organization-errors.js';

export async function membershipRoleOf(m: EntityManager, organizationId: string, userId: string): Promise<MembershipRole | null> {
  const row = await m.findOne(Membership, { where: { organizationId, userId }, select: { role: true } });
  return row?.role ?? null;
}

/** Those of `roles` that the principal holds with a jurisdiction covering the region (super_admin holds every role). */
export function staffRolesCovering<R extends StaffRole>(principal: Principal, roles: readonly R[], regionCode: string): R[] {
  return roles.filter((r) => staffCovers(principal, [r], regionCode));
}

/** Any staff grant (any role) whose jurisdiction covers the region. */
export function staffSees(principal: Principal, regionCode: string): boolean {
  return principal.staff.some((g) => jurisdictionCovers(g.regionCodes, regionCode));
}

/** Members and staff covering the region see the organization; everyone else gets 404. */
export function assertVisible(entity: string, principal: Principal, role: MembershipRole | null, regionCode: string): void {
  if (role === null && !staffSees(principal, regionCode)) throw new NotFoundError(entity);
}

/** Members (or owners only) may act; visible non-members get 403, the rest 404. */
export function assertMemberAction(entity: string, principal: Principal, role: MembershipRole | null, regionCode: string, ownerOnly = false): void {
  if (role === 'owner' || (role === 'member' && !ownerOnly)) return;
  if (role === 'member' || staffSees(principal, regionCode)) {
    throw new ForbiddenError(
      ownerOnly
        ? { en: 'Only an owner of the organization may do this.', zh: '只有组织管理员可以执行此操作。' }
        : { en: 'Only members of the organization may do this.', zh: '只有组织成员可以执行此操作。' },
    );
  }
  throw new NotFoundError(entity);
}

/**
 * A staff decision on an organization in `regionCode`: the principal needs one of `roles` covering
 * the region (404 when it sees nothing of it, 403 when it sees it through another role) and must
 * not be a member of it (403 CONFLICT_OF_INTEREST).
 */
export function assertStaffDecision(entity: string, principal: Principal, roles: readonly StaffRole[], regionCode: string, role: MembershipRole | null): void {
  assertStaffRole(entity, principal, roles, regionCode);
  if (role !== null) throw conflictOfInterest();
}

/** The principal holds one of `roles` covering the region: else 403 when it sees the object, 404 when not. */
export function assertStaffRole(entity: string, principal: Principal, roles: readonly StaffRole[], regionCode: string): void {
  if (staffCovers(principal, roles, regionCode)) return;
  if (staffSees(principal, regionCode)) throw new ForbiddenError();
  throw new NotFoundError(entity);
}

/**
 * A provider's admission belongs to the city (docs/product.md): its decisions need one of `roles` with a
 * city-wide jurisdiction. Staff who see the provider but lack that get 403, others 404; `anyStaff`
 * (an objection during the public notice) lets every staff member act. Members of the organization
 * never decide on it.
 */
export function assertCityDecision(
  entity: string,
  principal: Principal,
  roles: readonly StaffRole[],
  regionCode: string,
  role: MembershipRole | null,
  opts: { anyStaff?: boolean } = {},
): void {
  const allowed = opts.anyStaff ? isStaff(principal) : staffCovers(principal, roles, CITY_CODE);
  if (!allowed) {
    if (staffSees(principal, regionCode)) throw new ForbiddenError();
    throw new NotFoundError(entity);
  }
  if (role !== null) throw conflictOfInterest();
}

/**
 * SQL for "the region column is covered by one of these jurisdiction codes" (codeCovers: a city
 * code covers itself and every code sharing its first four digits).
 */
export function coverageCondition(column: string, codes: readonly string[], param: string): { sql: string; params: Record<string, string[]> } {
  const exact = [...new Set(codes)];
  const prefixes = [...new Set(codes.filter((c) => codeCovers(c, `${c.slice(0, 4)}99`)).map((c) => c.slice(0, 4)))];
  return {
    sql: `(${column} = ANY(:${param}Exact) OR left(${column}, 4) = ANY(:${param}Prefixes))`,
    params: { [`${param}Exact`]: exact, [`${param}Prefixes`]: prefixes },
  };
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern (with ESCAPE '\'). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * SQL for a staff list's search text: a case-insensitive part of the organization's name, or the
 * start of its USCC (stored uppercase). Bound as parameters, never spliced.
 */
export function organizationSearchCondition(alias: string, q: string): { sql: string; params: Record<string, string> } {
  const text = likeLiteral(q.trim());
  return {
    sql: `(${alias}.name ILIKE :searchName ESCAPE '\\' OR ${alias}.uscc LIKE :searchUscc ESCAPE '\\')`,
    params: { searchName: `%${text}%`, searchUscc: `${text.toUpperCase()}%` },
  };
}
