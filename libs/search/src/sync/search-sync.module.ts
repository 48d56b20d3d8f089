import { Module, type DynamicModule, type ModuleMetadata, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@innoserve/core';
import { CatalogModule } from '@innoserve/catalog';
import { ProgramCoverageModule } from '@innoserve/vouchers';
import { SearchEngine } from '../search-engine.js';
import { createSearchEngine } from '../create-search-engine.js';
import { SearchIndexer } from './search-indexer.service.js';
import { SearchDocumentBuilder } from './search-document-builder.service.js';
import { SearchReconciler } from './search-reconciler.service.js';

class SearchEngineLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly engine: SearchEngine) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.engine.ensureSetup();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.engine.close();
  }
}

/**
 * What the worker hosts for search: the `catalog.offering-changed`, `search.offerings-changed` and
 * `search.program-changed` indexer and the reconcile job, on the engine createSearchEngine picks
 * (ensureSetup at start); documents come from SearchDocumentBuilder (catalog + voucher
 * programs). CatalogSearchFeed needs OrganizationsService, which this lib may not import: the app passes the modules providing it
 * (`SearchSyncModule.forRoot({ imports: [IdentityModule, OrganizationsModule] })`).
 */
@Module({})
export class SearchSyncModule {
  static forRoot(opts: { imports?: ModuleMetadata['imports'] } = {}): DynamicModule {
    return {
      module: SearchSyncModule,
      imports: [...(opts.imports ?? []), CatalogModule, ProgramCoverageModule],
      providers: [
        {
          provide: SearchEngine,
          inject: [APP_CONFIG, DataSource],
          useFactory: (config: AppConfig, ds: DataSource) => createSearchEngine(config, ds),
        },
        { provide: SearchEngineLifecycle, inject: [SearchEngine], useFactory: (e: SearchEngine) => new SearchEngineLifecycle(e) },
        SearchDocumentBuilder,
        SearchIndexer,
        SearchReconciler,
      ],
      exports: [SearchEngine, SearchDocumentBuilder, SearchIndexer, SearchReconciler],
    };
  }
}
