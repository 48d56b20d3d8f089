/**
 * The console's queues over HTTP against PostgreSQL: GET /admin/queues counts what each role may act
 * on within its jurisdiction (keys absent for the others), and the five queue lists sort oldest
 * first by default, newest first on request, claims also by amount and due date, ties by id.
 */
import { DataSource } from 'typeorm';
import { createStaffAndLogin, createSuperAdminAndLogin, registerAndLogin, type AuthSession } from './support/auth.js';
import { appliedProvider, offeringBody } from '../libs/catalog/test/support.js';
import { fapiaoOf, grant, ok, openProgram, orderUntil, startWorld, uploadPdf, type World } from '../libs/orders/test/order-world.js';
import { JINJIANG, NANAN, seedEnterprises } from '../libs/vouchers/test/program-support.js';

describe('the console queues', () => {
  let w: World;
  let db: DataSource;
  let county: AuthSession;
  let nananCounty: AuthSession;
  let city: AuthSession;
  let finance: AuthSession;
  let auditor: AuthSession;
  let admin: AuthSession;
  const ids = { enterprises: [] as string[], providers: [] as string[], offerings: [] as string[], applications: [] as string[], claims: [] as string[] };
  let reviewedProgramId: string;

  const get = (s: AuthSession, url: string) => w.t.request('GET', url, { token: s.token });
  const queues = async (s: AuthSession) => ok(get(s, '/api/v1/admin/queues'));
  const itemIds = async (s: AuthSession, url: string) => ((await ok(get(s, url))).items as { id: string }[]).map((i) => i.id);
  const at = (day: number) => new Date(Date.UTC(2026, 1, day, 1)).toISOString(); // 2026-02-<day> 09:00 Shanghai

  beforeAll(async () => {
    w = await startWorld({ enterprises: 4, env: { LOG_LEVEL: 'error' } });
    db = w.t.app.get(DataSource);
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    nananCounty = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [NANAN] }]);
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    finance = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    auditor = await createStaffAndLogin(w.t, [{ role: 'auditor', regionCodes: ['350500'] }]);
    admin = await createSuperAdminAndLogin(w.t);

    // enterprises pending verification: two in Jinjiang, one in Nan'an (the oldest)
    const [j1, j2] = await seedEnterprises(w.t, 2, w.buyer.userId, { status: 'pending' });
    const [n1] = await seedEnterprises(w.t, 1, w.buyer.userId, { status: 'pending', regionCode: NANAN });
    ids.enterprises = [n1, j1, j2];
    for (const [id, day] of [[n1, 2], [j1, 3], [j2, 5]] as const) await db.query('UPDATE enterprise_profile SET submitted_at = $2 WHERE organization_id = $1', [id, at(day)]);

    // providers: two applied, one in a public notice that has not ended
    for (let i = 0; i < 3; i++) ids.providers.push((await appliedProvider(w.t)).id);
    for (const [i, day] of [[0, 4], [1, 6], [2, 1]] as const) await db.query('UPDATE provider_profile SET submitted_at = $2 WHERE organization_id = $1', [ids.providers[i], at(day)]);
    await ok(w.t.request('POST', `/api/v1/admin/providers/${ids.providers[2]}/admission`, { token: w.officer.token, body: { action: 'start-notice' } }));
    await db.query(`UPDATE provider_profile SET notice_ends_at = now() + interval '7 days' WHERE organization_id = $1`, [ids.providers[2]]);

    // offerings: one submitted for review, and a revision of the published quote offering
    const created = await ok<{ id: string }>(w.t.request('POST', '/api/v1/offerings', { token: w.provider.owner.token, body: offeringBody(w.provider.id, { title: '纺织品甲醛含量检测' }) }));
    await ok(w.t.request('POST', `/api/v1/offerings/${created.id}/submit`, { token: w.provider.owner.token }));
    await ok(w.t.request('PATCH', `/api/v1/offerings/${w.quoteOfferingId}`, { token: w.provider.owner.token, body: { title: '纺织品定制检测方案（修订）' } }));
    await db.query('UPDATE offering SET submitted_at = $2 WHERE id = $1', [created.id, at(8)]);
    await db.query(`UPDATE offering_revision SET created_at = $2 WHERE offering_id = $1 AND status = 'pending'`, [w.quoteOfferingId, at(7)]);
    await db.query('UPDATE offering SET submitted_at = $2 WHERE id = $1', [w.offeringId, at(9)]);
    ids.offerings = [w.quoteOfferingId, created.id, w.offeringId];

    // applications: two pending in a reviewed-mode program (an FCFS grant below never waits)
    reviewedProgramId = await openProgram(w.t, w.officer, { allocationMode: 'reviewed' });
    for (const [e, day] of [[w.enterprises[2], 10], [w.enterprises[1], 9]] as const) {
      const res = await ok<{ application: { id: string } }>(
        w.t.request('POST', `/api/v1/programs/${reviewedProgramId}/applications`, { token: w.buyer.token, body: { enterpriseId: e, requestedFen: 100_000, purpose: '新产品检测' } }),
      );
      await db.query('UPDATE voucher_application SET created_at = $2 WHERE id = $1', [res.application.id, at(day)]);
      ids.applications.push(res.application.id);
    }

    // claims: two in review at the county level (Jinjiang)
    for (const [i, e] of [w.enterprises[0], w.enterprises[3]].entries()) {
      await grant(w, e, 200_000);
      const orderId = await orderUntil(w, e, 'completed');
      const claim = await ok<{ id: string }>(
        w.t.request('POST', '/api/v1/claims', {
          token: w.provider.owner.token,
          body: { orderId, invoice: await fapiaoOf(w, e, String(20_000_000 + i)), evidenceFileIds: [await uploadPdf(w, w.provider.owner.token)] },
        }),
      );
      ids.claims.push(claim.id);
    }
    await db.query(`UPDATE subsidy_claim SET level_since = $2, level_due_on = '2026-03-20', amount_fen = 30000 WHERE id = $1`, [ids.claims[0], at(11)]);
    await db.query(`UPDATE subsidy_claim SET level_since = $2, level_due_on = '2026-03-18' WHERE id = $1`, [ids.claims[1], at(12)]);
  }, 240_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('counts each queue the caller may act on within its jurisdiction, with the longest wait, and leaves out the others', async () => {
    expect(await queues(w.officer)).toEqual({
      verification: { count: 3, oldestSince: at(2) },
      admission: { count: 2, oldestSince: at(4) },
      offerings: { count: 2, oldestSince: at(7) },
      applications: { count: 2, oldestSince: at(9) },
    });
    expect(await queues(county)).toEqual({
      verification: { count: 2, oldestSince: at(3) },
      applications: { count: 2, oldestSince: at(9) },
      claims: { count: 2, oldestSince: at(11) },
    });
    expect(await queues(nananCounty)).toEqual({
      verification: { count: 1, oldestSince: at(2) },
      applications: { count: 0, oldestSince: null },
      claims: { count: 0, oldestSince: null },
    });
    expect(await queues(city)).toEqual({ claims: { count: 0, oldestSince: null } });
    expect(await queues(finance)).toEqual({});
    expect(await queues(auditor)).toEqual({});
    expect(Object.keys(await queues(admin)).sort()).toEqual(['admission', 'applications', 'claims', 'offerings', 'verification']);
    expect((await get(await registerAndLogin(w.t), '/api/v1/admin/queues')).status).toBe(403);
  });

  it('counts a provider in notice once an objection is open, and a claim at the city level for city reviewers only after the county approves', async () => {
    await ok(w.t.request('POST', `/api/v1/admin/providers/${ids.providers[2]}/admission`, { token: finance.token, body: { action: 'object', reason: '资质证书疑似过期' } }));
    expect((await queues(w.officer)).admission).toEqual({ count: 3, oldestSince: at(1) });

    await ok(w.t.request('POST', `/api/v1/admin/claims/${ids.claims[1]}/decision`, { token: county.token, body: { decision: 'approve' } }));
    const [{ level_since }]: { level_since: Date }[] = await db.query('SELECT level_since FROM subsidy_claim WHERE id = $1', [ids.claims[1]]);
    expect((await queues(county)).claims).toEqual({ count: 1, oldestSince: at(11) });
    expect((await queues(city)).claims).toEqual({ count: 1, oldestSince: level_since.toISOString() });
    expect((await queues(admin)).claims).toEqual({ count: 2, oldestSince: at(11) });
    await db.query(`UPDATE subsidy_claim SET level_since = $2, level_due_on = '2026-03-18' WHERE id = $1`, [ids.claims[1], at(12)]);
  });

  it('sorts the enterprise and provider queues oldest first by default or newest first, and refuses an unknown order', async () => {
    expect(await itemIds(w.officer, '/api/v1/admin/enterprises?status=pending')).toEqual(ids.enterprises);
    expect(await itemIds(w.officer, '/api/v1/admin/enterprises?status=pending&sort=oldest')).toEqual(ids.enterprises);
    expect(await itemIds(w.officer, '/api/v1/admin/enterprises?status=pending&sort=newest')).toEqual([...ids.enterprises].reverse());
    const page = await ok(get(w.officer, '/api/v1/admin/enterprises?status=pending'));
    expect(page.items.map((i: { submittedAt: string }) => i.submittedAt)).toEqual([at(2), at(3), at(5)]);
    const bad = await get(w.officer, '/api/v1/admin/enterprises?sort=fastest');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const applied = [ids.providers[2], ids.providers[0], ids.providers[1]];
    expect((await itemIds(w.officer, '/api/v1/admin/providers')).filter((id) => applied.includes(id))).toEqual(applied);
    expect((await itemIds(w.officer, '/api/v1/admin/providers?sort=newest')).filter((id) => applied.includes(id))).toEqual([...applied].reverse());
    expect((await get(w.officer, '/api/v1/admin/providers?sort=1')).status).toBe(400);
  });

  it('sorts offerings by when they entered moderation (a pending revision counts from its submission) and shows that time', async () => {
    const page = await ok(get(w.officer, '/api/v1/admin/offerings'));
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(ids.offerings);
    expect(page.items.map((i: { queuedSince: string }) => i.queuedSince)).toEqual([at(7), at(8), at(9)]);
    expect(await itemIds(w.officer, '/api/v1/admin/offerings?sort=newest')).toEqual([...ids.offerings].reverse());
    expect((await get(w.officer, '/api/v1/admin/offerings?sort=oldest_first')).status).toBe(400);
  });

  it('sorts applications by when they were made', async () => {
    const url = `/api/v1/admin/applications?programId=${reviewedProgramId}`;
    expect(await itemIds(county, url)).toEqual([ids.applications[1], ids.applications[0]]);
    expect(await itemIds(county, `${url}&sort=newest`)).toEqual([ids.applications[0], ids.applications[1]]);
    expect((await get(county, `${url}&sort=due`)).status).toBe(400);
  });

  it('sorts claims by the wait at their level, by amount or by the level due date', async () => {
    const url = '/api/v1/admin/claims?status=in_review';
    const [older, newer] = ids.claims;
    const page = await ok(get(county, url));
    expect(page.items.map((i: { id: string; levelSince: string }) => [i.id, i.levelSince])).toEqual([
      [older, at(11)],
      [newer, at(12)],
    ]);
    expect(await itemIds(county, `${url}&sort=newest`)).toEqual([newer, older]);
    expect(await itemIds(county, `${url}&sort=amount_desc`)).toEqual([newer, older]);
    expect(await itemIds(county, `${url}&sort=due`)).toEqual([newer, older]);
    expect((await get(county, `${url}&sort=amount`)).status).toBe(400);
  });
});
