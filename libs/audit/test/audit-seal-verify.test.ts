import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { SCHEDULED_JOB, TransactionRunner } from '@innoserve/database';
import { AuditSealer, AuditService, AuditVerifier, type SealedAnchor } from '@innoserve/audit';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { openAuditTestDb, type AuditTestDb } from './audit-db.js';

const audit = new AuditService();

/** A log with a few streams, sealed, plus an unanchored tail. */
async function seededLog(t: AuditTestDb): Promise<{ streams: string[] }> {
  const tx = new TransactionRunner(t.ds);
  const streams = [randomUUID(), randomUUID(), randomUUID()];
  for (let i = 0; i < 3; i++) {
    for (const id of streams) {
      await tx.run((m) => audit.record(m, { streamType: 'order', streamId: id, action: `order.step${i}`, actorId: randomUUID(), before: { i }, after: { i: i + 1 } }));
    }
  }
  await sealUntilCovered(t, await maxEntryId(t));
  return { streams };
}

async function maxEntryId(t: AuditTestDb): Promise<string> {
  const [{ id }] = await t.ds.query('SELECT max(id)::text AS id FROM audit_entry');
  return id;
}

/** xmin is cluster-wide: a transaction of a parallel test file may hold it back for a moment. */
async function sealUntilCovered(t: AuditTestDb, entryId: string, opts: { maxEntries?: number } = {}): Promise<SealedAnchor[]> {
  const sealer = new AuditSealer(t.ds);
  const made: SealedAnchor[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    made.push(...(await sealer.seal(opts)));
    const [{ covered }] = await t.ds.query(
      `SELECT EXISTS (SELECT 1 FROM audit_entry e WHERE e.id = $1 AND e.xact_id < (SELECT max(upto_xact_id) FROM audit_anchor)) AS covered`,
      [entryId],
    );
    if (covered) return made;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`entry #${entryId} was never anchored`);
}

async function tamper(t: AuditTestDb, sql: string, params: unknown[] = []): Promise<void> {
  // what a tamperer with table-owner rights does: switch the append-only triggers off
  await t.ds.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
  await t.ds.query(sql, params);
  await t.ds.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');
}

async function openWriter(t: AuditTestDb): Promise<QueryRunner> {
  const qr = t.ds.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  return qr;
}

describe(AuditVerifier.name, () => {
  let t: AuditTestDb;
  afterEach(async () => t.close());

  it('passes a clean log with anchors and an unanchored tail', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    await seededLog(t);
    await new TransactionRunner(t.ds).run((m) => audit.record(m, { streamType: 'order', streamId: randomUUID(), action: 'order.placed', actorId: null }));
    const result = await new AuditVerifier(t.ds).verify();
    expect(result).toMatchObject({ ok: true, streams: 4, entries: 10, problems: [] });
    expect(result.anchors).toBeGreaterThan(0);
    expect(result.unanchored).toBeGreaterThanOrEqual(1);
  });

  it('names an entry whose after was edited in SQL', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    const { streams } = await seededLog(t);
    const [{ id }] = await t.ds.query(`SELECT id::text AS id FROM audit_entry WHERE stream_id = $1 AND stream_seq = 2`, [streams[1]]);
    await tamper(t, `UPDATE audit_entry SET after = '{"i": 999}' WHERE id = $1`, [id]);
    const result = await new AuditVerifier(t.ds).verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`audit_entry #${id} .*hash does not match its content`)), expect.stringMatching(/audit_anchor #\d+: hash mismatch/)]),
    );
  });

  it('catches an edited actor even when the tamperer recomputes the whole stream', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    const { streams } = await seededLog(t);
    const [{ id }] = await t.ds.query(`SELECT id::text AS id FROM audit_entry WHERE stream_id = $1 AND stream_seq = 3`, [streams[0]]);
    // change the actor and rewrite that (last) entry's hash consistently: the chain is fine, the anchor is not
    const rows = await t.ds.query(`SELECT * FROM audit_entry WHERE id = $1`, [id]);
    const { entryHash } = await import('@innoserve/audit');
    const r = rows[0];
    const forgedActor = randomUUID();
    const forged = entryHash({
      streamType: r.stream_type, streamId: r.stream_id, streamSeq: r.stream_seq, action: r.action, actorId: forgedActor,
      occurredAt: r.occurred_at.toISOString(), before: r.before, after: r.after, reason: r.reason, prevHash: r.prev_hash,
    });
    await tamper(t, `UPDATE audit_entry SET actor_id = $2, hash = $3 WHERE id = $1`, [id, forgedActor, forged]);
    const result = await new AuditVerifier(t.ds).verify();
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => /audit_anchor #\d+: hash mismatch/.test(p))).toBe(true);
  });

  it('reports a seq gap when an entry inside a stream is deleted', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    const { streams } = await seededLog(t);
    await tamper(t, `DELETE FROM audit_entry WHERE stream_id = $1 AND stream_seq = 2`, [streams[2]]);
    const result = await new AuditVerifier(t.ds).verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`${streams[2]} seq 3\\): follows seq 1`))]));
  });

  it('reports the anchor when the last entry of a stream before the last anchor is deleted', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    const { streams } = await seededLog(t);
    await tamper(t, `DELETE FROM audit_entry WHERE stream_id = $1 AND stream_seq = 3`, [streams[0]]);
    const result = await new AuditVerifier(t.ds).verify();
    expect(result.ok).toBe(false);
    // the stream itself still looks whole: only the anchor can tell
    expect(result.problems.every((p) => !p.includes(streams[0]))).toBe(true);
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/audit_anchor #\d+: covers \d+ entries but its range now holds \d+ \(entries were deleted\)/)]));
  });

  it('reports an entry slipped into an anchored range', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    await seededLog(t);
    const [{ x }] = await t.ds.query('SELECT min(xact_id)::text AS x FROM audit_entry');
    await tamper(
      t,
      `INSERT INTO audit_entry (stream_type, stream_id, stream_seq, action, actor_id, occurred_at, before, after, reason, prev_hash, hash, xact_id)
       VALUES ('order', $1, 1, 'order.placed', NULL, now(), 'null', 'null', NULL, $2, 'x', $3)`,
      [randomUUID(), '0'.repeat(64), x],
    );
    const result = await new AuditVerifier(t.ds).verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/entries were inserted/)]));
  });

  it('reports a truncated log', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    await seededLog(t);
    await tamper(t, 'TRUNCATE audit_entry');
    const result = await new AuditVerifier(t.ds).verify();
    expect(result.ok).toBe(false);
    expect(result.entries).toBe(0);
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/audit_entry is empty but anchors cover 9 entries: the log was truncated/)]));
  });
});

describe(AuditSealer.name, () => {
  let t: AuditTestDb;
  afterEach(async () => t.close());

  it('never anchors an entry of a transaction still open, and anchors it once committed', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    const tx = new TransactionRunner(t.ds);
    await tx.run((m) => audit.record(m, { streamType: 'order', streamId: randomUUID(), action: 'before', actorId: null }));
    const beforeId = await maxEntryId(t);
    const slow = await openWriter(t);
    const slowStream = randomUUID();
    await audit.record(slow.manager, { streamType: 'claim', streamId: slowStream, action: 'claim.submitted', actorId: null });
    const [{ id: slowId }] = await slow.query('SELECT id::text AS id FROM audit_entry WHERE stream_id = $1', [slowStream]);
    await tx.run((m) => audit.record(m, { streamType: 'order', streamId: randomUUID(), action: 'after', actorId: null }));

    const sealed = await sealUntilCovered(t, beforeId);
    sealed.push(...(await new AuditSealer(t.ds).seal()));
    expect(sealed.length).toBeGreaterThan(0);
    const anchored = await t.ds.query(
      'SELECT e.id::text AS id FROM audit_entry e WHERE e.xact_id < coalesce((SELECT max(upto_xact_id) FROM audit_anchor), 0) ORDER BY e.id',
    );
    // the anchor stops before the open transaction's entry, and before everything written after it
    expect(anchored.map((r: { id: string }) => r.id)).toEqual([beforeId]);
    for (const a of sealed) expect(BigInt(a.uptoEntryId)).toBeLessThan(BigInt(slowId));

    await slow.commitTransaction();
    await slow.release();
    await sealUntilCovered(t, await maxEntryId(t));
    await sealUntilCovered(t, slowId);
    const result = await new AuditVerifier(t.ds).verify();
    expect(result).toMatchObject({ ok: true, entries: 3, unanchored: 0 });
  });

  it('does not skip a late commit that drew a lower id than entries already anchored', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    // early gets its transaction id first, late second; late then draws the lower entry id
    const early = await openWriter(t);
    await early.query('SELECT pg_current_xact_id()');
    const late = await openWriter(t);
    await late.query('SELECT pg_current_xact_id()');
    await audit.record(late.manager, { streamType: 'grant', streamId: randomUUID(), action: 'grant.hold', actorId: null });
    await audit.record(early.manager, { streamType: 'grant', streamId: randomUUID(), action: 'grant.hold', actorId: null });
    await early.commitTransaction();
    await early.release();
    const [{ id: earlyId }] = await t.ds.query('SELECT max(id)::text AS id FROM audit_entry');

    const first = await sealUntilCovered(t, earlyId);
    expect(first.reduce((n, a) => n + a.entryCount, 0)).toBe(1);
    expect(first[first.length - 1].uptoEntryId).toBe(earlyId);

    await late.commitTransaction();
    await late.release();
    const [{ id: lateId }] = await t.ds.query('SELECT min(id)::text AS id FROM audit_entry');
    expect(BigInt(lateId)).toBeLessThan(BigInt(earlyId));
    await sealUntilCovered(t, lateId);
    const result = await new AuditVerifier(t.ds).verify();
    expect(result).toMatchObject({ ok: true, entries: 2, unanchored: 0 });
  });

  it('splits a backlog into anchors of bounded size that verify', async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    const tx = new TransactionRunner(t.ds);
    for (let i = 0; i < 10; i++) await tx.run((m) => audit.record(m, { streamType: 'program', streamId: 'p1', action: `a${i}`, actorId: null }));
    const made = await sealUntilCovered(t, await maxEntryId(t), { maxEntries: 3 });
    expect(made.length).toBeGreaterThanOrEqual(4);
    expect(made.every((a) => a.entryCount <= 3)).toBe(true);
    expect(made.reduce((n, a) => n + a.entryCount, 0)).toBe(10);
    expect(await new AuditVerifier(t.ds).verify()).toMatchObject({ ok: true, anchors: made.length, entries: 10 });
  });

  it('runs as a scheduled job every minute', () => {
    t = { close: async () => undefined } as AuditTestDb;
    const sealer = new AuditSealer({} as never);
    expect((sealer as any)[SCHEDULED_JOB]).toMatchObject({ name: 'audit.seal', intervalMs: 60_000 });
  });
});
