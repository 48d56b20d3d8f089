import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { HolidayKind } from '../holidays/working-calendar.js';

/**
 * A day of China's official holiday calendar that departs from the plain week: a day off (holiday,
 * any day of the week: a block of days off includes its weekend) or a make-up working day (workday,
 * only a Saturday or Sunday). Seeded from the State Council's notices; a super-admin edits it.
 */
@Entity('holiday_calendar_day')
@Check('holiday_calendar_day_kind_check', `"kind" IN ('holiday', 'workday')`)
@Check('holiday_calendar_day_workday_check', `"kind" <> 'workday' OR extract(isodow FROM "date") IN (6, 7)`)
export class HolidayCalendarDay {
  /** The calendar date (Asia/Shanghai). */
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: HolidayKind;

  @Column({ type: 'varchar', length: 50 })
  nameZh!: string;

  @Column({ type: 'varchar', length: 100 })
  nameEn!: string;

  /** Derived before the year's State Council notice was found (statutory days from the lunar calendar). */
  @Column({ type: 'boolean', default: false })
  provisional!: boolean;

  /**
   * Removed by a super-admin. The row stays (with updated_by set) so the seed does not bring the
   * day back at the next start; a removed day is not part of the calendar.
   */
  @Column({ type: 'boolean', default: false })
  removed!: boolean;

  /** The super-admin who last set or removed the day; null while it is as seeded (the seed keeps it up to date). */
  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
