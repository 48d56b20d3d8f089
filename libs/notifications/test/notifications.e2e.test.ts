/**
 * Notifications against real PostgreSQL and a real SMTP server (Mailpit): committed events become
 * in-app notifications for the right people, once, in their language; an uncommitted one waits;
 * e-mail goes out as .eml files by default or over SMTP, with a one-click unsubscribe link
 * (RFC 8058) for what is not essential; preferences; read marks.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { AuditService } from '@innoserve/audit';
import { OutboxService, TransactionRunner } from '@innoserve/database';
import { EVENT_SPECS, EmailDelivery, EmlFileMailer, NotificationFeed, NotificationReminders, SmtpMailer, type EventSpec, type Mailer } from '@innoserve/notifications';
import { advanceDays, grant, ok, openProgram, startWorld, uploadPdf, type World } from '../../orders/test/order-world.js';
import { createStaffAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { JINJIANG } from '../../vouchers/test/program-support.js';

const SMTP = process.env.INNOSERVE_TEST_SMTP_URL;
const MAILPIT = process.env.INNOSERVE_TEST_MAILPIT_API;

describe('notifications', () => {
  let w: World;
  let feed: NotificationFeed;
  let mailDir: string;
  const delivery = (mailer: Mailer) => new EmailDelivery(w.t.app.get(DataSource), mailer, w.t.config);
  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
  const get = (token: string, url: string) => w.t.request('GET', url, { token });
  /**
   * Until every committed event is readable: the feed reads below the cluster's oldest open
   * transaction, and other test files' databases share this PostgreSQL, so one of their
   * transactions may hold the window for a moment (the events wait; none is lost).
   */
  const settle = async (): Promise<void> => {
    const ds = w.t.app.get(DataSource);
    for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const [{ ready }] = await ds.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint > COALESCE((SELECT max(xact_id) FROM audit_entry), 0) AS ready`);
      if (ready) return;
    }
  };
  const drain = async (): Promise<number> => {
    await settle();
    return feed.drain();
  };
  const emailQueue = async (): Promise<string[]> =>
    (await w.t.app.get(DataSource).query(`SELECT payload->>'notificationId' AS id FROM outbox_message WHERE topic = 'notifications.email' ORDER BY id`)).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    w = await startWorld({ enterprises: 1 });
    feed = new NotificationFeed(w.t.app.get(TransactionRunner), w.t.app.get(OutboxService));
    mailDir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-mail-'));
    // the migration started the feed at its own time: history before it is never mailed out
    const [cursor] = await w.t.app.get(DataSource).query(`SELECT upto_xact_id FROM notification_cursor WHERE name = 'audit'`);
    expect(cursor.upto_xact_id).not.toBeNull();
    await drain(); // what the world's setup did (the admission…), read and put aside
    for (const token of [w.buyer.token, w.provider.owner.token]) await ok(w.t.request('POST', '/api/v1/notifications/read-all', { token }));
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  let orderId: string;

  it('tells the provider of a new request and the enterprise of its quote, once each, never the actor', async () => {
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.quoteOfferingId, enterpriseId: w.enterprises[0], requirements: '定制检测方案' }));
    orderId = order.id;
    expect(await drain()).toBe(1);
    expect(await drain()).toBe(0);
    const forProvider = await ok(get(w.provider.owner.token, '/api/v1/notifications?unread=true'));
    expect(forProvider.unreadCount).toBe(1);
    expect(forProvider.items[0]).toMatchObject({ category: 'orders', type: 'order.requested', title: '新的服务需求', link: `/orders/${orderId}`, read: false });
    expect(forProvider.items[0].body).toContain(order.orderNo);
    expect((await ok(get(w.buyer.token, '/api/v1/notifications'))).items.filter((n: { type: string }) => n.type === 'order.requested')).toEqual([]);

    await ok(post(w.provider.owner.token, `/api/v1/orders/${orderId}/quote`, { priceFen: 120_000, scope: '全项检测', leadTimeDays: 10, validUntil: '2026-03-20' }));
    expect(await drain()).toBe(1);
    // in English for a user whose locale is en
    await w.t.app.get(DataSource).query(`UPDATE app_user SET locale = 'en' WHERE id = $1`, [w.buyer.userId]);
    const buyer = await ok(w.t.request('POST', '/api/v1/auth/login', { body: { email: w.buyer.email, password: w.buyer.password } }));
    const forBuyer = await ok(get(buyer.accessToken ?? w.buyer.token, '/api/v1/notifications'));
    expect(forBuyer.items.find((n: { type: string }) => n.type === 'order.quote')).toBeDefined();
  });

  it('reads an event only once its transaction has committed, and misses none that commit late', async () => {
    const ds = w.t.app.get(DataSource);
    const other = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: w.enterprises[0], requirements: '第二个订单' }));
    expect(await drain()).toBe(1);
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      // an event on the other order, its transaction still open…
      await qr.query('SELECT id FROM service_order WHERE id = $1 FOR UPDATE', [other.id]);
      await w.t.app.get(AuditService).record(qr.manager, { streamType: 'order', streamId: other.id, action: 'order.message', actorId: w.buyer.userId, after: { side: 'enterprise' }, streamLockedByCaller: true });
      // …while a later one commits
      await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/messages`, { body: '请问样品寄送地址？' }));
      expect(await feed.drain()).toBe(0); // read only below the oldest open transaction: the committed one waits too
      await qr.commitTransaction();
    } finally {
      await qr.release();
    }
    expect(await drain()).toBe(2);
    const messages = (await ok(get(w.provider.owner.token, '/api/v1/notifications'))).items.filter((n: { type: string }) => n.type === 'order.message');
    expect(messages.map((n: { entityId: string }) => n.entityId).sort()).toEqual([orderId, other.id].sort());
  });

  it('produces each notification once when two worker replicas read the feed at the same time', async () => {
    const second = new NotificationFeed(w.t.app.get(TransactionRunner), w.t.app.get(OutboxService));
    for (let i = 0; i < 3; i++) await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/messages`, { body: `第${i + 1}条留言` }));
    await settle();
    const [a, b] = await Promise.all([feed.drain(), second.drain()]);
    expect(a + b).toBe(3);
    const [{ n }] = await w.t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM (SELECT user_id, event_key FROM notification GROUP BY 1, 2 HAVING count(*) > 1) d`);
    expect(n).toBe(0);
  });

  it('a feed that dies in the middle of a window leaves nothing half-done: the next run writes each notification once', async () => {
    const count = async () => (await w.t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM notification WHERE type = 'order.message'`))[0].n;
    const before = await count();
    for (let i = 0; i < 3; i++) await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/messages`, { body: `崩溃测试${i}` }));
    const spec = EVENT_SPECS['order.message'] as EventSpec & { render: EventSpec['render'] };
    const render = spec.render;
    let calls = 0;
    // the process dies while the window's second event is written (after the first was)
    (spec as { render: EventSpec['render'] }).render = async (m, e) => {
      if (++calls === 2) throw new Error('worker killed');
      return render(m, e);
    };
    try {
      await settle();
      await expect(feed.drain()).rejects.toThrow('worker killed');
    } finally {
      (spec as { render: EventSpec['render'] }).render = render;
    }
    expect(await count()).toBe(before); // the first event's notification went with the window's rollback
    expect(await drain()).toBe(3);
    expect(await count()).toBe(before + 3);
    expect(await drain()).toBe(0);
  });

  it('writes e-mail as .eml files by default, with a one-click unsubscribe link that turns off that category only', async () => {
    const queued = await emailQueue();
    expect(queued.length).toBeGreaterThanOrEqual(4);
    const mailer = new EmlFileMailer(mailDir, 'Innoserve <no-reply@innoserve.test>');
    for (const id of queued) await delivery(mailer).send(id);
    expect(await delivery(mailer).send(queued[0])).toBe(false); // sent once
    const files = readdirSync(mailDir);
    expect(files.length).toBe(queued.length);
    // headers unfolded (RFC 5322: a long header continues on lines that start with white space)
    const raws = files.map((f) => readFileSync(path.join(mailDir, f), 'utf8').replace(/\r\n[ \t]+/g, ' '));
    const essential = raws.filter((r) => !r.includes('List-Unsubscribe'));
    expect(essential.length).toBeGreaterThan(0); // decisions carry no unsubscribe link
    const raw = raws.find((r) => r.includes('List-Unsubscribe'))!;
    expect(raw).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3000\/api\/v1\/notifications\/unsubscribe\?token=[^>]+>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    const token = decodeURIComponent(/unsubscribe\?token=([^>\s]+)>/.exec(raw)![1]);
    // parsed back by a mail parser: subject, recipient, a Chinese body, the unsubscribe headers
    const parsed = await simpleParser(readFileSync(path.join(mailDir, files[raws.indexOf(raw)])));
    expect(parsed.subject).toMatch(/^\[Innoserve\] /);
    expect(parsed.text).toMatch(/[\u4e00-\u9fff]/);
    // the footer's link for people opens the web app's landing page, with the same token
    expect(parsed.text).toContain(`http://localhost:3000/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain('/api/v1/notifications/unsubscribe?token=');
    const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : undefined;
    const [{ email }] = await w.t.app.get(DataSource).query('SELECT u.email FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.id = $1', [files[raws.indexOf(raw)].replace(/\.eml$/, '')]);
    expect(to).toBe(email);

    const described = await ok(w.t.request('GET', `/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`));
    expect(['orders', 'messages']).toContain(described.category);
    expect((await w.t.request('POST', `/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token.slice(0, -2) + 'xx')}`, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(404);
    const done = await w.t.request('POST', `/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ category: described.category, email: false });
  });

  it('keeps decisions and payments always on, and honours the other preferences', async () => {
    const prefs = await ok(get(w.provider.owner.token, '/api/v1/me/notification-preferences'));
    expect(prefs.find((p: { category: string }) => p.category === 'decisions')).toMatchObject({ essential: true, email: true, inApp: true });
    const refused = await w.t.request('PUT', '/api/v1/me/notification-preferences', { token: w.provider.owner.token, body: { preferences: [{ category: 'payments', inApp: true, email: false }] } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NOTIFICATION_ESSENTIAL');
    await ok(w.t.request('PUT', '/api/v1/me/notification-preferences', { token: w.provider.owner.token, body: { preferences: [{ category: 'messages', inApp: true, email: false }, { category: 'orders', inApp: true, email: false }] } }));
    const before = (await emailQueue()).length;
    await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/messages`, { body: '样品已寄出' }));
    expect(await drain()).toBe(1);
    expect((await emailQueue()).length).toBe(before); // in the app, no e-mail
  });

  it('marks one read (another user’s is 404) and all read', async () => {
    const list = await ok(get(w.provider.owner.token, '/api/v1/notifications?unread=true'));
    expect(list.unreadCount).toBeGreaterThan(1);
    const one = await ok(post(w.provider.owner.token, `/api/v1/notifications/${list.items[0].id}/read`));
    expect(one.read).toBe(true);
    expect((await post(w.buyer.token, `/api/v1/notifications/${list.items[1].id}/read`)).status).toBe(404);
    expect((await ok(get(w.provider.owner.token, '/api/v1/notifications'))).unreadCount).toBe(list.unreadCount - 1);
    expect((await ok(post(w.provider.owner.token, '/api/v1/notifications/read-all'))).marked).toBe(list.unreadCount - 1);
    expect((await ok(get(w.provider.owner.token, '/api/v1/notifications'))).unreadCount).toBe(0);
  });

  (SMTP ? it : it.skip)('sends over SMTP when SMTP_URL is set (a real SMTP server, Mailpit), in the user’s language', async () => {
    const [id] = await w.t.app.get(DataSource).query(
      `SELECT n.id FROM notification n WHERE n.user_id = $1 AND n.emailed_at IS NULL AND n.emailed ORDER BY n.created_at LIMIT 1`,
      [w.buyer.userId],
    );
    const target = id?.id ?? (await emailQueue()).at(-1)!;
    await w.t.app.get(DataSource).query('UPDATE notification SET emailed_at = NULL WHERE id = $1', [target]);
    expect(await delivery(new SmtpMailer(SMTP!, 'Innoserve <no-reply@innoserve.test>')).send(target)).toBe(true);
    const list = (await (await fetch(`${MAILPIT}/api/v1/messages`)).json()) as { messages: { ID: string; Subject: string; To: { Address: string }[] }[] };
    const [{ email, title_zh, title_en, locale }] = await w.t.app.get(DataSource).query(
      'SELECT u.email, u.locale, n.title_zh, n.title_en FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.id = $1',
      [target],
    );
    const got = list.messages.find((mm) => mm.To.some((t) => t.Address === email));
    expect(got?.Subject).toBe(`[Innoserve] ${locale === 'en' ? title_en : title_zh}`);
  });

  it('tells the reviewers of the level a claim waits at, and no one of a step already taken when the event is read', async () => {
    const county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    const nanan = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: ['350583'] }]);
    const city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    const ds = w.t.app.get(DataSource);
    const e = w.enterprises[0];
    await grant(w, e, 200_000);
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: '审核通知' }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    const [{ name, uscc }] = await ds.query('SELECT name, uscc FROM organization WHERE id = $1', [e]);
    const [{ uscc: seller }] = await ds.query('SELECT uscc FROM organization WHERE id = $1', [w.provider.id]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'R', payerName: name, payerAccountNo: '6222000011112222' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/complete`));
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId: order.id, invoice: { code: '3500231130', number: '90000001', issuedOn: '2026-03-10', amountFen: 100_000, sellerTaxId: seller, buyerTaxId: uscc } }));
    await drain();
    const types = async (who: AuthSession) => (await ok(get(who.token, '/api/v1/notifications'))).items.map((n: { type: string }) => n.type);
    expect(await types(county)).toEqual(['claim.submitted']);
    expect(await types(nanan)).toEqual([]); // another county
    expect(await types(city)).toEqual([]);
    // a return and a resubmission, then a level-1 approval, all before the feed reads them
    await ok(post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'return', reason: '请补充材料' }));
    await ok(post(w.provider.owner.token, `/api/v1/claims/${claim.id}/resubmit`));
    await ok(post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' }));
    await drain();
    expect(await types(county)).toEqual(['claim.submitted']); // the resubmission's level 1 was already decided
    expect(await types(city)).toEqual(['claim.approved_level']);
    const forProvider = (await ok(get(w.provider.owner.token, '/api/v1/notifications'))).items.find((n: { type: string }) => n.type === 'claim.returned');
    expect(forProvider.body).toContain('请补充材料');
  });

  it('reminds once: 3 days before an order completes itself, 14 and 3 days before a claim deadline, a grant expiring within 30 days', async () => {
    const reminders = new NotificationReminders(w.t.app.get(TransactionRunner), feed, w.clock);
    const e = w.enterprises[0];
    const ds = w.t.app.get(DataSource);
    const shortProgram = await openProgram(w.t, w.officer, { grantExpiresOn: '2026-04-05' });
    const g = await grant(w, e, 100_000, shortProgram);
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: '提醒测试' }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, { grantId: g }));
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    const [{ name }] = await ds.query('SELECT name FROM organization WHERE id = $1', [e]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'R', payerName: name, payerAccountNo: '6222000011112222' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    const kinds = async (userId: string) => (await ds.query(`SELECT type, event_key FROM notification WHERE user_id = $1 AND category = 'reminders' ORDER BY created_at, event_key`, [userId])).map((r: { event_key: string }) => r.event_key.replace(/:[0-9a-f-]{36}$/, ''));

    await reminders.run(); // 2026-03-10: the grant expires 04-05, within 30 days
    expect(await kinds(w.buyer.userId)).toEqual(['reminder:grant-expiring']);
    await advanceDays(w, 10); // 03-20: the dispute window ends 03-24, 4 days on
    expect(await reminders.run()).toBe(0);
    await advanceDays(w, 1); // 03-21: 3 days on
    expect(await reminders.run()).toBe(1);
    expect(await reminders.run()).toBe(0);
    expect(await kinds(w.buyer.userId)).toEqual(['reminder:grant-expiring', 'reminder:auto-complete']);
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/complete`)); // 03-21 + 90 days: the claim deadline is 06-19
    await advanceDays(w, 75); // 06-04: 15 days left, no reminder yet
    await reminders.run();
    const provider = w.provider.owner.userId;
    expect((await kinds(provider)).filter((k: string) => k.startsWith('reminder:claim'))).toEqual([]);
    await advanceDays(w, 1); // 06-05: 14 days left
    await reminders.run();
    await advanceDays(w, 11); // 06-16: 3 days left
    await reminders.run();
    await reminders.run();
    expect((await kinds(provider)).filter((k: string) => k.startsWith('reminder:claim'))).toEqual(['reminder:claim-deadline-14', 'reminder:claim-deadline-3']);
  });
});
