import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BusinessRuleError, ConflictError, DomainError, NotFoundError, msg } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { AppUser, UsersService, type Principal } from '@innoserve/identity';
import type { MemberViewDto } from '../dto/member-view.dto.js';
import { Membership, type MembershipRole } from '../entities/membership.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { assertMemberAction, assertVisible, membershipRoleOf } from './organization-access.js';
import { OrganizationRegistry } from './organization-registry.js';
import { asPrincipal, within } from './unit-of-work.js';

export type MemberView = MemberViewDto;

export interface NewMember {
  email: string;
  role: MembershipRole;
}

/** Memberships: owners add and remove members; an organization always keeps an owner. */
@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly registry: OrganizationRegistry,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /** Members (and staff whose jurisdiction covers the organization) see the member list. */
  async list(by: Principal, id: string): Promise<MemberView[]> {
    const m = this.dataSource.manager;
    const org = await m.findOne(Organization, { where: { id } });
    if (!org) throw new NotFoundError('organization');
    assertVisible('organization', by, await membershipRoleOf(m, id, by.userId), org.regionCode);
    return this.members(m, id);
  }

  /** Adds an existing user (404 USER_NOT_FOUND otherwise; 409 ALREADY_MEMBER); owners only. */
  async add(by: Principal | string, id: string, input: NewMember, manager?: EntityManager): Promise<MemberView> {
    const actor = asPrincipal(by);
    return within(this.tx, manager, async (m) => {
      const org = await this.registry.lock(m, id);
      if (!org) throw new NotFoundError('organization');
      assertMemberAction('organization', actor, await membershipRoleOf(m, id, actor.userId), org.regionCode, true);
      const user = await this.users.findByEmail(input.email, m);
      if (!user) {
        throw new DomainError(
          404,
          'USER_NOT_FOUND',
          msg(
            `No account uses ${input.email}. Ask the person to register first, then add them.`,
            `没有使用 ${input.email} 的账户。请对方先注册账户，再将其添加为成员。`,
          ),
          [{ field: 'email', message: 'no account uses this e-mail address' }],
        );
      }
      // staff accounts never join organizations: membership would let an organization pick its
      // reviewers (a member may not decide on it) — staff who also work for a firm use a second account
      if ((await this.users.staffGrantsOf(user.id, m)).length > 0) {
        throw new BusinessRuleError(
          'STAFF_CANNOT_JOIN',
          msg('Staff accounts cannot be members of an organization.', '工作人员账号不能加入企业或服务机构。'),
          [{ field: 'email', message: 'this account is a staff account' }],
        );
      }
      if (await m.exists(Membership, { where: { organizationId: id, userId: user.id } })) {
        throw new ConflictError('ALREADY_MEMBER', msg('This user is already a member of the organization.', '该用户已是本组织成员。'));
      }
      await m.insert(Membership, { organizationId: id, userId: user.id, role: input.role, addedBy: actor.userId });
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: id,
        action: 'organization.member.added',
        actorId: actor.userId,
        after: { userId: user.id, email: user.email, role: input.role },
      });
      const view = (await this.members(m, id)).find((v) => v.userId === user.id);
      return view!;
    });
  }

  /** Removes a member; owners only; the last owner cannot be removed (422 LAST_OWNER). */
  async remove(by: Principal | string, id: string, userId: string, manager?: EntityManager): Promise<void> {
    const actor = asPrincipal(by);
    await within(this.tx, manager, async (m) => {
      const org = await this.registry.lock(m, id);
      if (!org) throw new NotFoundError('organization');
      assertMemberAction('organization', actor, await membershipRoleOf(m, id, actor.userId), org.regionCode, true);
      const membership = await m.findOne(Membership, { where: { organizationId: id, userId } });
      if (!membership) throw new NotFoundError('member');
      if (membership.role === 'owner' && (await m.count(Membership, { where: { organizationId: id, role: 'owner' } })) <= 1) {
        throw new BusinessRuleError(
          'LAST_OWNER',
          msg('The last owner cannot be removed; make another member an owner first.', '不能移除最后一位管理员，请先添加其他管理员。'),
        );
      }
      await m.delete(Membership, { id: membership.id });
      await this.audit.record(m, {
        streamType: 'organization',
        streamId: id,
        action: 'organization.member.removed',
        actorId: actor.userId,
        before: { userId, role: membership.role },
      });
    });
  }

  private async members(m: EntityManager, organizationId: string): Promise<MemberView[]> {
    const rows = await m
      .createQueryBuilder(Membership, 'ms')
      .innerJoin(AppUser, 'u', 'u.id = ms.userId')
      .select(['ms.organizationId AS "organizationId"', 'ms.userId AS "userId"', 'u.email AS "email"', 'u.displayName AS "displayName"', 'ms.role AS "role"', 'ms.createdAt AS "createdAt"'])
      .where('ms.organizationId = :organizationId', { organizationId })
      .orderBy('ms.createdAt', 'ASC')
      .addOrderBy('ms.userId', 'ASC')
      .getRawMany<{ organizationId: string; userId: string; email: string; displayName: string; role: MembershipRole; createdAt: Date }>();
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }
}
