import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { STAFF_ROLES } from '../principal.js';
import { StaffGrantDto } from './staff-grant.dto.js';

export class UpdateStaffDto {
  @ApiPropertyOptional({ type: [StaffGrantDto], description: 'Replaces all of the staff member’s roles' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique((g: StaffGrantDto | undefined) => g?.role, { message: 'each role may be listed once' })
  @IsObject({ each: true, message: 'each role must be an object { role, regionCodes }' })
  @ValidateNested({ each: true })
  @Type(() => StaffGrantDto)
  roles?: StaffGrantDto[];

  @ApiPropertyOptional({ description: 'A disabled account cannot sign in; its tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
