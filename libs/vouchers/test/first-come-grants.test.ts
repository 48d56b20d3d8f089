import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ManualClock, newId } from '@innoserve/core';
import { AuditVerifier } from '@innoserve/audit';
import { HotPathPool } from '@innoserve/database';
import type { Principal } from '@innoserve/identity';
import { ApplicationsService, FirstComeGrants, LedgerService, LedgerVerifier } from '@innoserve/vouchers';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { crashAfterCommit } from '../../../test/support/crash.js';
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

  async function openProgram(grants: number, enterpriseAnnualCapFen = GRANT, overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody({ maxGrantFen: GRANT, enterpriseAnnualCapFen, ...overrides }) });
    expect(created.status).toBe(201);
    for (const sourceKey of ['city', 'jinjiang']) {
      const funded = await t.request('POST', `/api/v1/admin/programs/${created.body.id}/funding`, { token: officer.token, body: { sourceKey, amountFen: (grants * GRANT) / 2 } });
      expect(funded.status).toBe(200);
    }
    expect((await t.request('POST', `/api/v1/admin/programs/${created.body.id}/open`, { token: officer.token })).status).toBe(200);
    return created.body.id;
  }

  /** The grant's own ledger transaction: each pool's half moved to the grant's available accounts, in order. */
  async function expectGrantPostings(out: { application: { id: string }; grant?: { id: string } }): Promise<void> {
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
  }

  it('writes the application, the grant, its audit entry and the ledger grant together', async () => {
    const programId = await openProgram(2);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    const out = await t.app.get(ApplicationsService).apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '  检测服务 ' });
    expect(out.application).toMatchObject({ status: 'granted', grantedFen: GRANT, purpose: '检测服务' });
    expect(out.grant).toMatchObject({ amountFen: GRANT, parts: [{ source: 'city', amountFen: 5000 }, { source: 'jinjiang', amountFen: 5000 }] });
    const audit = await ds.query(`SELECT stream_seq, action, actor_id FROM audit_entry WHERE stream_type = 'voucher_application' AND stream_id = $1`, [out.application.id]);
    expect(audit).toEqual([{ stream_seq: 1, action: 'application.granted', actor_id: owner.userId }]);
    await expectGrantPostings(out);
    const [usage] = await ds.query('SELECT used_fen::int AS used FROM voucher_group_cap_usage WHERE program_id = $1 AND group_key = $2', [programId, enterpriseId]);
    expect(usage).toEqual({ used: GRANT });
    expect((await new AuditVerifier(ds).verify()).problems).toEqual([]);
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  it('grants a keyed application (Idempotency-Key) once, in the request\'s unit of work: a crash after its commit replays the grant', async () => {
    const programId = await openProgram(2);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    const key = randomUUID();
    const apply = () =>
      t.request('POST', `/api/v1/programs/${programId}/applications`, {
        token: owner.token,
        headers: { 'idempotency-key': key },
        body: { enterpriseId, requestedFen: GRANT, purpose: '检测服务' },
      });
    const grants = async (): Promise<number> => Number((await ds.query<{ n: string }[]>('SELECT count(*) AS n FROM voucher_grant WHERE enterprise_id = $1', [enterpriseId]))[0].n);
    const remove = crashAfterCommit(ds, async () => (await grants()) > 0);
    try {
      expect((await apply()).status).toBe(500); // committed, but the client never got the answer
    } finally {
      remove();
    }
    const again = await apply();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.grant).toMatchObject({ amountFen: GRANT });
    expect(await grants()).toBe(1);
    await expectGrantPostings(again.body);
    // the one-statement path cannot join a transaction: the keyed request took the general path
    expect(t.app.get(FirstComeGrants).writeStats(programId)).toBeNull();
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  it('grants concurrent keyed applications within the budget, each once, and replays every answer', async () => {
    const programId = await openProgram(15);
    const enterprises = await seedEnterprises(t, 20, owner.userId);
    const keys = enterprises.map(() => randomUUID());
    const apply = (i: number) =>
      t.request('POST', `/api/v1/programs/${programId}/applications`, {
        token: owner.token,
        headers: { 'idempotency-key': keys[i] },
        body: { enterpriseId: enterprises[i], requestedFen: GRANT, purpose: '开业抢券' },
      });
    const first = await Promise.all(enterprises.map((_, i) => apply(i)));
    const statuses = first.map((r) => (r.status === 201 ? 'granted' : `${r.status} ${r.body.code}`)).sort();
    expect(statuses).toEqual([...Array(5).fill('409 PROGRAM_BUDGET_EXHAUSTED'), ...Array(15).fill('granted')]);
    // every repeat replays its own answer, grant or refusal, and writes nothing
    const again = await Promise.all(enterprises.map((_, i) => apply(i)));
    again.forEach((r, i) => {
      expect(r.headers['idempotent-replayed']).toBe('true');
      expect({ status: r.status, body: r.body }).toEqual({ status: first[i].status, body: first[i].body });
    });
    const [{ n }] = await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM voucher_grant WHERE program_id = $1', [programId]);
    expect(n).toBe(15);
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  /**
   * Keeps the program's pool rows locked (another transaction takes `takeGrants` of the budget)
   * while `start` runs, until `ready()`; then (after `beforeRelease`) lets go and answers what
   * `start` answers.
   */
  async function withPoolsHeld<T>(programId: string, takeGrants: number, ready: () => Promise<boolean>, start: () => Promise<T>, beforeRelease?: () => Promise<unknown>): Promise<T> {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await t.app.get(LedgerService).grant(qr.manager, {
        programId,
        grantId: newId(),
        amountFen: BigInt(takeGrants * GRANT),
        shares: [
          { key: 'city', shareBp: 5000 },
          { key: 'jinjiang', shareBp: 5000 },
        ],
        reference: 'test:hold-pools',
        actorId: null,
        idempotencyKey: `test:hold-pools:${programId}`,
      });
      const outcome = start();
      for (let i = 0; !(await ready()); i++) {
        if (i > 500) throw new Error('never ready while the pools were held');
        await new Promise((r) => setTimeout(r, 10));
      }
      await beforeRelease?.();
      await qr.commitTransaction();
      return await outcome;
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
  }

  /** Ready when the program's writer (one per program) waits on the pools and `n` more grants wait in its queue. */
  const queued =
    (programId: string, n: number) =>
    (): Promise<boolean> => {
      const stats = t.app.get(FirstComeGrants).writeStats(programId);
      return Promise.resolve(stats !== null && stats.inFlight === 1 && stats.queued === n);
    };

  it('refuses cleanly, writing nothing, when the pools are drained while it waits on their rows', async () => {
    const programId = await openProgram(1);
    const [enterpriseId] = await seedEnterprises(t, 1, owner.userId);
    // another transaction takes the whole budget and keeps the pool rows locked; the application
    // reads the pools as last committed (full), passes the early check, and waits on their rows
    const waitsOnPools = async (): Promise<boolean> => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH open_program%'`);
      return n > 0;
    };
    const refused = await withPoolsHeld(programId, 1, waitsOnPools, () =>
      t.app
        .get(ApplicationsService)
        .apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '检测服务' })
        .then(
          () => null,
          (e: unknown) => e,
        ),
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ status: 409, code: 'PROGRAM_BUDGET_EXHAUSTED' });
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

  const settle = <T>(p: Promise<T>): Promise<T | DomainError> => p.catch((e: unknown) => e as DomainError);
  const answer = (o: unknown): string => (o instanceof DomainError ? `${o.status} ${o.code}` : 'granted');
  const apply = (programId: string, enterpriseId: string) =>
    t.app.get(ApplicationsService).apply(me, programId, { enterpriseId, requestedFen: BigInt(GRANT), purpose: '检测服务' });

  /**
   * Applies for each enterprise in turn, each one second after the last (the ManualClock), waiting
   * until it is in the program's write queue before the next: the arrival order is the list's.
   */
  async function applyInOrder(programId: string, enterprises: string[]): Promise<unknown[]> {
    const clock = t.app.get<Clock, ManualClock>(Clock);
    const pending: Promise<unknown>[] = [];
    for (const [i, enterpriseId] of enterprises.entries()) {
      clock.set(new Date(IN_WINDOW.getTime() + (i + 1) * 1000));
      pending.push(settle(apply(programId, enterpriseId)));
      for (let k = 0; k < 500; k++) {
        const s = t.app.get(FirstComeGrants).writeStats(programId);
        if (s && s.inFlight + s.queued === i + 1) break;
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    const out = await Promise.all(pending);
    clock.set(IN_WINDOW);
    return out;
  }

  it('writes the grants that queued meanwhile in one statement, each with its own records, as if alone', async () => {
    const programId = await openProgram(12);
    const enterprises = await seedEnterprises(t, 8, owner.userId);
    const outs = (await withPoolsHeld(programId, 1, queued(programId, 7), () => applyInOrder(programId, enterprises))) as Awaited<ReturnType<typeof apply>>[];
    expect(outs.map(answer)).toEqual(Array(8).fill('granted'));
    // the first went alone, the seven that queued behind it in one statement
    expect(t.app.get(FirstComeGrants).writeStats(programId)).toMatchObject({ queued: 0, inFlight: 0, batches: 1, batchedItems: 7, fallbacks: 0 });
    const together = await ds.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'application.granted' AND after->>'programId' = $1 GROUP BY xact_id ORDER BY n DESC`,
      [programId],
    );
    expect(together).toEqual([{ n: 7 }, { n: 1 }]);
    // every grant: its application, grant row, cap usage, audit entry and its own ledger transaction,
    // stamped with its own time (the answer's)
    for (const [i, out] of outs.entries()) {
      expect(out.application.createdAt).toBe(new Date(IN_WINDOW.getTime() + (i + 1) * 1000).toISOString());
      await expectGrantPostings(out);
      const [row] = await ds.query(
        `SELECT a.status, a.granted_fen::int AS granted, g.amount_fen::int AS amount, g.parts, u.used_fen::int AS used, a.enterprise_id,
                a.created_at = $2::timestamptz AND g.created_at = $2::timestamptz AS stamped,
                (SELECT count(*)::int FROM audit_entry WHERE stream_type = 'voucher_application' AND stream_id = a.id::text) AS audit
           FROM voucher_application a JOIN voucher_grant g ON g.application_id = a.id
           JOIN voucher_group_cap_usage u ON u.program_id = a.program_id AND u.group_key = a.group_key
          WHERE a.id = $1`,
        [out.application.id, out.application.createdAt],
      );
      expect(row).toEqual({
        status: 'granted',
        granted: GRANT,
        amount: GRANT,
        parts: [
          { source: 'city', amountFen: '5000' },
          { source: 'jinjiang', amountFen: '5000' },
        ],
        used: GRANT,
        enterprise_id: enterprises[i],
        stamped: true,
        audit: 1,
      });
    }
    const pools = await ds.query(`SELECT account, balance_fen::int AS balance FROM ledger_balance WHERE program_id = $1 AND account LIKE 'pool:%' ORDER BY account`, [programId]);
    expect(pools).toEqual([
      { account: 'pool:city', balance: (12 - 1 - 8) * 5000 },
      { account: 'pool:jinjiang', balance: (12 - 1 - 8) * 5000 },
    ]);
    expect((await new AuditVerifier(ds).verify()).problems).toEqual([]);
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  it('writes a batch the pools cannot cover again one grant at a time: the budget goes in arrival order', async () => {
    // budget for 5 grants: 1 taken by the holder, 4 left for 8 applicants
    const programId = await openProgram(5);
    const enterprises = await seedEnterprises(t, 8, owner.userId);
    const outs = await withPoolsHeld(programId, 1, queued(programId, 7), () => applyInOrder(programId, enterprises));
    // 0 alone; the batch of 1–7 (3 grants' budget left for 7) refused as a whole, then one at a time
    expect(outs.map(answer)).toEqual([...Array(4).fill('granted'), ...Array(4).fill('409 PROGRAM_BUDGET_EXHAUSTED')]);
    expect(t.app.get(FirstComeGrants).writeStats(programId)).toMatchObject({ batches: 1, batchedItems: 0, fallbacks: 1 });
    const [counts] = await ds.query(
      `SELECT (SELECT count(*)::int FROM voucher_application WHERE program_id = $1) AS applications,
              (SELECT count(*)::int FROM voucher_grant WHERE program_id = $1) AS grants,
              (SELECT sum(balance_fen)::int FROM ledger_balance WHERE program_id = $1 AND account LIKE 'pool:%') AS pools`,
      [programId],
    );
    expect(counts).toEqual({ applications: 4, grants: 4, pools: 0 });
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  it("holds each group of a batch to its own cap: a group's usage that moved meanwhile refuses the batch, and its grant is re-read and cut to what is left", async () => {
    // caps: 2 grants for a group, 10 for a high-tech one; the group of `parent` already used 1 grant
    const programId = await openProgram(40, 2 * GRANT, { highTechAnnualCapFen: 10 * GRANT });
    const [parent] = await seedEnterprises(t, 1, owner.userId);
    const [child] = await seedEnterprises(t, 1, owner.userId, { controllerGroup: parent });
    const [highTech] = await seedEnterprises(t, 1, owner.userId, { highTechCertNo: 'GR202635000002', highTechCertExpiresOn: '2028-12-31' });
    const others = await seedEnterprises(t, 2, owner.userId);
    expect(answer(await settle(apply(programId, parent)))).toBe('granted');
    const outs = await withPoolsHeld(
      programId,
      1,
      queued(programId, 3),
      () => applyInOrder(programId, [others[0], child, highTech, others[1]]),
      // the child read a group usage of 1 grant (1 left); before its batch runs, 1 fen more is used
      () => ds.query(`UPDATE voucher_group_cap_usage SET used_fen = used_fen + 1 WHERE program_id = $1 AND group_key = $2`, [programId, parent]),
    );
    expect(outs.map(answer)).toEqual(['granted', 'granted', 'granted', 'granted']);
    expect(t.app.get(FirstComeGrants).writeStats(programId)).toMatchObject({ fallbacks: 1 });
    const child$ = outs[1] as Awaited<ReturnType<typeof apply>>;
    expect(child$.application.grantedFen).toBe(GRANT - 1); // re-read: what the cap leaves
    const [usage] = await ds.query(`SELECT used_fen::int AS used FROM voucher_group_cap_usage WHERE program_id = $1 AND group_key = $2`, [programId, parent]);
    expect(usage).toEqual({ used: 2 * GRANT }); // never above the group's cap, whatever the high-tech group's cap
  });

  it('writes a batch with a second application again one grant at a time: the duplicate gets APPLICATION_EXISTS, the rest are granted', async () => {
    // a cap of two grants, so the second application passes the cap check and reaches the write
    const programId = await openProgram(20, 2 * GRANT);
    const enterprises = await seedEnterprises(t, 4, owner.userId);
    expect(answer(await settle(apply(programId, enterprises[2])))).toBe('granted');
    const outs = await withPoolsHeld(programId, 1, queued(programId, 3), () => applyInOrder(programId, enterprises));
    expect(outs.map(answer)).toEqual(['granted', 'granted', '409 APPLICATION_EXISTS', 'granted']);
    expect(t.app.get(FirstComeGrants).writeStats(programId)).toMatchObject({ fallbacks: 1 });
    const [counts] = await ds.query(
      `SELECT (SELECT count(*)::int FROM voucher_application WHERE program_id = $1) AS applications, (SELECT count(*)::int FROM voucher_grant WHERE program_id = $1) AS grants`,
      [programId],
    );
    expect(counts).toEqual({ applications: 4, grants: 4 });
    expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
  });

  it('reads applicants who arrive together in one statement, each answered from its own facts', async () => {
    const programId = await openProgram(20);
    const [a, b] = await seedEnterprises(t, 2, owner.userId);
    const [large] = await seedEnterprises(t, 1, owner.userId, { sizeClass: 'large' });
    const stranger = await registerAndLogin(t);
    const [notMine] = await seedEnterprises(t, 1, stranger.userId);
    const otherProgram = await openProgram(2);
    const [c] = await seedEnterprises(t, 1, owner.userId);
    const before = t.app.get(FirstComeGrants).readStats;
    const outs = await Promise.all(
      [
        [programId, a],
        [programId, large],
        [programId, notMine],
        [otherProgram, c],
        [newId(), b],
        [programId, b],
        [programId, a],
      ].map(([program, enterpriseId]) => settle(apply(program, enterpriseId))),
    );
    const answers = outs.map(answer);
    // a is granted once: its second application is refused whichever of the two came first
    expect(answers.slice(1, 6)).toEqual(['422 PROGRAM_ELIGIBILITY', '404 NOT_FOUND', 'granted', '404 NOT_FOUND', 'granted']);
    expect([answers[0], answers[6]].sort()).toEqual(['409 APPLICATION_EXISTS', 'granted']);
    expect((outs[3] as Awaited<ReturnType<typeof apply>>).application).toMatchObject({ programId: otherProgram, enterpriseId: c });
    expect((outs[1] as DomainError).errors).toEqual([expect.objectContaining({ field: 'sizeClasses' })]);
    const granted = outs.filter((o): o is Awaited<ReturnType<typeof apply>> => !(o instanceof DomainError));
    expect(granted.map((o) => o.application.enterpriseId).sort()).toEqual([a, b, c].sort());
    const stats = t.app.get(FirstComeGrants).readStats;
    expect(stats.batches - before.batches).toBeGreaterThanOrEqual(1);
    expect(stats.batchedItems - before.batchedItems).toBeGreaterThanOrEqual(2);
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
