/**
 * Property test (fast-check) over random sequences of accept, cancel, dispute refund and clock
 * moves that expire grants mid-sequence, on a few grants under one provider cap. After every step:
 * - the ledger verifies (balances = entries, every transaction balanced, nothing negative that must not be);
 * - per source: available + held + redeemed + lapsed + voided = granted;
 * - provider cap usage = open holds + redeemed;
 * - group usage = granted − lapsed − voided;
 * - a lapsed grant keeps nothing available (a release after the lapse goes on to the pools).
 */
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { AuditService } from '@innoserve/audit';
import { TransactionRunner } from '@innoserve/database';
import { GrantLapseSweep, LedgerService } from '@innoserve/vouchers';
import { IN_WINDOW, seedEnterprises } from '../../vouchers/test/program-support.js';
import { PRICE, advanceDays, grant, ledgerClean, ok, openProgram, startWorld, uploadPdf, type World } from './order-world.js';

type Step = { kind: 'accept'; who: number } | { kind: 'cancel'; pick: number } | { kind: 'dispute'; pick: number; refundBp: number } | { kind: 'clock'; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('accept' as const), who: fc.nat({ max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat({ max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dispute' as const), pick: fc.nat({ max: 20 }), refundBp: fc.integer({ min: 1, max: 10_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), days: fc.integer({ min: 1, max: 25 }) }) },
);

describe('order money invariants under random sequences', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ enterprises: 1 });
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });

  async function invariants(programId: string, providerId: string): Promise<void> {
    const ds = w.t.app.get(DataSource);
    expect(await ledgerClean(w)).toBe(true);
    // per source: what the grants hold now + what left them to payable / the pools = what was granted
    const rows: { source: string; granted: string; now: string; lapsed: string; voided: string; redeemed: string }[] = await ds.query(
      `WITH e AS (
         SELECT t.type, e.account, e.amount_fen, split_part(e.account, ':', CASE WHEN e.account LIKE 'grant:%' THEN 3 ELSE 2 END) AS source
           FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id WHERE e.program_id = $1)
       SELECT source,
              coalesce(sum(amount_fen) FILTER (WHERE type = 'grant' AND account LIKE 'grant:%'), 0)::text AS granted,
              coalesce(sum(amount_fen) FILTER (WHERE account LIKE 'grant:%'), 0)::text AS now,
              coalesce(sum(amount_fen) FILTER (WHERE type = 'lapse' AND account LIKE 'pool:%'), 0)::text AS lapsed,
              coalesce(sum(amount_fen) FILTER (WHERE type = 'void' AND account LIKE 'pool:%'), 0)::text AS voided,
              coalesce(sum(amount_fen) FILTER (WHERE type = 'redeem' AND account LIKE 'payable:%'), 0)::text AS redeemed
         FROM e WHERE source <> '' GROUP BY source`,
      [programId],
    );
    for (const r of rows) expect({ source: r.source, sum: BigInt(r.now) + BigInt(r.redeemed) + BigInt(r.lapsed) + BigInt(r.voided) }).toEqual({ source: r.source, sum: BigInt(r.granted) });
    // provider cap usage = open holds (+ redeemed, none here)
    const [cap]: { used: string | null; open: string }[] = await ds.query(
      `SELECT (SELECT used_fen::text FROM voucher_provider_cap_usage WHERE program_id = $1 AND provider_id = $2) AS used,
              (SELECT coalesce(sum(open_fen), 0)::text FROM ledger_hold WHERE program_id = $1) AS open`,
      [programId, providerId],
    );
    expect(BigInt(cap.used ?? '0')).toBe(BigInt(cap.open));
    // group usage = granted − lapsed − voided, per group
    const groups: { usage: string; expected: string }[] = await ds.query(
      `SELECT u.used_fen::text AS usage, (SELECT coalesce(sum(g.amount_fen - g.lapsed_fen - g.voided_fen), 0)::text FROM voucher_grant g WHERE g.program_id = u.program_id AND g.group_key = u.group_key) AS expected
         FROM voucher_group_cap_usage u WHERE u.program_id = $1`,
      [programId],
    );
    for (const g of groups) expect(BigInt(g.usage)).toBe(BigInt(g.expected));
    // a lapsed grant keeps nothing free: what an order releases after the lapse goes on to the pools at once
    const freeOnLapsed: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM ledger_balance b JOIN voucher_grant g ON b.account LIKE 'grant:' || g.id || ':%:available'
        WHERE g.program_id = $1 AND g.status = 'lapsed' AND b.balance_fen <> 0`,
      [programId],
    );
    expect(freeOnLapsed[0].n).toBe(0);
  }

  it('keeps the ledger balanced and every usage counter equal to what the ledger says', async () => {
    const sweep = new GrantLapseSweep(w.t.app.get(DataSource), w.t.app.get(TransactionRunner), w.t.app.get(LedgerService), w.t.app.get(AuditService), w.clock);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        w.clock.set(IN_WINDOW);
        await advanceDays(w, 0); // fresh tokens at the reset clock
        const programId = await openProgram(w.t, w.officer, { grantExpiresOn: '2026-04-10', providerAnnualCapFen: 180_000 });
        const enterprises = await seedEnterprises(w.t, 3, w.buyer.userId);
        for (const [i, e] of enterprises.entries()) await grant(w, e, [120_000, 60_000, 35_000][i], programId);
        const live: { id: string; enterprise: string }[] = [];
        for (const s of steps) {
          if (s.kind === 'accept') {
            const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: enterprises[s.who], requirements: 'p' }));
            const accepted = await post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {});
            expect(accepted.status).toBe(200);
            live.push({ id: order.id, enterprise: enterprises[s.who] });
          } else if (s.kind === 'cancel' && live.length) {
            const o = live.splice(s.pick % live.length, 1)[0];
            expect((await post(w.buyer.token, `/api/v1/orders/${o.id}/cancel`, { reason: '不需要了' })).status).toBe(200);
          } else if (s.kind === 'dispute' && live.length) {
            const o = live.splice(s.pick % live.length, 1)[0];
            const order = await ok(w.t.request('GET', `/api/v1/orders/${o.id}`, { token: w.buyer.token }));
            if (order.contract.dueFen > 0) {
              const pay = await ok(post(w.buyer.token, `/api/v1/orders/${o.id}/payments`, { method: 'offline' }));
              const [{ name }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [o.enterprise]);
              await ok(post(w.provider.owner.token, `/api/v1/orders/${o.id}/payments/${pay.id}/confirm`, { reference: 'P', payerName: name, payerAccountNo: '6222000011112222' }));
            }
            await ok(post(w.provider.owner.token, `/api/v1/orders/${o.id}/start`));
            await ok(post(w.provider.owner.token, `/api/v1/orders/${o.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
            await ok(post(w.buyer.token, `/api/v1/orders/${o.id}/dispute`, { reason: '不满意' }));
            const R = Math.max(1, Math.floor((PRICE * s.refundBp) / 10_000));
            await ok(post(w.officer.token, `/api/v1/admin/orders/${o.id}/dispute-resolution`, { outcome: 'refund', refundFen: R, reason: '部分退款' }));
          } else if (s.kind === 'clock') {
            await advanceDays(w, s.days);
            await sweep.sweep();
          }
          await invariants(programId, w.provider.id);
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 600_000);
});
