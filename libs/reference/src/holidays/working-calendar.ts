/**
 * Working-day arithmetic on China's official holiday calendar (docs/product.md, Money rules, Time):
 * a day is a working day from Monday to Friday unless the calendar makes it a holiday, and on a
 * Saturday or Sunday only when the calendar makes it a make-up working day (调休上班). Dates are
 * 'YYYY-MM-DD' calendar dates in Asia/Shanghai; the arithmetic runs on whole day numbers (days since
 * 1970-01-01), never on local-time Date objects, so no time zone or DST can move a day.
 * Years the calendar does not cover fall back to Monday to Friday.
 */

export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
/** `holiday`: a day off (放假); `workday`: a Saturday or Sunday that is worked (调休上班). */
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** A day on which the official calendar departs from the plain week. */
export interface CalendarDay {
  date: string;
  kind: HolidayKind;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The longest count addWorkingDays accepts: deadlines are days to weeks (a review level's default
 * is 10 working days); ten years of working days stops a wrong argument from looping for long.
 */
export const MAX_WORKING_DAYS = 2_500;

/** Days since 1970-01-01 of a real calendar date 'YYYY-MM-DD' (years 1000–9999), else null. */
export function dayNumberOf(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Date.UTC rolls 2026-02-30 over into March: a date that does not round-trip does not exist
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / MS_PER_DAY;
}

/** Whether `value` is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && dayNumberOf(value) !== null;
}

function dayNumber(date: string): number {
  const n = dayNumberOf(date);
  if (n === null) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return n;
}

/** The date of a day number. */
export function dateOfDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01, day 0, was a Thursday). */
function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** The day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return weekdayOfDay(dayNumber(date));
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** Day 4 (1970-01-05) was a Monday: weeks counted from it start on Monday. */
const A_MONDAY = 4;

/** Monday-to-Friday days in [A_MONDAY, n) (negative before it): a difference counts any range. */
function weekdaysBefore(n: number): number {
  const k = n - A_MONDAY;
  const weeks = Math.floor(k / 7);
  return 5 * weeks + Math.min(5, k - 7 * weeks);
}

/**
 * The calendar in memory: built from the rows of the holiday table, pure (no database, no clock),
 * so it is tested on its own and shared by every caller until the table changes.
 */
export class WorkingCalendar {
  /** Day number → kind. */
  private readonly kinds = new Map<number, HolidayKind>();
  /** Day numbers of the days that change the Monday-to-Friday count, sorted: a weekday holiday (−1) or a weekend workday (+1). */
  private readonly changes: { day: number; delta: -1 | 1 }[] = [];
  private readonly years = new Set<number>();

  constructor(days: readonly CalendarDay[]) {
    for (const d of days) {
      const n = dayNumber(d.date);
      if (this.kinds.has(n)) throw new RangeError(`the calendar lists ${d.date} twice`);
      this.kinds.set(n, d.kind);
      this.years.add(Number(d.date.slice(0, 4)));
      const weekend = weekdayOfDay(n) === 0 || weekdayOfDay(n) === 6;
      if (d.kind === 'holiday' && !weekend) this.changes.push({ day: n, delta: -1 });
      if (d.kind === 'workday' && weekend) this.changes.push({ day: n, delta: 1 });
    }
    this.changes.sort((a, b) => a.day - b.day);
  }

  /** The years the calendar has days for (the others fall back to Monday to Friday). */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** Whether the calendar has days for the date's year; when not, it counts Monday to Friday. */
  covers(date: string): boolean {
    dayNumber(date);
    return this.years.has(Number(date.slice(0, 4)));
  }

  /** The calendar's kind for the date, undefined for a plain day. */
  kindOf(date: string): HolidayKind | undefined {
    return this.kinds.get(dayNumber(date));
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /**
   * The n-th working day after `from` (not counting `from` itself): the last day of a deadline of
   * n working days that starts on `from`, whatever `from` is. n = 0 is `from`.
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}: ${n}`);
    let day = dayNumber(from);
    for (let left = n; left > 0; ) {
      day++;
      if (this.isWorkingDayNumber(day)) left--;
    }
    return dateOfDayNumber(day);
  }

  /**
   * The working days after `a` up to and including `b` (negative when b is before a), so that
   * workingDaysBetween(a, addWorkingDays(a, n)) === n. Counted, not walked: the Monday-to-Friday
   * days in the range, corrected by the calendar's days in it.
   */
  workingDaysBetween(a: string, b: string): number {
    const [x, y] = [dayNumber(a), dayNumber(b)];
    if (y < x) return -this.workingDaysBetween(b, a);
    let count = weekdaysBefore(y + 1) - weekdaysBefore(x + 1);
    for (let i = this.firstChangeAfter(x); i < this.changes.length && this.changes[i].day <= y; i++) count += this.changes[i].delta;
    return count;
  }

  private isWorkingDayNumber(n: number): boolean {
    const kind = this.kinds.get(n);
    if (kind === 'holiday') return false;
    if (kind === 'workday') return true;
    const w = weekdayOfDay(n);
    return w !== 0 && w !== 6;
  }

  /** Index of the first change on a day after `n` (binary search). */
  private firstChangeAfter(n: number): number {
    let [lo, hi] = [0, this.changes.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.changes[mid].day <= n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
