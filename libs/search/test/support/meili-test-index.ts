// The Meilisearch server of a Jest run, and index names on it. The server is the one named in
// MEILI_HOST / MEILI_MASTER_KEY, else the one Jest's global setup started from
// ../shared/bin/meilisearch (INNOSERVE_TEST_MEILI_HOST / INNOSERVE_TEST_MEILI_KEY). Files run in
// parallel on one server, so each file (and worker, and run) gets index names of its own and
// removes them.
import { randomBytes } from 'node:crypto';
import { MeilisearchEngine } from '@innoserve/search';

export interface MeiliTestServer {
  host: string;
  apiKey: string | undefined;
}

/** The server to test against, or null (the Meilisearch suites are skipped, loudly). */
export function meiliTestServer(): MeiliTestServer | null {
  if (process.env.MEILI_HOST) return { host: process.env.MEILI_HOST, apiKey: process.env.MEILI_MASTER_KEY };
  if (process.env.INNOSERVE_TEST_MEILI_HOST) return { host: process.env.INNOSERVE_TEST_MEILI_HOST, apiKey: process.env.INNOSERVE_TEST_MEILI_KEY };
  return null;
}

/** `test_<purpose>_w<worker>_<random>`: unique per file, worker and run. */
export function meiliTestIndexUid(purpose: string): string {
  return `test_${purpose}_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
}

/** An engine on a fresh index of its own (`purpose` names the test file). */
export function meiliTestEngine(server: MeiliTestServer, purpose: string): MeilisearchEngine {
  return new MeilisearchEngine({ host: server.host, apiKey: server.apiKey, indexUid: meiliTestIndexUid(purpose), taskTimeoutMs: 60_000 });
}

/** Deletes the engine's index and its rebuild index, waiting for both tasks. */
export async function dropMeiliTestIndexes(engine: MeilisearchEngine): Promise<void> {
  for (const uid of [engine.indexUid, engine.nextUid]) await engine.client.deleteIndex(uid).waitTask({ timeout: 60_000 });
}

export const MEILI_SKIPPED = 'no Meilisearch binary at ../shared/bin/meilisearch and MEILI_HOST is not set (README.md, "External PostgreSQL, Meilisearch, Stripe", says how to run it)';
