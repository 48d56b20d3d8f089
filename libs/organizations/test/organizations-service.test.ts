import { NestFactory } from '@nestjs/core';
import { ManualClock } from '@innoserve/core';
import { SCHEDULED_JOB, type ScheduledJob } from '@innoserve/database';
import { AdmissionExpirySweep, OrganizationsService } from '@innoserve/organizations';
import { WorkerModule } from '../../../apps/worker/src/worker.module.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin } from '../../../test/support/auth.js';
import { auditActions, enterpriseBody, providerBody, withDocuments } from './support.js';

describe(OrganizationsService.name, () => {
  let t: TestApp;
  let orgs: OrganizationsService;
  const clock = new ManualClock(new Date('2026-05-10T04:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
    orgs = t.app.get(OrganizationsService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates through the same rules as the API and reads a snapshot with both profiles', async () => {
    const user = await registerAndLogin(t);
    const body = enterpriseBody({ controllerGroup: '示例控股集团', highTechCertNo: 'GR202435000123', highTechCertExpiresOn: '2027-12-01' });
    const e = await orgs.createEnterprise(user.userId, body as never);
    await orgs.createProvider(user.userId, providerBody({ uscc: body.uscc, name: body.name }) as never);
    const s = await orgs.get(e.id);
    expect(s).toMatchObject({
      id: e.id,
      uscc: body.uscc,
      groupKey: '示例控股集团',
      enterprise: { status: 'pending', sizeClass: 'small', annualRevenueFen: 1_200_000_000n, highTechCertNo: 'GR202435000123' },
      provider: { admissionStatus: 'applied', admittedCategoryIds: [], qualifications: [{ kind: 'CMA', number: '201512345678', expiresOn: '2030-12-31' }] },
    });
    expect(await orgs.membershipRole(e.id, user.userId)).toBe('owner');
    expect(await orgs.isMember(e.id, '00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(await orgs.organizationIdsOf(user.userId)).toEqual([e.id]);
    expect(await orgs.enterpriseStatus(e.id)).toBe('pending');
    expect((await orgs.providerAdmission(e.id))?.admissionStatus).toBe('applied');
    expect(await orgs.find('00000000-0000-4000-8000-000000000000')).toBeNull();
    await expect(orgs.get('not-a-uuid')).rejects.toMatchObject({ status: 404 });
  });

  it('keys groups by the controller group, or the organization itself when it has none', async () => {
    const user = await registerAndLogin(t);
    const a = await orgs.createEnterprise(user.userId, enterpriseBody({ controllerGroup: '泉州某集团' }) as never);
    const b = await orgs.createEnterprise(user.userId, enterpriseBody({ controllerGroup: '泉州某集团' }) as never);
    const alone = await orgs.createEnterprise(user.userId, enterpriseBody() as never);
    expect(await orgs.groupKeyOf(a.id)).toBe('泉州某集团');
    expect(await orgs.groupKeyOf(alone.id)).toBe(alone.id);
    expect((await orgs.groupMemberIds('泉州某集团')).sort()).toEqual([a.id, b.id].sort());
    expect(await orgs.groupMemberIds(alone.id)).toEqual([alone.id]);
  });

  it('blacklists through a day (default three years), audited, and lifts it', async () => {
    const user = await registerAndLogin(t);
    const e = await orgs.createEnterprise(user.userId, enterpriseBody() as never);
    expect(await orgs.isBlacklisted(e.id)).toBe(false);
    const s = await orgs.blacklist(e.id, { reason: '虚假申报' }, null);
    expect(s.blacklistedUntil).toBe('2029-05-10');
    expect(await orgs.isBlacklisted(e.id)).toBe(true);
    expect(await orgs.isBlacklisted(e.id, '2029-05-10')).toBe(true);
    expect(await orgs.isBlacklisted(e.id, '2029-05-11')).toBe(false);
    await orgs.blacklist(e.id, { reason: '再次违规', until: '2026-06-30' }, null);
    expect(await orgs.isBlacklisted(e.id, new Date('2026-06-30T15:59:00Z'))).toBe(true); // 23:59 in Shanghai
    expect(await orgs.isBlacklisted(e.id, new Date('2026-06-30T16:00:00Z'))).toBe(false); // 1 July in Shanghai
    await orgs.liftBlacklist(e.id, '复议撤销', null);
    expect(await orgs.isBlacklisted(e.id)).toBe(false);
    expect(await auditActions(t, e.id)).toEqual(expect.arrayContaining(['organization.blacklisted', 'organization.blacklist-lifted']));
    await expect(orgs.blacklist(e.id, { reason: '  ' }, null)).rejects.toMatchObject({ status: 400 });
  });

  it('takes staff decisions with a principal, checking jurisdiction like the API', async () => {
    const user = await registerAndLogin(t);
    const e = await orgs.createEnterprise(user.userId, (await withDocuments(t, user.token, enterpriseBody())) as never);
    const staff = { userId: (await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350583'] }])).userId, email: '', displayName: '', locale: 'zh' as const };
    await expect(orgs.decideVerification({ ...staff, staff: [{ role: 'county_reviewer', regionCodes: ['350583'] }] }, e.id, { decision: 'approve' })).rejects.toMatchObject({
      status: 404,
    });
    const verified = await orgs.decideVerification({ ...staff, staff: [{ role: 'program_officer', regionCodes: ['350500'] }] }, e.id, { decision: 'approve' });
    expect(verified.status).toBe('verified');
  });
});

describe(AdmissionExpirySweep.name, () => {
  it('is hosted by the worker as an hourly scheduled job', async () => {
    const t = await startTestApp();
    try {
      const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
      try {
        const job: ScheduledJob = worker.get(AdmissionExpirySweep)[SCHEDULED_JOB];
        expect(job).toMatchObject({ name: 'organizations.admission-expiry', intervalMs: 3_600_000 });
        await expect(job.run()).resolves.toBeUndefined();
      } finally {
        await worker.close();
      }
    } finally {
      await t.close();
    }
  });
});
