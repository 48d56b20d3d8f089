import { Injectable, type PipeTransform } from '@nestjs/common';
import { parseHolidayDate } from '@innoserve/reference';

/** The `:date` of a holiday calendar route: a real date 'YYYY-MM-DD' within the calendar's years, else 400 naming `date`. */
@Injectable()
export class HolidayDatePipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    return parseHolidayDate(value);
  }
}
