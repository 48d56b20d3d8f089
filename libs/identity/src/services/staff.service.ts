import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, msg, offsetOf, pageOf, type Page, type PageQuery } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { AppUser } from '../entities/app-user.entity.js';
import type { StaffGrant } from '../principal.js';
import { RefreshTokenService } from './refresh-token.service.js';
import { UsersService, toUserView, type NewStaff, type UserView } from './users.service.js';

export interface StaffMember extends UserView {
  roles: StaffGrant[];
}

export interface StaffChange {
  roles?: readonly StaffGrant[];
  disabled?: boolean;
}

/** Serializes every change that could leave the platform without a super-admin (and the bootstrap). */
const SUPER_ADMIN_LOCK = 735_001;

export type FirstAdminOutcome = 'created' | 'exists' | 'email-taken';

/** Staff accounts: listing, creation and changes by a super-admin, and the first administrator. */
@Injectable()
export class StaffService {
  private readonly logger = new Logger('StaffService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly audit: AuditService,
  ) {}

  async list(q: PageQuery): Promise<Page<StaffMember>> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(`SELECT count(DISTINCT user_id)::int AS total FROM staff_role`);
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT u.id FROM app_user u
        WHERE EXISTS (SELECT 1 FROM staff_role s WHERE s.user_id = u.id)
        ORDER BY u.created_at, u.id
        LIMIT $1 OFFSET $2`,
      [q.pageSize, offsetOf(q)],
    );
    const items = await Promise.all(ids.map(({ id }) => this.member(this.dataSource.manager, id)));
    return pageOf(items.filter((m): m is StaffMember => m !== null), total, q);
  }

  async create(input: NewStaff, actorId: string): Promise<StaffMember> {
    const user = await this.users.createStaff(input, { actorId });
    // through the unit of work when there is one (a keyed request): it has not committed the user yet
    return (await this.member(this.tx.manager, user.id))!;
  }

  /** Replaces roles and/or sets `disabled`; disabling revokes every refresh token. Keeps one active super-admin. */
  async update(userId: string, change: StaffChange, actorId: string): Promise<StaffMember> {
    const roles = change.roles ? await this.users.checkGrants(change.roles) : undefined;
    return this.tx.run(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SUPER_ADMIN_LOCK]);
      const user = await m.findOne(AppUser, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      const before = user ? await this.users.staffGrantsOf(userId, m) : [];
      if (!user || before.length === 0) throw new NotFoundError('staff');
      const after = { roles: roles ?? before, disabled: change.disabled ?? user.disabled };
      const wasActiveSuper = !user.disabled && before.some((g) => g.role === 'super_admin');
      const staysActiveSuper = !after.disabled && after.roles.some((g) => g.role === 'super_admin');
      if (wasActiveSuper && !staysActiveSuper && (await this.otherActiveSuperAdmins(m, userId)) === 0) {
        throw new ConflictError('LAST_SUPER_ADMIN', msg('The last active super-admin cannot be disabled or lose that role.', '不能停用最后一名超级管理员或撤销其角色。'));
      }
      if (roles) await this.users.writeGrants(m, userId, roles);
      if (after.disabled !== user.disabled) {
        await m.update(AppUser, { id: userId }, { disabled: after.disabled });
        if (after.disabled) await this.refreshTokens.revokeAllOf(m, userId);
      }
      await this.audit.record(m, {
        streamType: 'user',
        streamId: userId,
        action: 'staff.updated',
        actorId,
        before: { roles: before, disabled: user.disabled },
        after,
      });
      return (await this.member(m, userId))!;
    });
  }

  /**
   * Creates the city super-admin (350500) from ADMIN_EMAIL / ADMIN_PASSWORD when no super-admin
   * exists. Idempotent, and safe when several processes start at once (advisory lock).
   */
  async ensureFirstAdmin(email: string, password: string): Promise<FirstAdminOutcome> {
    if (await this.anySuperAdmin(this.dataSource.manager)) return 'exists';
    return this.tx.run(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SUPER_ADMIN_LOCK]);
      if (await this.anySuperAdmin(m)) return 'exists';
      if (await this.users.findByEmail(email, m)) {
        this.logger.warn(`ADMIN_EMAIL ${email} belongs to an existing account that is not a super-admin; not promoting it`);
        return 'email-taken';
      }
      await this.users.createStaff(
        { email, password, displayName: 'Administrator 管理员', locale: 'zh', roles: [{ role: 'super_admin', regionCodes: ['350500'] }] },
        { manager: m, actorId: null },
      );
      this.logger.log(`created the first super-admin ${email}`);
      return 'created';
    });
  }

  private async anySuperAdmin(m: EntityManager): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM staff_role WHERE role = 'super_admin' LIMIT 1`);
    return rows.length > 0;
  }

  private async otherActiveSuperAdmins(m: EntityManager, userId: string): Promise<number> {
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM staff_role s JOIN app_user u ON u.id = s.user_id
        WHERE s.role = 'super_admin' AND NOT u.disabled AND u.id <> $1`,
      [userId],
    );
    return n;
  }

  private async member(m: EntityManager, userId: string): Promise<StaffMember | null> {
    const user = await this.users.findById(userId, m);
    if (!user) return null;
    return { ...toUserView(user), roles: await this.users.staffGrantsOf(userId, m) };
  }
}
