import { ApiProperty } from '@nestjs/swagger';
import { USER_LOCALES, type UserLocale } from '../entities/app-user.entity.js';

export class UserViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: USER_LOCALES }) locale!: UserLocale;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
