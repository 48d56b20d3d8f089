import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@innoserve/core';
import { pgCode, pgConstraint, type SqlParams } from '@innoserve/database';
import type { AuditInput } from './audit-entry.input.js';
import { GENESIS_HASH, entryHash, storableString, toJsonValue, type AuditEntryContent } from './audit-hash.js';

/** The lock key of one stream: writers of different streams never wait on each other. */
/** The newest entry of a stream: its sequence number and hash. */
export interface StreamHead {
  seq: number;
  hash: string;
}

/** Whether `e` is the unique (stream, seq) key refusing entries chained from a stale head. */
export function isStaleHead(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const d = err?.driverError ?? err;
  return d?.code === '23505' && d.constraint === 'uq_audit_entry_stream_seq';
}

/** Parses what `AuditService.headExpression` selected (null: the stream is empty). */
export function streamHead(value: unknown): StreamHead | null {
  if (value === null || value === undefined) return null;
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as { seq: number; hash: string };
  return { seq: Number(v.seq), hash: v.hash };
}

export function streamLockKey(streamType: string, streamId: string): string {
  return `${streamType}:${streamId}`;
}

/** What an entry's hash covers, from what a caller recorded (strings made storable, the actor lower-cased). */
function contentOf(input: AuditInput, streamSeq: number, prevHash: string, occurredAt: string): AuditEntryContent {
  return {
    streamType: storableString(input.streamType),
    streamId: storableString(input.streamId),
    streamSeq,
    action: storableString(input.action),
    actorId: input.actorId === null ? null : input.actorId.toLowerCase(),
    occurredAt,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    reason: input.reason == null ? null : storableString(input.reason),
    prevHash,
  };
}

/**
 * Appends to the audit log inside the caller's transaction (same EntityManager), so the entry
 * commits or rolls back with the change it records.
 */
@Injectable()
export class AuditService {
  constructor(@Optional() private readonly clock?: Clock) {}

  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      // the stream lock lives as long as a transaction: never append outside one
      await manager.transaction((m) => this.append(m, input));
      return;
    }
    await this.append(manager, input);
  }

  /**
   * Who wrote the newest entry of a stream whose action starts with one of `actionPrefixes`, and
   * when: "who decided last" for a STALE_VERSION answer, read from the log the decision itself wrote.
   */
  async lastEntry(
    manager: EntityManager,
    streamType: string,
    streamId: string,
    actionPrefixes: readonly string[],
  ): Promise<{ actorId: string | null; occurredAt: Date; action: string; before: unknown; reason: string | null } | null> {
    const rows = await manager.query<{ actor_id: string | null; occurred_at: Date; action: string; before: unknown; reason: string | null }[]>(
      `SELECT actor_id, occurred_at, action, before, reason FROM audit_entry
        WHERE stream_type = $1 AND stream_id = $2 AND EXISTS (SELECT 1 FROM unnest($3::text[]) AS p(prefix) WHERE starts_with(action, p.prefix))
        ORDER BY stream_seq DESC LIMIT 1`,
      [streamType, streamId, actionPrefixes],
    );
    return rows[0] ? { actorId: rows[0].actor_id, occurredAt: new Date(rows[0].occurred_at), action: rows[0].action, before: rows[0].before, reason: rows[0].reason } : null;
  }

  /**
   * For a caller that composes its own statements around a stream it holds locked (every writer of
   * the stream takes that lock first, e.g. the aggregate's row FOR UPDATE in an earlier statement):
   * the expression (a scalar subquery, json) of the stream's head, to select in a statement run
   * after the lock — beside the caller's own writes, so the head read costs no round trip of its own.
   * Parse it with `streamHead`, then write the entries with `nextEntriesInsert`.
   */
  headExpression(p: SqlParams, streamType: string, streamId: string): string {
    return `(SELECT json_build_object('seq', stream_seq, 'hash', hash) FROM audit_entry
              WHERE stream_type = ${p.add(storableString(streamType), 'text')} AND stream_id = ${p.add(storableString(streamId), 'text')}
              ORDER BY stream_seq DESC LIMIT 1)`;
  }

  /**
   * `headExpression` with the stream's id given as SQL (`streamIdSql`, e.g. a column of the row the
   * same statement locks) and its type a fixed name: for a statement written once as fixed text.
   * Read in the statement that takes the stream's lock, the head is as of that statement's snapshot:
   * when the lock had to wait for another writer, that writer's entries are not in it, and the
   * unique (stream, seq) key refuses the append (`isStaleHead`): the caller runs again.
   */
  headExpressionOf(streamType: string, streamIdSql: string): string {
    if (!/^[a-z_]+$/.test(streamType)) throw new RangeError(`a stream type is a plain name: ${streamType}`);
    return `(SELECT json_build_object('seq', stream_seq, 'hash', hash) FROM audit_entry
              WHERE stream_type = '${streamType}' AND stream_id = ${streamIdSql}
              ORDER BY stream_seq DESC LIMIT 1)`;
  }

  /**
   * The INSERT (for a CTE of the caller's statement) of entries appended to one stream after `head`
   * (what `headExpression` read, null for an empty stream), chained in the given order; returns the
   * new head too, for a later append in the same transaction. The caller must hold the stream's
   * lock from the head read to its commit; the unique (stream, seq) key refuses a stale head.
   */
  nextEntriesInsert(p: SqlParams, head: StreamHead | null, inputs: readonly AuditInput[]): { sql: string; head: StreamHead } {
    if (inputs.length === 0) throw new RangeError('no entries');
    const occurredAt = (this.clock?.now() ?? new Date()).toISOString();
    let prev = head ?? { seq: 0, hash: GENESIS_HASH };
    const rows = inputs.map((input) => {
      const content = contentOf(input, prev.seq + 1, prev.hash, occurredAt);
      const hash = entryHash(content);
      prev = { seq: content.streamSeq, hash };
      return { content, hash };
    });
    if (rows.some((r) => r.content.streamType !== rows[0].content.streamType || r.content.streamId !== rows[0].content.streamId)) throw new RangeError('entries of one stream');
    const sql = `INSERT INTO audit_entry (stream_type, stream_id, stream_seq, action, actor_id, occurred_at, before, after, reason, prev_hash, hash, xact_id)
      SELECT e.stream_type, e.stream_id, e.stream_seq, e.action, e.actor_id, e.occurred_at, e.before, e.after, e.reason, e.prev_hash, e.hash, pg_current_xact_id()::text::bigint
        FROM ${p.unnest('e', [
          ['stream_type', rows.map((r) => r.content.streamType), 'text'],
          ['stream_id', rows.map((r) => r.content.streamId), 'text'],
          ['stream_seq', rows.map((r) => r.content.streamSeq), 'int'],
          ['action', rows.map((r) => r.content.action), 'text'],
          ['actor_id', rows.map((r) => r.content.actorId), 'uuid'],
          ['occurred_at', rows.map((r) => r.content.occurredAt), 'timestamptz'],
          ['before', rows.map((r) => JSON.stringify(r.content.before)), 'jsonb'],
          ['after', rows.map((r) => JSON.stringify(r.content.after)), 'jsonb'],
          ['reason', rows.map((r) => r.content.reason), 'text'],
          ['prev_hash', rows.map((r) => r.content.prevHash), 'text'],
          ['hash', rows.map((r) => r.hash), 'text'],
        ])}
       ORDER BY e.ord`;
    return { sql, head: prev };
  }

  /**
   * The INSERT (for a CTE of the caller's statement) of the first entry of each of `inputs`' streams,
   * which the caller has just created — their ids freshly generated, so no other writer can know
   * them: sequence 1 after the genesis hash, without the stream lock or a head read. The unique
   * (stream, seq) key still refuses a second first entry.
   */
  firstEntriesInsert(p: SqlParams, inputs: readonly AuditInput[]): string {
    if (inputs.length === 0) throw new RangeError('no entries');
    const occurredAt = (this.clock?.now() ?? new Date()).toISOString();
    const contents = inputs.map((input) => contentOf(input, 1, GENESIS_HASH, occurredAt));
    return `INSERT INTO audit_entry (stream_type, stream_id, stream_seq, action, actor_id, occurred_at, before, after, reason, prev_hash, hash, xact_id)
      SELECT e.stream_type, e.stream_id, 1, e.action, e.actor_id, e.occurred_at, e.before, e.after, e.reason, e.prev_hash, e.hash, pg_current_xact_id()::text::bigint
        FROM ${p.unnest('e', [
          ['stream_type', contents.map((c) => c.streamType), 'text'],
          ['stream_id', contents.map((c) => c.streamId), 'text'],
          ['action', contents.map((c) => c.action), 'text'],
          ['actor_id', contents.map((c) => c.actorId), 'uuid'],
          ['occurred_at', contents.map((c) => c.occurredAt), 'timestamptz'],
          ['before', contents.map((c) => JSON.stringify(c.before)), 'jsonb'],
          ['after', contents.map((c) => JSON.stringify(c.after)), 'jsonb'],
          ['reason', contents.map((c) => c.reason), 'text'],
          ['prev_hash', contents.map((c) => c.prevHash), 'text'],
          ['hash', contents.map(entryHash), 'text'],
        ])}
       ORDER BY e.ord`;
  }

  private async append(manager: EntityManager, input: AuditInput): Promise<void> {
    const streamType = storableString(input.streamType);
    const streamId = storableString(input.streamId);
    // Lock only this stream, then read its head in a new statement (READ COMMITTED: a fresh
    // snapshot that sees the previous holder's committed entry).
    if (!input.streamLockedByCaller) await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamLockKey(streamType, streamId)]);
    const head = await manager.query<{ stream_seq: number; hash: string }[]>(
      'SELECT stream_seq, hash FROM audit_entry WHERE stream_type = $1 AND stream_id = $2 ORDER BY stream_seq DESC LIMIT 1',
      [streamType, streamId],
    );
    const content = contentOf({ ...input, streamType, streamId }, head[0] ? head[0].stream_seq + 1 : 1, head[0]?.hash ?? GENESIS_HASH, (this.clock?.now() ?? new Date()).toISOString());
    try {
      await manager.query(
        `INSERT INTO audit_entry (stream_type, stream_id, stream_seq, action, actor_id, occurred_at, before, after, reason, prev_hash, hash, xact_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, pg_current_xact_id()::text::bigint)`,
        [
          content.streamType,
          content.streamId,
          content.streamSeq,
          content.action,
          content.actorId,
          content.occurredAt,
          JSON.stringify(content.before),
          JSON.stringify(content.after),
          content.reason,
          content.prevHash,
          entryHash(content),
        ],
      );
    } catch (e) {
      // Only a caller in REPEATABLE READ / SERIALIZABLE can miss the head another writer just
      // committed; make that a serialization failure so TransactionRunner retries the command.
      if (pgCode(e) === '23505' && pgConstraint(e) === 'uq_audit_entry_stream_seq') {
        throw Object.assign(new Error('audit stream head moved under a snapshot transaction; retry'), { code: '40001', cause: e });
      }
      throw e;
    }
  }
}
