import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, uniqueEmail } from '../../../test/support/auth.js';
import { auditActions, enterpriseBody } from './support.js';

describe('organization members', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const add = (token: string, id: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/organizations/${id}/members`, { token, body });
  const remove = (token: string, id: string, userId: string) => t.request('DELETE', `/api/v1/organizations/${id}/members/${userId}`, { token });

  async function enterpriseOf(): Promise<{ id: string; name: string; owner: Awaited<ReturnType<typeof registerAndLogin>> }> {
    const owner = await registerAndLogin(t);
    const res = await t.request('POST', '/api/v1/enterprises', { token: owner.token, body: enterpriseBody() });
    return { id: res.body.id, name: res.body.name, owner };
  }

  it('lets an owner add an existing user, who then sees the organization and its membership at /me', async () => {
    const { id, name, owner } = await enterpriseOf();
    const colleague = await registerAndLogin(t, { displayName: '同事' });
    const res = await add(owner.token, id, { email: colleague.email.toUpperCase(), role: 'member' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ organizationId: id, userId: colleague.userId, email: colleague.email, displayName: '同事', role: 'member' });
    expect((await t.request('GET', `/api/v1/enterprises/${id}`, { token: colleague.token })).status).toBe(200);
    const me = await t.request('GET', '/api/v1/me', { token: colleague.token });
    expect(me.body.memberships).toEqual([{ organizationId: id, organizationName: name, role: 'member', profiles: ['enterprise'] }]);
    const list = await t.request('GET', `/api/v1/organizations/${id}/members`, { token: colleague.token });
    expect(list.body.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [owner.userId, 'owner'],
      [colleague.userId, 'member'],
    ]);
    expect(await auditActions(t, id)).toContain('organization.member.added');
  });

  it('answers 404 USER_NOT_FOUND for an address nobody uses and 409 for a second membership', async () => {
    const { id, owner } = await enterpriseOf();
    const missing = await add(owner.token, id, { email: uniqueEmail('nobody'), role: 'member' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('USER_NOT_FOUND');
    expect(missing.body.detail).toMatch(/注册/);
    const user = await registerAndLogin(t);
    expect((await add(owner.token, id, { email: user.email, role: 'member' })).status).toBe(201);
    const again = await add(owner.token, id, { email: user.email, role: 'owner' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_MEMBER');
    expect((await add(owner.token, id, { email: owner.email, role: 'member' })).status).toBe(409);
  });

  it('lets only owners manage members: members get 403, non-members 404', async () => {
    const { id, owner } = await enterpriseOf();
    const member = await registerAndLogin(t);
    const outsider = await registerAndLogin(t);
    await add(owner.token, id, { email: member.email, role: 'member' });
    expect((await add(member.token, id, { email: outsider.email, role: 'member' })).status).toBe(403);
    expect((await remove(member.token, id, owner.userId)).status).toBe(403);
    expect((await add(outsider.token, id, { email: outsider.email, role: 'owner' })).status).toBe(404);
    expect((await remove(outsider.token, id, member.userId)).status).toBe(404);
    expect((await t.request('GET', `/api/v1/organizations/${id}/members`, { token: outsider.token })).status).toBe(404);
    const reviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    expect((await t.request('GET', `/api/v1/organizations/${id}/members`, { token: reviewer.token })).status).toBe(200);
    expect((await add(reviewer.token, id, { email: reviewer.email, role: 'owner' })).status).toBe(403);
    expect((await add('', id, { email: outsider.email, role: 'member' })).status).toBe(401);
  });

  it('removes members but never the last owner (422 LAST_OWNER)', async () => {
    const { id, owner } = await enterpriseOf();
    const second = await registerAndLogin(t);
    const member = await registerAndLogin(t);
    await add(owner.token, id, { email: member.email, role: 'member' });

    const last = await remove(owner.token, id, owner.userId);
    expect(last.status).toBe(422);
    expect(last.body.code).toBe('LAST_OWNER');

    expect((await remove(owner.token, id, member.userId)).status).toBe(204);
    expect((await t.request('GET', `/api/v1/enterprises/${id}`, { token: member.token })).status).toBe(404);
    expect((await remove(owner.token, id, member.userId)).status).toBe(404);

    await add(owner.token, id, { email: second.email, role: 'owner' });
    expect((await remove(second.token, id, owner.userId)).status).toBe(204);
    expect((await remove(second.token, id, second.userId)).body.code).toBe('LAST_OWNER');
    expect(await auditActions(t, id)).toEqual(expect.arrayContaining(['organization.member.removed']));
  });

  it('answers 400 for malformed member bodies and ids', async () => {
    const { id, owner } = await enterpriseOf();
    expect((await add(owner.token, id, { email: 'not-an-email', role: 'member' })).status).toBe(400);
    expect((await add(owner.token, id, { email: uniqueEmail(), role: 'admin' })).status).toBe(400);
    expect((await add(owner.token, id, { email: uniqueEmail(), role: 'member', extra: true })).status).toBe(400);
    expect((await remove(owner.token, id, 'nope')).status).toBe(400);
  });
});
