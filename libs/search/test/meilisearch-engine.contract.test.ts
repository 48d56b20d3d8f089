// The shared contract against a real Meilisearch: the server Jest's global setup starts from
// ../shared/bin/meilisearch, or the one in MEILI_HOST; without either the suite is skipped loudly.
// The index is this file's own (support/meili-test-index.ts) and is deleted afterwards.
import { describeSearchEngineContract } from './contract/search-engine.contract.js';
import { MEILI_SKIPPED, dropMeiliTestIndexes, meiliTestEngine, meiliTestServer } from './support/meili-test-index.js';

const server = meiliTestServer();

if (server) {
  describeSearchEngineContract('MeilisearchEngine', async () => {
    const engine = meiliTestEngine(server, 'contract');
    return { engine, close: () => dropMeiliTestIndexes(engine) };
  });
} else {
  console.warn(`MeilisearchEngine contract suite SKIPPED: ${MEILI_SKIPPED}`);
  describe.skip('SearchEngine contract: MeilisearchEngine (no Meilisearch server)', () => {
    it('runs the shared contract against a real Meilisearch', () => undefined);
  });
}
