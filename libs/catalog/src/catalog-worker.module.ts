import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOG_ENTITIES } from './entities/index.js';
import { ProviderChangeFanOut } from './services/provider-change-fan-out.js';

/**
 * What the worker hosts for the catalog: the `organizations.provider-changed` handler, which fans
 * a provider change out to `catalog.offering-changed` rows of its published offerings.
 */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES)],
  providers: [ProviderChangeFanOut],
  exports: [ProviderChangeFanOut],
})
export class CatalogWorkerModule {}
