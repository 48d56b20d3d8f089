import { PostgresEngine } from '@innoserve/search';
import { describeSearchEngineContract } from './contract/search-engine.contract.js';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { openSearchTestDb } from './search-test-db.js';

describeSearchEngineContract('PostgresEngine', async () => {
  const t = await openSearchTestDb(ALL_ENTITIES);
  return { engine: new PostgresEngine(t.ds), close: () => t.close() };
});

