import { ApiProperty } from '@nestjs/swagger';
import { HOLIDAY_KINDS, type HolidayKind } from '../holidays/working-calendar.js';

/** A day of the official holiday calendar as the API shows it. */
export class HolidayDayView {
  @ApiProperty({ format: 'date', example: '2026-02-16', description: 'The calendar date (Asia/Shanghai)' })
  date!: string;

  @ApiProperty({ enum: HOLIDAY_KINDS, example: 'holiday', description: 'holiday: a day off (放假); workday: a Saturday or Sunday worked in exchange (调休上班)' })
  kind!: HolidayKind;

  @ApiProperty({ example: '春节' })
  nameZh!: string;

  @ApiProperty({ example: 'Spring Festival' })
  nameEn!: string;

  @ApiProperty({ description: "Derived from the statutory days and the lunar calendar before the year's State Council notice was found; a super-admin's edit is never provisional" })
  provisional!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The super-admin who last set the day; null while it is as seeded' })
  updatedBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
