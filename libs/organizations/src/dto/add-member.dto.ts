import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength } from 'class-validator';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../entities/membership.entity.js';
import { Trim } from './fields.js';

/** POST /organizations/:id/members: the user must already have an account (404 USER_NOT_FOUND). */
export class AddMemberDto {
  @ApiProperty({ type: String, maxLength: 254, example: 'colleague@example.com' })
  @Trim()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role!: MembershipRole;
}
