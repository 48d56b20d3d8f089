import { ApiProperty } from '@nestjs/swagger';
import { StaffMemberDto } from './staff-member.dto.js';

export class StaffPageDto {
  @ApiProperty({ type: [StaffMemberDto] }) items!: StaffMemberDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
