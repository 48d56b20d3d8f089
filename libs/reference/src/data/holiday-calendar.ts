/**
 * China's official holiday calendar, seeded for this year and next (docs/product.md, Money rules,
 * Time): every day off (放假) and every make-up working day (调休上班) of the State Council General
 * Office's yearly notice. A super-admin edits it (PUT/DELETE /api/v1/admin/holidays/:date); the
 * seed never overwrites a day a super-admin has set or removed (libs/reference/README.md).
 */
import type { HolidayKind } from '../holidays/working-calendar.js';

/** The seven festivals of the notices (全国年节及纪念日放假办法, art. 2), Chinese and English names. */
export const FESTIVALS = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆节: 'National Day',
} as const;
export type FestivalZh = keyof typeof FESTIVALS;

/** One festival of a year: its days off (inclusive ranges) and its make-up working days. */
export interface FestivalArrangement {
  festival: FestivalZh;
  daysOff: readonly (readonly [from: string, to: string])[];
  workdays?: readonly string[];
}

export interface HolidayYear {
  year: number;
  /** Derived before the year's notice was found: replaced by the notice's arrangement when it is. */
  provisional: boolean;
  /** Where the dates come from. */
  source: string;
  festivals: readonly FestivalArrangement[];
}

/**
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号, 4 November 2025),
 * https://www.gov.cn/zhengce/content/202511/content_7047090.htm — the text as carried by Xinhua on
 * the day (e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm and Zhongshan Daily,
 * https://epaper.zsnews.cn/epaper/zsrb/paperdate/20251105/part/1/articleid/3.html), checked
 * against each other and against the holiday-cn and china-holiday-calender datasets:
 *   一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *   三、清明节：4月4日（周六）至6日（周一）放假，共3天。
 *   四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
 *   五、端午节：6月19日（周五）至21日（周日）放假，共3天。
 *   六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
 *   七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
 */
const Y2026: HolidayYear = {
  year: 2026,
  provisional: false,
  source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）',
  festivals: [
    { festival: '元旦', daysOff: [['2026-01-01', '2026-01-03']], workdays: ['2026-01-04'] },
    { festival: '春节', daysOff: [['2026-02-15', '2026-02-23']], workdays: ['2026-02-14', '2026-02-28'] },
    { festival: '清明节', daysOff: [['2026-04-04', '2026-04-06']] },
    { festival: '劳动节', daysOff: [['2026-05-01', '2026-05-05']], workdays: ['2026-05-09'] },
    { festival: '端午节', daysOff: [['2026-06-19', '2026-06-21']] },
    { festival: '中秋节', daysOff: [['2026-09-25', '2026-09-27']] },
    { festival: '国庆节', daysOff: [['2026-10-01', '2026-10-07']], workdays: ['2026-09-20', '2026-10-10'] },
  ],
};

/**
 * 2027, PROVISIONAL. The notice for 2027 (国务院办公厅关于2027年部分节假日安排的通知, usually
 * published in November) could not be found when this was written (December 2026), so only the
 * statutory days off are seeded, from 全国年节及纪念日放假办法 as revised on 10 November 2024
 * (art. 2: 元旦 1 Jan; 春节 除夕 and 正月初一–初三; 清明节 the day of 清明; 劳动节 1–2 May; 端午节
 * 五月初五; 中秋节 八月十五; 国庆节 1–3 Oct) and the 2027 lunar calendar: 正月初一 is Saturday 6 February
 * (the new moon falls at 23:56 Beijing time on the 6th — ICU's Chinese calendar puts it on the 7th,
 * so these dates are written out rather than computed), 端午 Wednesday 9 June, 中秋 Wednesday
 * 15 September, 清明 Monday 5 April. The notice will add the 调休 blocks, the weekday days off in
 * place of statutory days that fall on a weekend (art. 6) and the make-up working days: a
 * super-admin enters them when it is published, and the next release replaces this block.
 */
const Y2027: HolidayYear = {
  year: 2027,
  provisional: true,
  source: '全国年节及纪念日放假办法（2024年修订）第二条 and the 2027 lunar calendar (provisional)',
  festivals: [
    { festival: '元旦', daysOff: [['2027-01-01', '2027-01-01']] },
    { festival: '春节', daysOff: [['2027-02-05', '2027-02-08']] },
    { festival: '清明节', daysOff: [['2027-04-05', '2027-04-05']] },
    { festival: '劳动节', daysOff: [['2027-05-01', '2027-05-02']] },
    { festival: '端午节', daysOff: [['2027-06-09', '2027-06-09']] },
    { festival: '中秋节', daysOff: [['2027-09-15', '2027-09-15']] },
    { festival: '国庆节', daysOff: [['2027-10-01', '2027-10-03']] },
  ],
};

export const HOLIDAY_YEARS: readonly HolidayYear[] = [Y2026, Y2027];

/** A row of the holiday table as seeded. */
export interface HolidayRow {
  date: string;
  kind: HolidayKind;
  nameZh: string;
  nameEn: string;
  provisional: boolean;
}
