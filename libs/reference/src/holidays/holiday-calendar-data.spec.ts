import { FESTIVALS, HOLIDAY_YEARS, type HolidayYear } from '../data/holiday-calendar.js';
import { holidayCalendarRows } from './holiday-calendar-data.js';
import { isWeekend, weekdayOf } from './working-calendar.js';

const rows = holidayCalendarRows();
const ofYear = (y: number) => rows.filter((r) => r.date.startsWith(`${y}-`));
const daysOff = (y: number, festival: string) => ofYear(y).filter((r) => r.kind === 'holiday' && r.nameZh === festival);

describe(holidayCalendarRows.name, () => {
  it('seeds this year and next', () => {
    expect(HOLIDAY_YEARS.map((y) => y.year)).toEqual([2026, 2027]);
  });

  it('has, for 2026, each festival with as many days off as the State Council notice says (共N天)', () => {
    const counts = Object.fromEntries(Object.keys(FESTIVALS).map((f) => [f, daysOff(2026, f).length]));
    expect(counts).toEqual({ 元旦: 3, 春节: 9, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 });
    expect(daysOff(2026, '春节').map((r) => r.date)).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect(daysOff(2026, '国庆节')[0].date).toBe('2026-10-01');
    expect(daysOff(2026, '国庆节').at(-1)!.date).toBe('2026-10-07');
  });

  it("has 2026's six make-up working days, each a Saturday or Sunday, named after its festival", () => {
    const workdays = ofYear(2026).filter((r) => r.kind === 'workday');
    expect(workdays.map((r) => [r.date, r.nameZh])).toEqual([
      ['2026-01-04', '元旦'],
      ['2026-02-14', '春节'],
      ['2026-02-28', '春节'],
      ['2026-05-09', '劳动节'],
      ['2026-09-20', '国庆节'],
      ['2026-10-10', '国庆节'],
    ]);
    expect(workdays.every((r) => isWeekend(r.date))).toBe(true);
  });

  it('marks 2026 as official and 2027 as provisional: the 13 statutory days off only, 春节 from 除夕 Friday 5 February', () => {
    expect(ofYear(2026).every((r) => !r.provisional)).toBe(true);
    const y2027 = ofYear(2027);
    expect(y2027.every((r) => r.provisional && r.kind === 'holiday')).toBe(true);
    expect(y2027).toHaveLength(13); // 全国年节及纪念日放假办法 art. 2: 1 + 4 + 1 + 2 + 1 + 1 + 3
    expect(daysOff(2027, '春节').map((r) => `${r.date}/${weekdayOf(r.date)}`)).toEqual(['2027-02-05/5', '2027-02-06/6', '2027-02-07/0', '2027-02-08/1']);
    expect(daysOff(2027, '端午节').map((r) => r.date)).toEqual(['2027-06-09']);
    expect(daysOff(2027, '中秋节').map((r) => r.date)).toEqual(['2027-09-15']);
    expect(daysOff(2027, '清明节').map((r) => r.date)).toEqual(['2027-04-05']);
  });

  it('names every day in Chinese and English, sorted by date, each date once', () => {
    for (const r of rows) expect(r.nameEn).toBe(FESTIVALS[r.nameZh as keyof typeof FESTIVALS]);
    expect(rows.map((r) => r.date)).toEqual([...new Set(rows.map((r) => r.date))].sort());
  });

  describe('refuses data that cannot be right', () => {
    const year = (festivals: HolidayYear['festivals']): HolidayYear[] => [{ year: 2030, provisional: false, source: 'test', festivals }];

    it('a make-up working day on a weekday', () => {
      expect(() => holidayCalendarRows(year([{ festival: '春节', daysOff: [['2030-02-02', '2030-02-08']], workdays: ['2030-02-11'] }]))).toThrow(/not a Saturday or Sunday/);
    });

    it('a day outside its year, a reversed range, a date listed twice', () => {
      expect(() => holidayCalendarRows(year([{ festival: '元旦', daysOff: [['2029-12-31', '2030-01-01']] }]))).toThrow(/not a date of 2030/);
      expect(() => holidayCalendarRows(year([{ festival: '元旦', daysOff: [['2030-01-03', '2030-01-01']] }]))).toThrow(/not a range/);
      expect(() =>
        holidayCalendarRows(
          year([
            { festival: '中秋节', daysOff: [['2030-09-30', '2030-10-01']] },
            { festival: '国庆节', daysOff: [['2030-10-01', '2030-10-07']] },
          ]),
        ),
      ).toThrow(/2030-10-01 is listed twice/);
    });
  });
});
