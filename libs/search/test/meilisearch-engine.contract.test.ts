// The shared contract against a real Meilisearch: runs only when MEILI_HOST is set, e.g.
//   docker run -d -p 7700:7700 -e MEILI_MASTER_KEY=dev-master-key getmeili/meilisearch:v1.14
//   MEILI_HOST=http://127.0.0.1:7700 MEILI_MASTER_KEY=dev-master-key npm run test:jest -- libs/search/test/meilisearch-engine.contract.test.ts
// Each run uses its own index (offerings_test_<random>) and deletes it afterwards.
import { randomBytes } from 'node:crypto';
import { MeilisearchEngine } from '@innoserve/search';
import { describeSearchEngineContract } from './contract/search-engine.contract.js';

const host = process.env.MEILI_HOST;

if (host) {
  describeSearchEngineContract('MeilisearchEngine', async () => {
    const indexUid = `offerings_test_${randomBytes(4).toString('hex')}`;
    const engine = new MeilisearchEngine({ host, apiKey: process.env.MEILI_MASTER_KEY, indexUid, taskTimeoutMs: 60_000 });
    return {
      engine,
      close: async () => {
        for (const uid of [indexUid, `${indexUid}_next`]) await engine.client.deleteIndex(uid).waitTask({ timeout: 60_000 });
      },
    };
  });
} else {
  console.warn('MeilisearchEngine contract suite SKIPPED: MEILI_HOST is not set (README.md, "External PostgreSQL, Meilisearch, Stripe", says how to run it)');
  describe.skip('SearchEngine contract: MeilisearchEngine (MEILI_HOST is not set)', () => {
    it('runs the shared contract against a real Meilisearch', () => undefined);
  });
}
