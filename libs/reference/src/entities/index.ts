import { HolidayCalendarDay } from './holiday-calendar-day.entity.js';
import { Region } from './region.entity.js';
import { ServiceCategory } from './service-category.entity.js';

export { HolidayCalendarDay, Region, ServiceCategory };

/** Tables this lib owns. */
export const REFERENCE_ENTITIES = [Region, ServiceCategory, HolidayCalendarDay];
