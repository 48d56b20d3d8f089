/**
 * An organization's history (GET /admin/organizations/:id/history): the audit entries of its own
 * stream and of its sanctions' streams, newest first, for program officers and auditors covering
 * it and super-admins; 403 for other staff who see it, 404 outside the jurisdiction.
 */
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, createSuperAdminAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { enterpriseBody, withDocuments } from '../../organizations/test/support.js';

describe('GET /api/v1/admin/organizations/:id/history', () => {
  let t: TestApp;
  let officer: AuthSession;
  let owner: AuthSession;
  let enterpriseId: string;
  let otherId: string;
  let sanctionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    owner = await registerAndLogin(t);
    const e = await t.request('POST', '/api/v1/enterprises', { token: owner.token, body: await withDocuments(t, owner.token, enterpriseBody()) });
    enterpriseId = e.body.id;
    expect((await t.request('POST', `/api/v1/admin/enterprises/${enterpriseId}/verification`, { token: officer.token, body: { decision: 'approve' } })).status).toBe(200);
    const colleague = await registerAndLogin(t);
    expect((await t.request('POST', `/api/v1/organizations/${enterpriseId}/members`, { token: owner.token, body: { email: colleague.email, role: 'member' } })).status).toBe(201);
    const s = await t.request('POST', '/api/v1/admin/sanctions', { token: officer.token, body: { organizationId: enterpriseId, kind: 'blacklist', reason: '虚假申报' } });
    expect(s.status).toBe(201);
    sanctionId = s.body.id;
    const other = await registerAndLogin(t);
    otherId = (await t.request('POST', '/api/v1/enterprises', { token: other.token, body: enterpriseBody() })).body.id;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const history = (token: string, id = enterpriseId, q = '') => t.request('GET', `/api/v1/admin/organizations/${id}/history${q}`, { token });

  it("lists its own stream and its sanctions' streams, newest first, and nothing of another organization", async () => {
    const res = await history(officer.token);
    expect(res.status).toBe(200);
    const items = res.body.items as { streamType: string; streamId: string; action: string; id: string }[];
    expect(items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['organization.registered', 'enterprise.registered', 'enterprise.verification.approve', 'organization.sanctioned', 'sanction.blacklist']),
    );
    expect(items.some((e) => e.action.startsWith('organization.member'))).toBe(true);
    expect(new Set(items.map((e) => `${e.streamType}/${e.streamId}`))).toEqual(new Set([`organization/${enterpriseId}`, `sanction/${sanctionId}`]));
    const ids = items.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(ids);
    expect(res.body.total).toBe(items.length);
    const page = await history(officer.token, enterpriseId, '?page=2&pageSize=2');
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: items.length });
    expect(page.body.items.map((e: { id: string }) => e.id)).toEqual(items.slice(2, 4).map((e) => e.id));
  });

  it('is open to program officers and auditors covering the region and to super-admins; other staff who see it 403, outside the jurisdiction 404, members 403', async () => {
    const countyAuditor = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350582'] }]);
    const admin = await createSuperAdminAndLogin(t);
    for (const who of [countyAuditor, admin]) expect((await history(who.token)).status).toBe(200);
    const reviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    expect((await history(reviewer.token)).status).toBe(403);
    const nananOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350583'] }]);
    expect((await history(nananOfficer.token)).status).toBe(404);
    expect((await history(owner.token)).status).toBe(403);
    expect((await history(officer.token, '00000000-0000-4000-8000-000000000001')).status).toBe(404);
    expect((await history(officer.token, otherId)).body.items.every((e: { streamId: string }) => e.streamId === otherId)).toBe(true);
  });
});
