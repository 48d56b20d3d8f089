import { MAX_WORKING_DAYS, WorkingCalendar, dayNumberOf, isIsoDate, weekdayOf } from './working-calendar.js';
import { holidayCalendarRows } from './holiday-calendar-data.js';
import { addCalendarDays } from '@innoserve/core';

/** The calendar as seeded (2026 from the State Council's notice, 2027 provisional). */
const seeded = new WorkingCalendar(holidayCalendarRows());
/** No calendar at all: Monday to Friday. */
const plainWeek = new WorkingCalendar([]);

describe(WorkingCalendar.name, () => {
  describe('isWorkingDay', () => {
    it('makes a weekday of 春节 2026 a day off and a make-up Saturday a working day', () => {
      expect(seeded.isWorkingDay('2026-02-16')).toBe(false); // Monday, 除夕
      expect(seeded.isWorkingDay('2026-02-23')).toBe(false); // Monday, 正月初七, the last day off
      expect(seeded.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班
      expect(seeded.isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休上班
      expect(seeded.isWorkingDay('2026-01-04')).toBe(true); // Sunday, 调休上班 after 元旦
      expect(plainWeek.isWorkingDay('2026-02-16')).toBe(true);
      expect(plainWeek.isWorkingDay('2026-02-14')).toBe(false);
    });

    it('keeps the plain week on the days the calendar does not name', () => {
      expect(seeded.isWorkingDay('2026-02-24')).toBe(true); // Tuesday after 春节
      expect(seeded.isWorkingDay('2026-02-21')).toBe(false); // Saturday inside 春节
      expect(seeded.isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
      expect(seeded.isWorkingDay('2026-03-08')).toBe(false); // an ordinary Sunday
      expect(seeded.isWorkingDay('2026-03-09')).toBe(true); // an ordinary Monday
    });

    it('tells the calendar kind of a day', () => {
      expect(seeded.kindOf('2026-10-01')).toBe('holiday');
      expect(seeded.kindOf('2026-09-20')).toBe('workday');
      expect(seeded.kindOf('2026-10-08')).toBeUndefined();
    });
  });

  describe('addWorkingDays', () => {
    it('lands 10 working days from a date before 春节 2026 after the holiday, counting both make-up Saturdays', () => {
      // 11, 12, 13 Feb, Sat 14 (make-up), [15–23 off], 24, 25, 26, 27, Sat 28 (make-up), Mon 2 March
      expect(seeded.addWorkingDays('2026-02-10', 10)).toBe('2026-03-02');
      // the plain week would have ended the deadline inside the holiday's aftermath, a week earlier
      expect(plainWeek.addWorkingDays('2026-02-10', 10)).toBe('2026-02-24');
    });

    it('counts a make-up Saturday and skips a weekday holiday', () => {
      expect(seeded.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Friday → the make-up Saturday
      expect(seeded.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24'); // Monday 16 to Monday 23 are off
      expect(seeded.addWorkingDays('2026-04-30', 1)).toBe('2026-05-06'); // 劳动节 1–5 May
      expect(seeded.addWorkingDays('2026-05-08', 1)).toBe('2026-05-09'); // Saturday 9 May is worked
      expect(seeded.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // 国庆节 1–7 Oct, then Thu 8, Fri 9, Sat 10
    });

    it('crosses 春节 2027 on the provisional statutory days (除夕 Friday 5 Feb to 初三 Monday 8 Feb)', () => {
      // 2, 3, 4 Feb, [Fri 5 – Mon 8 off], 9, 10, 11, 12, 15, 16, 17
      expect(seeded.addWorkingDays('2027-02-01', 10)).toBe('2027-02-17');
      expect(plainWeek.addWorkingDays('2027-02-01', 10)).toBe('2027-02-15');
      expect(seeded.isWorkingDay('2027-02-05')).toBe(false);
      expect(seeded.isWorkingDay('2027-02-08')).toBe(false);
      expect(seeded.isWorkingDay('2027-02-09')).toBe(true);
    });

    it('crosses the new year into 元旦 2026 and its make-up Sunday', () => {
      // 2025 is not seeded (Wednesday 31 December counts as a plain weekday); 1–3 January are off, Sunday the 4th is worked
      expect(seeded.addWorkingDays('2025-12-30', 1)).toBe('2025-12-31');
      expect(seeded.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
      expect(seeded.addWorkingDays('2025-12-31', 2)).toBe('2026-01-05');
    });

    it('falls back to Monday to Friday beyond the seeded years', () => {
      // 26 January 2028 is 春节, but 2028 is not in the calendar
      expect(seeded.covers('2028-01-26')).toBe(false);
      expect(seeded.covers('2026-05-01')).toBe(true);
      expect(seeded.coveredYears()).toEqual([2026, 2027]);
      expect(seeded.isWorkingDay('2028-01-26')).toBe(true);
      expect(seeded.addWorkingDays('2028-01-24', 5)).toBe('2028-01-31');
      expect(seeded.addWorkingDays('2027-12-30', 2)).toBe('2028-01-03'); // Thu 30 → Fri 31, Mon 3
    });

    it('answers the start itself for 0, and refuses a count that is negative, fractional or absurd', () => {
      expect(seeded.addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
      expect(() => seeded.addWorkingDays('2026-02-10', -1)).toThrow(RangeError);
      expect(() => seeded.addWorkingDays('2026-02-10', 1.5)).toThrow(RangeError);
      expect(() => seeded.addWorkingDays('2026-02-10', MAX_WORKING_DAYS + 1)).toThrow(RangeError);
      expect(seeded.addWorkingDays('2026-02-10', MAX_WORKING_DAYS) > '2035-01-01').toBe(true);
    });

    it('refuses a date that is not YYYY-MM-DD or does not exist', () => {
      expect(() => seeded.addWorkingDays('2026-02-30', 1)).toThrow(/not a date/);
      expect(() => seeded.isWorkingDay('2026-2-3')).toThrow(RangeError);
      expect(() => seeded.workingDaysBetween('2026-02-10', '2026-02-10T00:00:00Z')).toThrow(RangeError);
    });

    it('gives the same answers whatever the process time zone is', () => {
      const saved = process.env.TZ;
      const answers = new Set<string>();
      try {
        for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
          process.env.TZ = tz;
          answers.add(
            [seeded.addWorkingDays('2026-02-10', 10), seeded.isWorkingDay('2026-02-14'), seeded.workingDaysBetween('2026-02-01', '2026-03-31'), weekdayOf('2026-02-14')].join('|'),
          );
        }
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
      expect([...answers]).toEqual(['2026-03-02|true|38|6']);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the working days after the first date up to and including the second', () => {
      expect(seeded.workingDaysBetween('2026-02-10', '2026-03-02')).toBe(10);
      expect(seeded.workingDaysBetween('2026-03-02', '2026-02-10')).toBe(-10);
      expect(seeded.workingDaysBetween('2026-02-14', '2026-02-14')).toBe(0);
      expect(seeded.workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0); // all of 春节
      expect(seeded.workingDaysBetween('2026-02-13', '2026-02-14')).toBe(1); // the make-up Saturday
      // February 2026 in full: 20 weekdays, 6 of them off (16–20, 23), 2 make-up Saturdays
      expect(seeded.workingDaysBetween('2026-01-31', '2026-02-28')).toBe(20 - 6 + 2);
      expect(plainWeek.workingDaysBetween('2026-01-31', '2026-02-28')).toBe(20);
    });

    it('agrees with counting day by day, and undoes addWorkingDays, over 2025 to 2028', () => {
      const mismatches: string[] = [];
      for (let a = '2025-12-01'; a < '2028-02-01'; a = addCalendarDays(a, 5)) {
        let walked = 0;
        let day = a;
        for (let i = 1; i <= 60; i++) {
          day = addCalendarDays(day, 1);
          if (seeded.isWorkingDay(day)) walked++;
          if (i % 11 === 0 && seeded.workingDaysBetween(a, day) !== walked) mismatches.push(`between ${a} and ${day}`);
        }
        for (const n of [1, 5, 10, 20]) {
          if (seeded.workingDaysBetween(a, seeded.addWorkingDays(a, n)) !== n) mismatches.push(`add ${n} to ${a}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  });

  it('refuses a calendar that lists a date twice', () => {
    expect(
      () =>
        new WorkingCalendar([
          { date: '2026-02-14', kind: 'workday' },
          { date: '2026-02-14', kind: 'holiday' },
        ]),
    ).toThrow(/twice/);
  });
});

describe('calendar dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-02-3')).toBe(false);
    expect(isIsoDate(' 2026-02-03')).toBe(false);
    expect(isIsoDate(20260203)).toBe(false);
  });

  it('numbers days from 1970-01-01 and knows the day of the week, before 1970 too', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('2026-02-14')).toBe(20498);
    expect(weekdayOf('1970-01-01')).toBe(4); // Thursday
    expect(weekdayOf('1969-12-28')).toBe(0); // Sunday
    expect(weekdayOf('2026-02-14')).toBe(6); // Saturday
    expect(weekdayOf('2027-02-06')).toBe(6); // 正月初一 2027, a Saturday
  });
});
