import { Global, Module } from '@nestjs/common';
import { ReferenceModule, ReferenceService } from '@innoserve/reference';
import { RegionCodeDirectory } from '@innoserve/identity';
import { ReferenceController } from './reference.controller.js';

/**
 * Reference data in the API: ReferenceModule (seeded at start), GET /regions and /categories, and
 * the binding that lets identity check staff region codes against the known regions.
 */
@Global()
@Module({
  imports: [ReferenceModule],
  controllers: [ReferenceController],
  providers: [{ provide: RegionCodeDirectory, useExisting: ReferenceService }],
  exports: [RegionCodeDirectory],
})
export class ReferenceHttpModule {}
