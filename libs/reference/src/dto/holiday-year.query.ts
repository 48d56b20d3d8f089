import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { HOLIDAY_YEAR_MAX, HOLIDAY_YEAR_MIN } from '../holidays/holiday-calendar.service.js';

/** GET /admin/holidays?year= */
export class HolidayYearQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: HOLIDAY_YEAR_MIN, maximum: HOLIDAY_YEAR_MAX, example: 2027, description: 'Default: the current year (Asia/Shanghai)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(HOLIDAY_YEAR_MIN)
  @Max(HOLIDAY_YEAR_MAX)
  year?: number;
}
