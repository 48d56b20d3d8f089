import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@innoserve/core';
import { createSearchEngine, SearchEngine } from '@innoserve/search';
import { ProviderSearchService } from './provider-search.service.js';
import { SearchController } from './search.controller.js';

/**
 * Search in the API: the SearchEngine (Meilisearch when MEILI_HOST is set, else PostgreSQL),
 * GET /search/offerings and /search/providers. Lives in the api app because the provider
 * directory reads organizations, which libs/search may not import. Global so /health can ask
 * the engine whether it answers.
 */
@Global()
@Module({
  controllers: [SearchController],
  providers: [
    {
      provide: SearchEngine,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource) => createSearchEngine(config, dataSource),
    },
    ProviderSearchService,
  ],
  exports: [SearchEngine],
})
export class SearchHttpModule implements OnModuleDestroy {
  constructor(@Inject(SearchEngine) private readonly engine: SearchEngine) {}

  async onModuleDestroy(): Promise<void> {
    await this.engine.close();
  }
}
