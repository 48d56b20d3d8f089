import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin } from '../../../test/support/auth.js';
import { providerBody, withDocuments } from './support.js';

describe('ADMISSION_NOTICE_DAYS=0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ADMISSION_NOTICE_DAYS: '0', ADMISSION_VALIDITY_MONTHS: '12' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a program officer admit right after starting a zero-day notice, valid for ADMISSION_VALIDITY_MONTHS', async () => {
    const officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    const owner = await registerAndLogin(t);
    const { body: p } = await t.request('POST', '/api/v1/providers', { token: owner.token, body: await withDocuments(t, owner.token, providerBody()) });
    const act = (action: string) => t.request('POST', `/api/v1/admin/providers/${p.id}/admission`, { token: officer.token, body: { action } });
    const notice = await act('start-notice');
    expect(notice.body.noticeEndsAt).toBe(notice.body.noticeStartsAt);
    const admitted = await act('admit');
    expect(admitted.status).toBe(200);
    expect(admitted.body.admissionStatus).toBe('admitted');
    const months =
      (new Date(admitted.body.admissionExpiresAt).getUTCFullYear() - new Date(admitted.body.admittedAt).getUTCFullYear()) * 12 +
      new Date(admitted.body.admissionExpiresAt).getUTCMonth() -
      new Date(admitted.body.admittedAt).getUTCMonth();
    expect(months).toBe(12);
  });
});
