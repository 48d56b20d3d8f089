/**
 * Outbox v2 against a real worker process: the worker is killed (SIGKILL) while a batch of index
 * messages is claimed and not yet settled; when its lease runs out a second worker delivers the
 * batch again, and the search index ends equal to the catalog.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { CatalogSearchFeed } from '@innoserve/catalog';
import { PostgresEngine, type SearchDocumentVersion } from '@innoserve/search';
import { runDemoSeed } from '../apps/cli/src/seed/index.js';
import { startTestApp, type TestApp } from './support/app.js';

const sorted = (v: SearchDocumentVersion[]): SearchDocumentVersion[] => [...v].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ id, version }) => ({ id, version }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox v2 with a real worker process', () => {
  let t: TestApp;
  let ds: DataSource;
  let outDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    await runDemoSeed(t.config, () => undefined);
    // a build of its own: the launcher test rebuilds dist/ while its processes run
    // inside the repository, so the built files find node_modules
    mkdirSync('.test-data', { recursive: true });
    outDir = mkdtempSync(path.resolve('.test-data', 'outbox-crash-'));
    execFileSync(process.execPath, ['scripts/build.js', '--out-dir', outDir], { stdio: 'ignore' });
  }, 120_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  function startWorker(leaseSeconds: number): ChildProcess {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('MEILI_')) env[k] = v;
    const child = spawn(process.execPath, [path.join(outDir, 'apps/worker/src/main.js')], {
      env: { ...env, DATABASE_URL: t.db.url, OUTBOX_LEASE_SECONDS: String(leaseSeconds), LOG_LEVEL: 'error', NODE_ENV: 'test', JWT_SECRET: t.config.JWT_SECRET },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
  const count = async (where: string): Promise<number> => Number((await ds.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM outbox_message WHERE ${where}`))[0].n);

  async function searchableVersions(): Promise<SearchDocumentVersion[]> {
    const feed = t.app.get(CatalogSearchFeed);
    const page = await feed.offeringVersions({ limit: 10_000 });
    const docs = await feed.searchDocumentsFor(page.map((p) => p.id));
    return sorted([...docs.values()].map((d) => ({ id: d.id, version: d.version })));
  }

  it('delivers a batch again after the worker holding it is killed, and the index ends equal to the catalog', async () => {
    const offeringRows = "topic = 'catalog.offering-changed'";
    expect(await count(`${offeringRows} AND status = 'pending'`)).toBeGreaterThan(100);

    const first = startWorker(3);
    const started = Date.now();
    // kill it the moment an index batch is claimed and not settled
    while ((await count(`${offeringRows} AND status = 'processing'`)) === 0) {
      if (first.exitCode !== null) throw new Error(`the worker exited with ${first.exitCode} before claiming a batch`);
      if (Date.now() - started > 60_000) throw new Error('the worker claimed no index batch within 60 s');
      await sleep(2);
    }
    first.kill('SIGKILL');
    await exited(first);
    const orphaned: { id: string }[] = await ds.query(`SELECT id::text AS id FROM outbox_message WHERE ${offeringRows} AND status = 'processing'`);
    expect(orphaned.length).toBeGreaterThan(0);
    expect(await count(`status = 'processing' AND lease_until > now()`)).toBeGreaterThan(0); // still leased to the dead worker

    const second = startWorker(60);
    const deadline = Date.now() + 30_000;
    while ((await count(`status IN ('pending', 'processing')`)) > 0) {
      if (Date.now() > deadline) throw new Error('the second worker did not drain the outbox within 30 s');
      await sleep(100);
    }
    // the killed worker's batch was delivered a second time, and nothing went dead
    const attempts: { attempts: number }[] = await ds.query(`SELECT attempts FROM outbox_message WHERE id = ANY($1::bigint[])`, [orphaned.map((o) => o.id)]);
    expect(attempts.every((a) => a.attempts === 2)).toBe(true);
    expect(await count(`status = 'dead'`)).toBe(0);

    const engine = new PostgresEngine(ds);
    const expected = await searchableVersions();
    expect(expected.length).toBeGreaterThan(100);
    expect(sorted(await engine.listVersions())).toEqual(expected);

    second.kill('SIGTERM');
    await exited(second);
  }, 120_000);
});
