/**
 * The holiday calendar's seed rows, and the idempotent statement that writes them (run by the
 * ReferenceSeeder at every start, in the same transaction as the regions and categories).
 */
import type { EntityManager } from 'typeorm';
import { SqlParams } from '@innoserve/database';
import { FESTIVALS, HOLIDAY_YEARS, type HolidayRow, type HolidayYear } from '../data/holiday-calendar.js';
import { dateOfDayNumber, dayNumberOf, isWeekend } from './working-calendar.js';

/**
 * One row per day off and per make-up working day, by date. Refuses data that cannot be right: a
 * date outside its year, a make-up working day that is not a Saturday or Sunday, a date listed twice.
 */
export function holidayCalendarRows(years: readonly HolidayYear[] = HOLIDAY_YEARS): HolidayRow[] {
  const rows = new Map<string, HolidayRow>();
  const add = (y: HolidayYear, row: Omit<HolidayRow, 'provisional'>) => {
    if (dayNumberOf(row.date) === null || !row.date.startsWith(`${y.year}-`)) throw new RangeError(`${row.date} is not a date of ${y.year}`);
    if (rows.has(row.date)) throw new RangeError(`${row.date} is listed twice`);
    rows.set(row.date, { ...row, provisional: y.provisional });
  };
  for (const y of years) {
    for (const f of y.festivals) {
      const names = { nameZh: f.festival, nameEn: FESTIVALS[f.festival] };
      for (const [from, to] of f.daysOff) {
        const [a, b] = [dayNumberOf(from), dayNumberOf(to)];
        if (a === null || b === null || b < a) throw new RangeError(`${f.festival} ${y.year}: ${from}…${to} is not a range of dates`);
        for (let n = a; n <= b; n++) add(y, { date: dateOfDayNumber(n), kind: 'holiday', ...names });
      }
      for (const date of f.workdays ?? []) {
        if (dayNumberOf(date) === null || !isWeekend(date)) throw new RangeError(`${f.festival} ${y.year}: the make-up working day ${date} is not a Saturday or Sunday`);
        add(y, { date, kind: 'workday', ...names });
      }
    }
  }
  return [...rows.values()].sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * Writes the seed rows. A row nobody has edited (`updated_by` null) follows the seed: inserted,
 * updated when the seed changed (a provisional year replaced by its notice), deleted when the seed
 * of its year no longer lists it. A row a super-admin has set or removed is never touched, so an
 * edit survives every restart. Running it again changes nothing.
 */
export async function seedHolidayCalendar(manager: EntityManager, years: readonly HolidayYear[] = HOLIDAY_YEARS): Promise<{ days: number }> {
  const rows = holidayCalendarRows(years);
  const p = new SqlParams();
  await manager.query(
    `INSERT INTO holiday_calendar_day (date, kind, name_zh, name_en, provisional)
     SELECT s.day, s.kind, s.name_zh, s.name_en, s.provisional
       FROM ${p.unnest('s', [
         ['day', rows.map((r) => r.date), 'date'],
         ['kind', rows.map((r) => r.kind), 'text'],
         ['name_zh', rows.map((r) => r.nameZh), 'text'],
         ['name_en', rows.map((r) => r.nameEn), 'text'],
         ['provisional', rows.map((r) => r.provisional), 'boolean'],
       ])}
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
       provisional = EXCLUDED.provisional, updated_at = now()
     WHERE holiday_calendar_day.updated_by IS NULL
       AND (holiday_calendar_day.kind, holiday_calendar_day.name_zh, holiday_calendar_day.name_en, holiday_calendar_day.provisional)
         IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.provisional)`,
    p.values,
  );
  const seededYears = years.map((y) => y.year);
  await manager.query(
    `DELETE FROM holiday_calendar_day
      WHERE updated_by IS NULL AND extract(year FROM date)::int = ANY($1::int[]) AND date <> ALL($2::date[])`,
    [seededYears, rows.map((r) => r.date)],
  );
  return { days: rows.length };
}
