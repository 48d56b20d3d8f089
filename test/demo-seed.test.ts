import pg from 'pg';
import { LedgerVerifier } from '@innoserve/vouchers';
import { REVIEW_STEPS_FROM_AUDIT_SQL } from '@innoserve/claims';
import { runDemoSeed } from '../apps/cli/src/seed/index.js';
import { DEMO_ENTERPRISES, DEMO_PASSWORD, DEMO_PROVIDERS, DEMO_STAFF } from '../apps/cli/src/seed/demo-data.js';
import { startTestApp, type TestApp } from './support/app.js';

describe('the demo seed', () => {
  let t: TestApp;
  const logs: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    await runDemoSeed(t.config, (l) => logs.push(l));
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const count = async (sql: string) => {
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    try {
      return (await c.query<{ n: string }>(sql)).rows[0].n;
    } finally {
      await c.end();
    }
  };

  it('creates a staff account for every role and the demo organizations, in the planned states', async () => {
    expect(await count(`SELECT count(DISTINCT role)::text AS n FROM staff_role`)).toBe('6');
    expect(await count(`SELECT count(*)::text AS n FROM enterprise_profile WHERE status = 'verified'`)).toBe(String(DEMO_ENTERPRISES.filter((e) => e.status === 'verified').length));
    expect(await count(`SELECT count(*)::text AS n FROM provider_profile WHERE admission_status = 'admitted'`)).toBe(String(DEMO_PROVIDERS.filter((p) => p.status === 'admitted').length));
    expect(await count(`SELECT count(*)::text AS n FROM provider_profile WHERE admission_status = 'in_notice'`)).toBe('1');
    // ~200 published offerings across all seven category roots
    expect(Number(await count(`SELECT count(*)::text AS n FROM offering WHERE status = 'published'`))).toBeGreaterThanOrEqual(150);
    expect(await count(`SELECT count(DISTINCT split_part(c.path, '/', 1))::text AS n FROM offering o JOIN service_category c ON c.id = o.category_id`)).toBe('7');
    const types = await count(`SELECT count(DISTINCT t)::text AS n FROM provider_profile, unnest(provider_types) t`);
    expect(types).toBe('7');
    // the documents verification and admission rest on: real uploads (PDFs, each its owner's)
    expect(await count(`SELECT count(*)::text AS n FROM enterprise_profile e JOIN file_object f ON f.id = e.business_licence_file_id AND f.mime = 'application/pdf'
                          JOIN membership m ON m.organization_id = e.organization_id AND m.user_id = f.uploaded_by`)).toBe(String(DEMO_ENTERPRISES.length));
    expect(await count(`SELECT count(*)::text AS n FROM provider_qualification q LEFT JOIN file_object f ON f.id = q.certificate_file_id WHERE f.id IS NULL`)).toBe('0');
    // every decision was audited
    expect(Number(await count(`SELECT count(*)::text AS n FROM audit_entry`))).toBeGreaterThan(DEMO_ENTERPRISES.length + DEMO_PROVIDERS.length * 2);
  });

  it('runs a funded, open voucher program with a grant for every verified demo enterprise, and orders in every state, the money balanced', async () => {
    expect(await count(`SELECT count(*)::text AS n FROM voucher_program WHERE status = 'open'`)).toBe('1');
    expect(Number(await count(`SELECT count(*)::text AS n FROM ledger_transaction WHERE type = 'fund'`))).toBeGreaterThanOrEqual(2);
    expect(await count(`SELECT count(*)::text AS n FROM voucher_grant WHERE status = 'active'`)).toBe(String(DEMO_ENTERPRISES.filter((e) => e.status === 'verified').length));
    const states = await count(`SELECT string_agg(DISTINCT status, ',' ORDER BY status) AS n FROM service_order`);
    expect(states.split(',')).toEqual(['cancelled', 'completed', 'contracted', 'declined', 'delivered', 'disputed', 'in_progress', 'paid', 'quoted', 'refunded', 'requested']);
    // what the grants hold is exactly the subsidies of the orders still holding one
    expect(await count(`SELECT coalesce(sum(open_fen), 0)::text AS n FROM ledger_hold`)).toBe(
      await count(
        `SELECT (coalesce(sum(CASE WHEN status = 'cancelled' THEN 0 ELSE subsidy_fen - subsidy_released_fen END), 0)
                 - (SELECT coalesce(sum(amount_fen), 0) FROM subsidy_claim WHERE status IN ('approved','batched','paid')))::text AS n FROM service_order`,
      ),
    );
    expect(Number(await count(`SELECT count(*)::text AS n FROM ledger_hold`))).toBeGreaterThanOrEqual(7);
    const verified = await t.app.get(LedgerVerifier).verify();
    expect(verified.ok).toBe(true);
    expect(await count(`SELECT count(*)::text AS n FROM order_review`)).toBe('1');
  });

  it('shows claims at every review step and a paid disbursement, the ledger agreeing', async () => {
    const states = await count(`SELECT string_agg(DISTINCT status || ':' || level, ',' ORDER BY status || ':' || level) AS n FROM subsidy_claim`);
    expect(states.split(',')).toEqual(expect.arrayContaining(['approved:2', 'in_review:1', 'in_review:2', 'paid:2', 'returned:1']));
    expect(await count(`SELECT count(*)::text AS n FROM disbursement_batch WHERE status = 'paid' AND paid_by <> built_by`)).toBe('2');
    // some carry risk flags for the reviewers (a delivery far inside its lead time)
    expect(Number(await count(`SELECT count(*)::text AS n FROM subsidy_claim WHERE risk_flags @> '[{"rule": "fast_delivery"}]'`))).toBeGreaterThanOrEqual(1);
    // what was disbursed is what the paid claims claimed; what is payable, the approved ones
    expect(await count(`SELECT coalesce(sum(balance_fen), 0)::text AS n FROM ledger_balance WHERE account LIKE 'disbursed:%'`)).toBe(await count(`SELECT coalesce(sum(amount_fen), 0)::text AS n FROM subsidy_claim WHERE status = 'paid'`));
    expect(await count(`SELECT coalesce(sum(balance_fen), 0)::text AS n FROM ledger_balance WHERE account LIKE 'payable:%'`)).toBe(await count(`SELECT coalesce(sum(amount_fen), 0)::text AS n FROM subsidy_claim WHERE status = 'approved'`));
    expect((await t.app.get(LedgerVerifier).verify()).ok).toBe(true);
    // the review-time read model says what the claims' audit streams say, decision for decision
    const cols = 'claim_id, stream_seq, level, level_kind, decision, entered_at, decided_at, hours';
    const steps = await count(`SELECT coalesce(json_agg(x ORDER BY claim_id, stream_seq), '[]')::text AS n FROM (SELECT ${cols} FROM claim_review_step) x`);
    expect(JSON.parse(steps).length).toBeGreaterThanOrEqual(6); // the seed's six decisions
    expect(steps).toBe(await count(`SELECT coalesce(json_agg(x ORDER BY claim_id, stream_seq), '[]')::text AS n FROM (SELECT ${cols} FROM (${REVIEW_STEPS_FROM_AUDIT_SQL}) r) x`));
  });

  it('leaves no redundant backlog: at most one index message per seeded offering, all in the bulk lane', async () => {
    const offerings = Number(await count(`SELECT count(*)::text AS n FROM offering`));
    expect(await count(`SELECT count(*)::text AS n FROM (SELECT 1 FROM outbox_message WHERE topic = 'catalog.offering-changed' GROUP BY ordering_key HAVING count(*) > 1) x`)).toBe('0');
    expect(Number(await count(`SELECT count(*)::text AS n FROM outbox_message WHERE topic = 'catalog.offering-changed'`))).toBe(offerings);
    expect(await count(`SELECT count(*)::text AS n FROM outbox_message WHERE lane <> 'bulk'`)).toBe('0');
    // at most one fan-out per provider, too
    expect(await count(`SELECT count(*)::text AS n FROM (SELECT 1 FROM outbox_message WHERE topic = 'organizations.provider-changed' GROUP BY ordering_key HAVING count(*) > 1) x`)).toBe('0');
  });

  it('prints logins that work', async () => {
    expect(logs.some((l) => l.includes(DEMO_STAFF[0].email))).toBe(true);
    for (const email of [DEMO_STAFF[0].email, 'e01@demo.innoserve.cn', 'p01@demo.innoserve.cn']) {
      const res = await t.request('POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
      expect({ email, status: res.status }).toEqual({ email, status: 200 });
    }
  });

  it('seeds once: a second run creates nothing', async () => {
    const before = await count(`SELECT count(*)::text AS n FROM audit_entry`);
    const again: string[] = [];
    await runDemoSeed(t.config, (l) => again.push(l));
    expect(again[0]).toBe('demo seed: already seeded');
    expect(await count(`SELECT count(*)::text AS n FROM audit_entry`)).toBe(before);
  }, 60_000);
});
