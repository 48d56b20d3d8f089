import { ApiProperty } from '@nestjs/swagger';
import { StaffGrantDto } from './staff-grant.dto.js';
import { UserViewDto } from './user-view.dto.js';

export class StaffMemberDto extends UserViewDto {
  @ApiProperty({ type: [StaffGrantDto] }) roles!: StaffGrantDto[];
}
