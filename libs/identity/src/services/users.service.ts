import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessRuleError, ConflictError, msg } from '@innoserve/core';
import { TransactionRunner, pgCode, pgConstraint } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { AppUser, type UserLocale } from '../entities/app-user.entity.js';
import { StaffRoleGrant } from '../entities/staff-role.entity.js';
import type { StaffGrant } from '../principal.js';
import { RegionCodeDirectory } from '../region-code-directory.js';
import { allRegionCodes, normalizeStaffGrants } from '../staff-grants.js';
import { PasswordHasher, assertPasswordPolicy } from './password-hasher.js';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  locale?: UserLocale;
}

export interface NewStaff extends NewUser {
  roles: readonly StaffGrant[];
}

export interface WriteOptions {
  /** Run inside the caller's transaction (the audit entry joins it). */
  manager?: EntityManager;
  /** Who does it; null or absent for the system (seed, bootstrap). */
  actorId?: string | null;
}

/** What the API shows of a user: never a password hash nor the lockout counters. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  locale: UserLocale;
  disabled: boolean;
  createdAt: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

export function toUserView(u: AppUser): UserView {
  return { id: u.id, email: u.email, displayName: u.displayName, locale: u.locale, disabled: u.disabled, createdAt: u.createdAt.toISOString() };
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('EMAIL_TAKEN', msg('An account with this e-mail address already exists.', '该邮箱已注册。'));
  }
}

/** Users and their staff grants (the user aggregate). Other libs and the seed use this. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    @Optional() private readonly regions?: RegionCodeDirectory,
  ) {}

  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<AppUser | null> {
    return manager.findOne(AppUser, { where: { email: normalizeEmail(email) } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<AppUser | null> {
    return manager.findOne(AppUser, { where: { id } });
  }

  async staffGrantsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<StaffGrant[]> {
    const rows = await manager.find(StaffRoleGrant, { where: { userId } });
    return normalizeStaffGrants(rows);
  }

  /** Creates a user (409 EMAIL_TAKEN when the address is in use), audited as `user.registered`. */
  async createUser(input: NewUser, opts: WriteOptions | EntityManager = {}): Promise<AppUser> {
    const o = asOptions(opts);
    assertPasswordPolicy(input.password);
    const passwordHash = await this.hasher.hash(input.password); // outside the transaction: it is slow
    return this.within(o.manager, async (m) => {
      const user = await this.insertUser(m, input, passwordHash);
      await this.audit.record(m, {
        streamType: 'user',
        streamId: user.id,
        action: 'user.registered',
        actorId: o.actorId === undefined ? user.id : o.actorId,
        after: { email: user.email, displayName: user.displayName, locale: user.locale },
      });
      return user;
    });
  }

  /** Creates a staff account with its grants, audited as `staff.created`. */
  async createStaff(input: NewStaff, opts: WriteOptions | EntityManager = {}): Promise<AppUser> {
    const o = asOptions(opts);
    assertPasswordPolicy(input.password);
    const roles = await this.checkGrants(input.roles);
    const passwordHash = await this.hasher.hash(input.password);
    return this.within(o.manager, async (m) => {
      const user = await this.insertUser(m, input, passwordHash);
      await this.writeGrants(m, user.id, roles);
      await this.audit.record(m, {
        streamType: 'user',
        streamId: user.id,
        action: 'staff.created',
        actorId: o.actorId ?? null,
        after: { email: user.email, displayName: user.displayName, roles },
      });
      return user;
    });
  }

  /** Normalizes grants and checks their region codes against the directory when one is bound. */
  async checkGrants(grants: readonly StaffGrant[], field = 'roles'): Promise<StaffGrant[]> {
    const roles = normalizeStaffGrants(grants, field);
    if (this.regions) {
      const unknown = await this.regions.unknownCodes(allRegionCodes(roles));
      if (unknown.length) {
        throw new BusinessRuleError(
          'UNKNOWN_REGION',
          msg(`Unknown region code(s): ${unknown.join(', ')}.`, `行政区划代码不存在：${unknown.join('、')}。`),
          [{ field, message: `unknown region code(s): ${unknown.join(', ')}` }],
        );
      }
    }
    return roles;
  }

  /** Replaces a user's grants (inside the caller's transaction). */
  async writeGrants(manager: EntityManager, userId: string, roles: readonly StaffGrant[]): Promise<void> {
    await manager.delete(StaffRoleGrant, { userId });
    if (roles.length) await manager.insert(StaffRoleGrant, roles.map((g) => ({ userId, role: g.role, regionCodes: [...g.regionCodes] })));
  }

  private async insertUser(m: EntityManager, input: NewUser, passwordHash: string): Promise<AppUser> {
    const email = normalizeEmail(input.email);
    if (await m.exists(AppUser, { where: { email } })) throw new EmailTakenError();
    try {
      const user = m.create(AppUser, { email, passwordHash, displayName: input.displayName.trim(), locale: input.locale ?? 'zh' });
      return await m.save(user);
    } catch (e) {
      // a concurrent registration of the same address
      if (pgCode(e) === '23505' && pgConstraint(e) === 'ux_app_user_email') throw new EmailTakenError();
      throw e;
    }
  }

  private within<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.tx.run(work);
  }
}

function asOptions(opts: WriteOptions | EntityManager): WriteOptions {
  return opts instanceof EntityManager ? { manager: opts } : opts;
}
