import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** Which request a key belongs to. */
export interface IdempotencyTarget {
  /** `user:<id>` or `anonymous:<client address>`. */
  scope: string;
  method: string;
  /** The route's path template (informational). */
  route: string;
  /** The concrete path, without the query string. */
  url: string;
  key: string;
  /** requestFingerprint() of the query and body. */
  requestHash: string;
}

/** A stored answer. `body` undefined: the answer had none (e.g. 204). */
export interface IdempotentAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type ClaimOutcome =
  /** This request owns the key: run the handler, then complete() in its transaction (or release()). */
  | { kind: 'claimed'; claimId: string }
  /** The same request already has an answer: send it again. */
  | { kind: 'replay'; answer: IdempotentAnswer }
  /** The same request is still running elsewhere. */
  | { kind: 'in_progress' }
  /** The key was used for a different request. */
  | { kind: 'reused' };

export interface IdempotencyOptions {
  /** How long an answer is kept and replayed (24 h). */
  ttlMs?: number;
  /**
   * An in-progress claim older than this is taken to be abandoned (its process died before
   * answering) and may be claimed again, so a crash does not lock a key for a whole day.
   */
  leaseMs?: number;
  /** At most one clean-up of expired records per this interval, done on the claim path. */
  sweepEveryMs?: number;
}

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
export const IDEMPOTENCY_LEASE_MS = 5 * 60_000;

interface ExistingRow {
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
  no_body: boolean;
  response_headers: Record<string, string> | null;
}

/**
 * Claims Idempotency-Keys and stores the answers they gave, in `idempotency_record`.
 *
 * The claim is one autocommitted statement: it must be visible to concurrent repeats at once,
 * before the handler's transaction starts. The answer is written in the handler's own transaction
 * (complete() with that transaction's manager), so the record turns `completed` exactly when the
 * handler's writes commit: a crash after the commit leaves the answer to replay, a crash before it
 * leaves an in-progress claim whose writes were rolled back. The claim is not locked while the
 * handler runs (a repeat must get 409 at once, and ON CONFLICT would wait for that lock); when its
 * lease ran out and another request took it over meanwhile, complete() finds it gone and the
 * caller rolls back, so only one run's writes ever commit.
 */
export class IdempotencyService {
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly sweepEveryMs: number;
  private lastSweep: number | undefined;

  constructor(
    private readonly dataSource: DataSource,
    opts: IdempotencyOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? IDEMPOTENCY_TTL_MS;
    this.leaseMs = opts.leaseMs ?? IDEMPOTENCY_LEASE_MS;
    this.sweepEveryMs = opts.sweepEveryMs ?? 60_000;
  }

  /**
   * Inserts an in-progress claim, or takes over an expired or abandoned record; otherwise reports
   * what the existing record means for this request.
   */
  async claim(target: IdempotencyTarget, now: Date): Promise<ClaimOutcome> {
    await this.maybeSweep(now);
    for (let attempt = 0; attempt < 5; attempt++) {
      const claimId = randomUUID();
      const inserted = await this.dataSource.query<{ id: string }[]>(
        `INSERT INTO idempotency_record AS r
           (id, scope, method, route, url, "key", request_hash, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'in_progress', $8, $9)
         ON CONFLICT (scope, method, url, "key") DO UPDATE SET
           id = EXCLUDED.id, route = EXCLUDED.route, request_hash = EXCLUDED.request_hash, status = 'in_progress',
           response_status = NULL, response_body = NULL, response_headers = NULL,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE r.expires_at <= EXCLUDED.created_at OR (r.status = 'in_progress' AND r.created_at <= $10)
         RETURNING r.id`,
        [
          claimId,
          target.scope,
          target.method,
          target.route,
          target.url,
          target.key,
          target.requestHash,
          now,
          new Date(now.getTime() + this.ttlMs),
          new Date(now.getTime() - this.leaseMs),
        ],
      );
      if (inserted.length > 0) return { kind: 'claimed', claimId };

      const [row] = await this.dataSource.query<ExistingRow[]>(
        `SELECT request_hash, status, response_status, response_body, response_body IS NULL AS no_body, response_headers
           FROM idempotency_record WHERE scope = $1 AND method = $2 AND url = $3 AND "key" = $4`,
        [target.scope, target.method, target.url, target.key],
      );
      if (!row) continue; // released (a 500) between the two statements: claim again
      if (row.request_hash !== target.requestHash) return { kind: 'reused' };
      if (row.status === 'in_progress') return { kind: 'in_progress' };
      return {
        kind: 'replay',
        answer: { status: row.response_status!, body: row.no_body ? undefined : row.response_body, headers: row.response_headers ?? {} },
      };
    }
    // only reachable when the record keeps vanishing under us: the other request is still busy
    return { kind: 'in_progress' };
  }

  /**
   * Stores the answer of a claimed request, in the handler's transaction when `manager` is given;
   * false when the claim is no longer ours.
   */
  async complete(claimId: string, answer: IdempotentAnswer, manager?: EntityManager): Promise<boolean> {
    const [, affected] = await (manager ?? this.dataSource).query<[unknown, number]>(
      `UPDATE idempotency_record
          SET status = 'completed', response_status = $2, response_body = $3::jsonb, response_headers = $4::jsonb
        WHERE id = $1 AND status = 'in_progress'`,
      [claimId, answer.status, answer.body === undefined ? null : JSON.stringify(answer.body), JSON.stringify(answer.headers)],
    );
    return affected > 0;
  }

  /** Gives the key back (the request failed unexpectedly), so the client may retry with it; in `manager`'s transaction when given. */
  async release(claimId: string, manager?: EntityManager): Promise<boolean> {
    const [, affected] = await (manager ?? this.dataSource).query<[unknown, number]>(
      `DELETE FROM idempotency_record WHERE id = $1 AND status = 'in_progress'`,
      [claimId],
    );
    return affected > 0;
  }

  /** Deletes up to `limit` expired records; returns how many. */
  async sweepExpired(now: Date, limit = 500): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM idempotency_record
        WHERE expires_at <= $1
          AND id IN (SELECT id FROM idempotency_record WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2)`,
      [now, limit],
    );
    return affected;
  }

  private async maybeSweep(now: Date): Promise<void> {
    const t = now.getTime();
    if (this.lastSweep !== undefined && t - this.lastSweep < this.sweepEveryMs && t >= this.lastSweep) return;
    this.lastSweep = t;
    try {
      await this.sweepExpired(now);
    } catch {
      // housekeeping only: expired records are overwritten by the claim anyway
    }
  }
}
