import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { USER_LOCALES, type UserLocale } from '../entities/app-user.entity.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../services/password-hasher.js';

export class RegisterDto {
  @ApiProperty({ example: 'li.ming@example.com', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: '李明', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;

  @ApiPropertyOptional({ enum: USER_LOCALES, default: 'zh' })
  @IsOptional()
  @IsIn(USER_LOCALES)
  locale?: UserLocale;
}
