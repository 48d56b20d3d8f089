import { DataSource } from 'typeorm';
import { ManualClock, shanghaiDate } from '@innoserve/core';
import { AuditService } from '@innoserve/audit';
import { AdmissionExpirySweep, OrganizationsService } from '@innoserve/organizations';
import { OUTBOX_HANDLER, OutboxService, TransactionRunner, type OutboxHandler } from '@innoserve/database';
import { CatalogSearchFeed, ProviderChangeFanOut, QualificationLapseSweep } from '@innoserve/catalog';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import {
  FOOD_TESTING,
  PATENT_AGENCY,
  TESTING,
  TEXTILE_TESTING,
  admittedProvider,
  appliedProvider,
  offeringAuditActions,
  offeringBody,
  outboxCount,
  outboxRows,
} from './support.js';

const TOPIC = 'catalog.offering-changed';

describe('offerings', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  let officer: AuthSession;
  let fengzeReviewer: AuthSession;
  let jinjiangReviewer: AuthSession;
  let enterpriseUser: AuthSession;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { ADMISSION_NOTICE_DAYS: '0' } });
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    fengzeReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350503'] }]);
    jinjiangReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    enterpriseUser = await registerAndLogin(t);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const create = (token: string, body: Record<string, unknown>) => t.request('POST', '/api/v1/offerings', { token, body });
  const get = (id: string, token?: string) => t.request('GET', `/api/v1/offerings/${id}`, { token });
  const patch = (token: string, id: string, body: Record<string, unknown>) => t.request('PATCH', `/api/v1/offerings/${id}`, { token, body });
  const submit = (token: string, id: string) => t.request('POST', `/api/v1/offerings/${id}/submit`, { token });
  const withdraw = (token: string, id: string) => t.request('POST', `/api/v1/offerings/${id}/withdraw`, { token });
  const moderate = (token: string, id: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/admin/offerings/${id}/moderation`, { token, body });

  /** A published offering of a fresh admitted provider. */
  async function published(providerBody: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
    const provider = await admittedProvider(t, officer, providerBody);
    const { body } = await create(provider.owner.token, offeringBody(provider.id, overrides));
    expect((await submit(provider.owner.token, body.id)).status).toBe(200);
    const res = await moderate(officer.token, body.id, { decision: 'publish' });
    expect(res.status).toBe(200);
    return { provider, offering: res.body };
  }

  describe('lifecycle', () => {
    it('walks draft → pending_review → published → suspended → published → withdrawn, audited, each step announced with its version', async () => {
      const provider = await admittedProvider(t, officer);
      const created = await create(provider.owner.token, offeringBody(provider.id));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        providerId: provider.id,
        categoryId: TEXTILE_TESTING,
        status: 'draft',
        searchable: false,
        version: 1,
        pricing: { kind: 'per_unit', priceFen: 26_000, unitName: '样品', minFen: null, maxFen: null },
        regionCodes: ['350582', '350581'],
        qualificationKinds: ['CMA'],
        pendingRevision: null,
      });
      const id = created.body.id;
      expect((await get(id)).status).toBe(404);

      const submitted = await submit(provider.owner.token, id);
      expect(submitted.body).toMatchObject({ status: 'pending_review', version: 2 });
      expect(submitted.body.submittedAt).not.toBeNull();
      expect((await get(id)).status).toBe(404);

      const pub = await moderate(officer.token, id, { decision: 'publish' });
      expect(pub.body).toMatchObject({ status: 'published', searchable: true, version: 3 });
      expect(pub.body.publishedAt).not.toBeNull();
      const publicView = await get(id);
      expect(publicView.status).toBe(200);
      expect(publicView.body).toMatchObject({ id, status: 'published', searchable: true, rejectionReason: null, pendingRevision: null });
      const list = await t.request('GET', `/api/v1/providers/${provider.id}/offerings`);
      expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [expect.objectContaining({ id })] });

      expect((await moderate(officer.token, id, { decision: 'suspend' })).status).toBe(400);
      const suspended = await moderate(officer.token, id, { decision: 'suspend', reason: '资质材料待核实' });
      expect(suspended.body).toMatchObject({ status: 'suspended', searchable: false, rejectionReason: '资质材料待核实', version: 4 });
      expect((await get(id)).status).toBe(404);
      expect((await t.request('GET', `/api/v1/providers/${provider.id}/offerings`)).body.total).toBe(0);

      expect((await moderate(officer.token, id, { decision: 'publish' })).body).toMatchObject({ status: 'published', rejectionReason: null, version: 5 });
      expect((await get(id)).status).toBe(200);

      const gone = await withdraw(provider.owner.token, id);
      expect(gone.body).toMatchObject({ status: 'withdrawn', searchable: false, version: 6 });
      expect((await get(id)).status).toBe(404);
      for (const res of [await submit(provider.owner.token, id), await withdraw(provider.owner.token, id), await moderate(officer.token, id, { decision: 'publish' })]) {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      }
      expect((await patch(provider.owner.token, id, { title: '新标题' })).status).toBe(409);

      // six changes while no worker ran: one message for the offering, carrying its latest version
      expect((await outboxRows(t, TOPIC, 'offeringId', id)).map((r) => r.payload)).toEqual([{ offeringId: id, version: 6 }]);
      expect(await offeringAuditActions(t, id)).toEqual([
        'offering.created',
        'offering.submit',
        'offering.publish',
        'offering.suspend',
        'offering.publish',
        'offering.withdraw',
      ]);
    });

    it('sends a rejected offering back to draft with the reason, which members see and the public never does', async () => {
      const provider = await admittedProvider(t, officer);
      const { body } = await create(provider.owner.token, offeringBody(provider.id));
      await submit(provider.owner.token, body.id);
      expect((await moderate(officer.token, body.id, { decision: 'reject' })).body.code).toBe('VALIDATION_FAILED');
      const rejected = await moderate(officer.token, body.id, { decision: 'reject', reason: '描述过于简单' });
      expect(rejected.body).toMatchObject({ status: 'draft', rejectionReason: '描述过于简单' });
      expect((await get(body.id, provider.owner.token)).body.rejectionReason).toBe('描述过于简单');

      const edited = await patch(provider.owner.token, body.id, { description: '依据 GB/T 2910 检测纺织品成分，含前处理与定量分析，出具 CMA 报告。' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ status: 'draft', description: expect.stringContaining('GB/T 2910') });
      expect((await submit(provider.owner.token, body.id)).body.status).toBe('pending_review');
      expect((await moderate(officer.token, body.id, { decision: 'publish' })).body).toMatchObject({ status: 'published', rejectionReason: null });
      expect((await offeringAuditActions(t, body.id)).slice(2, 4)).toEqual(['offering.reject', 'offering.updated']);
    });

    it('lets a member withdraw a draft, and refuses a pending_review offering', async () => {
      const provider = await admittedProvider(t, officer);
      const a = (await create(provider.owner.token, offeringBody(provider.id))).body;
      expect((await withdraw(provider.owner.token, a.id)).body.status).toBe('withdrawn');
      const b = (await create(provider.owner.token, offeringBody(provider.id))).body;
      await submit(provider.owner.token, b.id);
      expect((await withdraw(provider.owner.token, b.id)).body.code).toBe('ILLEGAL_TRANSITION');
      expect((await patch(provider.owner.token, b.id, { title: '审核中不可修改' })).status).toBe(409);
    });
  });

  describe('revisions of published offerings', () => {
    it('keeps the live content until the pending revision is published, moving the version with every proposal, then applies it', async () => {
      const { provider, offering } = await published();
      const res = await patch(provider.owner.token, offering.id, { title: '纺织品甲醛含量检测（加急）', pricing: { kind: 'fixed', priceFen: 30_000 } });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ offeringId: offering.id, status: 'pending', title: '纺织品甲醛含量检测（加急）', pricing: { kind: 'fixed', priceFen: 30_000 }, regionCodes: ['350582', '350581'] });
      const again = await patch(provider.owner.token, offering.id, { leadTimeDays: 2 });
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ id: res.body.id, title: '纺织品甲醛含量检测（加急）', leadTimeDays: 2 });

      const live = (await get(offering.id)).body;
      // the live content stays; the version moves with each proposal, so a moderator's If-Match names the revision they saw
      expect(live).toMatchObject({ title: offering.title, leadTimeDays: 5, version: offering.version + 2, pendingRevision: null });
      expect((await get(offering.id, provider.owner.token)).body.pendingRevision).toMatchObject({ id: res.body.id, leadTimeDays: 2 });
      expect((await outboxRows(t, TOPIC, 'offeringId', offering.id)).map((r) => r.payload)).toEqual([{ offeringId: offering.id, version: offering.version + 2 }]); // unclaimed: one message, the latest version

      const queue = await t.request('GET', '/api/v1/admin/offerings?revisionPending=true&pageSize=100', { token: officer.token });
      expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(offering.id);

      const applied = await moderate(officer.token, offering.id, { decision: 'publish' });
      expect(applied.body).toMatchObject({ status: 'published', title: '纺织品甲醛含量检测（加急）', leadTimeDays: 2, version: offering.version + 3, pendingRevision: null });
      expect(applied.body.pricing).toEqual({ kind: 'fixed', priceFen: 30_000, unitName: null, minFen: null, maxFen: null });
      expect(applied.body.publishedAt).toBe(offering.publishedAt);
      expect((await get(offering.id)).body.title).toBe('纺织品甲醛含量检测（加急）');
      expect((await outboxRows(t, TOPIC, 'offeringId', offering.id)).at(-1)!.payload).toEqual({ offeringId: offering.id, version: offering.version + 3 });
      expect(await offeringAuditActions(t, offering.id)).toEqual(expect.arrayContaining(['offering.revision.proposed', 'offering.revision.published']));
    });

    it('rejects a pending revision with a reason and leaves the live offering as it was', async () => {
      const { provider, offering } = await published();
      const rev = await patch(provider.owner.token, offering.id, { title: '夸大宣传的标题' });
      const res = await moderate(officer.token, offering.id, { decision: 'reject', reason: '标题夸大' });
      expect(res.body).toMatchObject({ status: 'published', title: offering.title, version: offering.version + 1, pendingRevision: null }); // moved by the proposal; the rejection leaves the live offering as it was
      const [row] = await t.app.get(DataSource).query(`SELECT status, reason FROM offering_revision WHERE id = $1`, [rev.body.id]);
      expect(row).toEqual({ status: 'rejected', reason: '标题夸大' });
      expect((await moderate(officer.token, offering.id, { decision: 'reject', reason: '再次驳回' })).body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  describe('concurrency and retries', () => {
    it('keeps one pending revision when two edits of a published offering race', async () => {
      const { provider, offering } = await published();
      const results = await Promise.all([
        patch(provider.owner.token, offering.id, { title: '并发修改甲' }),
        patch(provider.owner.token, offering.id, { leadTimeDays: 9 }),
      ]);
      expect(results.map((r) => r.status)).toEqual([202, 202]);
      const rows = await t.app.get(DataSource).query(`SELECT title, lead_time_days FROM offering_revision WHERE offering_id = $1 AND status = 'pending'`, [offering.id]);
      expect(rows).toEqual([{ title: '并发修改甲', lead_time_days: 9 }]);
    });

    it('replays a create retried with the same Idempotency-Key instead of creating a second draft', async () => {
      const provider = await admittedProvider(t, officer);
      const body = offeringBody(provider.id);
      const send = () => t.request('POST', '/api/v1/offerings', { token: provider.owner.token, body, headers: { 'idempotency-key': `create-${provider.id}` } });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      expect(await t.app.get(CatalogSearchFeed).offeringIdsOfProvider(provider.id)).toEqual([first.body.id]);
    });
  });

  describe('rules', () => {
    it('refuses providers that are not admitted (422 PROVIDER_NOT_ADMITTED) and writes nothing', async () => {
      const provider = await appliedProvider(t);
      const before = await outboxCount(t);
      const res = await create(provider.owner.token, offeringBody(provider.id));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PROVIDER_NOT_ADMITTED');
      expect(await outboxCount(t)).toBe(before);
    });

    it('publishes only in admitted categories or their sub-categories, known categories and regions, and held qualifications', async () => {
      const provider = await admittedProvider(t, officer);
      const token = provider.owner.token;
      const before = await outboxCount(t);
      const cases: [Record<string, unknown>, string][] = [
        [{ categoryId: PATENT_AGENCY }, 'CATEGORY_NOT_ADMITTED'],
        [{ categoryId: TESTING }, 'CATEGORY_NOT_ADMITTED'],
        [{ categoryId: FOOD_TESTING }, 'CATEGORY_NOT_ADMITTED'],
        [{ categoryId: '00000000-0000-4000-8000-000000000000' }, 'UNKNOWN_CATEGORY'],
        [{ regionCodes: ['350582', '359999'] }, 'UNKNOWN_REGION'],
        [{ qualificationKinds: ['CNAS'] }, 'QUALIFICATION_NOT_HELD'],
      ];
      for (const [overrides, code] of cases) {
        const res = await create(token, offeringBody(provider.id, overrides));
        expect({ overrides, status: res.status, code: res.body.code }).toEqual({ overrides, status: 422, code });
      }
      expect(await outboxCount(t)).toBe(before);

      const wide = await admittedProvider(t, officer, { categoryIds: [TESTING] });
      const sub = await create(wide.owner.token, offeringBody(wide.id, { categoryId: FOOD_TESTING }));
      expect(sub.status).toBe(201);
      expect((await create(wide.owner.token, offeringBody(wide.id, { categoryId: TESTING }))).status).toBe(201);
    });

    it('hides the provider from non-members: 404 to other users, 403 to staff who see it', async () => {
      const provider = await admittedProvider(t, officer);
      const stranger = await registerAndLogin(t);
      expect((await create(stranger.token, offeringBody(provider.id))).status).toBe(404);
      expect((await create(fengzeReviewer.token, offeringBody(provider.id))).status).toBe(403);
      const { body } = await create(provider.owner.token, offeringBody(provider.id));
      expect((await submit(stranger.token, body.id)).status).toBe(404);
      expect((await patch(stranger.token, body.id, { title: 'x' })).status).toBe(404);
      expect((await withdraw(stranger.token, body.id)).status).toBe(404);
    });

    it('checks the rules again at publish time: a provider suspended meanwhile cannot be published', async () => {
      const provider = await admittedProvider(t, officer);
      const { body } = await create(provider.owner.token, offeringBody(provider.id));
      await submit(provider.owner.token, body.id);
      await t.request('POST', `/api/v1/admin/providers/${provider.id}/admission`, { token: officer.token, body: { action: 'suspend', reason: '抽检不合格' } });
      const before = await outboxCount(t);
      const res = await moderate(officer.token, body.id, { decision: 'publish' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PROVIDER_NOT_ADMITTED');
      expect(await outboxCount(t)).toBe(before);
      expect((await get(body.id, provider.owner.token)).body.status).toBe('pending_review');
    });
  });

  describe('visibility and moderation roles', () => {
    it('shows drafts to members and staff covering the provider, 404 to everyone else', async () => {
      const provider = await admittedProvider(t, officer); // region 350503 (丰泽区)
      const { body } = await create(provider.owner.token, offeringBody(provider.id));
      expect((await get(body.id)).status).toBe(404);
      expect((await get(body.id, enterpriseUser.token)).status).toBe(404);
      expect((await get(body.id, jinjiangReviewer.token)).status).toBe(404);
      expect((await get(body.id, fengzeReviewer.token)).status).toBe(200);
      expect((await get(body.id, provider.owner.token)).body.status).toBe('draft');
      expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);

      const mine = await t.request('GET', `/api/v1/providers/${provider.id}/offerings`, { token: provider.owner.token });
      expect(mine.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: body.id, status: 'draft' })] });
      expect((await t.request('GET', `/api/v1/providers/${provider.id}/offerings`)).body.total).toBe(0);
      expect((await t.request('GET', '/api/v1/providers/00000000-0000-4000-8000-000000000000/offerings')).status).toBe(404);
    });

    it('lets program officers moderate; enterprise users and county reviewers get 403; officers who are members 403 CONFLICT_OF_INTEREST', async () => {
      const provider = await admittedProvider(t, officer);
      const { body } = await create(provider.owner.token, offeringBody(provider.id));
      await submit(provider.owner.token, body.id);
      expect((await moderate(enterpriseUser.token, body.id, { decision: 'publish' })).status).toBe(403);
      expect((await moderate(provider.owner.token, body.id, { decision: 'publish' })).status).toBe(403);
      expect((await moderate(fengzeReviewer.token, body.id, { decision: 'publish' })).status).toBe(403);
      expect((await t.request('GET', '/api/v1/admin/offerings', { token: fengzeReviewer.token })).status).toBe(403);

      const jinjiangOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350582'] }]);
      expect((await moderate(jinjiangOfficer.token, body.id, { decision: 'publish' })).status).toBe(404);

      const queue = await t.request('GET', '/api/v1/admin/offerings?status=pending_review&pageSize=100', { token: officer.token });
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(body.id);
      expect(queue.body.items.every((o: { status: string }) => o.status === 'pending_review')).toBe(true);
      expect((await t.request('GET', '/api/v1/admin/offerings?status=pending_review', { token: jinjiangOfficer.token })).body.items.map((o: { id: string }) => o.id)).not.toContain(body.id);

      const colleague = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
      // staff cannot join through the API any more; a member who later became staff is the case left
      await t.app.get(DataSource).query(`INSERT INTO membership (organization_id, user_id, role, added_by) VALUES ($1, $2, 'member', $2)`, [provider.id, colleague.userId]);
      const conflicted = await moderate(colleague.token, body.id, { decision: 'publish' });
      expect(conflicted.status).toBe(403);
      expect(conflicted.body.code).toBe('CONFLICT_OF_INTEREST');

      expect((await moderate(officer.token, body.id, { decision: 'publish' })).body.status).toBe('published');
    });
  });

  describe('bad input', () => {
    it('answers 400 problem+json naming the field', async () => {
      const provider = await admittedProvider(t, officer);
      const token = provider.owner.token;
      const cases: [Record<string, unknown>, string][] = [
        [{ title: 'x'.repeat(121) }, 'title'],
        [{ description: 'x'.repeat(5001) }, 'description'],
        [{ deliverables: '   ' }, 'deliverables'],
        [{ pricing: { kind: 'fixed' } }, 'pricing.priceFen'],
        [{ pricing: { kind: 'per_unit', priceFen: 100 } }, 'pricing.unitName'],
        [{ pricing: { kind: 'quote', minFen: 500, maxFen: 100 } }, 'pricing.maxFen'],
        [{ pricing: { kind: 'barter' } }, 'pricing.kind'],
        [{ pricing: { kind: 'fixed', priceFen: -1 } }, 'pricing.priceFen'],
        [{ pricing: { kind: 'fixed', priceFen: 1.5 } }, 'pricing.priceFen'],
        [{ leadTimeDays: -1 }, 'leadTimeDays'],
        [{ regionCodes: [] }, 'regionCodes'],
        [{ regionCodes: ['35058'] }, 'regionCodes'],
        [{ qualificationKinds: ['ISO9001'] }, 'qualificationKinds'],
        [{ tags: ['x'.repeat(31)] }, 'tags'],
        [{ providerId: 'not-a-uuid' }, 'providerId'],
        [{ zzUnknown: 1 }, 'zzUnknown'],
      ];
      const before = await outboxCount(t);
      for (const [overrides, field] of cases) {
        const res = await create(token, offeringBody(provider.id, overrides));
        const fields = (res.body?.errors ?? []).map((e: { field: string }) => e.field);
        expect({ overrides, status: res.status, problem: String(res.headers['content-type']).includes('application/problem+json'), named: fields.includes(field) }).toEqual({
          overrides,
          status: 400,
          problem: true,
          named: true,
        });
      }
      expect(await outboxCount(t)).toBe(before);
      expect((await get('not-a-uuid')).status).toBe(400);
      expect((await moderate(officer.token, 'not-a-uuid', { decision: 'publish' })).status).toBe(400);
      expect((await moderate(officer.token, '00000000-0000-4000-8000-000000000000', { decision: 'approve' })).status).toBe(400);
      expect((await t.request('GET', '/api/v1/admin/offerings?pageSize=101', { token: officer.token })).status).toBe(400);
      expect((await t.request('GET', '/api/v1/admin/offerings?status=live', { token: officer.token })).status).toBe(400);
    });
  });

  describe('search feed', () => {
    it('builds the document of a searchable offering with its category path, provider and minimum price; null otherwise', async () => {
      const { provider, offering } = await published({}, { pricing: { kind: 'quote', minFen: 50_000, maxFen: 200_000 } });
      const feed = t.app.get(CatalogSearchFeed);
      const doc = await feed.searchDocumentFor(offering.id);
      expect(doc).toMatchObject({
        id: offering.id,
        version: offering.version,
        title: offering.title,
        providerId: provider.id,
        providerName: expect.stringContaining('检测'),
        providerTypes: ['testing_lab'],
        categoryId: TEXTILE_TESTING,
        categoryPath: [TESTING, TEXTILE_TESTING],
        categoryNames: expect.arrayContaining(['检验检测认证', '纺织服装检测']),
        regionCodes: ['350582', '350581'],
        qualificationKinds: ['CMA'],
        priceFen: 50_000,
        priceMaxFen: 200_000,
        leadTimeDays: 5,
        programIds: [],
        rating: null,
      });
      expect(doc!.publishedAt.toISOString()).toBe(offering.publishedAt);
      const draft = (await create(provider.owner.token, offeringBody(provider.id))).body;
      expect(await feed.searchDocumentFor(draft.id)).toBeNull();
      expect(await feed.searchDocumentFor('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await feed.offeringIdsOfProvider(provider.id)).toEqual([offering.id, draft.id]);
      const versions = await feed.offeringVersions({ limit: 10_000 });
      expect(versions).toContainEqual({ id: offering.id, version: offering.version });
      expect(versions.map((v) => v.id)).not.toContain(draft.id);
    });

    it('announces a provider suspension (organizations.provider-changed) and fans it out to new versions of its published offerings', async () => {
      const { provider, offering } = await published();
      const draft = (await create(provider.owner.token, offeringBody(provider.id))).body;
      const res = await t.request('POST', `/api/v1/admin/providers/${provider.id}/admission`, { token: officer.token, body: { action: 'suspend', reason: '违规' } });
      expect(res.body.admissionStatus).toBe('suspended');
      expect((await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id)).length).toBeGreaterThanOrEqual(1); // admit and suspend, coalesced while unclaimed
      expect((await get(offering.id)).status).toBe(404);
      expect(await t.app.get(CatalogSearchFeed).searchDocumentFor(offering.id)).toBeNull();

      const fanOut = new ProviderChangeFanOut(t.app.get(TransactionRunner), t.app.get(OutboxService));
      const [changedRow] = await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id);
      await (fanOut[OUTBOX_HANDLER]['organizations.provider-changed'] as OutboxHandler)(changedRow.payload, { id: changedRow.id, topic: changedRow.topic, attempts: 0 });
      expect((await outboxRows(t, TOPIC, 'offeringId', offering.id)).at(-1)!.payload).toEqual({ offeringId: offering.id, version: offering.version + 1 });
      expect((await outboxRows(t, TOPIC, 'offeringId', draft.id)).length).toBe(1);
      expect((await get(offering.id, provider.owner.token)).body.version).toBe(offering.version + 1);

      const changed = (await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id)).length;
      expect((await t.request('POST', `/api/v1/admin/providers/${provider.id}/admission`, { token: officer.token, body: { action: 'delist' } })).status).toBe(400);
      expect((await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id)).length).toBe(changed);
      await t.request('POST', `/api/v1/admin/providers/${provider.id}/admission`, { token: officer.token, body: { action: 'reinstate' } });
      expect((await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id)).length).toBe(changed + 1);
      expect((await get(offering.id)).status).toBe(200);
      expect(await t.app.get(CatalogSearchFeed).searchDocumentFor(offering.id)).not.toBeNull();
    });

    it('announces an approved change request of an admitted provider (its qualifications or name may have changed)', async () => {
      const provider = await admittedProvider(t, officer);
      const before = (await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id)).length;
      const req = await t.request('PATCH', `/api/v1/providers/${provider.id}`, {
        token: provider.owner.token,
        body: { qualifications: [{ kind: 'CMA', number: '201512345678', expiresOn: '2030-12-31' }, { kind: 'CNAS', number: 'L5555', expiresOn: '2031-01-01' }] },
      });
      expect(req.status).toBe(202);
      expect((await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id)).length).toBe(before);
      const decided = await t.request('POST', `/api/v1/admin/providers/${provider.id}/change-requests/${req.body.id}/decision`, { token: officer.token, body: { decision: 'approve' } });
      expect(decided.body.status).toBe('approved');
      expect((await outboxRows(t, 'organizations.provider-changed', 'organizationId', provider.id)).length).toBeGreaterThan(before);
      expect((await create(provider.owner.token, offeringBody(provider.id, { qualificationKinds: ['CNAS'] }))).status).toBe(201);
    });

    it('drops an offering from search when a qualification it names lapses (last: moves the clock)', async () => {
      const today = shanghaiDate(clock.now());
      const expiresOn = shanghaiDate(new Date(clock.now().getTime() + 3 * 86_400_000));
      const { offering } = await published({ qualifications: [{ kind: 'CNAS', number: 'L9876', expiresOn }] }, { qualificationKinds: ['CNAS'] });
      expect(today < expiresOn).toBe(true);
      expect((await get(offering.id)).status).toBe(200);
      clock.advanceDays(4);
      expect((await get(offering.id)).status).toBe(404);
      expect(await t.app.get(CatalogSearchFeed).searchDocumentFor(offering.id)).toBeNull();

      // nothing changed a row when the qualification ran out: the hourly sweep tells search
      const announced = async () => (await outboxRows(t, 'catalog.offering-changed', 'offeringId', offering.id)).length;
      const before = await announced();
      const sweep = new QualificationLapseSweep(clock, t.app.get(TransactionRunner), t.app.get(OutboxService), t.app.get(OrganizationsService));
      expect(await sweep.sweep()).toBeGreaterThanOrEqual(1);
      expect(await announced()).toBe(before + 1);
      await sweep.sweep();
      expect(await announced()).toBe(before + 1); // safe to run again
    });

    it('announces admissions expired by the sweep (moves the clock past the validity)', async () => {
      const [{ id }]: { id: string }[] = await t.app
        .get(DataSource)
        .query(`SELECT organization_id AS id FROM provider_profile WHERE admission_status = 'admitted' ORDER BY organization_id LIMIT 1`);
      const before = (await outboxRows(t, 'organizations.provider-changed', 'organizationId', id)).length;
      clock.advanceDays(800);
      const sweep = new AdmissionExpirySweep(t.app.get(DataSource), t.app.get(TransactionRunner), t.app.get(AuditService), clock);
      expect(await sweep.sweep()).toBeGreaterThan(0);
      expect((await outboxRows(t, 'organizations.provider-changed', 'organizationId', id)).length).toBe(before + 1);
    });
  });
});
