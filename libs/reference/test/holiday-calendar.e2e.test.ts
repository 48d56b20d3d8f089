import { DataSource } from 'typeorm';
import { ManualClock } from '@innoserve/core';
import { ReferenceSeeder, WORKING_CALENDAR_REFRESH_MS, WorkingDays } from '@innoserve/reference';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/support/app.js';
import { createStaffAndLogin, createSuperAdminAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';

const NOW = new Date('2026-12-05T10:00:00Z');

describe('the holiday calendar (GET/PUT/DELETE /api/v1/admin/holidays, seeding, WorkingDays)', () => {
  let t: TestApp;
  let ds: DataSource;
  let clock: ManualClock;
  let workingDays: WorkingDays;
  let admin: AuthSession;
  let reviewer: AuthSession;
  let officer: AuthSession;

  beforeAll(async () => {
    clock = new ManualClock(NOW);
    t = await startTestApp({ clock });
    ds = t.app.get(DataSource);
    workingDays = t.app.get(WorkingDays);
    admin = await createSuperAdminAndLogin(t);
    reviewer = await createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const put = (date: string, body: unknown, who: AuthSession = admin, headers: Record<string, string> = {}) =>
    t.request('PUT', `/api/v1/admin/holidays/${date}`, { token: who.token, body, headers });
  const del = (date: string, who: AuthSession = admin) => t.request('DELETE', `/api/v1/admin/holidays/${date}`, { token: who.token });
  const list = async (year: number) => (await t.request('GET', `/api/v1/admin/holidays?year=${year}`, { token: reviewer.token })).body as any[];
  const auditOf = async (date: string) =>
    (await t.request('GET', `/api/v1/admin/audit?entityType=holiday_calendar_day&entityId=${date}`, { token: admin.token })).body.items as any[];
  const expectValidationError = (res: TestResponse, field: string) => {
    expect({ status: res.status, type: String(res.headers['content-type']).split(';')[0], code: res.body?.code }).toEqual({
      status: 400,
      type: 'application/problem+json',
      code: 'VALIDATION_FAILED',
    });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  };

  describe('GET /admin/holidays', () => {
    it("lists 2026 as the State Council's notice has it, for any staff member", async () => {
      const res = await t.request('GET', '/api/v1/admin/holidays?year=2026', { token: reviewer.token });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(33 + 6);
      expect(res.body[0]).toEqual({
        date: '2026-01-01',
        kind: 'holiday',
        nameZh: '元旦',
        nameEn: "New Year's Day",
        provisional: false,
        updatedBy: null,
        updatedAt: expect.any(String),
      });
      expect(res.body.filter((d: any) => d.kind === 'workday').map((d: any) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
      expect(res.body.find((d: any) => d.date === '2026-02-16')).toMatchObject({ kind: 'holiday', nameZh: '春节', nameEn: 'Spring Festival' });
    });

    it('lists 2027 as provisional, and the current year (Asia/Shanghai) without ?year', async () => {
      const y2027 = await list(2027);
      expect(y2027).toHaveLength(13);
      expect(y2027.every((d) => d.provisional)).toBe(true);
      const current = await t.request('GET', '/api/v1/admin/holidays', { token: officer.token });
      expect(current.body.map((d: any) => d.date.slice(0, 4))).toEqual(Array(39).fill('2026'));
      expect(await list(2031)).toEqual([]);
    });

    it('refuses a year out of range or not a number, and callers who are not staff', async () => {
      expectValidationError(await t.request('GET', '/api/v1/admin/holidays?year=1999', { token: reviewer.token }), 'year');
      expectValidationError(await t.request('GET', '/api/v1/admin/holidays?year=abc', { token: reviewer.token }), 'year');
      const user = await registerAndLogin(t);
      expect((await t.request('GET', '/api/v1/admin/holidays?year=2026', { token: user.token })).status).toBe(403);
      expect((await t.request('GET', '/api/v1/admin/holidays?year=2026')).status).toBe(401);
    });
  });

  describe('PUT /admin/holidays/:date', () => {
    it('makes a weekday a day off: addWorkingDays moves at once, the list shows it, the audit log records it', async () => {
      expect(await workingDays.addWorkingDays('2027-02-01', 10)).toBe('2027-02-17'); // warms the cache
      const res = await put('2027-02-09', { kind: 'holiday', nameZh: '春节', nameEn: 'Spring Festival' });
      expect(res.status).toBe(200);
      const after = { date: '2027-02-09', kind: 'holiday', nameZh: '春节', nameEn: 'Spring Festival', provisional: false, updatedBy: admin.userId, updatedAt: NOW.toISOString() };
      expect(res.body).toEqual(after);
      expect(await workingDays.isWorkingDay('2027-02-09')).toBe(false);
      expect(await workingDays.addWorkingDays('2027-02-01', 10)).toBe('2027-02-18');
      expect((await list(2027)).find((d) => d.date === '2027-02-09')).toEqual(after);
      const [entry, ...more] = await auditOf('2027-02-09');
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ streamType: 'holiday_calendar_day', streamId: '2027-02-09', action: 'holiday.set', actorId: admin.userId, before: null, after });
    });

    it('makes a Saturday a make-up working day, which then counts', async () => {
      expect(await workingDays.addWorkingDays('2027-02-19', 1)).toBe('2027-02-22'); // Friday → Monday
      const res = await put('2027-02-20', { kind: 'workday', nameZh: '春节', nameEn: 'Spring Festival' });
      expect(res.status).toBe(200);
      expect(await workingDays.addWorkingDays('2027-02-19', 1)).toBe('2027-02-20');
      expect(await workingDays.workingDaysBetween('2027-02-19', '2027-02-22')).toBe(2);
    });

    it('replaces a seeded day and audits the day as it was', async () => {
      const res = await put('2026-10-10', { kind: 'holiday', nameZh: ' 国庆节 ', nameEn: 'National Day' });
      expect(res.body).toMatchObject({ date: '2026-10-10', kind: 'holiday', nameZh: '国庆节', updatedBy: admin.userId });
      const [entry] = await auditOf('2026-10-10');
      expect(entry.before).toMatchObject({ date: '2026-10-10', kind: 'workday', nameZh: '国庆节', provisional: false, updatedBy: null });
      expect(entry.after).toMatchObject({ kind: 'holiday', updatedBy: admin.userId });
      expect(await workingDays.isWorkingDay('2026-10-10')).toBe(false);
    });

    it('works the same with an Idempotency-Key, and the cache follows the commit', async () => {
      expect(await workingDays.isWorkingDay('2027-03-01')).toBe(true);
      const body = { kind: 'holiday', nameZh: '测试', nameEn: 'Test' };
      const first = await put('2027-03-01', body, admin, { 'idempotency-key': 'holiday-2027-03-01' });
      expect(first.status).toBe(200);
      expect(await workingDays.isWorkingDay('2027-03-01')).toBe(false);
      const replay = await put('2027-03-01', body, admin, { 'idempotency-key': 'holiday-2027-03-01' });
      expect([replay.status, replay.headers['idempotent-replayed'], replay.body]).toEqual([200, 'true', first.body]);
      expect(await auditOf('2027-03-01')).toHaveLength(1);
    });

    it('refuses a make-up working day on a weekday with 400 naming kind, and changes nothing', async () => {
      const res = await put('2027-03-02', { kind: 'workday', nameZh: '调休', nameEn: 'Make-up' });
      expectValidationError(res, 'kind');
      expect(res.body.errors).toEqual([{ field: 'kind', message: expect.stringMatching(/Saturday or Sunday/) }]);
      expect((await list(2027)).some((d) => d.date === '2027-03-02')).toBe(false);
      expect(await auditOf('2027-03-02')).toEqual([]);
    });

    it('refuses bad input with 400 problems naming the field', async () => {
      expectValidationError(await put('2027-03-03', { kind: 'festival', nameZh: '节', nameEn: 'Festival' }), 'kind');
      expectValidationError(await put('2027-03-03', { kind: 'holiday', nameZh: '节' }), 'nameEn');
      expectValidationError(await put('2027-03-03', { kind: 'holiday', nameZh: '   ', nameEn: 'Festival' }), 'nameZh');
      expectValidationError(await put('2027-03-03', { kind: 'holiday', nameZh: '节', nameEn: 'x'.repeat(101) }), 'nameEn');
      expectValidationError(await put('2027-03-03', { kind: 'holiday', nameZh: '节', nameEn: 'Festival', provisional: true }), 'provisional');
    });

    it('refuses a malformed date with 400 naming date', async () => {
      const body = { kind: 'holiday', nameZh: '节', nameEn: 'Festival' };
      for (const date of ['2027-02-30', '20270209', '2027-2-9', 'tomorrow', '2201-01-01', '1999-12-31']) {
        expectValidationError(await put(date, body), 'date');
        expectValidationError(await del(date), 'date');
      }
    });

    it('refuses staff who are not super-admins with 403, and changes nothing', async () => {
      for (const who of [reviewer, officer]) {
        expect((await put('2027-03-04', { kind: 'holiday', nameZh: '节', nameEn: 'Festival' }, who)).status).toBe(403);
        expect((await del('2027-02-05', who)).status).toBe(403);
      }
      expect((await list(2027)).some((d) => d.date === '2027-03-04')).toBe(false);
      expect((await list(2027)).some((d) => d.date === '2027-02-05')).toBe(true);
      expect(await workingDays.isWorkingDay('2027-03-04')).toBe(true);
    });
  });

  describe('DELETE /admin/holidays/:date', () => {
    it('removes a day: it follows the week again, the list drops it, the audit log keeps what it was; a second delete is 404', async () => {
      expect(await workingDays.isWorkingDay('2027-02-08')).toBe(false); // Monday, 初三 (provisional)
      const res = await del('2027-02-08');
      expect(res.status).toBe(204);
      expect(await workingDays.isWorkingDay('2027-02-08')).toBe(true);
      expect((await list(2027)).some((d) => d.date === '2027-02-08')).toBe(false);
      const [entry] = await auditOf('2027-02-08');
      expect(entry).toMatchObject({ action: 'holiday.removed', actorId: admin.userId, after: null });
      expect(entry.before).toMatchObject({ date: '2027-02-08', kind: 'holiday', nameZh: '春节', provisional: true, updatedBy: null });
      const again = await del('2027-02-08');
      expect([again.status, again.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await del('2027-03-05')).status).toBe(404);
    });

    it('lets a removed day be set again', async () => {
      await del('2027-06-09');
      const res = await put('2027-06-09', { kind: 'holiday', nameZh: '端午节', nameEn: 'Dragon Boat Festival' });
      expect(res.body).toMatchObject({ date: '2027-06-09', provisional: false, updatedBy: admin.userId });
      expect(await workingDays.isWorkingDay('2027-06-09')).toBe(false);
      expect((await auditOf('2027-06-09')).map((e) => [e.action, e.before?.date ?? null])).toEqual([
        ['holiday.set', null],
        ['holiday.removed', '2027-06-09'],
      ]);
    });
  });

  describe('seeding', () => {
    const row = async (date: string) => (await ds.query(`SELECT kind, name_zh, removed, updated_by FROM holiday_calendar_day WHERE date = $1`, [date]))[0];

    it("keeps every super-admin edit, restores the seed's own rows and drops seeded rows the seed no longer lists", async () => {
      await put('2028-01-26', { kind: 'holiday', nameZh: '春节', nameEn: 'Spring Festival' }); // a year beyond the seed
      await ds.query(`UPDATE holiday_calendar_day SET name_zh = '改名' WHERE date = '2026-02-16'`); // a seeded row drifted
      await ds.query(`INSERT INTO holiday_calendar_day (date, kind, name_zh, name_en) VALUES ('2027-07-01', 'holiday', '旧', 'Old')`); // a seeded row the seed dropped
      const before = await ds.query(`SELECT count(*)::int AS n FROM holiday_calendar_day`);
      await t.app.get(ReferenceSeeder).seed();
      await t.app.get(ReferenceSeeder).seed();
      expect(await row('2027-02-09')).toMatchObject({ kind: 'holiday', removed: false, updated_by: admin.userId }); // set
      expect(await row('2026-10-10')).toMatchObject({ kind: 'holiday', updated_by: admin.userId }); // replaced
      expect(await row('2027-02-08')).toMatchObject({ removed: true, updated_by: admin.userId }); // removed: not brought back
      expect(await row('2028-01-26')).toMatchObject({ kind: 'holiday', updated_by: admin.userId });
      expect(await row('2026-02-16')).toMatchObject({ name_zh: '春节', updated_by: null });
      expect(await row('2027-07-01')).toBeUndefined();
      expect((await ds.query(`SELECT count(*)::int AS n FROM holiday_calendar_day`))[0].n).toBe(before[0].n - 1);
      expect(await workingDays.isWorkingDay('2027-02-08')).toBe(true);
      expect(await workingDays.isWorkingDay('2028-01-26')).toBe(false);
    });
  });

  describe(WorkingDays.name, () => {
    it('keeps its copy in another process until the refresh interval has passed', async () => {
      // a second instance stands for the worker: it learns of an edit only by reading the table again
      const worker = new WorkingDays(ds, clock);
      expect(await worker.isWorkingDay('2027-03-08')).toBe(true);
      expect((await put('2027-03-08', { kind: 'holiday', nameZh: '测试', nameEn: 'Test' })).status).toBe(200);
      expect(await workingDays.isWorkingDay('2027-03-08')).toBe(false); // the editing process: at once
      expect(await worker.isWorkingDay('2027-03-08')).toBe(true);
      clock.set(new Date(NOW.getTime() + WORKING_CALENDAR_REFRESH_MS));
      try {
        expect(await worker.isWorkingDay('2027-03-08')).toBe(false);
      } finally {
        clock.set(NOW);
      }
    });

    it('refuses a malformed date', async () => {
      await expect(workingDays.addWorkingDays('2027-02-30', 1)).rejects.toThrow(RangeError);
    });
  });
});
