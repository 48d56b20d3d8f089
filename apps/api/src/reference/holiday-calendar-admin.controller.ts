import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, STAFF_ROLES, Staff, type Principal } from '@innoserve/identity';
import { HolidayCalendarService, HolidayDayView, HolidayYearQuery, SetHolidayDayDto } from '@innoserve/reference';
import { HolidayCalendarAdmin } from './holiday-calendar-admin.service.js';
import { HolidayDatePipe } from './holiday-date.pipe.js';

const DATE_PARAM = { name: 'date', type: String, format: 'date', example: '2027-02-09', description: 'The calendar date (Asia/Shanghai), YYYY-MM-DD' } as const;

/**
 * China's official holiday calendar (days off and make-up working days, 调休), on which working-day
 * deadlines are counted. Every staff member may read it; only a super-admin edits it, each edit
 * audited. Lives in the api app: the policy decorators come from identity, and the audit from
 * audit, both beside reference in the import order.
 */
@ApiTags('admin: holidays')
@ApiBearerAuth()
@Controller('admin/holidays')
export class HolidayCalendarAdminController {
  constructor(
    private readonly calendar: HolidayCalendarService,
    private readonly admin: HolidayCalendarAdmin,
  ) {}

  @Get()
  @Staff(...STAFF_ROLES)
  @ApiOperation({
    summary: "A year's holiday calendar: every day off and every make-up working day, by date (any staff)",
    description: 'Days not listed follow the week: Monday to Friday are working days. `provisional` days were derived before the year\'s State Council notice was found.',
  })
  @ApiOkResponse({ type: [HolidayDayView] })
  list(@Query() q: HolidayYearQuery): Promise<HolidayDayView[]> {
    return this.calendar.listYear(q.year);
  }

  @Put(':date')
  @Staff('super_admin')
  @ApiOperation({
    summary: 'Set a day of the holiday calendar: a day off or a make-up working day (super-admin)',
    description:
      'Adds, replaces or restores the day; working-day deadlines use it at once. A make-up working day (workday) must be a Saturday or Sunday (400 naming kind). ' +
      'The seed never overwrites a day set here. Audited with the day before and after.',
  })
  @ApiParam(DATE_PARAM)
  @ApiOkResponse({ type: HolidayDayView })
  set(@CurrentUser() me: Principal, @Param('date', HolidayDatePipe) date: string, @Body() dto: SetHolidayDayDto): Promise<HolidayDayView> {
    return this.admin.set(me.userId, date, dto);
  }

  @Delete(':date')
  @Staff('super_admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a day from the holiday calendar: it follows the week again (super-admin)',
    description: '404 when the day is not in the calendar. The seed does not bring a removed day back. Audited with the day as it was.',
  })
  @ApiParam(DATE_PARAM)
  @ApiNoContentResponse()
  async remove(@CurrentUser() me: Principal, @Param('date', HolidayDatePipe) date: string): Promise<void> {
    await this.admin.remove(me.userId, date);
  }
}
