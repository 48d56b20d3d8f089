import { randomUUID } from 'node:crypto';
import { ManualClock } from '@innoserve/core';
import { SqlParams, TransactionRunner } from '@innoserve/database';
import { AuditService, GENESIS_HASH, entryHash, streamHead } from '@innoserve/audit';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { openAuditTestDb, type AuditTestDb } from './audit-db.js';

interface Row {
  id: string;
  stream_type: string;
  stream_id: string;
  stream_seq: number;
  action: string;
  actor_id: string | null;
  occurred_at: Date;
  before: any;
  after: any;
  reason: string | null;
  prev_hash: string;
  hash: string;
  xact_id: string;
}

describe(AuditService.name, () => {
  let t: AuditTestDb;
  let tx: TransactionRunner;
  const audit = new AuditService();

  beforeAll(async () => {
    t = await openAuditTestDb(ALL_ENTITIES);
    tx = new TransactionRunner(t.ds);
  });
  afterAll(async () => t.close());

  const stream = async (type: string, id: string): Promise<Row[]> =>
    t.ds.query('SELECT * FROM audit_entry WHERE stream_type = $1 AND stream_id = $2 ORDER BY stream_seq', [type, id]);

  const expectChain = (rows: Row[], n: number): void => {
    expect(rows.map((r) => r.stream_seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    rows.forEach((r, i) => {
      expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1].hash);
      const recomputed = entryHash({
        streamType: r.stream_type,
        streamId: r.stream_id,
        streamSeq: r.stream_seq,
        action: r.action,
        actorId: r.actor_id,
        occurredAt: r.occurred_at.toISOString(),
        before: r.before,
        after: r.after,
        reason: r.reason,
        prevHash: r.prev_hash,
      });
      expect(r.hash).toBe(recomputed);
    });
  };

  it('composed appends (headExpression beside other work, then nextEntriesInsert) continue the same chain as record()', async () => {
    const id = randomUUID();
    await tx.run((m) => audit.record(m, { streamType: 'order', streamId: id, action: 'order.requested', actorId: null, after: { fen: 1n } }));
    const head = await tx.run(async (m) => {
      const p = new SqlParams();
      const [row] = await m.query(`WITH other AS (SELECT 1) SELECT ${audit.headExpression(p, 'order', id)} AS head`, p.values);
      const h = streamHead(row.head);
      const q = new SqlParams();
      const ins = audit.nextEntriesInsert(q, h, [
        { streamType: 'order', streamId: id, action: 'order.payment.confirmed', actorId: null, after: { paymentId: 'x' } },
        { streamType: 'order', streamId: id, action: 'order.paid', actorId: null, before: { status: 'contracted' }, after: { status: 'paid' }, reason: 'r' },
      ]);
      await m.query(ins.sql, q.values);
      return ins.head;
    });
    // record() after them reads the head the composed insert wrote
    await tx.run((m) => audit.record(m, { streamType: 'order', streamId: id, action: 'order.started', actorId: null }));
    const rows = await stream('order', id);
    expect(rows.map((r) => r.action)).toEqual(['order.requested', 'order.payment.confirmed', 'order.paid', 'order.started']);
    expect(head).toEqual({ seq: 3, hash: rows[2].hash });
    expectChain(rows, 4);
  });

  it('a composed append from a stale head is refused by the (stream, seq) key and writes nothing', async () => {
    const id = randomUUID();
    await tx.run((m) => audit.record(m, { streamType: 'order', streamId: id, action: 'order.requested', actorId: null }));
    const q = new SqlParams();
    const ins = audit.nextEntriesInsert(q, null, [{ streamType: 'order', streamId: id, action: 'order.stale', actorId: null }]);
    await expect(tx.run((m) => m.query(ins.sql, q.values))).rejects.toMatchObject({ code: '23505' });
    expect((await stream('order', id)).map((r) => r.action)).toEqual(['order.requested']);
    expect(streamHead(null)).toBeNull();
  });

  it('chains the entries of a stream: seq 1..n, each prev_hash the hash before it', async () => {
    const id = randomUUID();
    const actor = randomUUID();
    for (let i = 0; i < 4; i++) {
      await tx.run((m) =>
        audit.record(m, { streamType: 'order', streamId: id, action: `order.step${i}`, actorId: actor, before: { step: i }, after: { step: i + 1, fen: 12_345n }, reason: i === 2 ? 'why' : null }),
      );
    }
    const rows = await stream('order', id);
    expect(rows).toHaveLength(4);
    expectChain(rows, 4);
    expect(rows[0].after).toEqual({ step: 1, fen: '12345' });
    expect(rows[2].reason).toBe('why');
    expect(rows[3].actor_id).toBe(actor);
  });

  it('stores what it hashed, whatever JSON oddities the caller passes', async () => {
    const id = randomUUID();
    const when = new Date('2025-03-01T08:00:00.123Z');
    await tx.run((m) =>
      audit.record(m, {
        streamType: 'odd',
        streamId: id,
        action: 'x',
        actorId: null,
        before: undefined,
        after: { z: 1, a: [1, undefined, 2n], d: when, nan: Number.NaN, big: 1e21, tiny: 1.5e-7, s: 'a\u0000b\uD800', nested: { b: 2, a: 1 } },
      }),
    );
    const rows = await stream('odd', id);
    expectChain(rows, 1);
    expect(rows[0].before).toBeNull();
    expect(rows[0].after).toEqual({ z: 1, a: [1, null, '2'], d: when.toISOString(), nan: null, big: 1e21, tiny: 1.5e-7, s: 'a\uFFFDb\uFFFD', nested: { b: 2, a: 1 } });
  });

  it('takes the time from the injected clock', async () => {
    const clock = new ManualClock(new Date('2030-01-02T03:04:05.678Z'));
    const id = randomUUID();
    await tx.run((m) => new AuditService(clock).record(m, { streamType: 'clock', streamId: id, action: 'tick', actorId: null }));
    const rows = await stream('clock', id);
    expect(rows[0].occurred_at.toISOString()).toBe('2030-01-02T03:04:05.678Z');
  });

  it('keeps consistent chains when 20 streams and one stream are written concurrently', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const hot = randomUUID();
    await Promise.all([
      ...ids.map((id) => tx.run((m) => audit.record(m, { streamType: 'claim', streamId: id, action: 'claim.submitted', actorId: null, after: { id } }))),
      ...Array.from({ length: 20 }, (_, i) => tx.run((m) => audit.record(m, { streamType: 'grant', streamId: hot, action: 'grant.hold', actorId: null, after: { i } }))),
    ]);
    for (const id of ids) expectChain(await stream('claim', id), 1);
    const hotRows = await stream('grant', hot);
    expect(hotRows).toHaveLength(20);
    expectChain(hotRows, 20);
    expect(new Set(hotRows.map((r) => r.after.i)).size).toBe(20);
  });

  it('leaves nothing behind when the recording transaction rolls back', async () => {
    const id = randomUUID();
    await expect(
      tx.run(async (m) => {
        await audit.record(m, { streamType: 'order', streamId: id, action: 'order.cancelled', actorId: null });
        throw new Error('business rule failed after auditing');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await stream('order', id)).toHaveLength(0);
    await tx.run((m) => audit.record(m, { streamType: 'order', streamId: id, action: 'order.cancelled', actorId: null }));
    expectChain(await stream('order', id), 1);
  });

  it('appends in its own transaction when handed a manager outside one', async () => {
    const id = randomUUID();
    await audit.record(t.ds.manager, { streamType: 'loose', streamId: id, action: 'a', actorId: null });
    await audit.record(t.ds.manager, { streamType: 'loose', streamId: id, action: 'b', actorId: null });
    expectChain(await stream('loose', id), 2);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log', async () => {
    const id = randomUUID();
    await tx.run((m) => audit.record(m, { streamType: 'order', streamId: id, action: 'order.placed', actorId: null }));
    await expect(t.ds.query(`UPDATE audit_entry SET after = '{"x":1}' WHERE stream_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query('DELETE FROM audit_entry WHERE stream_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query('TRUNCATE audit_entry')).rejects.toThrow(/append-only/);
    await t.ds.query(`INSERT INTO audit_anchor (upto_entry_id, upto_xact_id, entry_count, hash) VALUES (0, 0, 0, 'x')`);
    await expect(t.ds.query('UPDATE audit_anchor SET entry_count = 5')).rejects.toThrow(/append-only/);
    await expect(t.ds.query('DELETE FROM audit_anchor')).rejects.toThrow(/append-only/);
    await expect(t.ds.query('TRUNCATE audit_anchor')).rejects.toThrow(/append-only/);
    expect(await stream('order', id)).toHaveLength(1);
  });
});
