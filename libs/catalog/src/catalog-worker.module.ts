import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOG_ENTITIES } from './entities/index.js';
import { ProviderChangeFanOut } from './services/provider-change-fan-out.js';
import { QualificationLapseSweep } from './services/qualification-lapse.sweep.js';

/**
 * What the worker hosts for the catalog: the `organizations.provider-changed` handler, which fans
 * a provider change out to `catalog.offering-changed` rows of its published offerings, and the
 * sweep that re-announces offerings whose provider's qualification ran out.
 */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES)],
  providers: [ProviderChangeFanOut, QualificationLapseSweep],
  exports: [ProviderChangeFanOut, QualificationLapseSweep],
})
export class CatalogWorkerModule {}
