import { addCalendarDays } from '@innoserve/core';
import type { ReviewCalendar } from './claim-ports.js';

/**
 * Working days as Monday to Friday: what the review deadlines count until the official holiday
 * calendar (reference data, with 调休) is installed in its place.
 */
export class WeekdayCalendar implements ReviewCalendar {
  addWorkingDays(from: string, n: number): string {
    let day = from;
    for (let left = n; left > 0; ) {
      day = addCalendarDays(day, 1);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) left--;
    }
    return day;
  }
}
