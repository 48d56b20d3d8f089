import { randomInt } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { auditActions, auditEntries, enterpriseBody, freshUscc, withDocuments, wrongCheckUscc } from './support.js';

describe('enterprises', () => {
  let t: TestApp;
  let jinjiangReviewer: AuthSession;
  let nananReviewer: AuthSession;
  let officer: AuthSession;

  beforeAll(async () => {
    t = await startTestApp();
    jinjiangReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    nananReviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350583'] }]);
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** Registers with the business licence attached (verification requires it). */
  const create = async (token: string, body: Record<string, unknown>) => t.request('POST', '/api/v1/enterprises', { token, body: await withDocuments(t, token, body) });
  const decide = (token: string, id: string, body: Record<string, unknown>) =>
    t.request('POST', `/api/v1/admin/enterprises/${id}/verification`, { token, body });

  describe('registration', () => {
    it('registers an enterprise as pending with its size class, and makes the creator its owner', async () => {
      const user = await registerAndLogin(t);
      const body = enterpriseBody({ uscc: ` ${freshUscc().toLowerCase()} ` });
      const res = await create(user.token, body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'pending',
        sizeClass: 'small', // industry: 45 staff, 1,200万元 revenue
        uscc: body.uscc.trim().toUpperCase(),
        name: body.name,
        regionCode: '350582',
        annualRevenueFen: 1_200_000_000,
        bankAccount: body.bankAccount,
        shareholders: ['张三', '李四'],
        controllerGroup: null,
        groupKey: res.body.id,
        littleGiant: false,
      });
      const me = await t.request('GET', '/api/v1/me', { token: user.token });
      expect(me.body.memberships).toEqual([{ organizationId: res.body.id, organizationName: body.name, role: 'owner', profiles: ['enterprise'] }]);
      expect(await auditActions(t, res.body.id)).toEqual(['organization.registered', 'enterprise.registered']);
    });

    it('answers 400 naming uscc for a malformed code and 422 INVALID_USCC for a wrong check character', async () => {
      const user = await registerAndLogin(t);
      for (const uscc of ['91350582MA2Y0000', '91350582MA2Y00001I', 'not a code at all!', '9135X582MA2Y00001X']) {
        const res = await create(user.token, enterpriseBody({ uscc }));
        expect({ uscc, status: res.status }).toEqual({ uscc, status: 400 });
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('uscc');
      }
      const body = enterpriseBody({ uscc: wrongCheckUscc() });
      const bad = await create(user.token, body);
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('INVALID_USCC');
      expect(bad.body.detail).toMatch(/校验位/);
      const en = await t.request('POST', '/api/v1/enterprises', { token: user.token, body, headers: { 'accept-language': 'en' } });
      expect(en.body.detail).toMatch(/check character/);
    });

    it('refuses a USCC registered by someone else with 409 USCC_TAKEN, and a second enterprise profile with 409 ALREADY_REGISTERED', async () => {
      const owner = await registerAndLogin(t);
      const other = await registerAndLogin(t);
      const body = enterpriseBody();
      expect((await create(owner.token, body)).status).toBe(201);
      const taken = await create(other.token, { ...body, name: body.name });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('USCC_TAKEN');
      const again = await create(owner.token, body);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_REGISTERED');
    });

    it('refuses an unknown region (422 UNKNOWN_REGION) and a bank account in another name (422 BANK_ACCOUNT_NAME_MISMATCH)', async () => {
      const user = await registerAndLogin(t);
      const region = await create(user.token, enterpriseBody({ regionCode: '359999' }));
      expect(region.status).toBe(422);
      expect(region.body.code).toBe('UNKNOWN_REGION');
      const bank = await create(user.token, enterpriseBody({ bankAccount: { bankName: '某银行', accountName: '另一家公司', accountNo: '123456789' } }));
      expect(bank.status).toBe(422);
      expect(bank.body.code).toBe('BANK_ACCOUNT_NAME_MISMATCH');
    });

    it('answers 400 problem+json for unknown fields, wrong types and oversize strings, and 401 without a token', async () => {
      const user = await registerAndLogin(t);
      const cases: [Record<string, unknown>, string][] = [
        [enterpriseBody({ zzExtra: 1 }), 'zzExtra'],
        [enterpriseBody({ employees: '45' }), 'employees'],
        [enterpriseBody({ employees: -1 }), 'employees'],
        [enterpriseBody({ annualRevenueFen: 1.5 }), 'annualRevenueFen'],
        [enterpriseBody({ annualRevenueFen: 2 ** 60 }), 'annualRevenueFen'],
        [enterpriseBody({ industry: 'mining' }), 'industry'],
        [enterpriseBody({ name: 'x'.repeat(201) }), 'name'],
        [enterpriseBody({ name: '   ' }), 'name'],
        [enterpriseBody({ establishedOn: '2015-02-30' }), 'establishedOn'],
        [enterpriseBody({ bankAccount: { bankName: 'b', accountName: 'n' } }), 'bankAccount'],
        [enterpriseBody({ shareholders: 'all of them' }), 'shareholders'],
      ];
      for (const [body, field] of cases) {
        const res = await create(user.token, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.errors.some((e: { field: string }) => e.field === field || e.field.startsWith(`${field}.`))).toBe(true);
      }
      expect((await t.request('POST', '/api/v1/enterprises', { body: enterpriseBody() })).status).toBe(401);
      expect((await t.request('GET', '/api/v1/enterprises/not-a-uuid', { token: user.token })).status).toBe(400);
    });
  });

  describe('verification', () => {
    it('lets the county reviewer of its region approve it: pending → verified, audited with the reviewer', async () => {
      const user = await registerAndLogin(t);
      const { body: e } = await create(user.token, enterpriseBody());
      const res = await decide(jinjiangReviewer.token, e.id, { decision: 'approve' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('verified');
      expect(res.body.verifiedAt).toEqual(expect.any(String));
      expect((await t.request('GET', `/api/v1/enterprises/${e.id}`, { token: user.token })).body.status).toBe('verified');
      const [entry] = await auditEntries(t, e.id, 'enterprise.verification.approve');
      expect(entry).toMatchObject({ actor_id: jinjiangReviewer.userId, before: { status: 'pending' }, after: { status: 'verified' } });
    });

    it('rejects with a reason, lets the owner resubmit, and the program officer approves; suspend and reinstate need the right status', async () => {
      const user = await registerAndLogin(t);
      const { body: e } = await create(user.token, enterpriseBody());
      const noReason = await decide(jinjiangReviewer.token, e.id, { decision: 'reject' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

      const rejected = await decide(jinjiangReviewer.token, e.id, { decision: 'reject', reason: '营业执照与填报信息不一致' });
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '营业执照与填报信息不一致' });
      const illegal = await decide(officer.token, e.id, { decision: 'approve' });
      expect(illegal.status).toBe(409);
      expect(illegal.body.code).toBe('ILLEGAL_TRANSITION');

      const resubmitted = await t.request('POST', `/api/v1/enterprises/${e.id}/resubmit`, { token: user.token });
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.status).toBe('pending');
      expect((await t.request('POST', `/api/v1/enterprises/${e.id}/resubmit`, { token: user.token })).body.code).toBe('ILLEGAL_TRANSITION');

      expect((await decide(officer.token, e.id, { decision: 'approve' })).body.status).toBe('verified');
      expect((await decide(officer.token, e.id, { decision: 'reinstate' })).status).toBe(409);
      expect((await decide(officer.token, e.id, { decision: 'suspend' })).status).toBe(400);
      const suspended = await decide(officer.token, e.id, { decision: 'suspend', reason: '涉嫌虚假申报' });
      expect(suspended.body).toMatchObject({ status: 'suspended', suspensionReason: '涉嫌虚假申报' });
      expect((await decide(officer.token, e.id, { decision: 'reinstate' })).body).toMatchObject({ status: 'verified', suspensionReason: null });

      expect(await auditActions(t, e.id)).toEqual([
        'organization.registered',
        'enterprise.registered',
        'enterprise.verification.reject',
        'enterprise.verification.resubmit',
        'organization.bank_account_verified', // the account the subsidies will be paid to, as verified
        'enterprise.verification.approve',
        'enterprise.verification.suspend',
        'enterprise.verification.reinstate',
      ]);
      const [rejection] = await auditEntries(t, e.id, 'enterprise.verification.reject');
      expect(rejection.reason).toBe('营业执照与填报信息不一致');
    });

    it('hides an enterprise outside the reviewer’s jurisdiction (404) and from their list', async () => {
      const user = await registerAndLogin(t);
      const { body: e } = await create(user.token, enterpriseBody({ regionCode: '350583', uscc: freshUscc('350583') }));
      expect((await decide(jinjiangReviewer.token, e.id, { decision: 'approve' })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/enterprises/${e.id}`, { token: jinjiangReviewer.token })).status).toBe(404);

      const jinjiangList = await t.request('GET', '/api/v1/admin/enterprises?pageSize=100', { token: jinjiangReviewer.token });
      expect(jinjiangList.status).toBe(200);
      expect(jinjiangList.body.items.map((i: { id: string }) => i.id)).not.toContain(e.id);
      expect(jinjiangList.body.items.length).toBeGreaterThan(0);
      expect(jinjiangList.body.items.every((i: { regionCode: string }) => i.regionCode === '350582')).toBe(true);

      const nananList = await t.request('GET', '/api/v1/admin/enterprises?status=pending&pageSize=100', { token: nananReviewer.token });
      expect(nananList.body.items.map((i: { id: string }) => i.id)).toContain(e.id);
      expect((await t.request('GET', `/api/v1/enterprises/${e.id}`, { token: nananReviewer.token })).status).toBe(200);

      const cityList = await t.request('GET', '/api/v1/admin/enterprises?pageSize=100', { token: officer.token });
      const regions = new Set(cityList.body.items.map((i: { regionCode: string }) => i.regionCode));
      expect(regions).toEqual(new Set(['350582', '350583']));
      const filtered = await t.request('GET', '/api/v1/admin/enterprises?region=350583&status=pending&page=1&pageSize=100', { token: officer.token });
      expect(filtered.body.items.every((i: { regionCode: string; status: string }) => i.regionCode === '350583' && i.status === 'pending')).toBe(true);
      expect(filtered.body.total).toBe(filtered.body.items.length);
      expect((await t.request('GET', '/api/v1/admin/enterprises?status=bogus', { token: officer.token })).status).toBe(400);
    });

    it('finds enterprises by q: a part of the name (case-insensitive) or a USCC prefix, within the jurisdiction only, every status unless filtered', async () => {
      const tag = randomInt(1_000_000, 9_999_999);
      const user = await registerAndLogin(t);
      const { body: jinjiang } = await create(user.token, enterpriseBody({ name: `晋江市${tag}鲤鱼湾新材料科技有限公司` }));
      const { body: nanan } = await create(user.token, enterpriseBody({ name: `南安市${tag}鲤鱼湾新材料科技有限公司`, regionCode: '350583', uscc: freshUscc('350583') }));
      const { body: latin } = await create(user.token, enterpriseBody({ name: `晋江市${tag}Carbon Fibre有限公司` }));
      await decide(jinjiangReviewer.token, jinjiang.id, { decision: 'reject', reason: '材料不全' });
      const search = (token: string, q: string, extra = '') => t.request('GET', `/api/v1/admin/enterprises?pageSize=100&q=${encodeURIComponent(q)}${extra}`, { token });
      const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

      // a part of the Chinese name; the Nan'an one is outside the Jinjiang reviewer's jurisdiction
      const byName = await search(jinjiangReviewer.token, `${tag}鲤鱼湾新材料`);
      expect(byName.status).toBe(200);
      expect(ids(byName)).toEqual([jinjiang.id]);
      expect(byName.body.total).toBe(1);
      expect(byName.body.items[0]).toMatchObject({ name: jinjiang.name, status: 'rejected' }); // no status: every status, as without q
      expect(ids(await search(officer.token, `${tag}鲤鱼湾`))).toEqual([jinjiang.id, nanan.id].sort());
      expect(ids(await search(nananReviewer.token, `${tag}鲤鱼湾`))).toEqual([nanan.id]);
      // the other filters still apply
      expect(ids(await search(officer.token, `${tag}鲤鱼湾`, '&status=pending'))).toEqual([nanan.id]);
      expect(ids(await search(officer.token, `${tag}鲤鱼湾`, '&region=350582'))).toEqual([jinjiang.id]);
      // case-insensitive, trimmed
      expect(ids(await search(jinjiangReviewer.token, `  ${tag}carbon fIBRE `))).toEqual([latin.id]);
      // a USCC prefix, in either case; not the middle of a USCC
      expect(ids(await search(jinjiangReviewer.token, latin.uscc.slice(0, 15).toLowerCase()))).toEqual([latin.id]);
      expect(ids(await search(officer.token, nanan.uscc.slice(0, 16)))).toEqual([nanan.id]);
      expect(ids(await search(nananReviewer.token, jinjiang.uscc.slice(0, 16)))).toEqual([]);
      expect((await search(officer.token, latin.uscc.slice(2, 16))).body.items.map((i: { id: string }) => i.id)).not.toContain(latin.id);
    });

    it('matches %, _ and \\ in q literally', async () => {
      const tag = randomInt(1_000_000, 9_999_999);
      const user = await registerAndLogin(t);
      const { body: percent } = await create(user.token, enterpriseBody({ name: `晋江市${tag}纯棉100%纺织有限公司` }));
      const { body: digits } = await create(user.token, enterpriseBody({ name: `晋江市${tag}纯棉1000纺织有限公司` }));
      const { body: slash } = await create(user.token, enterpriseBody({ name: `晋江市${tag}甲\\乙贸易有限公司` }));
      const search = async (q: string) =>
        (await t.request('GET', `/api/v1/admin/enterprises?pageSize=100&q=${encodeURIComponent(q)}`, { token: officer.token })).body.items.map((i: { id: string }) => i.id).sort();
      expect(await search(`${tag}纯棉100`)).toEqual([percent.id, digits.id].sort());
      expect(await search(`${tag}纯棉100%`)).toEqual([percent.id]); // not a wildcard: 1000 does not match
      expect(await search(`${tag}纯棉100%纺织`)).toEqual([percent.id]);
      expect(await search(`${tag}纯棉10_0`)).toEqual([]); // not a single-character wildcard
      expect(await search(`${tag}甲\\乙`)).toEqual([slash.id]);
      expect(await search('%')).toContain(percent.id);
      expect(await search('%')).not.toContain(digits.id);
    });

    it('answers 400 problem+json naming q for a q over 100 characters or blank', async () => {
      for (const q of ['晋'.repeat(101), 'a'.repeat(101), '   ']) {
        const res = await t.request('GET', `/api/v1/admin/enterprises?q=${encodeURIComponent(q)}`, { token: officer.token });
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
        expect(String(res.headers['content-type'])).toContain('application/problem+json');
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('q');
      }
      // 100 characters is allowed (and finds nothing here)
      const longest = await t.request('GET', `/api/v1/admin/enterprises?q=${encodeURIComponent('晋'.repeat(100))}`, { token: officer.token });
      expect(longest.status).toBe(200);
      expect(longest.body.total).toBe(0);
    });

    it('refuses a decision by a staff member who belongs to the organization (403 CONFLICT_OF_INTEREST)', async () => {
      const { body: e } = await create(jinjiangReviewer.token, enterpriseBody());
      expect(e.status).toBe('pending');
      const res = await decide(jinjiangReviewer.token, e.id, { decision: 'approve' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CONFLICT_OF_INTEREST');
    });

    it('answers 403 on admin routes to enterprise members and staff without the role', async () => {
      const user = await registerAndLogin(t);
      const { body: e } = await create(user.token, enterpriseBody());
      expect((await decide(user.token, e.id, { decision: 'approve' })).status).toBe(403);
      expect((await t.request('GET', '/api/v1/admin/enterprises', { token: user.token })).status).toBe(403);
      const auditor = await createStaffAndLogin(t, [{ role: 'auditor', regionCodes: ['350500'] }]);
      expect((await decide(auditor.token, e.id, { decision: 'approve' })).status).toBe(403);
      expect((await t.request('GET', '/api/v1/admin/enterprises')).status).toBe(401);
      // a reviewer who sees the enterprise through another role may not decide on it
      const mixed = await createStaffAndLogin(t, [
        { role: 'county_reviewer', regionCodes: ['350583'] },
        { role: 'auditor', regionCodes: ['350582'] },
      ]);
      expect((await decide(mixed.token, e.id, { decision: 'approve' })).status).toBe(403);
    });
  });

  describe('members and edits', () => {
    it('gives a member of enterprise A 404 for enterprise B, reading and patching', async () => {
      const a = await registerAndLogin(t);
      const b = await registerAndLogin(t);
      await create(a.token, enterpriseBody());
      const { body: eb } = await create(b.token, enterpriseBody());
      expect((await t.request('GET', `/api/v1/enterprises/${eb.id}`, { token: a.token })).status).toBe(404);
      expect((await t.request('PATCH', `/api/v1/enterprises/${eb.id}`, { token: a.token, body: { contactPhone: '0595-1234567' } })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/enterprises/${eb.id}/resubmit`, { token: a.token })).status).toBe(404);
      // staff who can see it may not edit it
      expect((await t.request('PATCH', `/api/v1/enterprises/${eb.id}`, { token: jinjiangReviewer.token, body: { contactPhone: '0595-1234567' } })).status).toBe(403);
    });

    it('sends a verified enterprise back to pending on an identity edit, recomputing the size class, and audits it', async () => {
      const user = await registerAndLogin(t);
      const { body: e } = await create(user.token, enterpriseBody());
      await decide(jinjiangReviewer.token, e.id, { decision: 'approve' });

      const phone = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { contactPhone: '0595-66667777' } });
      expect(phone.status).toBe(200);
      expect(phone.body).toMatchObject({ contactPhone: '0595-66667777', status: 'verified' });
      const same = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { employees: 45, name: e.name } });
      expect(same.body.status).toBe('verified');

      const res = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { employees: 350, annualRevenueFen: 30_000_000_00 } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending', sizeClass: 'medium', employees: 350, verifiedAt: null, uscc: e.uscc });
      const [edit] = await auditEntries(t, e.id, 'enterprise.updated');
      expect(edit).toMatchObject({ actor_id: user.userId, before: { employees: 45, sizeClass: 'small' }, after: { employees: 350, sizeClass: 'medium' } });
      expect(await auditActions(t, e.id)).toContain('enterprise.verification.identity-edit');

      await decide(jinjiangReviewer.token, e.id, { decision: 'approve' });
      const renamed = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, {
        token: user.token,
        body: { name: '晋江市新名称科技有限公司', bankAccount: { bankName: '中国工商银行晋江支行', accountName: '晋江市新名称科技有限公司', accountNo: '1408012345678901234' } },
      });
      expect(renamed.body).toMatchObject({ name: '晋江市新名称科技有限公司', status: 'pending' });
      const mismatch = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { name: '又一个名称有限公司' } });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.code).toBe('BANK_ACCOUNT_NAME_MISMATCH');
    });

    it('never changes the USCC: uscc in a PATCH body is 400, as are nulls for required fields', async () => {
      const user = await registerAndLogin(t);
      const { body: e } = await create(user.token, enterpriseBody());
      const res = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { uscc: freshUscc() } });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((x: { field: string }) => x.field)).toContain('uscc');
      expect((await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { name: null } })).status).toBe(400);
      expect((await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { regionCode: '359999' } })).body.code).toBe('UNKNOWN_REGION');
      const cleared = await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: user.token, body: { controllerGroup: '晋江示例集团', establishedOn: null } });
      expect(cleared.body).toMatchObject({ controllerGroup: '晋江示例集团', groupKey: '晋江示例集团', establishedOn: null });
      expect((await t.request('GET', `/api/v1/enterprises/${e.id}`, { token: user.token })).body.uscc).toBe(e.uscc);
    });

    it('lets only an owner resubmit', async () => {
      const owner = await registerAndLogin(t);
      const member = await registerAndLogin(t);
      const { body: e } = await create(owner.token, enterpriseBody());
      expect((await t.request('POST', `/api/v1/organizations/${e.id}/members`, { token: owner.token, body: { email: member.email, role: 'member' } })).status).toBe(201);
      await decide(jinjiangReviewer.token, e.id, { decision: 'reject', reason: '材料不全' });
      expect((await t.request('POST', `/api/v1/enterprises/${e.id}/resubmit`, { token: member.token })).status).toBe(403);
      expect((await t.request('PATCH', `/api/v1/enterprises/${e.id}`, { token: member.token, body: { registeredAddress: '新地址' } })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/enterprises/${e.id}/resubmit`, { token: owner.token })).body.status).toBe('pending');
    });
  });
});
