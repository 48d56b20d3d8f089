/**
 * The demo seed for the embedded default. Every step is idempotent (it looks for what it would
 * create first), so starting twice seeds once, and a start interrupted half-way finishes the job.
 * It goes through the same services as the API, so the demo data is audited like real data.
 */
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ManualClock, type AppConfig } from '@innoserve/core';
import { UsersService } from '@innoserve/identity';
import { withOutboxLane } from '@innoserve/database';
import { SeedModule } from './seed.module.js';
import { DEMO_PASSWORD, DEMO_STAFF } from './demo-data.js';
import { seedOrganizations, demoOrganizationLogins, principalOf } from './organizations.seed.js';
import { seedOfferings } from './offerings.seed.js';
import { seedOrders, seedProgram } from './orders.seed.js';
import { seedClaims } from './claims.seed.js';

async function seedStaff(app: INestApplicationContext): Promise<number> {
  const users = app.get(UsersService);
  let created = 0;
  for (const s of DEMO_STAFF) {
    if (await users.findByEmail(s.email)) continue;
    await users.createStaff({ email: s.email, password: DEMO_PASSWORD, displayName: s.displayName, locale: 'zh', roles: s.roles }, { actorId: null });
    created++;
  }
  return created;
}

export async function runDemoSeed(config: AppConfig, log: (line: string) => void): Promise<void> {
  // the seed back-dates its demo history (e.g. a public notice that has already ended)
  const clock = new ManualClock(new Date());
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config, clock), { logger: ['error', 'warn'] });
  try {
    // the seed is fan-out: its messages take the bulk lane, so a user's first change is not queued behind them
    const { staff, orgs, offerings, money, orders, claims } = await withOutboxLane('bulk', async () => {
      const staff = await seedStaff(app);
      const orgs = await seedOrganizations(app, clock, config.ADMISSION_NOTICE_DAYS);
      const officer = await principalOf(app.get(UsersService), 'officer@demo.innoserve.cn');
      const offerings = await seedOfferings(app, officer);
      const money = await seedProgram(app, clock, officer);
      const orders = await seedOrders(app, clock, officer);
      const claims = await seedClaims(app, clock);
      return { staff, orgs, offerings, money, orders, claims };
    });
    log(
      staff + orgs.created + offerings + money.program + money.grants + orders + claims.claims === 0
        ? 'demo seed: already seeded'
        : `demo seed: ${staff} staff accounts, ${orgs.created} organizations, ${offerings} published offerings, ${money.program} voucher program, ${money.grants} grants, ${orders} orders, ${claims.claims} claims, ${claims.batches} paid disbursement batches created`,
    );
  } finally {
    await app.close();
  }
  printLogins(log);
}

export function demoLogins(): { email: string; who: string }[] {
  return [
    ...DEMO_STAFF.map((s) => ({ email: s.email, who: `${s.displayName} (${s.roles.map((r) => `${r.role} ${r.regionCodes.join(',')}`).join('; ')})` })),
    ...demoOrganizationLogins(),
  ];
}

function printLogins(log: (line: string) => void): void {
  log(`demo logins (password ${DEMO_PASSWORD}):`);
  for (const l of demoLogins()) log(`  ${l.email.padEnd(40)} ${l.who}`);
}
