/**
 * The open programs and their rules are public notices: readable without signing in (the public
 * marketplace shows them); a draft stays invisible (404) to anyone but staff of its region.
 */
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, registerAndLogin } from '../../../test/support/auth.js';
import { openProgram } from '../../orders/test/order-world.js';
import { ManualClock } from '@innoserve/core';
import { IN_WINDOW, programBody } from './program-support.js';

describe('programs without signing in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(IN_WINDOW) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists and shows an open program to anonymous callers; a draft is 404 but to its staff', async () => {
    const officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    const open = await openProgram(t, officer, {});
    const draft = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody() });
    expect(draft.status).toBe(201);

    const list = await t.request('GET', '/api/v1/programs');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(draft.body.id);

    const one = await t.request('GET', `/api/v1/programs/${open}`);
    expect(one.status).toBe(200);
    expect(one.body.subsidyRules.length).toBeGreaterThan(0); // the rules, for the public page

    expect((await t.request('GET', `/api/v1/programs/${draft.body.id}`)).status).toBe(404);
    const someone = await registerAndLogin(t);
    expect((await t.request('GET', `/api/v1/programs/${draft.body.id}`, { token: someone.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/programs/${draft.body.id}`, { token: officer.token })).status).toBe(200);
  });
});
