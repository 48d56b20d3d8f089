import { randomUUID } from 'node:crypto';
import { AuditService } from '@innoserve/audit';
import { TransactionRunner } from '@innoserve/database';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, createSuperAdminAndLogin, registerAndLogin } from '../../../test/support/auth.js';

describe('GET /api/v1/admin/audit', () => {
  let t: TestApp;
  const orderId = randomUUID();
  const actor = randomUUID();

  beforeAll(async () => {
    t = await startTestApp();
    const audit = t.app.get(AuditService);
    const tx = t.app.get(TransactionRunner);
    for (let i = 1; i <= 5; i++) {
      await tx.run((m) => audit.record(m, { streamType: 'order', streamId: orderId, action: `order.step${i}`, actorId: i % 2 ? actor : null, after: { i, fen: 100n * BigInt(i) } }));
    }
  });
  afterAll(async () => t.close());

  it('answers 401 without a token', async () => {
    expect((await t.request('GET', '/api/v1/admin/audit')).status).toBe(401);
  });

  it('answers 403 to staff without the auditor role and to ordinary users', async () => {
    const reviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    expect((await t.request('GET', '/api/v1/admin/audit', { token: reviewer.token })).status).toBe(403);
    const user = await registerAndLogin(t);
    expect((await t.request('GET', '/api/v1/admin/audit', { token: user.token })).status).toBe(403);
  });

  it('lists an entity’s entries newest first, paged, to an auditor', async () => {
    const auditor = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
    const res = await t.request('GET', `/api/v1/admin/audit?entityType=order&entityId=${orderId}&page=1&pageSize=2`, { token: auditor.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(res.body.items.map((e: any) => e.streamSeq)).toEqual([5, 4]);
    expect(res.body.items[0]).toMatchObject({ streamType: 'order', streamId: orderId, action: 'order.step5', actorId: actor, after: { i: 5, fen: '500' } });
    expect(res.body.items[0].prevHash).toMatch(/^[0-9a-f]{64}$/);
    const page3 = await t.request('GET', `/api/v1/admin/audit?entityType=order&entityId=${orderId}&page=3&pageSize=2`, { token: auditor.token });
    expect(page3.body.items.map((e: any) => e.streamSeq)).toEqual([1]);
  });

  it('filters by actor, and lets a super admin in', async () => {
    const admin = await createSuperAdminAndLogin(t);
    const res = await t.request('GET', `/api/v1/admin/audit?actor=${actor.toUpperCase()}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((e: any) => e.action)).toEqual(['order.step5', 'order.step3', 'order.step1']);
  });

  it('rejects a malformed actor, an oversize filter and a page size above 100 with 400', async () => {
    const admin = await createSuperAdminAndLogin(t);
    for (const q of ['actor=not-a-uuid', `entityType=${'x'.repeat(101)}`, `entityId=${'x'.repeat(201)}`, 'pageSize=101', 'page=0', 'unknown=1']) {
      const res = await t.request('GET', `/api/v1/admin/audit?${q}`, { token: admin.token });
      expect([q, res.status]).toEqual([q, 400]);
    }
  });
});

describe('GET /api/v1/admin/audit jurisdiction', () => {
  it('refuses an auditor whose jurisdiction is one county (the log spans the whole city)', async () => {
    const { startTestApp } = await import('../../../test/support/app.js');
    const { createStaffAndLogin } = await import('../../../test/support/auth.js');
    const t = await startTestApp();
    try {
      const county = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350582'] }]);
      const res = await t.request('GET', '/api/v1/admin/audit', { token: county.token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUDIT_CITY_ONLY');
      const city = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
      expect((await t.request('GET', '/api/v1/admin/audit', { token: city.token })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('GET /api/v1/admin/audit from/to', () => {
  it('keeps entries in [from, to) and answers 422 INVALID_TIME_RANGE when from is after to', async () => {
    const { ManualClock } = await import('@innoserve/core');
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const t = await startTestApp({ clock });
    try {
      const audit = t.app.get(AuditService);
      const tx = t.app.get(TransactionRunner);
      const id = randomUUID();
      // occurred_at comes from the database clock: stamp three entries an hour apart by hand
      for (let i = 0; i < 3; i++) await tx.run((m) => audit.record(m, { streamType: 'order', streamId: id, action: `order.t${i}`, actorId: null }));
      const ds = t.app.get((await import('typeorm')).DataSource);
      await ds.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
      await ds.query(`UPDATE audit_entry SET occurred_at = '2026-03-01T00:00:00Z'::timestamptz + (stream_seq - 1) * interval '1 hour' WHERE stream_id = $1`, [id]);
      await ds.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');
      const admin = await createSuperAdminAndLogin(t);
      const list = (q: string) => t.request('GET', `/api/v1/admin/audit?entityId=${id}&${q}`, { token: admin.token });
      const inRange = await list(`from=${encodeURIComponent('2026-03-01T08:00:00+08:00')}&to=${encodeURIComponent('2026-03-01T02:00:00Z')}`);
      expect(inRange.status).toBe(200);
      expect(inRange.body.items.map((e: any) => e.action)).toEqual(['order.t1', 'order.t0']); // from inclusive, to exclusive
      expect((await list('from=2026-03-01T01:00:00Z')).body.items.map((e: any) => e.action)).toEqual(['order.t2', 'order.t1']);
      expect((await list('to=2026-03-01T00:00:00Z')).body.total).toBe(0);
      const backwards = await list('from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z');
      expect(backwards.status).toBe(422);
      expect(backwards.body).toMatchObject({ code: 'INVALID_TIME_RANGE', errors: [{ field: 'from' }] });
      for (const bad of ['from=yesterday', 'from=2026-03-01', 'to=2026-03-01T00:00:00', 'to=2026-13-01T00:00:00Z']) expect([bad, (await list(bad)).status]).toEqual([bad, 400]);
    } finally {
      await t.close();
    }
  });
});
