import { Global, Module } from '@nestjs/common';
import { ReferenceModule, ReferenceService } from '@innoserve/reference';
import { RegionCodeDirectory } from '@innoserve/identity';
import { AuditModule } from '@innoserve/audit';
import { HolidayCalendarAdmin } from './holiday-calendar-admin.service.js';
import { HolidayCalendarAdminController } from './holiday-calendar-admin.controller.js';
import { ReferenceController } from './reference.controller.js';

/**
 * Reference data in the API: ReferenceModule (seeded at start), GET /regions and /categories, the
 * holiday calendar's admin routes (/admin/holidays), and the binding that lets identity check staff
 * region codes against the known regions.
 */
@Global()
@Module({
  imports: [ReferenceModule, AuditModule],
  controllers: [ReferenceController, HolidayCalendarAdminController],
  providers: [{ provide: RegionCodeDirectory, useExisting: ReferenceService }, HolidayCalendarAdmin],
  exports: [RegionCodeDirectory],
})
export class ReferenceHttpModule {}
