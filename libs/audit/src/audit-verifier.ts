import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GENESIS_HASH, anchorHash, entryHash, type JsonValue } from './audit-hash.js';

/** The newest anchor: the entries it seals are those whose transactions lie in [its previous anchor's bound, uptoXactId). */
export interface AuditAnchorSummary {
  id: string;
  /** Lowest entry id in its range (null for an anchor that sealed no entries). */
  fromEntryId: string | null;
  uptoEntryId: string;
  uptoXactId: string;
  entryCount: number;
  sealedAt: Date;
  hash: string;
}

export interface VerifyOptions {
  /** A guard for an on-request verification: each statement of it is cancelled after this long (PostgreSQL 57014). */
  statementTimeoutMs?: number;
}

export interface AuditVerification {
  ok: boolean;
  streams: number;
  entries: number;
  anchors: number;
  /** Entries not yet covered by an anchor (only their stream chains vouch for them). */
  unanchored: number;
  /** The newest anchor, read in the same snapshot; null before the first seal. */
  lastAnchor: AuditAnchorSummary | null;
  problems: string[];
}

interface EntryRow {
  id: string;
  stream_type: string;
  stream_id: string;
  stream_seq: number;
  action: string;
  actor_id: string | null;
  occurred_at: Date;
  before: JsonValue;
  after: JsonValue;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

interface AnchorRow {
  id: string;
  upto_entry_id: string;
  upto_xact_id: string;
  entry_count: number;
  hash: string;
}

const ENTRY_COLUMNS = `id::text AS id, stream_type, stream_id, stream_seq, action, actor_id, occurred_at, before, after, reason, prev_hash, hash`;
const PAGE = 2_000;
/** Problems listed in full; beyond that only counted. */
const MAX_PROBLEMS = 1_000;

export function recomputeHash(r: EntryRow): string {
  return entryHash({
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
}

const label = (r: EntryRow): string => `audit_entry #${r.id} (${r.stream_type}/${r.stream_id} seq ${r.stream_seq})`;

/**
 * Recomputes every stream chain (seq continuity, prev_hash links, each hash from the content) and
 * every anchor (the entries in its range, their count, the running hash), in one consistent
 * snapshot. Reports edited, deleted, inserted and truncated entries up to the last anchor.
 */
@Injectable()
export class AuditVerifier {
  constructor(private readonly dataSource: DataSource) {}

  async verify(opts: VerifyOptions = {}): Promise<AuditVerification> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      if (opts.statementTimeoutMs !== undefined) await m.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(opts.statementTimeoutMs))}`);
      const problems: string[] = [];
      let dropped = 0;
      const report = (p: string): void => {
        if (problems.length < MAX_PROBLEMS) problems.push(p);
        else dropped++;
      };
      const { streams, entries } = await this.verifyStreams(m, report);
      const { anchors, covered } = await this.verifyAnchors(m, report);
      if (entries === 0 && covered > 0) report(`audit_entry is empty but anchors cover ${covered} entries: the log was truncated`);
      if (dropped > 0) problems.push(`… and ${dropped} more problems`);
      const lastAnchor = await this.lastAnchor(m);
      return { ok: problems.length === 0, streams, entries, anchors, unanchored: Math.max(0, entries - covered), lastAnchor, problems };
    });
  }

  private async lastAnchor(m: EntityManager): Promise<AuditAnchorSummary | null> {
    const [a] = await m.query<(AnchorRow & { created_at: Date; lo: string | null })[]>(
      `SELECT id::text AS id, upto_entry_id::text AS upto_entry_id, upto_xact_id::text AS upto_xact_id, entry_count, hash, created_at,
              (SELECT p.upto_xact_id::text FROM audit_anchor p WHERE p.id < a.id ORDER BY p.id DESC LIMIT 1) AS lo
         FROM audit_anchor a ORDER BY id DESC LIMIT 1`,
    );
    if (!a) return null;
    const [{ from }] = await m.query<{ from: string | null }[]>(
      `SELECT min(id)::text AS from FROM audit_entry WHERE ($1::bigint IS NULL OR xact_id >= $1) AND xact_id < $2`,
      [a.lo, a.upto_xact_id],
    );
    return { id: a.id, fromEntryId: from, uptoEntryId: a.upto_entry_id, uptoXactId: a.upto_xact_id, entryCount: a.entry_count, sealedAt: a.created_at, hash: a.hash };
  }

  private async verifyStreams(m: EntityManager, report: (p: string) => void): Promise<{ streams: number; entries: number }> {
    let streams = 0;
    let entries = 0;
    let prev: EntryRow | null = null;
    for (;;) {
      const rows: EntryRow[] = await m.query<EntryRow[]>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_entry
          WHERE $1::text IS NULL OR (stream_type, stream_id, stream_seq) > ($1, $2, $3)
          ORDER BY stream_type, stream_id, stream_seq LIMIT ${PAGE}`,
        prev ? [prev.stream_type, prev.stream_id, prev.stream_seq] : [null, null, null],
      );
      for (const r of rows) {
        entries++;
        const sameStream = prev !== null && prev.stream_type === r.stream_type && prev.stream_id === r.stream_id;
        if (!sameStream) {
          streams++;
          if (r.stream_seq !== 1) report(`${label(r)}: stream starts at seq ${r.stream_seq}, entries 1..${r.stream_seq - 1} are missing`);
          else if (r.prev_hash !== GENESIS_HASH) report(`${label(r)}: first entry of its stream does not link to the genesis hash`);
        } else if (r.stream_seq !== prev!.stream_seq + 1) {
          report(`${label(r)}: follows seq ${prev!.stream_seq}, entries in between are missing`);
        } else if (r.prev_hash !== prev!.hash) {
          report(`${label(r)}: prev_hash does not match the hash of seq ${prev!.stream_seq} (#${prev!.id})`);
        }
        if (recomputeHash(r) !== r.hash) report(`${label(r)}: hash does not match its content (the entry was changed)`);
        prev = r;
      }
      if (rows.length < PAGE) return { streams, entries };
    }
  }

  private async verifyAnchors(m: EntityManager, report: (p: string) => void): Promise<{ anchors: number; covered: number }> {
    let anchors = 0;
    let covered = 0;
    let lo: string | null = null;
    let previousHash = GENESIS_HASH;
    let lastId = '0';
    for (;;) {
      const page = await m.query<AnchorRow[]>(
        `SELECT id::text AS id, upto_entry_id::text AS upto_entry_id, upto_xact_id::text AS upto_xact_id, entry_count, hash
           FROM audit_anchor WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
        [lastId],
      );
      for (const a of page) {
        anchors++;
        covered += a.entry_count;
        if (lo !== null && BigInt(a.upto_xact_id) <= BigInt(lo)) {
          report(`audit_anchor #${a.id}: its bound ${a.upto_xact_id} does not advance past the previous anchor's ${lo}`);
        }
        const rows = await m.query<EntryRow[]>(
          `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE ($1::bigint IS NULL OR xact_id >= $1) AND xact_id < $2 ORDER BY id`,
          [lo, a.upto_xact_id],
        );
        const hash = anchorHash(previousHash, rows.map(recomputeHash));
        if (rows.length !== a.entry_count) {
          report(
            `audit_anchor #${a.id}: covers ${a.entry_count} entries but its range now holds ${rows.length} ` +
              `(${rows.length < a.entry_count ? 'entries were deleted' : 'entries were inserted'})`,
          );
        } else if (hash !== a.hash) {
          report(`audit_anchor #${a.id}: hash mismatch: an entry up to #${a.upto_entry_id} was changed, or the anchor itself`);
        } else if (rows.length > 0 && rows[rows.length - 1].id !== a.upto_entry_id) {
          report(`audit_anchor #${a.id}: its last entry is #${rows[rows.length - 1].id}, the anchor says #${a.upto_entry_id}`);
        }
        // chain on the stored hash, so one broken anchor does not condemn every later one
        previousHash = a.hash;
        lo = a.upto_xact_id;
        lastId = a.id;
      }
      if (page.length < PAGE) return { anchors, covered };
    }
  }
}
