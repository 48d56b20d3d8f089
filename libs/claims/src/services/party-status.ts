import type { EntityManager } from 'typeorm';

/**
 * The parties that may not be paid now: blacklisted (through today), a provider suspended or
 * delisted, an enterprise suspended. Read in the caller's transaction, after it locked the rows
 * (`lockParties`), so a sanction committed before is seen and one that comes later waits.
 */
export async function sanctionedParties(m: EntityManager, orgIds: readonly string[], today: string): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await m.query<{ id: string }[]>(
    `SELECT o.id FROM organization o
       LEFT JOIN provider_profile p ON p.organization_id = o.id
       LEFT JOIN enterprise_profile e ON e.organization_id = o.id
      WHERE o.id = ANY($1::uuid[])
        AND ((o.blacklisted_until IS NOT NULL AND o.blacklisted_until >= $2::date) OR p.admission_status IN ('suspended','delisted') OR e.status = 'suspended')`,
    [[...new Set(orgIds)], today],
  );
  return rows.map((r) => r.id);
}

/** The organizations' rows, shared, in id order: the first lock of every payment path (a sanction takes them exclusively first too). */
export async function lockParties(m: EntityManager, orgIds: readonly string[]): Promise<void> {
  if (orgIds.length === 0) return;
  await m.query('SELECT id FROM organization WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE', [[...new Set(orgIds)]]);
}
