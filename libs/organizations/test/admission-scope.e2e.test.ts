/**
 * Review findings: a provider's admission belongs to the city; what the notice announces is what
 * gets admitted; staff accounts never join organizations.
 */
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { FOOD_TESTING, PATENT_AGENCY, providerBody, withDocuments } from './support.js';

describe('provider admission scope', () => {
  let t: TestApp;
  let cityOfficer: AuthSession;
  let countyOfficer: AuthSession;
  let otherCountyReviewer: AuthSession;

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMISSION_NOTICE_DAYS: '0' } });
    cityOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    countyOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350582'] }]);
    otherCountyReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350583'] }]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function applyAsProvider(region: string) {
    const owner = await registerAndLogin(t);
    const res = await t.request('POST', '/api/v1/providers', { token: owner.token, body: await withDocuments(t, owner.token, providerBody({ regionCode: region })) });
    expect(res.status).toBe(201);
    return { owner, id: res.body.id as string };
  }
  const act = (token: string, id: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/admin/providers/${id}/admission`, { token, body });

  it('lets only city-wide program officers decide admissions; a county officer who sees the provider gets 403', async () => {
    const { id } = await applyAsProvider('350582');
    expect((await act(countyOfficer.token, id, { action: 'review' })).status).toBe(403);
    expect((await act(cityOfficer.token, id, { action: 'review' })).status).toBe(200);
  });

  it('lets any staff member object during the public notice, whatever their county', async () => {
    const { id } = await applyAsProvider('350582');
    expect((await act(cityOfficer.token, id, { action: 'start-notice' })).status).toBe(200);
    const res = await act(otherCountyReviewer.token, id, { action: 'object', reason: '该机构检测资质证书编号与国家认监委公示信息不符。' });
    expect(res.status).toBe(200);
  });

  it('freezes identity and scope while under review and in notice (409), so what is admitted is what was announced', async () => {
    const { owner, id } = await applyAsProvider('350503');
    expect((await act(cityOfficer.token, id, { action: 'start-notice' })).status).toBe(200);
    const res = await t.request('PATCH', `/api/v1/providers/${id}`, { token: owner.token, body: { categoryIds: [FOOD_TESTING, PATENT_AGENCY] } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('APPLICATION_UNDER_REVIEW');
    const admitted = await act(cityOfficer.token, id, { action: 'admit' });
    expect(admitted.status).toBe(200);
    const view = await t.request('GET', `/api/v1/providers/${id}`, { token: owner.token });
    expect(view.body.admittedCategoryIds).not.toContain(PATENT_AGENCY);
  });

  it('refuses to add a staff account as a member of an organization', async () => {
    const { owner, id } = await applyAsProvider('350503');
    const res = await t.request('POST', `/api/v1/organizations/${id}/members`, { token: owner.token, body: { email: countyOfficer.email, role: 'member' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('STAFF_CANNOT_JOIN');
  });
});
