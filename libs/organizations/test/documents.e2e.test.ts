/**
 * Organization documents: the enterprise's business licence and the provider's certificates are
 * uploaded files; verification and admission require them; only the organization's members and
 * the staff who may decide on it can download them.
 */
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { uploadPdf } from '../../../test/support/files.js';
import { auditEntries, enterpriseBody, providerBody } from './support.js';

describe('organization documents', () => {
  let t: TestApp;
  let jinjiangReviewer: AuthSession;
  let nananReviewer: AuthSession;
  let officer: AuthSession;
  let countyOfficer: AuthSession;

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMISSION_NOTICE_DAYS: '0' } });
    jinjiangReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    nananReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350583'] }]);
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    countyOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350503'] }]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const post = (token: string, url: string, body: unknown = {}) => t.request('POST', url, { token, body });
  const download = (token: string, id: string) => t.request('GET', `/api/v1/files/${id}`, { token });

  describe('the business licence', () => {
    it('is required to approve a verification (422 LICENCE_REQUIRED, both languages), and an attached one lets it through', async () => {
      const owner = await registerAndLogin(t);
      const { body: e } = await post(owner.token, '/api/v1/enterprises', enterpriseBody());
      expect(e.businessLicenceFileId).toBeNull();
      const refused = await post(jinjiangReviewer.token, `/api/v1/admin/enterprises/${e.id}/verification`, { decision: 'approve' });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'LICENCE_REQUIRED', errors: [{ field: 'businessLicenceFileId' }] });
      expect(refused.body.detail).toMatch(/营业执照/);
      const en = await t.request('POST', `/api/v1/admin/enterprises/${e.id}/verification`, { token: jinjiangReviewer.token, body: { decision: 'approve' }, headers: { 'accept-language': 'en' } });
      expect(en.body.detail).toMatch(/business licence/);

      const licence = await uploadPdf(t, owner.token, '营业执照.pdf');
      const patched = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: owner.token, body: { businessLicenceFileId: licence } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ businessLicenceFileId: licence, status: 'pending' });
      const [updated] = await auditEntries(t, e.id, 'enterprise.updated');
      expect(updated).toMatchObject({ before: { businessLicenceFileId: null }, after: { businessLicenceFileId: licence } });
      const approved = await post(jinjiangReviewer.token, `/api/v1/admin/enterprises/${e.id}/verification`, { decision: 'approve' });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('verified');
    });

    it("accepts only the caller's own upload, or a file the enterprise already holds (422 FILE_NOT_FOUND otherwise)", async () => {
      const owner = await registerAndLogin(t);
      const stranger = await registerAndLogin(t);
      const theirs = await uploadPdf(t, stranger.token);
      const bad = await post(owner.token, '/api/v1/enterprises', { ...enterpriseBody(), businessLicenceFileId: theirs });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'FILE_NOT_FOUND', errors: [{ field: 'businessLicenceFileId' }] });
      expect((await post(owner.token, '/api/v1/enterprises', { ...enterpriseBody(), businessLicenceFileId: '00000000-0000-4000-8000-000000000001' })).status).toBe(422);
      expect((await post(owner.token, '/api/v1/enterprises', { ...enterpriseBody(), businessLicenceFileId: 'not-a-uuid' })).status).toBe(400);

      const licence = await uploadPdf(t, owner.token);
      const { body: e } = await post(owner.token, '/api/v1/enterprises', { ...enterpriseBody(), businessLicenceFileId: licence });
      expect(e.businessLicenceFileId).toBe(licence);
      // a colleague sends the enterprise's own licence back with an edit: it is the organization's, so it passes
      const colleague = await registerAndLogin(t);
      expect((await post(owner.token, `/api/v1/organizations/${e.id}/members`, { email: colleague.email, role: 'member' })).status).toBe(201);
      const same = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: colleague.token, body: { businessLicenceFileId: licence, contactPhone: '0595-88881111' } });
      expect(same.status).toBe(200);
      const foreign = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: colleague.token, body: { businessLicenceFileId: theirs } });
      expect(foreign.status).toBe(422);
      expect(foreign.body.code).toBe('FILE_NOT_FOUND');
    });

    it('can be replaced on resubmission after a rejection', async () => {
      const owner = await registerAndLogin(t);
      const first = await uploadPdf(t, owner.token);
      const { body: e } = await post(owner.token, '/api/v1/enterprises', { ...enterpriseBody(), businessLicenceFileId: first });
      await post(jinjiangReviewer.token, `/api/v1/admin/enterprises/${e.id}/verification`, { decision: 'reject', reason: '营业执照照片不清晰' });
      const second = await uploadPdf(t, owner.token);
      const res = await post(owner.token, `/api/v1/enterprises/${e.id}/resubmit`, { businessLicenceFileId: second });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending', businessLicenceFileId: second });
      const [resubmit] = await auditEntries(t, e.id, 'enterprise.verification.resubmit');
      expect(resubmit).toMatchObject({ before: { status: 'rejected', businessLicenceFileId: first }, after: { status: 'pending', businessLicenceFileId: second } });
    });

    it('is downloadable by members and the reviewers who may decide on the enterprise; 404 for everyone else', async () => {
      const owner = await registerAndLogin(t);
      const licence = await uploadPdf(t, owner.token);
      await post(owner.token, '/api/v1/enterprises', { ...enterpriseBody(), businessLicenceFileId: licence });
      const colleague = await registerAndLogin(t);
      const [{ id }] = await t.app.get((await import('typeorm')).DataSource).query('SELECT organization_id AS id FROM enterprise_profile WHERE business_licence_file_id = $1', [licence]);
      await post(owner.token, `/api/v1/organizations/${id}/members`, { email: colleague.email, role: 'member' });
      for (const who of [owner, colleague, jinjiangReviewer, officer]) {
        const res = await download(who.token, licence);
        expect(res.status).toBe(200);
        expect(res.text.startsWith('%PDF')).toBe(true);
      }
      const auditor = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
      for (const who of [nananReviewer, auditor, await registerAndLogin(t)]) expect((await download(who.token, licence)).status).toBe(404);
    });
  });

  describe('the certificates', () => {
    it('are required on every qualification to start the notice and to admit (422 CERTIFICATE_REQUIRED)', async () => {
      const owner = await registerAndLogin(t);
      const cma = await uploadPdf(t, owner.token, 'CMA.pdf');
      const body = providerBody({
        qualifications: [
          { kind: 'CMA', number: '201512345678', expiresOn: '2030-12-31', certificateFileId: cma },
          { kind: 'CNAS', number: 'L1234', expiresOn: '2030-12-31' },
        ],
      });
      const { body: p } = await post(owner.token, '/api/v1/providers', body);
      expect(p.qualifications).toEqual([
        expect.objectContaining({ kind: 'CMA', certificateFileId: cma }),
        expect.objectContaining({ kind: 'CNAS', certificateFileId: null }),
      ]);
      const refused = await post(officer.token, `/api/v1/admin/providers/${p.id}/admission`, { action: 'start-notice' });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'CERTIFICATE_REQUIRED', errors: [{ field: 'qualifications' }] });
      expect(refused.body.detail).toMatch(/1 项资质/);

      const cnas = await uploadPdf(t, owner.token, 'CNAS.pdf');
      const patched = await t.request('PATCH', `/api/v1/providers/${p.id}`, {
        token: owner.token,
        body: { qualifications: [{ ...(body.qualifications as object[])[0] }, { kind: 'CNAS', number: 'L1234', expiresOn: '2030-12-31', certificateFileId: cnas }] },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.qualifications.map((q: any) => q.certificateFileId)).toEqual([cma, cnas]);
      expect((await post(officer.token, `/api/v1/admin/providers/${p.id}/admission`, { action: 'start-notice' })).status).toBe(200);
      const admitted = await post(officer.token, `/api/v1/admin/providers/${p.id}/admission`, { action: 'admit' });
      expect(admitted.status).toBe(200);
      expect(admitted.body.admissionStatus).toBe('admitted');
    });

    it('refuses an admission whose qualification lost its certificate before admit (rows from before the rule)', async () => {
      const owner = await registerAndLogin(t);
      const cert = await uploadPdf(t, owner.token);
      const { body: p } = await post(owner.token, '/api/v1/providers', providerBody({ qualifications: [{ kind: 'CMA', number: '1', expiresOn: null, certificateFileId: cert }] }));
      await post(officer.token, `/api/v1/admin/providers/${p.id}/admission`, { action: 'start-notice' });
      await t.app.get((await import('typeorm')).DataSource).query('UPDATE provider_qualification SET certificate_file_id = NULL WHERE organization_id = $1', [p.id]);
      const res = await post(officer.token, `/api/v1/admin/providers/${p.id}/admission`, { action: 'admit' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CERTIFICATE_REQUIRED');
    });

    it("refuse another user's file, name the qualification at fault, and are downloadable by members and city program officers only", async () => {
      const owner = await registerAndLogin(t);
      const stranger = await registerAndLogin(t);
      const theirs = await uploadPdf(t, stranger.token);
      const bad = await post(owner.token, '/api/v1/providers', providerBody({ qualifications: [{ kind: 'CMA', number: '1', expiresOn: null, certificateFileId: theirs }] }));
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'FILE_NOT_FOUND', errors: [{ field: 'qualifications[0].certificateFileId' }] });

      const cert = await uploadPdf(t, owner.token);
      expect((await post(owner.token, '/api/v1/providers', providerBody({ qualifications: [{ kind: 'CMA', number: '1', expiresOn: null, certificateFileId: cert }] }))).status).toBe(201);
      expect((await download(owner.token, cert)).status).toBe(200);
      expect((await download(officer.token, cert)).status).toBe(200);
      // a county program officer sees the provider but does not decide its admission; a county reviewer neither
      const fengzeReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350503'] }]);
      for (const who of [countyOfficer, fengzeReviewer, stranger]) expect((await download(who.token, cert)).status).toBe(404);
    });
  });
});
