// MeilisearchEngine on a real server (Jest's global setup starts ../shared/bin/meilisearch), for
// what the shared contract cannot see: how many tasks a write costs.
import { MeilisearchApiError } from 'meilisearch';
import type { MeilisearchEngine } from '@innoserve/search';
import { syntheticDocuments } from './support/synthetic-documents.js';
import { MEILI_SKIPPED, dropMeiliTestIndexes, meiliTestEngine, meiliTestServer } from './support/meili-test-index.js';

const server = meiliTestServer();

if (server) {
  describe('MeilisearchEngine writes', () => {
    let engine: MeilisearchEngine;
    const tasksOf = async (uid: string, type: 'documentAdditionOrUpdate' | 'documentDeletion'): Promise<number> =>
      (await engine.client.tasks.getTasks({ indexUids: [uid], types: [type], limit: 1000 })).results.length;

    beforeAll(async () => {
      engine = meiliTestEngine(server, 'writes');
      await engine.ensureSetup();
    });
    afterAll(async () => dropMeiliTestIndexes(engine));

    it('writes a batch of 500 offerings as one task, and skips it when the index holds those versions', async () => {
      const docs = syntheticDocuments(500, 7);
      await engine.upsert(docs);
      expect(await engine.count()).toBe(500);
      expect(await tasksOf(engine.indexUid, 'documentAdditionOrUpdate')).toBe(1);
      await engine.upsert(docs); // an outbox retry: nothing newer, no task
      expect(await tasksOf(engine.indexUid, 'documentAdditionOrUpdate')).toBe(1);
    });

    it('deletes a batch of 500 ids as one task', async () => {
      const docs = syntheticDocuments(500, 7);
      await engine.delete(docs.map((d) => d.id));
      expect(await engine.count()).toBe(0);
      expect(await tasksOf(engine.indexUid, 'documentDeletion')).toBe(1);
    });

    it("reports the server's errors through its node:http client as the client's own", async () => {
      const err: unknown = await engine.client.getRawIndex(`${engine.indexUid}_missing`).catch((e: unknown) => e);
      const api = (err as { cause?: unknown }).cause;
      expect(api).toBeInstanceOf(MeilisearchApiError);
      expect((api as MeilisearchApiError).cause?.code).toBe('index_not_found');
      expect((api as MeilisearchApiError).response.status).toBe(404);
    });

    it('writes a batch once to the live index and once to a rebuild in progress', async () => {
      const build = await engine.beginRebuild();
      try {
        await engine.upsert(syntheticDocuments(300, 8));
        expect(await tasksOf(engine.indexUid, 'documentAdditionOrUpdate')).toBe(2);
        expect(await tasksOf(engine.nextUid, 'documentAdditionOrUpdate')).toBe(1);
        expect(await build.count()).toBe(300);
      } finally {
        await build.abort();
      }
    });
  });
} else {
  console.warn(`MeilisearchEngine write tests SKIPPED: ${MEILI_SKIPPED}`);
  describe.skip('MeilisearchEngine writes (no Meilisearch server)', () => {
    it('writes a batch as one task', () => undefined);
  });
}
