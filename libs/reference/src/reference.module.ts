import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { REFERENCE_ENTITIES } from './entities/index.js';
import { ReferenceSeeder } from './reference.seeder.js';
import { ReferenceService } from './reference.service.js';

/**
 * Regions and the service-category tree, seeded at start. Global: organizations, catalog, vouchers
 * and search all read it. The HTTP routes live in the api app (their policy decorators come from
 * identity, which sits above this lib).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_ENTITIES)],
  providers: [ReferenceService, ReferenceSeeder],
  exports: [ReferenceService, ReferenceSeeder],
})
export class ReferenceModule {}
