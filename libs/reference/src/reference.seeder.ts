import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, shanghaiDate } from '@innoserve/core';
import { seedReferenceData } from './reference-data.js';
import { ReferenceService } from './reference.service.js';
import { seedHolidayCalendar } from './holidays/holiday-calendar-data.js';
import { WorkingDays } from './holidays/working-days.service.js';

/**
 * Writes the reference data at every start (idempotent upsert), so all installations agree.
 * It runs in onModuleInit, which Nest finishes for every module before any onApplicationBootstrap
 * hook: bootstrap work of other libs (the first administrator's region codes, demo data) can rely
 * on the regions and categories being there. onApplicationBootstrap only checks that it ran.
 * The holiday calendar is seeded in the same transaction; days a super-admin edited are kept.
 */
@Injectable()
export class ReferenceSeeder implements OnModuleInit, OnApplicationBootstrap {
  private seeded = false;

  private readonly logger = new Logger('ReferenceSeeder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly workingDays: WorkingDays,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seed();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.seeded) await this.seed();
  }

  async seed(): Promise<{ regions: number; categories: number; holidayDays: number }> {
    const counts = await this.dataSource.transaction(async (manager) => ({
      ...(await seedReferenceData(manager)),
      holidayDays: (await seedHolidayCalendar(manager)).days,
    }));
    this.reference.invalidate();
    this.workingDays.invalidate();
    this.seeded = true;
    this.logger.debug(`reference data: ${counts.regions} regions, ${counts.categories} service categories, ${counts.holidayDays} holiday calendar days`);
    await this.warnAboutCalendarGaps();
    return counts;
  }

  /** Working days are only as good as the calendar: say so at start when this year's or next year's is missing or provisional. */
  private async warnAboutCalendarGaps(): Promise<void> {
    const year = Number(shanghaiDate(this.clock.now()).slice(0, 4));
    const rows = await this.dataSource.query<{ year: number; days: number; provisional: number }[]>(
      `SELECT extract(year FROM date)::int AS year, count(*)::int AS days, count(*) FILTER (WHERE provisional)::int AS provisional
         FROM holiday_calendar_day WHERE NOT removed AND extract(year FROM date)::int IN ($1::int, $1::int + 1) GROUP BY 1`,
      [year],
    );
    for (const y of [year, year + 1]) {
      const r = rows.find((x) => x.year === y);
      if (!r) this.logger.warn(`the holiday calendar has no days for ${y}: working days there count Monday to Friday until a super-admin enters the State Council's notice (PUT /api/v1/admin/holidays/:date)`);
      else if (r.provisional > 0) this.logger.warn(`the holiday calendar for ${y} is provisional (${r.provisional} of ${r.days} days): enter the State Council's notice when it is published (PUT /api/v1/admin/holidays/:date)`);
    }
  }
}
