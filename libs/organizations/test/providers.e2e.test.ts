import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ManualClock } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { AdmissionExpirySweep } from '@innoserve/organizations';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, loginAs, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { FOOD_TESTING, PATENT_AGENCY, TEXTILE_TESTING, auditActions, auditEntries, enterpriseBody, freshUscc, providerBody, withDocuments } from './support.js';

const DAY = 86_400_000;

describe('providers', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  let officer: AuthSession;
  let fengzeReviewer: AuthSession;
  let jinjiangReviewer: AuthSession;

  /** Tokens are judged against the application clock: sign in again after moving it. */
  async function advanceDays(days: number): Promise<void> {
    clock.advanceDays(days);
    officer = await loginAs(t, officer.email, officer.password);
    fengzeReviewer = await loginAs(t, fengzeReviewer.email, fengzeReviewer.password);
    jinjiangReviewer = await loginAs(t, jinjiangReviewer.email, jinjiangReviewer.password);
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    fengzeReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350503'] }]);
    jinjiangReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** Applies with a certificate on every qualification (admission requires them). */
  const apply = async (token: string, body: Record<string, unknown> = providerBody()) => t.request('POST', '/api/v1/providers', { token, body: await withDocuments(t, token, body) });
  const act = (token: string, id: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/admin/providers/${id}/admission`, { token, body });
  const get = (token: string, id: string) => t.request('GET', `/api/v1/providers/${id}`, { token });

  /** A provider taken to in_notice. */
  async function inNotice(owner?: AuthSession): Promise<{ id: string; owner: AuthSession }> {
    const o = owner ?? (await registerAndLogin(t));
    const { body } = await apply(o.token);
    expect((await act(officer.token, body.id, { action: 'start-notice' })).status).toBe(200);
    return { id: body.id, owner: o };
  }

  /** A provider admitted through the whole flow (moves the clock past the notice). */
  async function admitted(bodyOverrides: Record<string, unknown> = {}): Promise<{ id: string; owner: AuthSession }> {
    const owner = await registerAndLogin(t);
    const { body } = await apply(owner.token, providerBody(bodyOverrides));
    await act(officer.token, body.id, { action: 'start-notice' });
    await advanceDays(7);
    const res = await act(officer.token, body.id, { action: 'admit' });
    expect(res.body.admissionStatus).toBe('admitted');
    return { id: body.id, owner: await loginAs(t, owner.email, owner.password) };
  }

  describe('application', () => {
    it('applies as applied with its types, qualifications and requested categories; the creator owns it', async () => {
      const owner = await registerAndLogin(t);
      const body = providerBody({ providerTypes: ['testing_lab', 'consulting'], categoryIds: [TEXTILE_TESTING, FOOD_TESTING] });
      const res = await apply(owner.token, body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        admissionStatus: 'applied',
        providerTypes: ['testing_lab', 'consulting'],
        categoryIds: [TEXTILE_TESTING, FOOD_TESTING],
        admittedCategoryIds: [],
        qualifications: [expect.objectContaining({ kind: 'CMA', number: '201512345678', expiresOn: '2030-12-31' })],
        openObjections: 0,
        pendingChangeRequestId: null,
      });
      const me = await t.request('GET', '/api/v1/me', { token: owner.token });
      expect(me.body.memberships).toEqual([{ organizationId: res.body.id, organizationName: body.name, role: 'owner', profiles: ['provider'] }]);
      expect(await auditActions(t, res.body.id)).toEqual(['organization.registered', 'provider.applied']);
    });

    it('refuses unknown categories (422 UNKNOWN_CATEGORY) and malformed bodies (400)', async () => {
      const owner = await registerAndLogin(t);
      const unknown = await apply(owner.token, providerBody({ categoryIds: ['00000000-0000-4000-8000-000000000001'] }));
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('UNKNOWN_CATEGORY');
      for (const [over, field] of [
        [{ providerTypes: ['bakery'] }, 'providerTypes'],
        [{ providerTypes: [] }, 'providerTypes'],
        [{ providerTypes: ['testing_lab', 'testing_lab'] }, 'providerTypes'],
        [{ categoryIds: ['not-a-uuid'] }, 'categoryIds'],
        [{ bankAccount: undefined }, 'bankAccount'],
        [{ qualifications: [{ kind: 'ISO', number: '1' }] }, 'qualifications'],
      ] as const) {
        const res = await apply(owner.token, providerBody(over));
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors.some((e: { field: string }) => e.field === field || e.field.startsWith(`${field}.`))).toBe(true);
      }
    });

    it('adds the provider profile to the organization its owner already registered as an enterprise (one id per USCC)', async () => {
      const owner = await registerAndLogin(t);
      const stranger = await registerAndLogin(t);
      const e = enterpriseBody({ regionCode: '350503', uscc: freshUscc('350503') });
      const { body: enterprise } = await t.request('POST', '/api/v1/enterprises', { token: owner.token, body: e });
      const taken = await apply(stranger.token, providerBody({ uscc: e.uscc }));
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('USCC_TAKEN');
      const res = await apply(owner.token, providerBody({ uscc: e.uscc, name: e.name }));
      expect(res.status).toBe(201);
      expect(res.body.id).toBe(enterprise.id);
      expect(res.body.name).toBe(e.name);
      const me = await t.request('GET', '/api/v1/me', { token: owner.token });
      expect(me.body.memberships).toEqual([expect.objectContaining({ organizationId: enterprise.id, profiles: ['enterprise', 'provider'] })]);
      expect((await apply(owner.token, providerBody({ uscc: e.uscc }))).body.code).toBe('ALREADY_REGISTERED');
    });

    it('applies edits before admission at once', async () => {
      const owner = await registerAndLogin(t);
      const { body: p } = await apply(owner.token);
      const name = '泉州市改名检测有限公司';
      const res = await t.request('PATCH', `/api/v1/providers/${p.id}`, {
        token: owner.token,
        body: { name, bankAccount: { ...p.bankAccount, accountName: name }, categoryIds: [FOOD_TESTING], qualifications: [] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name, categoryIds: [FOOD_TESTING], qualifications: [], admissionStatus: 'applied' });
    });
  });

  describe('admission', () => {
    it('goes applied → under_review → in_notice → admitted, only after the notice has ended, audited step by step', async () => {
      const owner = await registerAndLogin(t);
      const { body: p } = await apply(owner.token, providerBody({ categoryIds: [TEXTILE_TESTING, FOOD_TESTING] }));
      const reviewed = await act(officer.token, p.id, { action: 'review' });
      expect(reviewed.status).toBe(200);
      expect(reviewed.body.admissionStatus).toBe('under_review');
      expect((await act(officer.token, p.id, { action: 'review' })).body.code).toBe('ILLEGAL_TRANSITION');

      const notice = await act(officer.token, p.id, { action: 'start-notice' });
      expect(notice.body.admissionStatus).toBe('in_notice');
      expect(new Date(notice.body.noticeEndsAt).getTime() - new Date(notice.body.noticeStartsAt).getTime()).toBe(7 * DAY);
      expect(notice.body.noticeStartsAt).toBe(clock.now().toISOString());

      const early = await act(officer.token, p.id, { action: 'admit' });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('NOTICE_NOT_ENDED');

      await advanceDays(7);
      const res = await act(officer.token, p.id, { action: 'admit' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ admissionStatus: 'admitted', admittedCategoryIds: [TEXTILE_TESTING, FOOD_TESTING], admittedAt: clock.now().toISOString() });
      const expires = new Date(clock.now());
      expires.setUTCMonth(expires.getUTCMonth() + 24);
      expect(res.body.admissionExpiresAt).toBe(expires.toISOString());

      const ownerNow = await loginAs(t, owner.email, owner.password);
      expect((await get(ownerNow.token, p.id)).body.admissionStatus).toBe('admitted');
      expect(await auditActions(t, p.id)).toEqual([
        'organization.registered',
        'provider.applied',
        'provider.admission.review',
        'provider.admission.start-notice',
        'organization.bank_account_verified',
        'provider.admission.admit',
      ]);
      const [admit] = await auditEntries(t, p.id, 'provider.admission.admit');
      expect(admit).toMatchObject({ actor_id: officer.userId, before: { admissionStatus: 'in_notice' }, after: { admissionStatus: 'admitted' } });
    });

    it('refuses admit until open objections are resolved; a dismissed objection lets the admission go on', async () => {
      const { id } = await inNotice();
      expect((await act(fengzeReviewer.token, id, { action: 'object' })).status).toBe(400);
      const objected = await act(fengzeReviewer.token, id, { action: 'object', reason: '实验室地址与实际不符' });
      expect(objected.status).toBe(200);
      expect(objected.body).toMatchObject({ admissionStatus: 'in_notice', openObjections: 1 });
      expect(objected.body.objection).toMatchObject({ status: 'open', raisedBy: fengzeReviewer.userId, reason: '实验室地址与实际不符' });
      const objectionId = objected.body.objection.id as string;

      // the county reviewer may object but not decide
      expect((await act(fengzeReviewer.token, id, { action: 'admit' })).status).toBe(403);
      expect((await act(fengzeReviewer.token, id, { action: 'resolve-objection', objectionId, upheld: false })).status).toBe(403);

      await advanceDays(7);
      const blocked = await act(officer.token, id, { action: 'admit' });
      expect(blocked.status).toBe(422);
      expect(blocked.body.code).toBe('OPEN_OBJECTIONS');

      expect((await act(officer.token, id, { action: 'resolve-objection', upheld: false })).status).toBe(400);
      expect((await act(officer.token, id, { action: 'resolve-objection', objectionId })).status).toBe(400);
      expect((await act(officer.token, id, { action: 'resolve-objection', objectionId: '00000000-0000-4000-8000-000000000009', upheld: false })).status).toBe(404);
      const dismissed = await act(officer.token, id, { action: 'resolve-objection', objectionId, upheld: false, reason: '经核实地址无误' });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body).toMatchObject({ admissionStatus: 'in_notice', openObjections: 0, objection: { status: 'dismissed', resolvedBy: officer.userId } });
      const twice = await act(officer.token, id, { action: 'resolve-objection', objectionId, upheld: true });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('OBJECTION_RESOLVED');

      expect((await act(officer.token, id, { action: 'admit' })).body.admissionStatus).toBe('admitted');
      const objections = await t.request('GET', `/api/v1/admin/providers/${id}/objections`, { token: officer.token });
      expect(objections.body).toEqual([expect.objectContaining({ id: objectionId, status: 'dismissed', resolutionReason: '经核实地址无误' })]);
      expect(await auditActions(t, id)).toEqual(
        expect.arrayContaining(['provider.objection.raised', 'provider.objection.dismissed', 'provider.admission.admit']),
      );
    });

    it('rejects the provider when an objection is upheld', async () => {
      const { id } = await inNotice();
      const { body } = await act(officer.token, id, { action: 'object', reason: '资质证书已过期' });
      const res = await act(officer.token, id, { action: 'resolve-objection', objectionId: body.objection.id, upheld: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ admissionStatus: 'rejected', decisionReason: '资质证书已过期', objection: { status: 'upheld' } });
      const [reject] = await auditEntries(t, id, 'provider.admission.reject');
      expect(reject).toMatchObject({ actor_id: officer.userId, before: { admissionStatus: 'in_notice' }, after: { admissionStatus: 'rejected' }, reason: '资质证书已过期' });
      expect((await act(officer.token, id, { action: 'admit' })).body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('answers 409 ILLEGAL_TRANSITION to actions the state does not allow, and requires reasons', async () => {
      const owner = await registerAndLogin(t);
      const { body: p } = await apply(owner.token);
      for (const action of ['admit', 'suspend', 'reinstate', 'renew', 'object']) {
        const res = await act(officer.token, p.id, { action, reason: 'r' });
        expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'ILLEGAL_TRANSITION' });
      }
      expect((await act(officer.token, p.id, { action: 'expire' })).status).toBe(400);
      expect((await act(officer.token, p.id, { action: 'reject' })).status).toBe(400);
      expect((await act(officer.token, p.id, { action: 'reject', reason: '材料不全' })).body).toMatchObject({ admissionStatus: 'rejected', decisionReason: '材料不全' });
    });

    it('suspends, reinstates and delists an admitted provider (delisted is final)', async () => {
      const { id } = await admitted();
      expect((await act(officer.token, id, { action: 'suspend' })).status).toBe(400);
      expect((await act(officer.token, id, { action: 'suspend', reason: '违规收费' })).body.admissionStatus).toBe('suspended');
      expect((await act(officer.token, id, { action: 'reinstate' })).body.admissionStatus).toBe('admitted');
      expect((await act(officer.token, id, { action: 'delist', reason: '严重违规' })).body.admissionStatus).toBe('delisted');
      for (const action of ['reinstate', 'renew', 'admit']) expect((await act(officer.token, id, { action })).status).toBe(409);
    });

    it('refuses admission decisions by a staff member who belongs to the provider (403 CONFLICT_OF_INTEREST)', async () => {
      const insider = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
      const { body: p } = await apply(insider.token);
      const res = await act(insider.token, p.id, { action: 'review' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CONFLICT_OF_INTEREST');
    });
  });

  describe('change requests', () => {
    it('keeps the live record of an admitted provider until a program officer approves its identity edit', async () => {
      const { id, owner } = await admitted();
      const before = (await get(owner.token, id)).body;
      const name = '泉州市新名称检测有限公司';
      const res = await t.request('PATCH', `/api/v1/providers/${id}`, {
        token: owner.token,
        body: { name, bankAccount: { ...before.bankAccount, accountName: name }, contactPhone: '0595-99990000', categoryIds: [TEXTILE_TESTING, PATENT_AGENCY] },
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        status: 'pending',
        requestedBy: owner.userId,
        changes: { name, bankAccount: { accountName: name }, categoryIds: [TEXTILE_TESTING, PATENT_AGENCY] },
        previous: { name: before.name, categoryIds: [TEXTILE_TESTING] },
      });
      expect(res.body.changes).not.toHaveProperty('contactPhone');

      const live = (await get(owner.token, id)).body;
      expect(live).toMatchObject({ name: before.name, contactPhone: '0595-99990000', admittedCategoryIds: [TEXTILE_TESTING], pendingChangeRequestId: res.body.id });
      const second = await t.request('PATCH', `/api/v1/providers/${id}`, { token: owner.token, body: { legalRepresentative: '赵六' } });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('CHANGE_REQUEST_PENDING');

      const list = await t.request('GET', `/api/v1/admin/providers/${id}/change-requests`, { token: officer.token });
      expect(list.body.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
      const decision = await t.request('POST', `/api/v1/admin/providers/${id}/change-requests/${res.body.id}/decision`, { token: officer.token, body: { decision: 'approve' } });
      expect(decision.status).toBe(200);
      expect(decision.body).toMatchObject({ status: 'approved', decidedBy: officer.userId });

      const after = (await get(owner.token, id)).body;
      expect(after).toMatchObject({ name, bankAccount: { accountName: name }, admittedCategoryIds: [TEXTILE_TESTING, PATENT_AGENCY], pendingChangeRequestId: null, admissionStatus: 'admitted' });
      expect(await auditActions(t, id)).toEqual(expect.arrayContaining(['provider.change-request.created', 'provider.change-request.approved', 'organization.updated']));
      const again = await t.request('POST', `/api/v1/admin/providers/${id}/change-requests/${res.body.id}/decision`, { token: officer.token, body: { decision: 'reject', reason: 'x' } });
      expect(again.status).toBe(409);
    });

    it('leaves the live record as it was when the change request is rejected (a reason is required)', async () => {
      const { id, owner } = await admitted();
      const before = (await get(owner.token, id)).body;
      const { body: request } = await t.request('PATCH', `/api/v1/providers/${id}`, { token: owner.token, body: { legalRepresentative: '赵六' } });
      const url = `/api/v1/admin/providers/${id}/change-requests/${request.id}/decision`;
      expect((await t.request('POST', url, { token: officer.token, body: { decision: 'reject' } })).status).toBe(400);
      expect((await t.request('POST', url, { token: fengzeReviewer.token, body: { decision: 'approve' } })).status).toBe(403);
      const res = await t.request('POST', url, { token: officer.token, body: { decision: 'reject', reason: '未提供变更登记材料' } });
      expect(res.body).toMatchObject({ status: 'rejected', reason: '未提供变更登记材料' });
      expect((await get(owner.token, id)).body).toMatchObject({ legalRepresentative: before.legalRepresentative, pendingChangeRequestId: null });
    });

    it('makes a verified enterprise of the same organization go through the provider change request, and pending again when approved', async () => {
      const owner = await registerAndLogin(t);
      const e = enterpriseBody({ regionCode: '350503', uscc: freshUscc('350503') });
      const { body: enterprise } = await t.request('POST', '/api/v1/enterprises', { token: owner.token, body: e });
      await t.request('POST', `/api/v1/admin/enterprises/${enterprise.id}/verification`, { token: officer.token, body: { decision: 'approve' } });
      await apply(owner.token, providerBody({ uscc: e.uscc }));
      await act(officer.token, enterprise.id, { action: 'start-notice' });
      await advanceDays(7);
      await act(officer.token, enterprise.id, { action: 'admit' });
      const me = await loginAs(t, owner.email, owner.password);

      const direct = await t.request('PATCH', `/api/v1/enterprises/${enterprise.id}`, { token: me.token, body: { legalRepresentative: '新法人' } });
      expect(direct.status).toBe(409);
      expect(direct.body.code).toBe('CHANGE_REQUEST_REQUIRED');
      const sizeOnly = await t.request('PATCH', `/api/v1/enterprises/${enterprise.id}`, { token: me.token, body: { employees: 46 } });
      expect(sizeOnly.body.status).toBe('pending');
      await t.request('POST', `/api/v1/admin/enterprises/${enterprise.id}/verification`, { token: officer.token, body: { decision: 'approve' } });

      const { body: request } = await t.request('PATCH', `/api/v1/providers/${enterprise.id}`, { token: me.token, body: { legalRepresentative: '新法人' } });
      await t.request('POST', `/api/v1/admin/providers/${enterprise.id}/change-requests/${request.id}/decision`, { token: officer.token, body: { decision: 'approve' } });
      expect((await t.request('GET', `/api/v1/enterprises/${enterprise.id}`, { token: me.token })).body).toMatchObject({ legalRepresentative: '新法人', status: 'pending' });
    });
  });

  describe('expiry', () => {
    it('expires admissions whose validity has passed, once, and a program officer renews them', async () => {
      const { id, owner } = await admitted();
      const sweep = new AdmissionExpirySweep(t.app.get(DataSource), t.app.get(TransactionRunner), t.app.get(AuditService), clock);
      const expiresAt = new Date((await get(owner.token, id)).body.admissionExpiresAt);

      clock.set(new Date(expiresAt.getTime() - 1000));
      await sweep.sweep();
      await advanceDays(0);
      expect((await get(officer.token, id)).body.admissionStatus).toBe('admitted');

      clock.set(new Date(expiresAt.getTime() + 1000));
      expect(await sweep.sweep()).toBeGreaterThanOrEqual(1);
      expect(await sweep.sweep()).toBe(0);
      await advanceDays(0);
      expect((await get(officer.token, id)).body.admissionStatus).toBe('expired');
      const entries = await auditEntries(t, id, 'provider.admission.expire');
      expect(entries).toEqual([expect.objectContaining({ actor_id: null, before: expect.objectContaining({ admissionStatus: 'admitted' }), after: { admissionStatus: 'expired' } })]);

      const renewed = await act(officer.token, id, { action: 'renew' });
      expect(renewed.status).toBe(200);
      expect(renewed.body.admissionStatus).toBe('admitted');
      expect(new Date(renewed.body.admissionExpiresAt).getTime()).toBeGreaterThan(clock.now().getTime() + 700 * DAY);
      expect((await act(officer.token, id, { action: 'renew' })).body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  describe('who may do what', () => {
    it('answers 403 on admin routes to a provider member and 401 without a token', async () => {
      const owner = await registerAndLogin(t);
      const { body: p } = await apply(owner.token);
      expect((await t.request('GET', '/api/v1/admin/providers', { token: owner.token })).status).toBe(403);
      expect((await act(owner.token, p.id, { action: 'review' })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/admin/providers/${p.id}/change-requests`, { token: owner.token })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/admin/providers/${p.id}/objections`, { token: owner.token })).status).toBe(403);
      expect((await t.request('GET', '/api/v1/admin/providers')).status).toBe(401);
      expect((await t.request('GET', `/api/v1/providers/${p.id}`)).status).toBe(401);
      expect((await t.request('GET', '/api/v1/admin/providers', { token: jinjiangReviewer.token })).status).toBe(403);
    });

    it('hides provider B from a member of provider A (404) and lets staff of its region read but not edit it', async () => {
      const a = await registerAndLogin(t);
      const b = await registerAndLogin(t);
      await apply(a.token);
      const { body: pb } = await apply(b.token);
      expect((await get(a.token, pb.id)).status).toBe(404);
      expect((await t.request('PATCH', `/api/v1/providers/${pb.id}`, { token: a.token, body: { contactPhone: '0595-1234567' } })).status).toBe(404);
      expect((await get(jinjiangReviewer.token, pb.id)).status).toBe(404);
      expect((await get(fengzeReviewer.token, pb.id)).status).toBe(200);
      expect((await t.request('PATCH', `/api/v1/providers/${pb.id}`, { token: fengzeReviewer.token, body: { contactPhone: '0595-1234567' } })).status).toBe(403);
    });

    it('lists providers by status for program officers', async () => {
      const owner = await registerAndLogin(t);
      const { body: p } = await apply(owner.token);
      const res = await t.request('GET', '/api/v1/admin/providers?status=applied&pageSize=100', { token: officer.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toContain(p.id);
      expect(res.body.items.every((i: { admissionStatus: string }) => i.admissionStatus === 'applied')).toBe(true);
      const countyOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350582'] }]);
      const scoped = await t.request('GET', '/api/v1/admin/providers?pageSize=100', { token: countyOfficer.token });
      expect(scoped.body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
      expect((await act(countyOfficer.token, p.id, { action: 'review' })).status).toBe(404);
    });

    it('finds providers by q (a part of the name or a USCC prefix) within the jurisdiction only; % matches literally; over 100 characters is 400', async () => {
      const tag = randomInt(1_000_000, 9_999_999);
      const { body: fengze } = await apply((await registerAndLogin(t)).token, providerBody({ name: `泉州市${tag}清源山检测技术有限公司` }));
      const { body: jinjiang } = await apply((await registerAndLogin(t)).token, providerBody({ name: `晋江市${tag}清源山检测技术有限公司`, regionCode: '350582', uscc: freshUscc('350582') }));
      const { body: percent } = await apply((await registerAndLogin(t)).token, providerBody({ name: `泉州市${tag}检测100%认证有限公司` }));
      const { body: digits } = await apply((await registerAndLogin(t)).token, providerBody({ name: `泉州市${tag}检测1000认证有限公司` }));
      await act(officer.token, fengze.id, { action: 'start-notice' });
      const countyOfficer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350582'] }]);
      const search = (token: string, q: string, extra = '') => t.request('GET', `/api/v1/admin/providers?pageSize=100&q=${encodeURIComponent(q)}${extra}`, { token });
      const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

      const byName = await search(officer.token, `${tag}清源山检测`);
      expect(byName.status).toBe(200);
      expect(ids(byName)).toEqual([fengze.id, jinjiang.id].sort());
      // no status: every status, as without q; with it, only that status
      expect(byName.body.items.map((i: { admissionStatus: string }) => i.admissionStatus).sort()).toEqual(['applied', 'in_notice']);
      expect(ids(await search(officer.token, `${tag}清源山`, '&status=applied'))).toEqual([jinjiang.id]);
      // the Fengze provider is outside the Jinjiang officer's jurisdiction
      expect(ids(await search(countyOfficer.token, `${tag}清源山`))).toEqual([jinjiang.id]);
      expect(ids(await search(countyOfficer.token, fengze.uscc.slice(0, 16)))).toEqual([]);
      // a USCC prefix, in either case
      expect(ids(await search(officer.token, fengze.uscc.slice(0, 16).toLowerCase()))).toEqual([fengze.id]);
      // % is not a wildcard
      expect(ids(await search(officer.token, `${tag}检测100`))).toEqual([percent.id, digits.id].sort());
      expect(ids(await search(officer.token, `${tag}检测100%`))).toEqual([percent.id]);
      expect(ids(await search(officer.token, `${tag}检测1_00`))).toEqual([]);

      const long = await search(officer.token, '泉'.repeat(101));
      expect(long.status).toBe(400);
      expect(String(long.headers['content-type'])).toContain('application/problem+json');
      expect(long.body.errors.map((e: { field: string }) => e.field)).toContain('q');
    });
  });
});
