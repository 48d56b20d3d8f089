import type { DataSource } from 'typeorm';
import type { AppConfig } from '@innoserve/core';
import type { SearchEngine } from './search-engine.js';
import { PostgresEngine, type PostgresEngineOptions } from './postgres/postgres-engine.js';
import { MeilisearchEngine, type MeilisearchEngineOptions } from './meilisearch/meilisearch-engine.js';

export interface SearchEngineChoice {
  postgres?: PostgresEngineOptions;
  meilisearch?: Omit<MeilisearchEngineOptions, 'host' | 'apiKey'>;
}

/** MeilisearchEngine when MEILI_HOST is set, else the embedded PostgresEngine on the app's database. */
export function createSearchEngine(
  config: Pick<AppConfig, 'MEILI_HOST' | 'MEILI_MASTER_KEY'>,
  dataSource: DataSource,
  options: SearchEngineChoice = {},
): SearchEngine {
  if (config.MEILI_HOST) {
    return new MeilisearchEngine({ ...options.meilisearch, host: config.MEILI_HOST, apiKey: config.MEILI_MASTER_KEY });
  }
  return new PostgresEngine(dataSource, options.postgres);
}
