import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@innoserve/core';
import { WorkingCalendar, type CalendarDay } from './working-calendar.js';

/**
 * How long a process keeps the calendar before reading the table again. An edit refreshes the
 * editing process at once (afterCommit); the other processes (the worker, other api replicas) see it
 * within this time, which is plenty for a calendar edited weeks before the days it changes.
 */
export const WORKING_CALENDAR_REFRESH_MS = 60_000;

/**
 * Working days on China's official holiday calendar (the holiday_calendar_day table), for day-based
 * deadlines such as a claim review level's N working days. The table is read once and kept in
 * memory; an edit through HolidayCalendarService drops it after its commit, and every process reads
 * it again after WORKING_CALENDAR_REFRESH_MS. Dates are 'YYYY-MM-DD' (Asia/Shanghai); years the
 * table does not cover count Monday to Friday. A malformed date is a RangeError.
 */
@Injectable()
export class WorkingDays {
  private cached?: { calendar: Promise<WorkingCalendar>; loadedAt: number };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Drops the in-memory calendar; the next call reads the table again. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The calendar as it is now (for a caller that computes many dates at once). */
  calendar(): Promise<WorkingCalendar> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.loadedAt >= WORKING_CALENDAR_REFRESH_MS) {
      const calendar: Promise<WorkingCalendar> = this.load().catch((e: unknown) => {
        // a failed read is not kept: the next call tries again (unless a newer read replaced it)
        if (this.cached?.calendar === calendar) this.cached = undefined;
        throw e;
      });
      this.cached = { calendar, loadedAt: now };
    }
    return this.cached.calendar;
  }

  /** Monday to Friday unless a holiday; Saturday or Sunday only when a make-up working day. */
  async isWorkingDay(date: string): Promise<boolean> {
    return (await this.calendar()).isWorkingDay(date);
  }

  /** The n-th working day after `from`: the last day of a deadline of n working days (it ends at 24:00 Asia/Shanghai). */
  async addWorkingDays(from: string, n: number): Promise<string> {
    return (await this.calendar()).addWorkingDays(from, n);
  }

  /** The working days after `a` up to and including `b` (negative when b is before a). */
  async workingDaysBetween(a: string, b: string): Promise<number> {
    return (await this.calendar()).workingDaysBetween(a, b);
  }

  private async load(): Promise<WorkingCalendar> {
    const rows = await this.dataSource.query<CalendarDay[]>(`SELECT date::text AS date, kind FROM holiday_calendar_day WHERE NOT removed`);
    return new WorkingCalendar(rows);
  }
}
