import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { USER_LOCALES, type UserLocale } from '../entities/app-user.entity.js';
import { STAFF_ROLES } from '../principal.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../services/password-hasher.js';
import { StaffGrantDto } from './staff-grant.dto.js';

export class CreateStaffDto {
  @ApiProperty({ example: 'reviewer.jinjiang@example.gov.cn', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ example: '晋江市科技局 审核员', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ enum: USER_LOCALES, default: 'zh' })
  @IsOptional()
  @IsIn(USER_LOCALES)
  locale?: UserLocale;

  @ApiProperty({ type: [StaffGrantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique((g: StaffGrantDto | undefined) => g?.role, { message: 'each role may be listed once' })
  @IsObject({ each: true, message: 'each role must be an object { role, regionCodes }' })
  @ValidateNested({ each: true })
  @Type(() => StaffGrantDto)
  roles!: StaffGrantDto[];
}
