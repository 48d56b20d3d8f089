/**
 * Demo offerings (~200) for the admitted demo providers, through the catalog's own commands:
 * the owner creates and submits, the program officer publishes.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { demoOfferings, OfferingsService } from '@innoserve/catalog';
import { UsersService, type Principal } from '@innoserve/identity';
import { categoryIdOf } from '@innoserve/reference';
import { DEMO_PROVIDERS, demoOwnerEmail } from './demo-data.js';

export async function seedOfferings(app: INestApplicationContext, officer: Principal): Promise<number> {
  const ds = app.get(DataSource);
  const users = app.get(UsersService);
  const offerings = app.get(OfferingsService);
  let created = 0;
  for (const p of DEMO_PROVIDERS.filter((d) => d.status === 'admitted')) {
    const owner = await users.findByEmail(demoOwnerEmail(p.key));
    const [org] = await ds.query<{ id: string; region_code: string }[]>(
      `SELECT o.id, o.region_code FROM organization o JOIN membership m ON m.organization_id = o.id WHERE m.user_id = $1 AND o.name = $2`,
      [owner?.id, p.name],
    );
    if (!owner || !org) continue;
    const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM offering WHERE provider_id = $1`, [org.id]);
    if (n > 0) continue; // this provider's offerings were seeded already
    const list = demoOfferings([
      { id: org.id, name: p.name, regionCode: org.region_code, categoryIds: p.categoryCodes.map(categoryIdOf), qualificationKinds: p.qualifications.map((q) => q.kind) },
    ]);
    for (const o of list) {
      const draft = await offerings.create(owner.id, o);
      await offerings.submit(owner.id, draft.id);
      await offerings.moderate(officer, draft.id, { decision: 'publish' });
      created++;
    }
  }
  return created;
}
