// The `program` facet end to end: a voucher program opening or closing re-indexes the offerings
// under its subsidy rules (search.program-changed → search.offerings-changed), and the hits, the
// facet counts and the `program` filter of GET /api/v1/search/offerings follow.
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTBOX_HANDLER, OutboxDispatcher, OutboxService, TransactionRunner } from '@innoserve/database';
import { CatalogSearchFeed } from '@innoserve/catalog';
import { categoryIdOf } from '@innoserve/reference';
import { ProgramCoverageService } from '@innoserve/vouchers';
import { OFFERINGS_CHANGED_TOPIC, PROGRAM_CHANGED_TOPIC, SearchDocumentBuilder, SearchEngine, SearchIndexer, SearchReconciler } from '@innoserve/search';
import { WorkerModule } from '../../../apps/worker/src/worker.module.js';
import { runSearchReindex } from '../../../apps/cli/src/commands/search-reindex.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { admittedProvider, offeringBody } from '../../catalog/test/support.js';
import { programBody } from '../../vouchers/test/program-support.js';

const OFFERINGS = '/api/v1/search/offerings';
const TESTING = categoryIdOf('testing');
const TEXTILE = categoryIdOf('testing.textile');
const FOOD = categoryIdOf('testing.food');
const PATENT = categoryIdOf('ip.patent-agency');

interface Hit {
  id: string;
  programIds: string[];
}
interface SearchBody {
  items: Hit[];
  total: number;
  facets: { program: Record<string, number> };
}

describe('search program facet', () => {
  let t: TestApp;
  let officer: AuthSession;
  let engine: SearchEngine;
  let documents: SearchDocumentBuilder;
  let indexer: SearchIndexer;
  let textile: string;
  let food: string;
  let patent: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMISSION_NOTICE_DAYS: '0' } });
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    engine = t.app.get(SearchEngine);
    await engine.ensureSetup();
    const feed = t.app.get(CatalogSearchFeed);
    const programs = t.app.get(ProgramCoverageService);
    documents = new SearchDocumentBuilder(feed, programs);
    indexer = new SearchIndexer(engine, documents, feed, programs, t.app.get(TransactionRunner), t.app.get(OutboxService));
    const provider = await admittedProvider(t, officer, { categoryIds: [TEXTILE, FOOD, PATENT] });
    textile = await publish(provider, { categoryId: TEXTILE, title: '纺织面料色牢度检测 program-probe' });
    food = await publish(provider, { categoryId: FOOD, title: '食品微生物检测 program-probe' });
    patent = await publish(provider, { categoryId: PATENT, title: '发明专利申请代理 program-probe', qualificationKinds: [] });
    await drain();
  }, 120_000);
  afterAll(async () => t?.close());

  async function publish(provider: { id: string; owner: AuthSession }, overrides: Record<string, unknown>): Promise<string> {
    const created = await t.request<{ id: string }>('POST', '/api/v1/offerings', { token: provider.owner.token, body: offeringBody(provider.id, overrides) });
    expect(created.status).toBe(201);
    expect((await t.request('POST', `/api/v1/offerings/${created.body.id}/submit`, { token: provider.owner.token })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/admin/offerings/${created.body.id}/moderation`, { token: officer.token, body: { decision: 'publish' } })).status).toBe(200);
    return created.body.id;
  }

  /** Runs the search handlers over the outbox until nothing of theirs is left (what the worker does). */
  async function drain(): Promise<void> {
    const d = new OutboxDispatcher(t.app.get(DataSource), { backoffMs: () => 0, batchSize: 100 });
    for (const [topic, fn] of Object.entries(indexer[OUTBOX_HANDLER])) d.register(topic, fn);
    while ((await d.runOnce()) > 0);
    const [{ left }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS left FROM outbox_message WHERE topic = ANY($1) AND status <> 'done'`, [d.topics()]);
    expect(left).toBe(0);
  }

  async function createProgram(subsidyRules: { categoryId: string; ratioBp: number; perOrderCapFen: number }[]): Promise<string> {
    const res = await t.request<{ id: string }>('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody({ subsidyRules }) });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function transition(programId: string, action: 'open' | 'close'): Promise<void> {
    const res = await t.request('POST', `/api/v1/admin/programs/${programId}/${action}`, { token: officer.token });
    expect(res.status).toBe(200);
  }

  async function search(params: Record<string, string> = {}): Promise<SearchBody> {
    const res = await t.request<SearchBody>('GET', `${OFFERINGS}?${new URLSearchParams({ q: 'program-probe', ...params }).toString()}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  const programsOf = (body: SearchBody, id: string): string[] | undefined => body.items.find((h) => h.id === id)?.programIds;
  const idsOf = (body: SearchBody): string[] => body.items.map((h) => h.id).sort();
  const offeringVersion = async (id: string): Promise<number> =>
    Number((await t.app.get(DataSource).query(`SELECT version FROM offering WHERE id = $1`, [id]))[0].version);
  const indexedVersion = async (id: string): Promise<number | undefined> => (await engine.listVersions()).find((v) => v.id === id)?.version;

  describe('a program covering a root category', () => {
    let root: string;
    let patentVersion: number;
    beforeAll(async () => {
      root = await createProgram([{ categoryId: TESTING, ratioBp: 5000, perOrderCapFen: 2_000_000 }]);
      patentVersion = await offeringVersion(patent);
    });

    it('shows nothing while the program is a draft', async () => {
      const body = await search();
      expect(idsOf(body)).toEqual([textile, food, patent].sort());
      expect(body.facets.program[root]).toBeUndefined();
      expect((await search({ program: root })).total).toBe(0);
    });

    it('puts the opened program on the offerings of its sub-categories: hits, facet counts and the program filter', async () => {
      const before = await offeringVersion(textile);
      await transition(root, 'open');
      await drain();
      expect(await offeringVersion(textile)).toBeGreaterThan(before);
      expect(await indexedVersion(textile)).toBe(await offeringVersion(textile));

      const body = await search();
      expect(programsOf(body, textile)).toEqual([root]);
      expect(programsOf(body, food)).toEqual([root]);
      expect(body.facets.program[root]).toBe(2);

      const filtered = await search({ program: root });
      expect(idsOf(filtered)).toEqual([textile, food].sort());
      expect(filtered.total).toBe(2);
    });

    it('leaves an offering in an uncovered category out, and does not touch its version', async () => {
      const body = await search();
      expect(programsOf(body, patent)).toEqual([]);
      expect(idsOf(await search({ program: root }))).not.toContain(patent);
      expect(await offeringVersion(patent)).toBe(patentVersion);
      expect(await indexedVersion(patent)).toBe(patentVersion);
    });

    it('takes the program off every offering when it closes', async () => {
      await transition(root, 'close');
      await drain();
      const body = await search();
      expect(programsOf(body, textile)).toEqual([]);
      expect(programsOf(body, food)).toEqual([]);
      expect(body.facets.program[root]).toBeUndefined();
      expect((await search({ program: root })).total).toBe(0);
    });
  });

  describe('deeper category rules', () => {
    let foodOnly: string;
    let withDeeper: string;
    let deeperExcludes: string;
    beforeAll(async () => {
      foodOnly = await createProgram([{ categoryId: FOOD, ratioBp: 3000, perOrderCapFen: 1_000_000 }]);
      withDeeper = await createProgram([
        { categoryId: TESTING, ratioBp: 5000, perOrderCapFen: 2_000_000 },
        { categoryId: TEXTILE, ratioBp: 2000, perOrderCapFen: 500_000 },
      ]);
      deeperExcludes = await createProgram([
        { categoryId: TESTING, ratioBp: 5000, perOrderCapFen: 2_000_000 },
        { categoryId: TEXTILE, ratioBp: 1000, perOrderCapFen: 500_000 },
      ]);
      // a rule of ratio 0 cannot be written through the API (ratioBp ≥ 1); stored, it means "no subsidy here"
      await t.app.get(DataSource).query(
        `UPDATE voucher_program SET subsidy_rules = jsonb_set(subsidy_rules, '{1,ratioBp}', '0') WHERE id = $1 AND status = 'draft'`,
        [deeperExcludes],
      );
      for (const id of [foodOnly, withDeeper, deeperExcludes]) await transition(id, 'open');
      await drain();
    });

    it('covers only the sub-category of a rule on a sub-category, not its siblings or parent', async () => {
      const body = await search({ program: foodOnly });
      expect(idsOf(body)).toEqual([food]);
      expect(body.facets.program[foodOnly]).toBe(1);
    });

    it('lets a deeper rule with a subsidy keep the sub-category covered', async () => {
      expect(idsOf(await search({ program: withDeeper }))).toEqual([textile, food].sort());
    });

    it('lets a deeper rule without subsidy take its sub-category out of a program whose parent rule covers it', async () => {
      const body = await search({ program: deeperExcludes });
      expect(idsOf(body)).toEqual([food]);
      expect(programsOf(await search(), textile)).not.toContain(deeperExcludes);
    });

    it('lists every program of an offering, sorted, with counts per program in the facet', async () => {
      const body = await search();
      expect(programsOf(body, food)).toEqual([foodOnly, withDeeper, deeperExcludes].sort());
      expect(programsOf(body, textile)).toEqual([withDeeper]);
      expect(programsOf(body, patent)).toEqual([]);
      expect(body.facets.program).toMatchObject({ [foodOnly]: 1, [withDeeper]: 2, [deeperExcludes]: 1 });
    });

    it('re-indexes a program a bounded batch at a time, each step announcing the next', async () => {
      const [first, second] = [textile, food].sort();
      const before = await Promise.all([first, second].map(offeringVersion));
      const step = await indexer.reindexProgramStep(withDeeper, null, 1);
      expect(step).toEqual({ announced: 1, nextAfterId: first });
      const ds = t.app.get(DataSource);
      const next = await ds.query(`SELECT payload FROM outbox_message WHERE topic = $1 AND status = 'pending'`, [PROGRAM_CHANGED_TOPIC]);
      expect(next.map((r: { payload: unknown }) => r.payload)).toEqual([{ programId: withDeeper, afterId: first }]);
      const batch = await ds.query(`SELECT payload FROM outbox_message WHERE topic = $1 AND status = 'pending'`, [OFFERINGS_CHANGED_TOPIC]);
      expect(batch.map((r: { payload: unknown }) => r.payload)).toEqual([{ offeringIds: [first] }]);
      expect(await offeringVersion(first)).toBe(before[0] + 1);
      expect(await offeringVersion(second)).toBe(before[1]);

      await drain();
      expect(await offeringVersion(second)).toBe(before[1] + 1);
      for (const id of [first, second]) expect(await indexedVersion(id)).toBe(await offeringVersion(id));
    });

    it('gives reconcile and a full reindex the same program ids', async () => {
      await engine.delete([food]);
      expect(idsOf(await search({ program: foodOnly }))).toEqual([]);
      const outcome = await new SearchReconciler(engine, documents).reconcile();
      expect(outcome.upserted).toBe(1);
      expect(programsOf(await search(), food)).toEqual([foodOnly, withDeeper, deeperExcludes].sort());

      const lines: string[] = [];
      expect(await runSearchReindex(t.config, { tty: false, write: (s) => lines.push(s) })).toBe(0);
      const body = await search();
      expect(programsOf(body, food)).toEqual([foodOnly, withDeeper, deeperExcludes].sort());
      expect(programsOf(body, textile)).toEqual([withDeeper]);
      expect(body.facets.program).toMatchObject({ [foodOnly]: 1, [withDeeper]: 2, [deeperExcludes]: 1 });
    });
  });

  describe('with the worker running', () => {
    let worker: INestApplicationContext;
    beforeAll(async () => {
      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
      await worker.init();
    }, 60_000);
    afterAll(async () => worker?.close());

    it('puts a newly opened program on the covered offerings within 5 s', async () => {
      const program = await createProgram([{ categoryId: TEXTILE, ratioBp: 4000, perOrderCapFen: 1_000_000 }]);
      await transition(program, 'open');
      const start = Date.now();
      let body = await search({ program });
      while (body.total === 0 && Date.now() - start < 5000) {
        await new Promise((r) => setTimeout(r, 50));
        body = await search({ program });
      }
      expect(idsOf(body)).toEqual([textile]);
    });
  });
});
