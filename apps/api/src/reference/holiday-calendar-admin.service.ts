import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { HolidayCalendarService, type HolidayDayInput, type HolidayDayView } from '@innoserve/reference';

/** The audit stream of a calendar day: one hash chain per date. */
export const HOLIDAY_AUDIT_STREAM = 'holiday_calendar_day';

/**
 * A super-admin's edits of the holiday calendar, each with its audit entry (before and after) in
 * the same transaction. Here rather than in libs/reference, which sits below audit in the import
 * order; the rows and the working-day cache stay the lib's (HolidayCalendarService).
 */
@Injectable()
export class HolidayCalendarAdmin {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly calendar: HolidayCalendarService,
    private readonly audit: AuditService,
  ) {}

  set(actorId: string, date: string, input: HolidayDayInput): Promise<HolidayDayView> {
    return this.tx.run(async (m) => {
      const { before, after } = await this.calendar.setDay(date, input, actorId);
      await this.audit.record(m, { streamType: HOLIDAY_AUDIT_STREAM, streamId: date, action: 'holiday.set', actorId, before, after });
      return after;
    });
  }

  remove(actorId: string, date: string): Promise<void> {
    return this.tx.run(async (m) => {
      const { before } = await this.calendar.removeDay(date, actorId);
      await this.audit.record(m, { streamType: HOLIDAY_AUDIT_STREAM, streamId: date, action: 'holiday.removed', actorId, before, after: null });
    });
  }
}
