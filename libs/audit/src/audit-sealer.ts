import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SCHEDULED_JOB, type ScheduledJob } from '@innoserve/database';
import { GENESIS_HASH, anchorHash } from './audit-hash.js';

/** Advisory lock (two-key space, apart from the per-stream bigint keys): one sealer at a time. */
const SEALER_LOCK: [number, number] = [0x41554454, 1];

export interface SealedAnchor {
  id: string;
  uptoEntryId: string;
  uptoXactId: string;
  entryCount: number;
  hash: string;
}

export interface SealOptions {
  /** Entries per anchor (soft: one transaction's entries are never split). */
  maxEntries?: number;
}

/**
 * Anchors the global log (worker job, every minute). An anchor covers the entries whose
 * transactions are older than the snapshot's xmin (xact_id < pg_snapshot_xmin), above the previous
 * anchor's bound, hashed in id order. Every transaction below xmin has ended, so the covered set is
 * final: an entry of a still-open transaction — even one that drew a lower id than entries already
 * committed — lands in a later anchor, never skipped and never mistaken for an insertion.
 */
@Injectable()
export class AuditSealer {
  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'audit.seal',
    intervalMs: 60_000,
    run: async () => {
      await this.seal();
    },
  };

  constructor(private readonly dataSource: DataSource) {}

  /** Seals until nothing eligible is left; returns the anchors written. */
  async seal(opts: SealOptions = {}): Promise<SealedAnchor[]> {
    const made: SealedAnchor[] = [];
    for (;;) {
      const anchor = await this.sealOnce(opts);
      if (!anchor) return made;
      made.push(anchor);
    }
  }

  /** Writes at most one anchor; null when nothing is eligible (or another sealer is busy). */
  async sealOnce(opts: SealOptions = {}): Promise<SealedAnchor | null> {
    const maxEntries = opts.maxEntries ?? 10_000;
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', SEALER_LOCK);
      if (!locked) return null;
      const [last] = await m.query<{ lo: string; hash: string }[]>('SELECT upto_xact_id::text AS lo, hash FROM audit_anchor ORDER BY id DESC LIMIT 1');
      const lo = last?.lo ?? null;
      const [{ xmin }] = await m.query<{ xmin: string }[]>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
      // Any bound <= xmin is final; lower it when the backlog is larger than one anchor should be.
      let hi = xmin;
      const over = await m.query<{ x: string; first: string }[]>(
        `SELECT xact_id::text AS x, (SELECT min(xact_id) FROM audit_entry WHERE ($1::bigint IS NULL OR xact_id >= $1) AND xact_id < $2)::text AS first
           FROM audit_entry WHERE ($1::bigint IS NULL OR xact_id >= $1) AND xact_id < $2
          ORDER BY xact_id OFFSET $3 LIMIT 1`,
        [lo, xmin, maxEntries],
      );
      if (over[0]) hi = over[0].x === over[0].first ? (BigInt(over[0].x) + 1n).toString() : over[0].x;
      const rows = await m.query<{ id: string; hash: string }[]>(
        `SELECT id::text AS id, hash FROM audit_entry WHERE ($1::bigint IS NULL OR xact_id >= $1) AND xact_id < $2 ORDER BY id`,
        [lo, hi],
      );
      if (rows.length === 0) return null;
      const anchor = {
        uptoEntryId: rows[rows.length - 1].id,
        uptoXactId: hi,
        entryCount: rows.length,
        hash: anchorHash(last?.hash ?? GENESIS_HASH, rows.map((r) => r.hash)),
      };
      const [{ id }] = await m.query<{ id: string }[]>(
        'INSERT INTO audit_anchor (upto_entry_id, upto_xact_id, entry_count, hash) VALUES ($1, $2, $3, $4) RETURNING id::text AS id',
        [anchor.uptoEntryId, anchor.uptoXactId, anchor.entryCount, anchor.hash],
      );
      return { id, ...anchor };
    });
  }
}
