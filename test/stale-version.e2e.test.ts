/**
 * Staff decisions tied to the version the reviewer saw (docs/api.md): every staff-decidable GET gives
 * `version` and the same ETag; a decision with a stale If-Match (or body `version`) is 409
 * STALE_VERSION naming the current version and status and who decided meanwhile, and changes
 * nothing (the row, the audit log, the outbox); a current one and none go through; a malformed
 * If-Match is 400.
 */
import { DataSource } from 'typeorm';
import { ManualClock } from '@innoserve/core';
import { offeringBody, admittedProvider } from '../libs/catalog/test/support.js';
import { enterpriseBody, providerBody, withDocuments } from '../libs/organizations/test/support.js';
import { IN_WINDOW, programBody, seedEnterprises } from '../libs/vouchers/test/program-support.js';
import { startTestApp, type TestApp, type TestResponse } from './support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from './support/auth.js';

describe('staff decisions with the version the reviewer saw', () => {
  let t: TestApp;
  let alice: AuthSession; // the reviewer whose view goes stale
  let bob: AuthSession; // the reviewer who decides meanwhile

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(IN_WINDOW), env: { ADMISSION_NOTICE_DAYS: '0' } });
    alice = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    bob = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const post = (token: string, url: string, body: unknown, headers: Record<string, string> = {}) => t.request('POST', url, { token, body, headers });
  const get = (token: string, url: string) => t.request('GET', url, { token });

  /** Everything a refused decision must leave alone: the whole audit log and outbox, and the row. */
  async function snapshot(table: string, where: string, id: string): Promise<unknown> {
    const ds = t.app.get(DataSource);
    const [counts] = await ds.query(`SELECT (SELECT count(*) FROM audit_entry)::int AS audit, (SELECT count(*) FROM outbox_message)::int AS outbox`);
    const [row] = await ds.query(`SELECT to_jsonb(r) - 'updated_at' AS row FROM ${table} r WHERE ${where} = $1`, [id]);
    return { ...counts, row: row.row };
  }

  /** The GET gives the version in the body and as a strong ETag. */
  function versionOf(res: TestResponse, pick: (body: any) => { version: number } = (b) => b): number {
    expect(res.status).toBe(200);
    const { version } = pick(res.body);
    expect(Number.isInteger(version)).toBe(true);
    return version;
  }

  function expectEtag(res: TestResponse): number {
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    return res.body.version as number;
  }

  /** A stale If-Match: 409 with the current state and who decided; nothing changed. */
  async function expectStale(res: TestResponse, before: unknown, after: () => Promise<unknown>, current: { version: number; status: string; decidedBy: string }): Promise<void> {
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 409, code: 'STALE_VERSION', currentVersion: current.version, currentStatus: current.status, decidedBy: current.decidedBy });
    expect(new Date(res.body.decidedAt as string).toISOString()).toBe(res.body.decidedAt);
    expect(await after()).toEqual(before);
  }

  async function expectMalformed(url: string, body: unknown, state: () => Promise<unknown>): Promise<void> {
    const before = await state();
    for (const ifMatch of ['3', 'W/"3"', '"3", "4"', '"abc"', '"0"']) {
      const res = await post(alice.token, url, body, { 'if-match': ifMatch });
      expect({ ifMatch, status: res.status, code: res.body.code }).toEqual({ ifMatch, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    }
    const disagree = await post(alice.token, url, { ...(body as object), version: 7 }, { 'if-match': '"8"' });
    expect(disagree.status).toBe(400);
    expect(await state()).toEqual(before);
  }

  it('enterprise verification', async () => {
    const owner = await registerAndLogin(t);
    const { body: e } = await post(owner.token, '/api/v1/enterprises', await withDocuments(t, owner.token, enterpriseBody()));
    const url = `/api/v1/admin/enterprises/${e.id}/verification`;
    const state = () => snapshot('enterprise_profile', 'organization_id', e.id);
    const seen = expectEtag(await get(alice.token, `/api/v1/enterprises/${e.id}`));
    await expectMalformed(url, { decision: 'reject', reason: '材料不全' }, state);

    const approved = await post(bob.token, url, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.headers.etag).toBe(`"${approved.body.version}"`);
    const now = expectEtag(await get(alice.token, `/api/v1/enterprises/${e.id}`));
    expect(now).toBe(approved.body.version);
    expect(now).toBeGreaterThan(seen);

    const before = await state();
    await expectStale(await post(alice.token, url, { decision: 'reject', reason: '材料不全' }, { 'if-match': `"${seen}"` }), before, state, { version: now, status: 'verified', decidedBy: bob.userId });
    await expectStale(await post(alice.token, url, { decision: 'suspend', reason: '经营异常', version: seen }), before, state, { version: now, status: 'verified', decidedBy: bob.userId });

    const current = await post(alice.token, url, { decision: 'suspend', reason: '经营异常' }, { 'if-match': `"${now}"` });
    expect(current.body).toMatchObject({ status: 'suspended' });
    expect(versionOf(await get(alice.token, `/api/v1/enterprises/${e.id}`))).toBe(current.body.version);
    expect((await post(alice.token, url, { decision: 'reinstate', version: current.body.version })).body.status).toBe('verified');
    expect((await post(alice.token, url, { decision: 'suspend', reason: '再次核查' }, { 'if-match': '*' })).body.status).toBe('suspended');
    expect((await post(alice.token, url, { decision: 'reinstate' })).body.status).toBe('verified');
  });

  it('makes an enterprise decision stale when the owner edits the identity the reviewer saw', async () => {
    const owner = await registerAndLogin(t);
    const { body: e } = await post(owner.token, '/api/v1/enterprises', await withDocuments(t, owner.token, enterpriseBody()));
    const seen = expectEtag(await get(alice.token, `/api/v1/enterprises/${e.id}`));
    const edit = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: owner.token, body: { legalRepresentative: '王五' } });
    expect(edit.status).toBe(200);
    const now = expectEtag(await get(alice.token, `/api/v1/enterprises/${e.id}`));
    expect(now).toBeGreaterThan(seen);
    const state = () => snapshot('enterprise_profile', 'organization_id', e.id);
    const before = await state();
    const res = await post(alice.token, `/api/v1/admin/enterprises/${e.id}/verification`, { decision: 'approve' }, { 'if-match': `"${seen}"` });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: now, currentStatus: 'pending' });
    expect(await state()).toEqual(before);
  });

  it('lets exactly one of two reviewers who saw the same version decide at the same time (checked under the row lock)', async () => {
    const owner = await registerAndLogin(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(owner.token, '/api/v1/enterprises', await withDocuments(t, owner.token, enterpriseBody()))).body.id as string);
    for (const id of ids) {
      const seen = expectEtag(await get(alice.token, `/api/v1/enterprises/${id}`));
      const url = `/api/v1/admin/enterprises/${id}/verification`;
      const answers = await Promise.all([
        post(alice.token, url, { decision: 'approve' }, { 'if-match': `"${seen}"` }),
        post(bob.token, url, { decision: 'reject', reason: '材料不全' }, { 'if-match': `"${seen}"` }),
      ]);
      const codes = answers.map((r) => (r.status === 200 ? 'OK' : (r.body.code as string))).sort();
      expect(codes).toEqual(['OK', 'STALE_VERSION']);
      const winner = answers.find((r) => r.status === 200)!;
      const loser = answers.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({ currentVersion: winner.body.version, currentStatus: winner.body.status, decidedBy: winner === answers[0] ? alice.userId : bob.userId });
      const decisions = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM audit_entry WHERE stream_type = 'organization' AND stream_id = $1 AND action LIKE 'enterprise.verification.%'`, [id]);
      expect(decisions).toEqual([{ n: 1 }]);
    }
  });

  it('provider admission', async () => {
    const owner = await registerAndLogin(t);
    const { body: p } = await post(owner.token, '/api/v1/providers', await withDocuments(t, owner.token, providerBody()));
    const url = `/api/v1/admin/providers/${p.id}/admission`;
    const state = () => snapshot('provider_profile', 'organization_id', p.id);
    const seen = expectEtag(await get(alice.token, `/api/v1/providers/${p.id}`));
    await expectMalformed(url, { action: 'review' }, state);

    expect((await post(bob.token, url, { action: 'review' })).status).toBe(200);
    const now = expectEtag(await get(alice.token, `/api/v1/providers/${p.id}`));
    const before = await state();
    await expectStale(await post(alice.token, url, { action: 'start-notice' }, { 'if-match': `"${seen}"` }), before, state, { version: now, status: 'under_review', decidedBy: bob.userId });
    // an objection is a decision on the provider too
    await expectStale(await post(alice.token, url, { action: 'reject', reason: '资质不符', version: seen }), before, state, { version: now, status: 'under_review', decidedBy: bob.userId });

    const notice = await post(alice.token, url, { action: 'start-notice' }, { 'if-match': `"${now}"` });
    expect(notice.body).toMatchObject({ admissionStatus: 'in_notice' });
    expect(notice.headers.etag).toBe(`"${notice.body.version}"`);
    expect((await post(alice.token, url, { action: 'admit' })).body.admissionStatus).toBe('admitted');
  });

  it('change-request decisions', async () => {
    const provider = await admittedProvider(t, bob);
    const requestChange = async (legalRepresentative: string) => {
      const res = await t.request('PATCH', `/api/v1/providers/${provider.id}`, { token: provider.owner.token, body: { legalRepresentative } });
      expect(res.status).toBe(202);
      return res.body as { id: string; version: number };
    };
    const listed = async (id: string) => {
      const list = await get(alice.token, `/api/v1/admin/providers/${provider.id}/change-requests`);
      return versionOf(list, (items: { id: string; version: number }[]) => items.find((r) => r.id === id)!);
    };
    const first = await requestChange('赵六');
    const url = (id: string) => `/api/v1/admin/providers/${provider.id}/change-requests/${id}/decision`;
    const state = () => snapshot('provider_change_request', 'id', first.id);
    const seen = await listed(first.id);
    expect(seen).toBe(first.version);
    await expectMalformed(url(first.id), { decision: 'approve' }, state);

    expect((await post(bob.token, url(first.id), { decision: 'reject', reason: '未提供变更登记材料' })).status).toBe(200);
    const now = await listed(first.id);
    const before = await state();
    await expectStale(await post(alice.token, url(first.id), { decision: 'approve' }, { 'if-match': `"${seen}"` }), before, state, { version: now, status: 'rejected', decidedBy: bob.userId });

    const second = await requestChange('钱七');
    const ok = await post(alice.token, url(second.id), { decision: 'approve' }, { 'if-match': `"${await listed(second.id)}"` });
    expect(ok.body).toMatchObject({ status: 'approved', decidedBy: alice.userId });
    const third = await requestChange('孙八');
    expect((await post(alice.token, url(third.id), { decision: 'reject', reason: '与营业执照不符' })).body.status).toBe('rejected');
  });

  it('offering moderation', async () => {
    const provider = await admittedProvider(t, bob);
    const { body: o } = await post(provider.owner.token, '/api/v1/offerings', offeringBody(provider.id));
    expect((await post(provider.owner.token, `/api/v1/offerings/${o.id}/submit`, {})).status).toBe(200);
    const url = `/api/v1/admin/offerings/${o.id}/moderation`;
    const state = () => snapshot('offering', 'id', o.id);
    const seen = expectEtag(await get(alice.token, `/api/v1/offerings/${o.id}`));
    await expectMalformed(url, { decision: 'publish' }, state);

    expect((await post(bob.token, url, { decision: 'publish' })).status).toBe(200);
    const now = expectEtag(await get(alice.token, `/api/v1/offerings/${o.id}`));
    const before = await state();
    await expectStale(await post(alice.token, url, { decision: 'reject', reason: '标题夸大' }, { 'if-match': `"${seen}"` }), before, state, { version: now, status: 'published', decidedBy: bob.userId });

    const suspended = await post(alice.token, url, { decision: 'suspend', reason: '资质过期' }, { 'if-match': `"${now}"` });
    expect(suspended.body).toMatchObject({ status: 'suspended' });
    expect(suspended.headers.etag).toBe(`"${suspended.body.version}"`);
    expect((await post(alice.token, url, { decision: 'publish' })).body.status).toBe('published');

    // a pending revision edited after the moderator looked: publishing what they saw is stale
    const patch = (body: Record<string, unknown>) => t.request('PATCH', `/api/v1/offerings/${o.id}`, { token: provider.owner.token, body });
    expect((await patch({ title: '纺织品检测（第一版修订）' })).status).toBe(202);
    const reviewed = expectEtag(await get(alice.token, `/api/v1/offerings/${o.id}`));
    expect((await patch({ title: '纺织品检测（未经审核的第二版）' })).status).toBe(202);
    const unchanged = await state();
    const res = await post(alice.token, url, { decision: 'publish' }, { 'if-match': `"${reviewed}"` });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: reviewed + 1, currentStatus: 'published' });
    expect(await state()).toEqual(unchanged);
    const [{ title }] = await t.app.get(DataSource).query(`SELECT title FROM offering WHERE id = $1`, [o.id]);
    expect(title).not.toBe('纺织品检测（未经审核的第二版）');
  });

  it('application decisions', async () => {
    const created = await post(alice.token, '/api/v1/admin/programs', programBody({ allocationMode: 'reviewed' }));
    const programId = created.body.id as string;
    for (const [sourceKey, amountFen] of Object.entries({ city: 100_000_000, jinjiang: 100_000_000, nanan: 100_000_000 })) {
      expect((await post(alice.token, `/api/v1/admin/programs/${programId}/funding`, { sourceKey, amountFen })).status).toBe(200);
    }
    expect((await post(alice.token, `/api/v1/admin/programs/${programId}/open`, {})).status).toBe(200);
    const owner = await registerAndLogin(t);
    const [e1, e2, e3] = await seedEnterprises(t, 3, owner.userId);
    const apply = async (enterpriseId: string) => {
      const res = await post(owner.token, `/api/v1/programs/${programId}/applications`, { enterpriseId, requestedFen: 1_000_000, purpose: '新产品检测' });
      expect(res.status).toBe(201);
      return res.body.application as { id: string; version: number };
    };
    const url = (id: string) => `/api/v1/admin/applications/${id}/decision`;
    const a1 = await apply(e1);
    const state = () => snapshot('voucher_application', 'id', a1.id);
    const seen = expectEtag(await get(alice.token, `/api/v1/admin/applications/${a1.id}`));
    expect(seen).toBe(a1.version);
    await expectMalformed(url(a1.id), { decision: 'approve' }, state);

    expect((await post(bob.token, url(a1.id), { decision: 'reject', reason: '用途不符' })).status).toBe(200);
    const now = expectEtag(await get(alice.token, `/api/v1/admin/applications/${a1.id}`));
    const before = await state();
    await expectStale(await post(alice.token, url(a1.id), { decision: 'approve' }, { 'if-match': `"${seen}"` }), before, state, { version: now, status: 'rejected', decidedBy: bob.userId });

    const a2 = await apply(e2);
    const ok = await post(alice.token, url(a2.id), { decision: 'approve', version: a2.version });
    expect(ok.body.application).toMatchObject({ status: 'granted', grantedFen: 1_000_000 });
    expect(versionOf(await get(alice.token, `/api/v1/admin/applications/${a2.id}`))).toBe(ok.body.application.version);
    const a3 = await apply(e3);
    expect((await post(alice.token, url(a3.id), { decision: 'approve' })).body.application.status).toBe('granted');
  });
});
