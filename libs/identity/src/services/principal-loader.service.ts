import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchQueue, isUuid } from '@innoserve/core';
import { preparedQuery } from '@innoserve/database';
import type { Principal, StaffGrant } from '../principal.js';

interface Row {
  id: string;
  email: string;
  display_name: string;
  locale: 'zh' | 'en';
  staff: StaffGrant[];
}

const SELECT = `SELECT u.id, u.email, u.display_name, u.locale,
              coalesce(json_agg(json_build_object('role', s.role, 'regionCodes', s.region_codes) ORDER BY s.role)
                         FILTER (WHERE s.role IS NOT NULL), '[]'::json) AS staff
         FROM app_user u
         LEFT JOIN staff_role s ON s.user_id = u.id`;

/** Principals looked up in one statement at most (a bound on its size). */
const PER_STATEMENT = 100;

/**
 * Builds the Principal for a request from the database on every request, so disabling a user or
 * changing their roles applies at once. Null for an unknown or disabled user.
 *
 * Lookups are coalesced (BatchQueue): two statements in flight at most, and the requests that
 * arrive while they run are looked up together in the next one (`id = ANY(...)`). A request is never answered
 * by a statement that started before it arrived, so it sees every change committed before it came
 * in — as a statement of its own would.
 */
@Injectable()
export class PrincipalLoader {
  private readonly lookups: BatchQueue<string, Principal | null>;

  constructor(private readonly dataSource: DataSource) {
    this.lookups = new BatchQueue<string, Principal | null>({
      maxInFlight: 2,
      maxBatch: PER_STATEMENT,
      keysOf: () => [],
      runMany: (ids) => this.loadMany(ids),
      alone: () => false, // a read: an error is every waiting request's answer
      runOne: (id) => this.loadOne(id),
    });
  }

  /** How lookups were coalesced in this process (diagnostics, tests). */
  get stats(): BatchQueue<string, Principal | null>['stats'] {
    return this.lookups.stats;
  }

  load(userId: string): Promise<Principal | null> {
    if (!isUuid(userId)) return Promise.resolve(null);
    return this.lookups.submit(userId.toLowerCase());
  }

  private async loadOne(userId: string): Promise<Principal | null> {
    const rows = await preparedQuery<Row>(this.dataSource, 'identity.principal', `${SELECT} WHERE u.id = $1 AND NOT u.disabled GROUP BY u.id`, [userId]);
    return rows[0] ? toPrincipal(rows[0]) : null;
  }

  private async loadMany(userIds: string[]): Promise<(Principal | null)[]> {
    const rows = await preparedQuery<Row>(this.dataSource, 'identity.principals', `${SELECT} WHERE u.id = ANY($1::uuid[]) AND NOT u.disabled GROUP BY u.id`, [
      [...new Set(userIds)],
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return userIds.map((id) => {
      const row = byId.get(id);
      return row ? toPrincipal(row) : null;
    });
  }
}

function toPrincipal(row: Row): Principal {
  // each request its own copy: a handler may not change another request's principal
  return { userId: row.id, email: row.email, displayName: row.display_name, locale: row.locale, staff: row.staff.map((g) => ({ ...g, regionCodes: [...g.regionCodes] })) };
}
