/**
 * GET /admin/audit/verification over HTTP: the last anchor and a full verification of the chain, to
 * city-wide auditors and super-admins only; an entry edited behind the log's back is named.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditSealer, AuditService } from '@innoserve/audit';
import { TransactionRunner } from '@innoserve/database';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, createSuperAdminAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';

describe('GET /api/v1/admin/audit/verification', () => {
  let t: TestApp;
  let ds: DataSource;
  let auditor: AuthSession;
  const streamId = randomUUID();
  const url = '/api/v1/admin/audit/verification';

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    const audit = t.app.get(AuditService);
    const tx = t.app.get(TransactionRunner);
    for (let i = 1; i <= 4; i++) {
      await tx.run((m) => audit.record(m, { streamType: 'order', streamId, action: `order.step${i}`, actorId: null, after: { i } }));
    }
    auditor = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
  });
  afterAll(async () => t.close());

  it('answers 403 to county auditors, other staff and ordinary users, and 401 without a token', async () => {
    const countyAuditor = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350582'] }]);
    const denied = await t.request('GET', url, { token: countyAuditor.token });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('AUDIT_CITY_ONLY');
    const officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    expect((await t.request('GET', url, { token: officer.token })).status).toBe(403);
    expect((await t.request('GET', url, { token: (await registerAndLogin(t)).token })).status).toBe(403);
    expect((await t.request('GET', url)).status).toBe(401);
  });

  it('reports a clean chain before and after sealing, with the last anchor', async () => {
    const before = await t.request('GET', url, { token: auditor.token });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ ok: true, problems: [], lastAnchor: null, anchors: 0 });
    expect(before.body.entries).toBeGreaterThanOrEqual(4);
    expect(before.body.unanchored).toBe(before.body.entries);

    const sealed = await new AuditSealer(ds).seal();
    expect(sealed.length).toBeGreaterThan(0);
    const last = sealed[sealed.length - 1];
    const after = await t.request('GET', url, { token: (await createSuperAdminAndLogin(t)).token });
    expect(after.status).toBe(200);
    const [{ from }]: { from: string }[] = await ds.query('SELECT min(id)::text AS from FROM audit_entry WHERE xact_id < $1', [last.uptoXactId]);
    expect(after.body).toMatchObject({
      ok: true,
      problems: [],
      anchors: sealed.length,
      lastAnchor: { id: last.id, fromEntryId: sealed.length === 1 ? from : expect.any(String), uptoEntryId: last.uptoEntryId, uptoXactId: last.uptoXactId, entryCount: last.entryCount, hash: last.hash },
    });
    expect(after.body.lastAnchor.sealedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(after.body.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(after.body.streams).toBeGreaterThanOrEqual(1);
  });

  it("reports ok: false and names an entry whose `after` was edited in SQL", async () => {
    const [{ id }]: { id: string }[] = await ds.query(`SELECT id::text AS id FROM audit_entry WHERE stream_id = $1 AND stream_seq = 2`, [streamId]);
    // what a tamperer with table-owner rights does: switch the append-only triggers off
    await ds.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
    await ds.query(`UPDATE audit_entry SET after = '{"i": 999}' WHERE id = $1`, [id]);
    await ds.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');

    const res = await t.request('GET', url, { token: auditor.token });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^audit_entry #${id} \\(order/${streamId} seq 2\\): hash does not match its content`)), expect.stringMatching(/^audit_anchor #\d+: hash mismatch/)]),
    );
  });
});
