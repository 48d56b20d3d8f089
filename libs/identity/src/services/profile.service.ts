import { Injectable, Optional } from '@nestjs/common';
import { NotFoundError } from '@innoserve/core';
import { MembershipDirectory, type MembershipView } from '../membership-directory.js';
import type { Principal, StaffGrant } from '../principal.js';
import { allRegionCodes } from '../staff-grants.js';
import { UsersService, toUserView, type UserView } from './users.service.js';

export interface Me {
  user: UserView;
  roles: StaffGrant[];
  jurisdictions: string[];
  memberships: MembershipView[];
}

/** GET /me: who the caller is, their staff grants and their organization memberships. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly users: UsersService,
    @Optional() private readonly memberships?: MembershipDirectory,
  ) {}

  async me(principal: Principal): Promise<Me> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new NotFoundError('user');
    return {
      user: toUserView(user),
      roles: principal.staff,
      jurisdictions: allRegionCodes(principal.staff),
      memberships: this.memberships ? await this.memberships.membershipsOf(principal.userId) : [],
    };
  }
}
