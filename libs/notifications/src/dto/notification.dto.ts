import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '@innoserve/core';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '../catalog/categories.js';

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Only unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class PreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES })
  @IsIn(NOTIFICATION_CATEGORIES)
  category!: NotificationCategory;

  @ApiProperty() @IsBoolean() inApp!: boolean;
  @ApiProperty() @IsBoolean() email!: boolean;
}

/** PUT /me/notification-preferences. */
export class PreferencesDto {
  @ApiProperty({ type: [PreferenceDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique((p: PreferenceDto) => p.category)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences!: PreferenceDto[];
}

export class UnsubscribeQuery {
  @ApiProperty({ type: String, description: 'The signed token of the link in the e-mail' })
  @IsString()
  @MaxLength(300)
  token!: string;
}

/** The form a mail client posts for a one-click unsubscribe (RFC 8058). */
export class OneClickDto {
  @ApiPropertyOptional({ type: String, example: 'One-Click' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  'List-Unsubscribe'?: string;
}

export class NotificationViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES }) category!: string;
  @ApiProperty({ example: 'claim.approved' }) type!: string;
  @ApiProperty({ description: "In the caller's language" }) title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true, example: '/orders/…' }) link!: string | null;
  @ApiProperty({ type: String, nullable: true }) entityType!: string | null;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty() read!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationViewDto] }) items!: NotificationViewDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) unreadCount!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}

export class PreferenceViewDto {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES }) category!: string;
  @ApiProperty() name!: string;
  @ApiProperty() inApp!: boolean;
  @ApiProperty() email!: boolean;
  @ApiProperty({ description: 'Decisions and money: always sent' }) essential!: boolean;
}

export class UnsubscribeViewDto {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES }) category!: string;
  @ApiProperty({ type: Object, description: '{ zh, en }' }) name!: { zh: string; en: string };
}

export class UnsubscribedDto {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES }) category!: string;
  @ApiProperty({ enum: [false] }) email!: false;
}

export class MarkedDto {
  @ApiProperty({ type: 'integer' }) marked!: number;
}
