import type { DataSource } from 'typeorm';
import { createSearchEngine } from './create-search-engine.js';
import { MeilisearchEngine } from './meilisearch/meilisearch-engine.js';
import { PostgresEngine } from './postgres/postgres-engine.js';

describe(createSearchEngine.name, () => {
  const ds = {} as DataSource;

  it('chooses Meilisearch when MEILI_HOST is set', () => {
    const engine = createSearchEngine({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'k' }, ds, { meilisearch: { indexUid: 'o' } });
    expect(engine).toBeInstanceOf(MeilisearchEngine);
    expect(engine.name).toBe('meilisearch');
    expect((engine as MeilisearchEngine).indexUid).toBe('o');
  });

  it('falls back to the embedded PostgresEngine', () => {
    const engine = createSearchEngine({ MEILI_HOST: undefined, MEILI_MASTER_KEY: undefined }, ds);
    expect(engine).toBeInstanceOf(PostgresEngine);
    expect(engine.name).toBe('postgres');
  });
});
