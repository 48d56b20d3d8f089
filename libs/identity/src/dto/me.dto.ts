import { ApiProperty } from '@nestjs/swagger';
import { MembershipViewDto } from './membership-view.dto.js';
import { StaffGrantDto } from './staff-grant.dto.js';
import { UserViewDto } from './user-view.dto.js';

export class MeDto {
  @ApiProperty({ type: UserViewDto }) user!: UserViewDto;
  @ApiProperty({ type: [StaffGrantDto], description: 'Staff roles with their region codes; empty for enterprise and provider users' }) roles!: StaffGrantDto[];
  @ApiProperty({ type: [String], description: 'Every region code any staff role covers' }) jurisdictions!: string[];
  @ApiProperty({ type: [MembershipViewDto] }) memberships!: MembershipViewDto[];
}
