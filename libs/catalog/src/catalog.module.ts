import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { ReferenceModule } from '@innoserve/reference';
import { AdminOfferingsController } from './controllers/admin-offerings.controller.js';
import { OfferingsController } from './controllers/offerings.controller.js';
import { ProviderOfferingsController } from './controllers/provider-offerings.controller.js';
import { CATALOG_ENTITIES } from './entities/index.js';
import { CatalogSearchFeed } from './services/catalog-search-feed.service.js';
import { OfferingsService } from './services/offerings.service.js';

/** Offerings and their moderation (API), and the search feed. Needs OrganizationsModule (global) in the app. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES), AuditModule, ReferenceModule],
  controllers: [OfferingsController, ProviderOfferingsController, AdminOfferingsController],
  providers: [OfferingsService, CatalogSearchFeed],
  exports: [OfferingsService, CatalogSearchFeed],
})
export class CatalogModule {}
