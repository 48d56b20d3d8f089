import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '../principal.js';

export class StaffGrantDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiProperty({ type: [String], example: ['350582'], description: 'Jurisdiction: six-digit region codes (350500 covers the whole city)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(6, { each: true })
  @Matches(/^\d{6}$/, { each: true, message: 'each region code must be six digits' })
  regionCodes!: string[];
}
