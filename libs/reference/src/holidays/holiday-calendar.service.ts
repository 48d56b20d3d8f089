import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError, ValidationFailedError, msg, shanghaiDate } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import type { HolidayDayView } from '../dto/holiday-day-view.dto.js';
import { isIsoDate, isWeekend, type HolidayKind } from './working-calendar.js';
import { WorkingDays } from './working-days.service.js';

/** The years a day of the calendar may be in: wide enough for any notice, narrow enough to catch a typo. */
export const HOLIDAY_YEAR_MIN = 2000;
export const HOLIDAY_YEAR_MAX = 2100;

/** What a super-admin sets a day to. */
export interface HolidayDayInput {
  kind: HolidayKind;
  nameZh: string;
  nameEn: string;
}

/**
 * A date of the calendar from the outside (a path parameter): 'YYYY-MM-DD', a real date, within
 * HOLIDAY_YEAR_MIN…HOLIDAY_YEAR_MAX; else 400 naming the field.
 */
export function parseHolidayDate(value: unknown, field = 'date'): string {
  if (!isIsoDate(value)) throw new ValidationFailedError([{ field, message: `${field} must be a calendar date written YYYY-MM-DD` }]);
  const year = Number(value.slice(0, 4));
  if (year < HOLIDAY_YEAR_MIN || year > HOLIDAY_YEAR_MAX) {
    throw new ValidationFailedError([{ field, message: `${field} must be in the years ${HOLIDAY_YEAR_MIN} to ${HOLIDAY_YEAR_MAX}` }]);
  }
  return value;
}

interface DayRow {
  date: string;
  kind: HolidayKind;
  name_zh: string;
  name_en: string;
  provisional: boolean;
  updated_by: string | null;
  updated_at: Date;
}

const COLUMNS = `date::text AS date, kind, name_zh, name_en, provisional, updated_by, updated_at`;

const toView = (r: DayRow): HolidayDayView => ({
  date: r.date,
  kind: r.kind,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  provisional: r.provisional,
  updatedBy: r.updated_by,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * The holiday calendar's rows: a year's listing, and a super-admin's edits. An edit joins the
 * caller's unit of work (the api records its audit entry there) and drops WorkingDays' in-memory
 * calendar once it has committed. A removed day stays as a tombstone (`removed`, with the remover
 * in `updated_by`), so the seed never brings it back.
 */
@Injectable()
export class HolidayCalendarService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly workingDays: WorkingDays,
    private readonly clock: Clock,
  ) {}

  /** The days of a year (default: this year in Asia/Shanghai), by date. */
  async listYear(year?: number): Promise<HolidayDayView[]> {
    const y = year ?? Number(shanghaiDate(this.clock.now()).slice(0, 4));
    const rows = await this.tx.manager.query<DayRow[]>(
      `SELECT ${COLUMNS} FROM holiday_calendar_day
        WHERE NOT removed AND date >= make_date($1::int, 1, 1) AND date < make_date($1::int + 1, 1, 1)
        ORDER BY date`,
      [y],
    );
    return rows.map(toView);
  }

  /**
   * Sets a day: adds it, replaces it, or brings a removed one back. A super-admin's decision, so
   * the day is no longer provisional and the seed leaves it alone from now on. A make-up working
   * day must be a Saturday or Sunday (400 naming `kind`). Returns the day before (null when it was
   * not in the calendar) and after.
   */
  async setDay(date: string, input: HolidayDayInput, actorId: string): Promise<{ before: HolidayDayView | null; after: HolidayDayView }> {
    parseHolidayDate(date);
    if (input.kind === 'workday' && !isWeekend(date)) {
      throw new ValidationFailedError([{ field: 'kind', message: `a make-up working day (workday) must be a Saturday or Sunday; ${date} is a weekday` }]);
    }
    const [nameZh, nameEn] = [input.nameZh.trim(), input.nameEn.trim()];
    return this.tx.run(async (m) => {
      const before = await this.lockedDay(m, date);
      const [row] = await m.query<DayRow[]>(
        `INSERT INTO holiday_calendar_day (date, kind, name_zh, name_en, provisional, removed, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, false, false, $5, $6)
         ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
           provisional = false, removed = false, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING ${COLUMNS}`,
        [date, input.kind, nameZh, nameEn, actorId, this.clock.now()],
      );
      this.tx.afterCommit(() => this.workingDays.invalidate());
      return { before, after: toView(row) };
    });
  }

  /** Removes a day from the calendar (404 when it is not in it); returns the day as it was. */
  async removeDay(date: string, actorId: string): Promise<{ before: HolidayDayView }> {
    parseHolidayDate(date);
    return this.tx.run(async (m) => {
      const before = await this.lockedDay(m, date);
      if (!before) throw new NotFoundError('holiday calendar day', msg(`${date} is not in the holiday calendar.`, `节假日安排中没有 ${date}。`));
      await m.query(`UPDATE holiday_calendar_day SET removed = true, updated_by = $2, updated_at = $3 WHERE date = $1`, [date, actorId, this.clock.now()]);
      this.tx.afterCommit(() => this.workingDays.invalidate());
      return { before };
    });
  }

  /**
   * The day in the calendar (null when absent or removed), under a lock on the date held to the
   * end of the transaction: two edits of one day run one after the other, each seeing the other's
   * result as its "before" (a row lock cannot cover a day that has no row yet).
   */
  private async lockedDay(m: EntityManager, date: string): Promise<HolidayDayView | null> {
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`holiday_calendar_day:${date}`]);
    const [row] = await m.query<DayRow[]>(`SELECT ${COLUMNS} FROM holiday_calendar_day WHERE date = $1 AND NOT removed`, [date]);
    return row ? toView(row) : null;
  }
}
