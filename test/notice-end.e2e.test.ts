/**
 * The end of a provider's public notice (issue #13's "the public notice starting and ending"): the
 * worker's job announces it once per notice — an audited event, also when runs overlap — and the
 * notification goes to the provider's members and the program officers covering it.
 */
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { SCHEDULED_JOB, type ScheduledJob } from '@innoserve/database';
import { EVENT_SPECS, NOTIFIED_ACTIONS } from '@innoserve/notifications';
import { NOTICE_ENDED, NoticeEndSweep } from '@innoserve/organizations';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { appliedProvider } from '../libs/catalog/test/support.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createStaffAndLogin } from './support/auth.js';

describe('the end of the public notice', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ADMISSION_NOTICE_DAYS: '0' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is announced once per notice by the worker job, to the members and the officers covering the provider', async () => {
    const officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    const elsewhere = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350583'] }]); // Nan'an: not covering
    const provider = await appliedProvider(t);
    const waiting = await appliedProvider(t); // applied, no notice: nothing to announce
    expect((await t.request('POST', `/api/v1/admin/providers/${provider.id}/admission`, { token: officer.token, body: { action: 'start-notice' } })).status).toBe(200);

    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    try {
      const sweep = worker.get(NoticeEndSweep);
      const job: ScheduledJob = sweep[SCHEDULED_JOB];
      expect(job.name).toBe('organizations.notice-end');
      // overlapping runs announce it once
      const counts = await Promise.all([sweep.sweep(), sweep.sweep(), sweep.sweep()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await sweep.sweep()).toBe(0);
    } finally {
      await worker.close();
    }
    const ds = t.app.get(DataSource);
    const entries = await ds.query<{ stream_id: string; after: { noticeEndsAt: string } }[]>(`SELECT stream_id, after FROM audit_entry WHERE action = $1`, [NOTICE_ENDED]);
    expect(entries.map((e) => e.stream_id)).toEqual([provider.id]);
    expect(entries.map((e) => e.stream_id)).not.toContain(waiting.id);

    // the notification: in the catalog, to the provider's owner and the covering officer only
    expect(NOTIFIED_ACTIONS).toContain(NOTICE_ENDED);
    const spec = EVENT_SPECS[NOTICE_ENDED];
    const event = { id: '1', streamType: 'organization', streamId: provider.id, action: NOTICE_ENDED, actorId: null, after: entries[0].after, reason: null };
    const to = await spec.recipients(ds.manager, event);
    expect(to).toContain(provider.owner.userId);
    expect(to).toContain(officer.userId);
    expect(to).not.toContain(elsewhere.userId);
    expect((await spec.render(ds.manager, event)).titleZh).toBe('入库公示期已结束');
  });
});
