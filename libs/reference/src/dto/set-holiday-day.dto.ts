import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { HOLIDAY_KINDS, type HolidayKind } from '../holidays/working-calendar.js';

/** PUT /admin/holidays/:date: what the day is. */
export class SetHolidayDayDto {
  @ApiProperty({ enum: HOLIDAY_KINDS, example: 'holiday', description: 'holiday: a day off, any day of the week; workday: a make-up working day, only on a Saturday or Sunday' })
  @IsIn(HOLIDAY_KINDS)
  kind!: HolidayKind;

  @ApiProperty({ example: '春节', maxLength: 50 })
  @IsString()
  @MaxLength(50)
  @Matches(/\S/, { message: 'nameZh must not be blank' })
  nameZh!: string;

  @ApiProperty({ example: 'Spring Festival', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'nameEn must not be blank' })
  nameEn!: string;
}
