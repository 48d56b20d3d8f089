import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { REFERENCE_ENTITIES } from './entities/index.js';
import { HolidayCalendarService } from './holidays/holiday-calendar.service.js';
import { WorkingDays } from './holidays/working-days.service.js';
import { ReferenceSeeder } from './reference.seeder.js';
import { ReferenceService } from './reference.service.js';

/**
 * Regions, the service-category tree and the official holiday calendar (with the working-day
 * arithmetic on it), seeded at start. Global: organizations, catalog, vouchers, search and claims
 * all read it. The HTTP routes live in the api app (their policy decorators come from identity,
 * which sits above this lib).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_ENTITIES)],
  providers: [ReferenceService, ReferenceSeeder, WorkingDays, HolidayCalendarService],
  exports: [ReferenceService, ReferenceSeeder, WorkingDays, HolidayCalendarService],
})
export class ReferenceModule {}
