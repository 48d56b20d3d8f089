import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { DEFAULT_TEST_PASSWORD, createStaffAndLogin, createSuperAdminAndLogin, loginAs, registerAndLogin, uniqueEmail, type AuthSession } from '../../../test/support/auth.js';

describe('identity: staff administration', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: AuthSession;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    admin = await createSuperAdminAndLogin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const createStaff = (token: string, body: Record<string, unknown>) => t.request('POST', '/api/v1/admin/staff', { token, body });
  const newStaffBody = (roles: unknown = [{ role: 'county_reviewer', regionCodes: ['350582'] }]) => ({
    email: uniqueEmail('reviewer'),
    displayName: '晋江审核员',
    password: DEFAULT_TEST_PASSWORD,
    roles,
  });

  it('refuses a role that is not an object with 400, on create and on update (found by the fuzzer: was 500)', async () => {
    for (const roles of [[[]], ['county_reviewer'], [null], [42]]) {
      const created = await createStaff(admin.token, newStaffBody(roles));
      expect({ roles, status: created.status, code: created.body.code }).toEqual({ roles, status: 400, code: 'VALIDATION_FAILED' });
    }
    const staff = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    const patched = await t.request('PATCH', `/api/v1/admin/staff/${staff.userId}`, { token: admin.token, body: { roles: [[]] } });
    expect({ status: patched.status, code: patched.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('answers 401 to a caller without a token', async () => {
    const res = await t.request('GET', '/api/v1/admin/staff');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await createStaff('', newStaffBody())).status).toBe(401);
  });

  it('answers 403 to a signed-in user who is not a super-admin', async () => {
    const user = await registerAndLogin(t);
    const reviewer = await createStaffAndLogin(t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    for (const s of [user, reviewer]) {
      const list = await t.request('GET', '/api/v1/admin/staff', { token: s.token });
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('FORBIDDEN');
      expect((await createStaff(s.token, newStaffBody())).status).toBe(403);
      expect((await t.request('PATCH', `/api/v1/admin/staff/${s.userId}`, { token: s.token, body: { disabled: true } })).status).toBe(403);
    }
  });

  it('lets a super-admin create staff who then sign in with their roles visible at /me', async () => {
    const body = newStaffBody([
      { role: 'county_reviewer', regionCodes: ['350583', '350582'] },
      { role: 'auditor', regionCodes: ['350500'] },
    ]);
    const res = await createStaff(admin.token, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: body.email, displayName: '晋江审核员', disabled: false });
    expect(res.text).not.toMatch(/password/i);

    const staff = await loginAs(t, body.email, body.password);
    const me = await t.request('GET', '/api/v1/me', { token: staff.token });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(
      expect.arrayContaining([
        { role: 'county_reviewer', regionCodes: ['350582', '350583'] },
        { role: 'auditor', regionCodes: ['350500'] },
      ]),
    );
    expect(me.body.roles).toHaveLength(2);
    expect(me.body.jurisdictions).toEqual(['350500', '350582', '350583']);

    const [audit] = await db.query(`SELECT action, actor_id FROM audit_entry WHERE stream_type = 'user' AND stream_id = $1`, [res.body.id]);
    expect(audit).toEqual({ action: 'staff.created', actor_id: admin.userId });
  });

  it('lists staff accounts page by page', async () => {
    await createStaffAndLogin(t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    const all = await t.request('GET', '/api/v1/admin/staff?page=1&pageSize=100', { token: admin.token });
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    expect(all.body.items).toHaveLength(all.body.total);
    expect(all.body.items.every((m: { roles: unknown[] }) => m.roles.length > 0)).toBe(true);
    expect(all.body.items.find((m: { id: string }) => m.id === admin.userId).roles).toEqual([{ role: 'super_admin', regionCodes: ['350500'] }]);

    const second = await t.request('GET', '/api/v1/admin/staff?page=2&pageSize=1', { token: admin.token });
    expect(second.body).toMatchObject({ total: all.body.total, page: 2, pageSize: 1 });
    expect(second.body.items).toEqual([all.body.items[1]]);

    expect((await t.request('GET', '/api/v1/admin/staff?pageSize=101', { token: admin.token })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/admin/staff?page=0', { token: admin.token })).status).toBe(400);
  });

  it('leaves users without staff roles out of the list', async () => {
    const user = await registerAndLogin(t);
    const all = await t.request('GET', '/api/v1/admin/staff?pageSize=100', { token: admin.token });
    expect(all.body.items.map((m: { id: string }) => m.id)).not.toContain(user.userId);
  });

  it('replaces roles, and the change applies to the staff member’s current token at once', async () => {
    const staff = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    const res = await t.request('PATCH', `/api/v1/admin/staff/${staff.userId}`, {
      token: admin.token,
      body: { roles: [{ role: 'program_officer', regionCodes: ['350500'] }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual([{ role: 'program_officer', regionCodes: ['350500'] }]);
    const me = await t.request('GET', '/api/v1/me', { token: staff.token });
    expect(me.body.roles).toEqual([{ role: 'program_officer', regionCodes: ['350500'] }]);

    const audits = await db.query(`SELECT action, before, after FROM audit_entry WHERE stream_type = 'user' AND stream_id = $1 ORDER BY stream_seq`, [staff.userId]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['staff.created', 'staff.updated']);
    expect(audits[1].before.roles).toEqual([{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    expect(audits[1].after.roles).toEqual([{ role: 'program_officer', regionCodes: ['350500'] }]);
  });

  it('disables a staff member: their token, refresh token and sign-in stop working', async () => {
    const staff = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
    const res = await t.request('PATCH', `/api/v1/admin/staff/${staff.userId}`, { token: admin.token, body: { disabled: true } });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await t.request('GET', '/api/v1/me', { token: staff.token })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.refreshToken } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: staff.email, password: staff.password } })).status).toBe(401);

    const again = await t.request('PATCH', `/api/v1/admin/staff/${staff.userId}`, { token: admin.token, body: { disabled: false } });
    expect(again.body.disabled).toBe(false);
    expect((await loginAs(t, staff.email, staff.password)).userId).toBe(staff.userId);
  });

  it('keeps at least one active super-admin', async () => {
    const alone = await startTestApp();
    try {
      const only = await createSuperAdminAndLogin(alone);
      const res = await alone.request('PATCH', `/api/v1/admin/staff/${only.userId}`, { token: only.token, body: { disabled: true } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('LAST_SUPER_ADMIN');
      const demote = await alone.request('PATCH', `/api/v1/admin/staff/${only.userId}`, { token: only.token, body: { roles: [{ role: 'auditor', regionCodes: ['350500'] }] } });
      expect(demote.status).toBe(409);
      const second = await createSuperAdminAndLogin(alone);
      expect((await alone.request('PATCH', `/api/v1/admin/staff/${only.userId}`, { token: second.token, body: { disabled: true } })).status).toBe(200);
    } finally {
      await alone.close();
    }
  });

  it('answers 404 for an unknown id or a user who is not staff, and 400 for a malformed id', async () => {
    const user = await registerAndLogin(t);
    expect((await t.request('PATCH', `/api/v1/admin/staff/7d8c2d70-0000-4000-8000-000000000000`, { token: admin.token, body: { disabled: true } })).status).toBe(404);
    expect((await t.request('PATCH', `/api/v1/admin/staff/${user.userId}`, { token: admin.token, body: { disabled: true } })).status).toBe(404);
    const bad = await t.request('PATCH', `/api/v1/admin/staff/not-a-uuid`, { token: admin.token, body: { disabled: true } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an address that is taken', async () => {
    const user = await registerAndLogin(t);
    const res = await createStaff(admin.token, { ...newStaffBody(), email: user.email });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
  });

  describe('malformed staff input is a 400 problem', () => {
    it.each([
      ['a region code that is not six digits', newStaffBody([{ role: 'auditor', regionCodes: ['35058'] }])],
      ['a region code with letters', newStaffBody([{ role: 'auditor', regionCodes: ['35O582'] }])],
      ['a region code of the wrong type', newStaffBody([{ role: 'auditor', regionCodes: [350582] }])],
      ['an empty jurisdiction', newStaffBody([{ role: 'auditor', regionCodes: [] }])],
      ['an unknown role', newStaffBody([{ role: 'mayor', regionCodes: ['350500'] }])],
      ['a role listed twice', newStaffBody([{ role: 'auditor', regionCodes: ['350500'] }, { role: 'auditor', regionCodes: ['350582'] }])],
      ['no roles', newStaffBody([])],
      ['roles that are not a list', newStaffBody('auditor')],
      ['an unknown field in a role', newStaffBody([{ role: 'auditor', regionCodes: ['350500'], scope: 'all' }])],
      ['an unknown field', { ...newStaffBody(), superPowers: true }],
      ['an oversize display name', { ...newStaffBody(), displayName: '审'.repeat(101) }],
      ['a short password', { ...newStaffBody(), password: 'short' }],
    ])('refuses to create staff with %s', async (_what, body) => {
      const res = await createStaff(admin.token, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses a change with a wrong type or an unknown field', async () => {
      const staff = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
      const url = `/api/v1/admin/staff/${staff.userId}`;
      expect((await t.request('PATCH', url, { token: admin.token, body: { disabled: 'yes' } })).status).toBe(400);
      expect((await t.request('PATCH', url, { token: admin.token, body: { email: 'x@example.com' } })).status).toBe(400);
      expect((await t.request('PATCH', url, { token: admin.token, body: { roles: [{ role: 'auditor', regionCodes: ['1'] }] } })).status).toBe(400);
    });
  });
});
