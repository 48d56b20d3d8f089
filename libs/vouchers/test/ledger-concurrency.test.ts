import { DomainError, newId } from '@innoserve/core';
import { LedgerService } from '@innoserve/vouchers';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { cmd, openLedgerTestDb, type LedgerTestDb } from './ledger-db.js';

const SHARES = [
  { key: 'city', shareBp: 5000 },
  { key: '350521', shareBp: 5000 },
];

/** Settles every promise; counts fulfilled ones and the codes of the DomainErrors (anything else is rethrown). */
async function outcomes<T>(work: Promise<T>[]): Promise<{ ok: T[]; codes: Record<string, number> }> {
  const settled = await Promise.allSettled(work);
  const ok: T[] = [];
  const codes: Record<string, number> = {};
  for (const s of settled) {
    if (s.status === 'fulfilled') ok.push(s.value);
    else if (s.reason instanceof DomainError) codes[s.reason.code] = (codes[s.reason.code] ?? 0) + 1;
    else throw s.reason;
  }
  return { ok, codes };
}

describe(`${LedgerService.name} under concurrency`, () => {
  let t: LedgerTestDb;

  beforeAll(async () => {
    t = await openLedgerTestDb(ALL_ENTITIES, 60);
  });
  afterAll(async () => {
    await t.close();
  });

  it('never lets 20 concurrent holds on one grant exceed its balance', async () => {
    const P = newId();
    const G = newId();
    await t.tx.run(async (m) => {
      await t.ledger.fund(m, { programId: P, source: 'city', amountFen: 1_000_000n, ...cmd('fund') });
      await t.ledger.fund(m, { programId: P, source: '350521', amountFen: 1_000_000n, ...cmd('fund') });
      await t.ledger.grant(m, { programId: P, grantId: G, amountFen: 10_001n, shares: SHARES, ...cmd('application') });
    });
    const amount = 700n;
    const { ok, codes } = await outcomes(
      Array.from({ length: 20 }, (_, i) => t.tx.run((m) => t.ledger.hold(m, { programId: P, grantId: G, amountFen: amount, ...cmd(`order-${i}`) }))),
    );
    expect(ok).toHaveLength(Number(10_001n / amount)); // 14
    expect(codes).toEqual({ VOUCHER_INSUFFICIENT_BALANCE: 20 - 14 });
    const g = await t.ledger.grantBalance(t.ds.manager, P, G);
    expect(g.heldFen).toBe(14n * amount);
    expect(g.availableFen).toBe(10_001n - 14n * amount);
    for (const p of g.parts) expect(p.availableFen >= 0n).toBe(true);
    const r = await t.verifier.verify();
    expect(r.problems).toEqual([]);
  });

  it('grants exactly 300 of 1,000 concurrent attempts against pools that cover 300, never more', async () => {
    const P = newId();
    const perGrant = 1001n; // 501 city + 500 county
    await t.tx.run(async (m) => {
      await t.ledger.fund(m, { programId: P, source: 'city', amountFen: 300n * 501n, ...cmd('fund') });
      await t.ledger.fund(m, { programId: P, source: '350521', amountFen: 300n * 500n, ...cmd('fund') });
    });
    let inFlight = 0;
    let maxInFlight = 0;
    const started = performance.now();
    const { ok, codes } = await outcomes(
      Array.from({ length: 1000 }, () =>
        t.tx.run(async (m) => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          try {
            return await t.ledger.grant(m, { programId: P, grantId: newId(), amountFen: perGrant, shares: SHARES, ...cmd('application') });
          } finally {
            inFlight--;
          }
        }),
      ),
    );
    const ms = performance.now() - started;
    console.log(
      `1000 concurrent grant attempts (max ${maxInFlight} in flight): ${ok.length} granted, ${codes.PROGRAM_BUDGET_EXHAUSTED ?? 0} refused in ${ms.toFixed(0)} ms ` +
        `(${((1000 / ms) * 1000).toFixed(0)} attempts/s, ${((ok.length / ms) * 1000).toFixed(0)} grants/s)`,
    );
    expect(maxInFlight).toBeGreaterThanOrEqual(50);
    expect(ok).toHaveLength(300);
    expect(codes).toEqual({ PROGRAM_BUDGET_EXHAUSTED: 700 });
    expect(await t.ledger.balanceOf(t.ds.manager, P, 'pool:city')).toBe(0n);
    expect(await t.ledger.balanceOf(t.ds.manager, P, 'pool:350521')).toBe(0n);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM ledger_transaction WHERE program_id = $1 AND type = 'grant'`, [P]);
    expect(n).toBe(300);
    const r = await t.verifier.verify();
    expect(r.problems).toEqual([]);
  });

  it('keeps holds, releases and redeems on one grant consistent when they interleave', async () => {
    const P = newId();
    const G = newId();
    await t.tx.run(async (m) => {
      await t.ledger.fund(m, { programId: P, source: 'city', amountFen: 100_000n, ...cmd('fund') });
      await t.ledger.fund(m, { programId: P, source: '350521', amountFen: 100_000n, ...cmd('fund') });
      await t.ledger.grant(m, { programId: P, grantId: G, amountFen: 9_999n, shares: SHARES, ...cmd('application') });
    });
    // each worker holds an odd amount, then releases or redeems it, while the others do the same
    const { ok } = await outcomes(
      Array.from({ length: 40 }, (_, i) =>
        t.tx.run(async (m) => {
          const { hold } = await t.ledger.hold(m, { programId: P, grantId: G, amountFen: BigInt(97 + i * 13), ...cmd(`order-${i}`) });
          return hold;
        }),
      ),
    );
    await outcomes(
      ok.map((h, i) => t.tx.run((m) => (i % 2 ? t.ledger.release(m, { holdId: h.id, ...cmd('order') }) : t.ledger.redeem(m, { holdId: h.id, ...cmd('claim') })))),
    );
    const g = await t.ledger.grantBalance(t.ds.manager, P, G);
    const redeemed = ok.filter((_, i) => i % 2 === 0).reduce((s, h) => s + h.amountFen, 0n);
    expect(g.heldFen).toBe(0n);
    expect(g.availableFen).toBe(9_999n - redeemed);
    const payable = (await t.ledger.balanceOf(t.ds.manager, P, 'payable:city')) + (await t.ledger.balanceOf(t.ds.manager, P, 'payable:350521'));
    expect(payable).toBe(redeemed);
    const r = await t.verifier.verify();
    expect(r.problems).toEqual([]);
  });
});
