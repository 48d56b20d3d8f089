import { DataSource } from 'typeorm';
import { DomainError, ManualClock, newId } from '@innoserve/core';
import type { Principal } from '@innoserve/identity';
import { TransactionRunner } from '@innoserve/database';
import { ApplicationsService, LedgerVerifier, ProgramCapsService } from '@innoserve/vouchers';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { IN_WINDOW, programBody, seedEnterprises } from './program-support.js';

const GRANT = 10_000; // 5,000 city + 5,000 Jinjiang

/** Runs `work` over `items` with `width` workers; answers the outcomes and the most calls ever in flight. */
async function pool<T, R>(items: T[], width: number, work: (x: T) => Promise<R>): Promise<{ results: PromiseSettledResult<R>[]; maxInFlight: number }> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          results[i] = { status: 'fulfilled', value: await work(items[i]) };
        } catch (e) {
          results[i] = { status: 'rejected', reason: e };
        } finally {
          inFlight--;
        }
      }
    }),
  );
  return { results, maxInFlight };
}

describe('the opening-day rush', () => {
  let t: TestApp;
  let officer: AuthSession;
  let owner: AuthSession;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(IN_WINDOW), env: { DB_POOL_SIZE: '60' } });
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    owner = await registerAndLogin(t);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  async function openProgram(grants: number): Promise<string> {
    const created = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody({ maxGrantFen: GRANT }) });
    expect(created.status).toBe(201);
    for (const sourceKey of ['city', 'jinjiang']) {
      const funded = await t.request('POST', `/api/v1/admin/programs/${created.body.id}/funding`, { token: officer.token, body: { sourceKey, amountFen: (grants * GRANT) / 2 } });
      expect(funded.status).toBe(200);
    }
    expect((await t.request('POST', `/api/v1/admin/programs/${created.body.id}/open`, { token: officer.token })).status).toBe(200);
    return created.body.id;
  }

  async function poolsOf(programId: string): Promise<{ account: string; balance: number }[]> {
    return t.app.get(DataSource).query(`SELECT account, balance_fen::int AS balance FROM ledger_balance WHERE program_id = $1 AND kind = 'pool' ORDER BY account`, [programId]);
  }

  it('grants exactly 300 of 1,000 concurrent applications (100 in flight) against a budget for 300, every refusal a clean 409', async () => {
    const programId = await openProgram(300);
    const enterprises = await seedEnterprises(t, 1000, owner.userId);
    const me: Principal = { userId: owner.userId, email: owner.email, displayName: 'owner', locale: 'zh', staff: [] };
    const service = t.app.get(ApplicationsService);
    const started = performance.now();
    const { results, maxInFlight } = await pool(enterprises, 100, (enterpriseId) =>
      service.apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '开业抢券' }),
    );
    const ms = performance.now() - started;
    const granted = results.filter((r) => r.status === 'fulfilled');
    const codes: Record<string, number> = {};
    for (const r of results) {
      if (r.status === 'rejected') {
        if (!(r.reason instanceof DomainError)) throw r.reason;
        codes[`${r.reason.status} ${r.reason.code}`] = (codes[`${r.reason.status} ${r.reason.code}`] ?? 0) + 1;
      }
    }
    console.log(`rush (service layer): 1000 applications, ${maxInFlight} in flight, ${ms.toFixed(0)} ms, ${((1000 / ms) * 1000).toFixed(0)} applications/s`);
    expect(maxInFlight).toBeGreaterThanOrEqual(50);
    expect(granted).toHaveLength(300);
    expect(codes).toEqual({ '409 PROGRAM_BUDGET_EXHAUSTED': 700 });
    expect(await poolsOf(programId)).toEqual([
      { account: 'pool:city', balance: 0 },
      { account: 'pool:jinjiang', balance: 0 },
    ]);
    const ds = t.app.get(DataSource);
    const [{ n, total }] = await ds.query('SELECT count(*)::int AS n, sum(amount_fen)::int AS total FROM voucher_grant WHERE program_id = $1', [programId]);
    expect({ n, total }).toEqual({ n: 300, total: 300 * GRANT });
    const [{ apps }] = await ds.query('SELECT count(*)::int AS apps FROM voucher_application WHERE program_id = $1', [programId]);
    expect(apps).toBe(300); // refused applications leave nothing behind
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  }, 180_000);

  it('does the same over HTTP: 300 concurrent requests against a budget for 90', async () => {
    const programId = await openProgram(90);
    const enterprises = await seedEnterprises(t, 300, owner.userId);
    const started = performance.now();
    const { results, maxInFlight } = await pool(enterprises, 60, (enterpriseId) =>
      t.request('POST', `/api/v1/programs/${programId}/applications`, { token: owner.token, body: { enterpriseId, requestedFen: GRANT, purpose: '开业抢券' } }),
    );
    const ms = performance.now() - started;
    console.log(`rush (HTTP inject): 300 applications, ${maxInFlight} in flight, ${ms.toFixed(0)} ms`);
    const statuses: Record<string, number> = {};
    for (const r of results) {
      if (r.status === 'rejected') throw r.reason;
      const key = r.value.status === 201 ? '201' : `${r.value.status} ${r.value.body.code}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    expect(statuses).toEqual({ '201': 90, '409 PROGRAM_BUDGET_EXHAUSTED': 210 });
    expect(await poolsOf(programId)).toEqual([
      { account: 'pool:city', balance: 0 },
      { account: 'pool:jinjiang', balance: 0 },
    ]);
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  }, 180_000);

  it('replays a retried application with the same Idempotency-Key and changes nothing', async () => {
    const programId = await openProgram(10);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    const send = () =>
      t.request('POST', `/api/v1/programs/${programId}/applications`, {
        token: owner.token,
        headers: { 'idempotency-key': `retry-${programId}` },
        body: { enterpriseId, requestedFen: GRANT, purpose: '重试' },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const [{ n }] = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM voucher_grant WHERE program_id = $1', [programId]);
    expect(n).toBe(1);
  });

  it('never lets concurrent holds from many enterprises push a provider past its annual cap', async () => {
    const created = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody({ providerAnnualCapFen: 100_000 }) });
    const programId: string = created.body.id;
    const providerId = newId();
    const caps = t.app.get(ProgramCapsService);
    const tx = t.app.get(TransactionRunner);
    const { results, maxInFlight } = await pool(Array.from({ length: 60 }, (_, i) => i), 60, () =>
      tx.run((m) => caps.reserveProviderCap(m, { programId, providerId, amountFen: 3_000n })),
    );
    expect(maxInFlight).toBeGreaterThanOrEqual(50);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(33);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as DomainError).code] : []));
    expect(refused).toEqual(Array(27).fill('PROVIDER_CAP_REACHED'));
    expect(await caps.providerCapRemaining(t.app.get(DataSource).manager, programId, providerId)).toBe(1_000n);
    await tx.run((m) => caps.releaseProviderCap(m, { programId, providerId, amountFen: 3_000n }));
    expect(await caps.providerCapRemaining(t.app.get(DataSource).manager, programId, providerId)).toBe(4_000n);
  });
});
