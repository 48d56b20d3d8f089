import { DataSource } from 'typeorm';
import { ManualClock, Clock } from '@innoserve/core';
import { AuditService } from '@innoserve/audit';
import { TransactionRunner } from '@innoserve/database';
import { ApplicationsService, GrantLapseSweep, LedgerService, LedgerVerifier, drawOrder } from '@innoserve/vouchers';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { answerDisagreements, expectDocumentedAnswer } from '../../../test/support/openapi.js';
import { IN_WINDOW, JINJIANG, NANAN, programBody, seedEnterprises } from './program-support.js';

describe('voucher programs over HTTP', () => {
  let t: TestApp;
  let clock: ManualClock;
  let officer: AuthSession;
  let jinjiangReviewer: AuthSession;
  let nananReviewer: AuthSession;
  let finance: AuthSession;
  let owner: AuthSession;

  beforeAll(async () => {
    clock = new ManualClock(IN_WINDOW);
    t = await startTestApp({ clock });
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    jinjiangReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    nananReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: [NANAN] }]);
    finance = await createStaffAndLogin(t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    owner = await registerAndLogin(t);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const post = (token: string, url: string, body?: unknown) => t.request('POST', url, { token, body });
  const get = (token: string, url: string) => t.request('GET', url, { token });

  /** Creates, funds (per source) and opens a program; answers its id. */
  async function openProgram(overrides: Record<string, unknown> = {}, funding: Record<string, number> = { city: 100_000_000, jinjiang: 100_000_000, nanan: 100_000_000 }): Promise<string> {
    const created = await post(officer.token, '/api/v1/admin/programs', programBody(overrides));
    expect(created.status).toBe(201);
    for (const [sourceKey, amountFen] of Object.entries(funding)) {
      expect((await post(officer.token, `/api/v1/admin/programs/${created.body.id}/funding`, { sourceKey, amountFen })).status).toBe(200);
    }
    expect((await post(officer.token, `/api/v1/admin/programs/${created.body.id}/open`)).status).toBe(200);
    return created.body.id;
  }

  const apply = (programId: string, enterpriseId: string, requestedFen: number, token = owner.token) =>
    post(token, `/api/v1/programs/${programId}/applications`, { enterpriseId, requestedFen, purpose: '新产品检测' });

  describe('programs', () => {
    it('creates a draft with the defaults and the officer jurisdiction as issuing region', async () => {
      const res = await post(officer.token, '/api/v1/admin/programs', programBody());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'draft',
        issuingRegionCode: '350500',
        grantExpiresOn: '2026-12-31',
        claimDeadlineDays: 90,
        reviewLevels: ['county', 'city'],
        highTechAnnualCapFen: null,
      });
      expectDocumentedAnswer('post', '/api/v1/admin/programs', res);
      const audit = await t.app.get(DataSource).query(`SELECT action FROM audit_entry WHERE stream_type = 'voucher_program' AND stream_id = $1`, [res.body.id]);
      expect(audit).toEqual([{ action: 'program.created' }]);
    });

    it('refuses shares that do not sum to 10,000 for an eligible region with 422 naming it', async () => {
      const res = await post(
        officer.token,
        '/api/v1/admin/programs',
        programBody({
          fundingSources: [
            { key: 'city', name: '市', shareBp: 5000 },
            { key: 'jinjiang', name: '晋江', regionCode: JINJIANG, shareBp: 4000 },
            { key: 'nanan', name: '南安', regionCode: NANAN, shareBp: 5000 },
          ],
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('FUNDING_SHARES_INVALID');
      expect(res.body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/350582 sum to 9000/);
      const unrestricted = await post(officer.token, '/api/v1/admin/programs', programBody({ eligibility: { sizeClasses: [], regionCodes: [] } }));
      expect(unrestricted.status).toBe(422); // other regions would only have the city's 50%
    });

    it('refuses an issuing region outside the caller jurisdiction, and 400 for a malformed body', async () => {
      const jinjiangOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: [JINJIANG] }]);
      const res = await post(jinjiangOfficer.token, '/api/v1/admin/programs', programBody({ issuingRegionCode: NANAN }));
      expect(res.status).toBe(403);
      const bad = await post(officer.token, '/api/v1/admin/programs', programBody({ name: 'x'.repeat(201), maxGrantFen: -1 }));
      expect(bad.status).toBe(400);
    });

    it('edits a draft, freezes sources and rules once open (409 PROGRAM_FROZEN) and writes an outbox row on open and close', async () => {
      const created = await post(officer.token, '/api/v1/admin/programs', programBody());
      const id = created.body.id;
      const patched = await t.request('PATCH', `/api/v1/admin/programs/${id}`, { token: officer.token, body: { maxGrantFen: 4_000_000 } });
      expect(patched.status).toBe(200);
      expect(patched.body.maxGrantFen).toBe(4_000_000);
      expectDocumentedAnswer('patch', '/api/v1/admin/programs/{id}', patched);
      const opened = await post(officer.token, `/api/v1/admin/programs/${id}/open`);
      expect(opened.body.status).toBe('open');
      expectDocumentedAnswer('post', '/api/v1/admin/programs/{id}/open', opened);
      const frozen = await t.request('PATCH', `/api/v1/admin/programs/${id}`, {
        token: officer.token,
        body: { subsidyRules: [] },
      });
      expect(frozen.status).toBe(409);
      expect(frozen.body.code).toBe('PROGRAM_FROZEN');
      const renamed = await t.request('PATCH', `/api/v1/admin/programs/${id}`, { token: officer.token, body: { name: '改名' } });
      expect(renamed.status).toBe(200);
      expect((await post(officer.token, `/api/v1/admin/programs/${id}/open`)).body.code).toBe('ILLEGAL_TRANSITION');
      expect((await post(officer.token, `/api/v1/admin/programs/${id}/close`)).body.status).toBe('closed');
      const rows = await t.app.get(DataSource).query(`SELECT payload FROM outbox_message WHERE topic = 'search.program-changed' AND payload->>'programId' = $1`, [id]);
      expect(rows).toHaveLength(2);
      expect((await post(officer.token, `/api/v1/admin/programs/${id}/archive`)).body.status).toBe('archived');
    });

    it('lists open programs to any signed-in user and hides drafts from them', async () => {
      const id = await openProgram();
      const draft = await post(officer.token, '/api/v1/admin/programs', programBody());
      const list = await get(owner.token, '/api/v1/programs?pageSize=100');
      expect(list.status).toBe(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);
      expectDocumentedAnswer('get', '/api/v1/programs', list);
      expectDocumentedAnswer('get', '/api/v1/programs/{id}', await get(owner.token, `/api/v1/programs/${id}`));
      expectDocumentedAnswer('get', '/api/v1/admin/programs', await get(officer.token, '/api/v1/admin/programs?pageSize=100'));
      expect((await get(owner.token, `/api/v1/programs/${draft.body.id}`)).status).toBe(404);
      expect((await get(officer.token, `/api/v1/programs/${draft.body.id}`)).status).toBe(200);
    });
  });

  describe('first-come-first-served grants', () => {
    it('grants at once, split city + county with the odd fen to the first listed share, and shows balances, ledger and grants', async () => {
      const id = await openProgram({}, { city: 10_000_000, jinjiang: 10_000_000 });
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const res = await apply(id, e, 1_000_001);
      expect(res.status).toBe(201);
      expect(res.body.application).toMatchObject({ status: 'granted', grantedFen: 1_000_001 });
      expect(res.body.grant.parts).toEqual([
        { source: 'city', amountFen: 500_001 },
        { source: 'jinjiang', amountFen: 500_000 },
      ]);
      const balances = await get(finance.token, `/api/v1/admin/programs/${id}/balances`);
      expect(balances.status).toBe(200);
      const bySource = Object.fromEntries(balances.body.map((b: { sourceKey: string }) => [b.sourceKey, b]));
      expect(bySource.city).toMatchObject({ budgetFen: 10_000_000, grantedFen: 500_001, availableFen: 9_499_999, heldFen: 0, lapsedFen: 0 });
      expect(bySource.jinjiang).toMatchObject({ budgetFen: 10_000_000, grantedFen: 500_000, availableFen: 9_500_000 });
      expect(bySource.nanan).toMatchObject({ budgetFen: 0, grantedFen: 0, availableFen: 0 });
      // the answer is what docs/openapi.json says (schemathesis holds the API to it in CI), and the check bites
      expectDocumentedAnswer('get', '/api/v1/admin/programs/{id}/balances', balances);
      expect(answerDisagreements('get', '/api/v1/admin/programs/{id}/balances', { status: 200, body: [{ ...bySource.city, budgetFen: '10000000' }] })).not.toEqual([]);
      expect(answerDisagreements('get', '/api/v1/admin/programs/{id}/balances', { status: 200, body: [{ ...bySource.city, regionCode: undefined }] })).not.toEqual([]);
      const ledger = await get(finance.token, `/api/v1/admin/programs/${id}/ledger?account=pool:city`);
      // the test clock stands still, so both transactions carry the same time: compare as a set
      expect(ledger.body.total).toBe(2);
      expectDocumentedAnswer('get', '/api/v1/admin/programs/{id}/ledger', ledger);
      expect(ledger.body.items.map((x: { type: string; amountFen: number }) => `${x.type} ${x.amountFen}`).sort()).toEqual(['fund 10000000', 'grant -500001']);
      const grants = await get(owner.token, `/api/v1/enterprises/${e}/grants`);
      expect(grants.status).toBe(200);
      expect(grants.body).toEqual([
        expect.objectContaining({ id: res.body.grant.id, amountFen: 1_000_001, availableFen: 1_000_001, heldFen: 0, redeemedFen: 0, expiresOn: '2026-12-31' }),
      ]);
    });

    it('caps the grant at maxGrantFen and refuses a second live application with 409 APPLICATION_EXISTS', async () => {
      const id = await openProgram();
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const first = await apply(id, e, 9_000_000);
      expect(first.body.application.grantedFen).toBe(5_000_000);
      const second = await apply(id, e, 1_000);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('APPLICATION_EXISTS');
    });

    it('refuses with 409 PROGRAM_BUDGET_EXHAUSTED when a pool cannot cover its part, leaving nothing behind', async () => {
      const id = await openProgram({}, { city: 10_000_000, jinjiang: 100 });
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const res = await apply(id, e, 1_000);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PROGRAM_BUDGET_EXHAUSTED');
      const apps = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM voucher_application WHERE program_id = $1', [id]);
      expect(apps[0].n).toBe(0);
      expect((await apply(id, e, 200)).status).toBe(201); // 100 + 100 fits
    });

    it('names every failing eligibility rule in the 422 answer', async () => {
      const id = await openProgram({ eligibility: { sizeClasses: ['micro', 'small'], regionCodes: [JINJIANG, NANAN], requiredFlags: ['high_tech', 'tech_sme'], minMonthsRegistered: 24 } });
      const [bad] = await seedEnterprises(t, 1, owner.userId, {
        regionCode: '350503',
        sizeClass: 'large',
        status: 'pending',
        establishedOn: '2025-06-01',
        highTechCertNo: 'GR202035000001',
        highTechCertExpiresOn: '2026-01-01',
        blacklistedUntil: '2026-12-31',
      });
      const res = await apply(id, bad, 1_000);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PROGRAM_ELIGIBILITY');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['blacklisted', 'minMonthsRegistered', 'regionCodes', 'requiredFlags.high_tech', 'requiredFlags.tech_sme', 'sizeClasses', 'verified'].sort(),
      );
    });

    it('refuses outside the window (422) and on a closed program (409)', async () => {
      const id = await openProgram({ applicationOpensOn: '2026-04-01' });
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const early = await apply(id, e, 1_000);
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('OUTSIDE_APPLICATION_WINDOW');
      await post(officer.token, `/api/v1/admin/programs/${id}/close`);
      expect((await apply(id, e, 1_000)).body.code).toBe('PROGRAM_NOT_OPEN');
    });
  });

  describe('group caps', () => {
    it('lets two enterprises with the same controller share one cap (422 GROUP_CAP_REACHED when used up)', async () => {
      const id = await openProgram({ enterpriseAnnualCapFen: 10_000_000, maxGrantFen: 6_000_000 });
      const [a, b, c] = await seedEnterprises(t, 3, owner.userId, { controllerGroup: `张氏集团-${id}` });
      expect((await apply(id, a, 6_000_000)).body.application.grantedFen).toBe(6_000_000);
      expect((await apply(id, b, 6_000_000)).body.application.grantedFen).toBe(4_000_000);
      const third = await apply(id, c, 1_000);
      expect(third.status).toBe(422);
      expect(third.body.code).toBe('GROUP_CAP_REACHED');
    });

    it('gives the whole group the high-tech cap when one member holds an unexpired certificate', async () => {
      const id = await openProgram({ enterpriseAnnualCapFen: 5_000_000, highTechAnnualCapFen: 8_000_000, maxGrantFen: 5_000_000 });
      const group = `高新集团-${id}`;
      const [plain, other] = await seedEnterprises(t, 2, owner.userId, { controllerGroup: group });
      await seedEnterprises(t, 1, owner.userId, { controllerGroup: group, highTechCertNo: 'GR202435000009', highTechCertExpiresOn: '2027-12-31' });
      expect((await apply(id, plain, 5_000_000)).body.application.grantedFen).toBe(5_000_000);
      expect((await apply(id, other, 5_000_000)).body.application.grantedFen).toBe(3_000_000);
    });

    it('never lets concurrent applications from one group exceed the group cap', async () => {
      const id = await openProgram({ enterpriseAnnualCapFen: 10_000_000, maxGrantFen: 3_000_000 });
      const members = await seedEnterprises(t, 12, owner.userId, { controllerGroup: `并发集团-${id}` });
      const results = await Promise.all(members.map((e) => apply(id, e, 3_000_000)));
      const granted = results.filter((r) => r.status === 201).map((r) => r.body.application.grantedFen as number);
      expect(granted.reduce((s, x) => s + x, 0)).toBe(10_000_000);
      expect(results.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual(Array(members.length - granted.length).fill('GROUP_CAP_REACHED'));
      const usage = await t.app.get(DataSource).query('SELECT used_fen::int AS used FROM voucher_group_cap_usage WHERE program_id = $1', [id]);
      expect(usage).toEqual([{ used: 10_000_000 }]);
    });
  });

  describe('reviewed programs', () => {
    it('queues applications for the county reviewer of the region and approves at most the bound', async () => {
      const id = await openProgram({ allocationMode: 'reviewed', maxGrantFen: 3_000_000 });
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const res = await apply(id, e, 2_500_000);
      expect(res.status).toBe(201);
      expect(res.body.application.status).toBe('pending');
      expect(res.body.grant).toBeUndefined();
      const appId = res.body.application.id;

      const queue = await get(jinjiangReviewer.token, `/api/v1/admin/applications?programId=${id}&status=pending`);
      expect(queue.body.items.map((a: { id: string }) => a.id)).toEqual([appId]);
      // each row names the enterprise and the program, so the queue reads without a lookup per row
      const [names] = await t.app.get(DataSource).query('SELECT o.name AS enterprise, p.name AS program FROM organization o, voucher_program p WHERE o.id = $1 AND p.id = $2', [e, id]);
      expect(queue.body.items[0]).toMatchObject({ enterpriseId: e, enterpriseName: names.enterprise, programId: id, programName: names.program });
      expect((await get(nananReviewer.token, `/api/v1/admin/applications?programId=${id}`)).body.total).toBe(0);
      expect((await post(nananReviewer.token, `/api/v1/admin/applications/${appId}/decision`, { decision: 'approve' })).status).toBe(404);

      const above = await post(jinjiangReviewer.token, `/api/v1/admin/applications/${appId}/decision`, { decision: 'approve', amountFen: 2_500_001 });
      expect(above.status).toBe(422);
      expect(above.body.code).toBe('GRANT_ABOVE_BOUND');
      const ok = await post(jinjiangReviewer.token, `/api/v1/admin/applications/${appId}/decision`, { decision: 'approve', amountFen: 2_000_000 });
      expect(ok.status).toBe(200);
      expect(ok.body.application).toMatchObject({ status: 'granted', grantedFen: 2_000_000 });
      const again = await post(officer.token, `/api/v1/admin/applications/${appId}/decision`, { decision: 'reject' });
      expect(again.body.code).toBe('APPLICATION_NOT_PENDING');
    });

    it('lets a rejected enterprise apply again', async () => {
      const id = await openProgram({ allocationMode: 'reviewed' });
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const first = await apply(id, e, 1_000_000);
      expect((await post(officer.token, `/api/v1/admin/applications/${first.body.application.id}/decision`, { decision: 'reject', reason: '材料不全' })).body.application.status).toBe(
        'rejected',
      );
      expect((await apply(id, e, 1_000_000)).status).toBe(201);
    });
  });

  describe('lottery programs', () => {
    it('draws reproducibly from the stored seed while the pools last, and only once', async () => {
      const id = await openProgram({ allocationMode: 'lottery', maxGrantFen: 1_000_000 }, { city: 2_000_000, jinjiang: 2_000_000 });
      const ents = await seedEnterprises(t, 10, owner.userId);
      const apps: string[] = [];
      for (const e of ents) apps.push((await apply(id, e, 1_000_000)).body.application.id);
      expect((await post(officer.token, `/api/v1/admin/programs/${id}/draw`)).body.code).toBe('PROGRAM_DRAW_REFUSED'); // still open
      await post(officer.token, `/api/v1/admin/programs/${id}/close`);
      const drawn = await post(officer.token, `/api/v1/admin/programs/${id}/draw`);
      expect(drawn.status).toBe(200);
      expect(drawn.body).toMatchObject({ granted: 4, notDrawn: 6 });
      expectDocumentedAnswer('post', '/api/v1/admin/programs/{id}/draw', drawn);
      const [{ lottery_seed: seed }] = await t.app.get(DataSource).query('SELECT lottery_seed FROM voucher_program WHERE id = $1', [id]);
      const expected = drawOrder(seed, apps);
      expect(drawn.body.order).toEqual(expected);
      const winners = await t.app.get(DataSource).query(`SELECT id FROM voucher_application WHERE program_id = $1 AND status = 'granted' ORDER BY id`, [id]);
      expect(winners.map((w: { id: string }) => w.id)).toEqual(expected.slice(0, 4).sort());
      expect((await post(officer.token, `/api/v1/admin/programs/${id}/draw`)).body.code).toBe('PROGRAM_DRAW_REFUSED');
    });
  });

  describe('authorisation', () => {
    it('answers 404 to a member of another organization, 403 to non-staff on admin routes, 404 to staff outside the jurisdiction', async () => {
      const id = await openProgram();
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const stranger = await registerAndLogin(t);
      await seedEnterprises(t, 1, stranger.userId);
      expect((await apply(id, e, 1_000, stranger.token)).status).toBe(404);
      expect((await get(stranger.token, `/api/v1/enterprises/${e}/grants`)).status).toBe(404);
      expect((await get(stranger.token, `/api/v1/admin/programs/${id}/balances`)).status).toBe(403);
      expect((await post(stranger.token, '/api/v1/admin/programs', programBody())).status).toBe(403);
      expect((await get(jinjiangReviewer.token, `/api/v1/admin/programs/${id}/balances`)).status).toBe(403);
      const jinjiangOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: [JINJIANG] }]);
      expect((await get(jinjiangOfficer.token, `/api/v1/admin/programs/${id}/balances`)).status).toBe(404); // issued by the city
      expect((await post(jinjiangOfficer.token, `/api/v1/admin/programs/${id}/close`)).status).toBe(404);
      const auditor = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
      expect((await get(auditor.token, `/api/v1/admin/programs/${id}/ledger`)).status).toBe(200);
      expect((await post(auditor.token, `/api/v1/admin/programs/${id}/funding`, { sourceKey: 'city', amountFen: 1 })).status).toBe(403);
    });
  });

  describe('lapse sweep', () => {
    it('moves unused balances back to the pools after expiry, frees the group cap, and is safe to run twice', async () => {
      const id = await openProgram({ grantExpiresOn: '2026-12-31' }, { city: 10_000_000, jinjiang: 10_000_000 });
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const res = await apply(id, e, 3_000_001);
      const grantId = res.body.grant.id;
      const ds = t.app.get(DataSource);
      const sweep = new GrantLapseSweep(ds, t.app.get(TransactionRunner), t.app.get(LedgerService), t.app.get(AuditService), t.app.get(Clock));
      try {
        clock.set(new Date('2026-12-31T15:00:00Z')); // 23:00 on the last valid day in Shanghai
        expect(await sweep.sweep()).toBe(0);
        clock.set(new Date('2026-12-31T16:30:00Z')); // 00:30 on Jan 1 in Shanghai
        const lapsed = await sweep.sweep();
        expect(lapsed).toBeGreaterThanOrEqual(1);
        expect(await sweep.sweep()).toBe(0);
      } finally {
        clock.set(IN_WINDOW);
      }
      const balances = await get(officer.token, `/api/v1/admin/programs/${id}/balances`);
      const city = balances.body.find((b: { sourceKey: string }) => b.sourceKey === 'city');
      expect(city).toMatchObject({ budgetFen: 10_000_000, grantedFen: 1_500_001, lapsedFen: 1_500_001, availableFen: 10_000_000 });
      const grants = await get(owner.token, `/api/v1/enterprises/${e}/grants`);
      expect(grants.body[0]).toMatchObject({ id: grantId, status: 'lapsed', lapsedFen: 3_000_001, availableFen: 0 });
      const usage = await ds.query('SELECT used_fen::int AS used FROM voucher_group_cap_usage WHERE program_id = $1', [id]);
      expect(usage).toEqual([{ used: 0 }]);
      const lapses = await ds.query(`SELECT count(*)::int AS n FROM ledger_transaction WHERE program_id = $1 AND type = 'lapse'`, [id]);
      expect(lapses[0].n).toBe(1);
      expect((await t.app.get(LedgerVerifier).verify()).problems).toEqual([]);
    });
  });

  describe('void (sanction)', () => {
    it('voids a grant free amount back to the pools and frees the group cap, once per key', async () => {
      const id = await openProgram({ enterpriseAnnualCapFen: 5_000_000 });
      const [e] = await seedEnterprises(t, 1, owner.userId);
      const grantId = (await apply(id, e, 5_000_000)).body.grant.id;
      const tx = t.app.get(TransactionRunner);
      const service = t.app.get(ApplicationsService);
      const input = { grantId, actorId: officer.userId, reason: '虚假申报', idempotencyKey: `void:${grantId}` };
      expect(await tx.run((m) => service.voidGrant(m, input))).toBe(5_000_000n);
      expect(await tx.run((m) => service.voidGrant(m, input))).toBe(0n);
      const grants = await get(owner.token, `/api/v1/enterprises/${e}/grants`);
      expect(grants.body[0]).toMatchObject({ availableFen: 0, heldFen: 0 });
      const [{ used }] = await t.app.get(DataSource).query('SELECT used_fen::int AS used FROM voucher_group_cap_usage WHERE program_id = $1', [id]);
      expect(used).toBe(0);
      const [other] = await seedEnterprises(t, 1, owner.userId);
      expect((await apply(id, other, 5_000_000)).status).toBe(201);
    });
  });
});
