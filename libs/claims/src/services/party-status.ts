import type { EntityManager } from 'typeorm';

/** The parties of one claim (or order), by the role each plays in it. */
export interface DealRoles {
  id: string;
  enterpriseId: string;
  providerId: string;
}

/**
 * The deals whose parties may not be paid now, judged by the role each party plays: the enterprise
 * blacklisted (through today) or suspended as an enterprise; the provider blacklisted, or suspended
 * or delisted as a provider. (A lab delisted as a provider may still buy services; its sellers are
 * not held for it.) Read in the caller's transaction after `lockParties`, so a sanction committed
 * before is seen and one that comes later waits. Answers the ids of the deals concerned.
 */
export async function sanctionedDeals(m: EntityManager, deals: readonly DealRoles[], today: string): Promise<Set<string>> {
  if (deals.length === 0) return new Set();
  const rows = await m.query<{ id: string }[]>(
    `SELECT d.id FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS d(id, enterprise_id, provider_id)
      WHERE EXISTS (SELECT 1 FROM organization o LEFT JOIN enterprise_profile e ON e.organization_id = o.id
                     WHERE o.id = d.enterprise_id AND ((o.blacklisted_until IS NOT NULL AND o.blacklisted_until >= $4::date) OR e.status = 'suspended'))
         OR EXISTS (SELECT 1 FROM organization o LEFT JOIN provider_profile p ON p.organization_id = o.id
                     WHERE o.id = d.provider_id AND ((o.blacklisted_until IS NOT NULL AND o.blacklisted_until >= $4::date) OR p.admission_status IN ('suspended','delisted')))`,
    [deals.map((d) => d.id), deals.map((d) => d.enterpriseId), deals.map((d) => d.providerId), today],
  );
  return new Set(rows.map((r) => r.id));
}

/** The organizations' rows, shared, in id order: the first lock of every payment path (a sanction takes them exclusively first too). */
export async function lockParties(m: EntityManager, orgIds: readonly string[]): Promise<void> {
  if (orgIds.length === 0) return;
  await m.query('SELECT id FROM organization WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE', [[...new Set(orgIds)]]);
}

/**
 * Whether the automatic check may (re)hold a claim: not once a program officer released it — the
 * release stands until a new sanction event (the sanctions route, a suspension or delisting) holds
 * it again.
 */
export function mayAutoHold(claim: { flags: string[]; holdReleasedAt: Date | null }): boolean {
  return !claim.flags.includes('payment_held') && claim.holdReleasedAt === null;
}
