import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '@innoserve/core';
import { preparedQuery } from '@innoserve/database';
import type { Principal, StaffGrant } from '../principal.js';

interface Row {
  id: string;
  email: string;
  display_name: string;
  locale: 'zh' | 'en';
  staff: StaffGrant[];
}

/**
 * Builds the Principal for a request from the database on every request (one prepared statement),
 * so disabling a user or changing their roles applies at once. Null for an unknown or disabled user.
 */
@Injectable()
export class PrincipalLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(userId: string): Promise<Principal | null> {
    if (!isUuid(userId)) return null;
    const rows = await preparedQuery<Row>(
      this.dataSource,
      'identity.principal',
      `SELECT u.id, u.email, u.display_name, u.locale,
              coalesce(json_agg(json_build_object('role', s.role, 'regionCodes', s.region_codes) ORDER BY s.role)
                         FILTER (WHERE s.role IS NOT NULL), '[]'::json) AS staff
         FROM app_user u
         LEFT JOIN staff_role s ON s.user_id = u.id
        WHERE u.id = $1 AND NOT u.disabled
        GROUP BY u.id`,
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    return { userId: row.id, email: row.email, displayName: row.display_name, locale: row.locale, staff: row.staff };
  }
}
