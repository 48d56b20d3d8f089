import { DataSource } from 'typeorm';
import { DomainError, ManualClock, newId } from '@innoserve/core';
import { AuditVerifier } from '@innoserve/audit';
import { HotPathPool } from '@innoserve/database';
import type { Principal } from '@innoserve/identity';
import { ApplicationsService, LedgerService, LedgerVerifier } from '@innoserve/vouchers';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { IN_WINDOW, programBody, seedEnterprises } from './program-support.js';

const GRANT = 10_000; // 5,000 city + 5,000 Jinjiang

describe('first-come-first-served grants (the one-statement path)', () => {
  let t: TestApp;
  let ds: DataSource;
  let officer: AuthSession;
  let owner: AuthSession;
  let me: Principal;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(IN_WINDOW) });
    ds = t.app.get(DataSource);
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    owner = await registerAndLogin(t);
    me = { userId: owner.userId, email: owner.email, displayName: 'owner', locale: 'zh', staff: [] };
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  async function openProgram(grants: number): Promise<string> {
    const created = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody({ maxGrantFen: GRANT, enterpriseAnnualCapFen: GRANT }) });
    expect(created.status).toBe(201);
    for (const sourceKey of ['city', 'jinjiang']) {
      const funded = await t.request('POST', `/api/v1/admin/programs/${created.body.id}/funding`, { token: officer.token, body: { sourceKey, amountFen: (grants * GRANT) / 2 } });
      expect(funded.status).toBe(200);
    }
    expect((await t.request('POST', `/api/v1/admin/programs/${created.body.id}/open`, { token: officer.token })).status).toBe(200);
    return created.body.id;
  }

  it('writes the application, the grant, its audit entry and the ledger grant together', async () => {
    const programId = await openProgram(2);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    const out = await t.app.get(ApplicationsService).apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '  检测服务 ' });
    expect(out.application).toMatchObject({ status: 'granted', grantedFen: GRANT, purpose: '检测服务' });
    expect(out.grant).toMatchObject({ amountFen: GRANT, parts: [{ source: 'city', amountFen: 5000 }, { source: 'jinjiang', amountFen: 5000 }] });
    const audit = await ds.query(`SELECT stream_seq, action, actor_id FROM audit_entry WHERE stream_type = 'voucher_application' AND stream_id = $1`, [out.application.id]);
    expect(audit).toEqual([{ stream_seq: 1, action: 'application.granted', actor_id: owner.userId }]);
    const entries = await ds.query(
      `SELECT e.account, e.amount_fen::int AS amount FROM ledger_entry e JOIN ledger_transaction x ON x.id = e.transaction_id
        WHERE x.idempotency_key = $1 AND x.type = 'grant' AND x.reference = $2 ORDER BY e.position`,
      [`grant:${out.application.id}`, `application:${out.application.id}`],
    );
    expect(entries).toEqual([
      { account: 'pool:city', amount: -5000 },
      { account: `grant:${out.grant!.id}:city:available`, amount: 5000 },
      { account: 'pool:jinjiang', amount: -5000 },
      { account: `grant:${out.grant!.id}:jinjiang:available`, amount: 5000 },
    ]);
    const [usage] = await ds.query('SELECT used_fen::int AS used FROM voucher_group_cap_usage WHERE program_id = $1 AND group_key = $2', [programId, enterpriseId]);
    expect(usage).toEqual({ used: GRANT });
    expect((await new AuditVerifier(ds).verify()).problems).toEqual([]);
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  it('refuses cleanly, writing nothing, when the pools are drained while it waits on their rows', async () => {
    const programId = await openProgram(1);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    // another transaction takes the whole budget and keeps the pool rows locked
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await t.app.get(LedgerService).grant(qr.manager, {
        programId,
        grantId: newId(),
        amountFen: BigInt(GRANT),
        shares: [
          { key: 'city', shareBp: 5000 },
          { key: 'jinjiang', shareBp: 5000 },
        ],
        reference: 'test:drain',
        actorId: null,
        idempotencyKey: `test:drain:${programId}`,
      });
      // the application reads the pools as last committed (full), passes the early check, and waits
      const pending = t.app
        .get(ApplicationsService)
        .apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '检测服务' })
        .then(
          () => null,
          (e: unknown) => e,
        );
      for (let i = 0; ; i++) {
        const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH open_program%'`);
        if (n > 0) break;
        if (i > 200) throw new Error('the application never waited on the pool rows');
        await new Promise((r) => setTimeout(r, 10));
      }
      await qr.commitTransaction();
      const refused = await pending;
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ status: 409, code: 'PROGRAM_BUDGET_EXHAUSTED' });
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
    const counts = await ds.query(
      `SELECT (SELECT count(*)::int FROM voucher_application WHERE program_id = $1) AS applications,
              (SELECT count(*)::int FROM voucher_grant WHERE program_id = $1) AS grants,
              (SELECT count(*)::int FROM voucher_group_cap_usage WHERE program_id = $1) AS usage_rows,
              (SELECT count(*)::int FROM ledger_transaction WHERE program_id = $1 AND type = 'grant') AS ledger_grants,
              (SELECT count(*)::int FROM audit_entry WHERE stream_type = 'voucher_application' AND after->>'programId' = $1::text) AS audit_entries`,
      [programId],
    );
    expect(counts).toEqual([{ applications: 0, grants: 0, usage_rows: 0, ledger_grants: 1, audit_entries: 0 }]);
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  it('names the live application first when a second application would also break the cap or the budget', async () => {
    const programId = await openProgram(1); // the whole budget and the group cap go to the first grant
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    const service = t.app.get(ApplicationsService);
    await service.apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '检测服务' });
    const again = await service.apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '再次申请' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: 'APPLICATION_EXISTS' });
    // another enterprise is refused for the budget, not for an application it does not have
    const [other] = await seedEnterprises(t, 1, owner.userId);
    const refused = await service.apply(me, programId, { enterpriseId: other, requestedFen: BigInt(GRANT), purpose: '检测服务' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, code: 'PROGRAM_BUDGET_EXHAUSTED' });
  });

  it('runs on the hot-path connections: generic plans that never fall back to sequential scans', async () => {
    const programId = await openProgram(1);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    // the worst case for a frozen plan: statistics taken while the tables are tiny
    await ds.query('ANALYZE voucher_application, voucher_grant, voucher_group_cap_usage, ledger_balance, ledger_entry, ledger_transaction, audit_entry');
    await t.app.get(ApplicationsService).apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '检测服务' });
    const hot = t.app.get(HotPathPool).pool;
    const settings = await hot.query<{ seq: string; mode: string; app: string }>(
      `SELECT current_setting('enable_seqscan') AS seq, current_setting('plan_cache_mode') AS mode, current_setting('application_name') AS app`,
    );
    expect(settings.rows).toEqual([{ seq: 'off', mode: 'force_generic_plan', app: expect.stringMatching(/-hot$/) }]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%-hot'`);
    expect(n).toBeGreaterThan(0);
  });

  it("gives a group the high-tech cap when the organization whose id is the group's key holds the certificate", async () => {
    const created = await t.request('POST', '/api/v1/admin/programs', {
      token: officer.token,
      body: programBody({ maxGrantFen: 2 * GRANT, enterpriseAnnualCapFen: GRANT, highTechAnnualCapFen: 2 * GRANT }),
    });
    expect(created.status).toBe(201);
    const programId = created.body.id as string;
    for (const sourceKey of ['city', 'jinjiang']) {
      expect((await t.request('POST', `/api/v1/admin/programs/${programId}/funding`, { token: officer.token, body: { sourceKey, amountFen: 2 * GRANT } })).status).toBe(200);
    }
    expect((await t.request('POST', `/api/v1/admin/programs/${programId}/open`, { token: officer.token })).status).toBe(200);
    // the parent: no controller of its own, a 高新技术企业 certificate; the child names the parent's id as its controller
    const [parent] = await seedEnterprises(t, 1, owner.userId, { highTechCertNo: 'GR202635000001', highTechCertExpiresOn: '2028-12-31' });
    const [child] = await seedEnterprises(t, 1, owner.userId, { controllerGroup: parent });
    const out = await t.app.get(ApplicationsService).apply(me, programId, { enterpriseId: child, requestedFen: BigInt(2 * GRANT), purpose: '检测服务' });
    expect(out.grant).toMatchObject({ amountFen: 2 * GRANT });
  });

  it('reads the pools by key, whatever the collation of the account column (a database with a non-C default)', async () => {
    // last in this file: it changes the column's collation for the rest of this database's life
    await ds.query(`ALTER TABLE ledger_balance ALTER COLUMN account TYPE varchar(200) COLLATE "und-x-icu"`);
    const programId = await openProgram(1);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    const out = await t.app.get(ApplicationsService).apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '检测服务' });
    expect(out.application).toMatchObject({ status: 'granted', grantedFen: GRANT });
  });
});
