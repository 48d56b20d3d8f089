import { DomainError, newId } from '@innoserve/core';
import { SqlParams, pgCode, pgConstraint } from '@innoserve/database';
import { Accounts, LedgerPostingError, LedgerService, type PostedTransaction } from '@innoserve/vouchers';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { checkPostings } from '../src/ledger/ledger-moves.js';
import { ledgerWriteCtes, type LedgerWrite } from '../src/ledger/ledger-write.sql.js';
import { cmd, key, openLedgerTestDb, type LedgerTestDb } from './ledger-db.js';

const CITY = 'city';
const COUNTY = '350521';
const SHARES_50_50 = [
  { key: CITY, shareBp: 5000 },
  { key: COUNTY, shareBp: 5000 },
];

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe(LedgerService.name, () => {
  let t: LedgerTestDb;
  let P: string;

  const bal = (account: string, program = P) => t.ledger.balanceOf(t.ds.manager, program, account);
  const count = async (table: string): Promise<number> => Number((await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const fund = (source: string, amountFen: bigint, program = P) => t.tx.run((m) => t.ledger.fund(m, { programId: program, source, amountFen, ...cmd('fund') }));
  const grant = (grantId: string, amountFen: bigint, shares = SHARES_50_50, program = P) =>
    t.tx.run((m) => t.ledger.grant(m, { programId: program, grantId, amountFen, shares, ...cmd('application') }));

  beforeAll(async () => {
    t = await openLedgerTestDb(ALL_ENTITIES);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    P = newId(); // each test its own program: accounts are per program
  });
  afterEach(async () => {
    const r = await t.verifier.verify();
    expect(r.problems).toEqual([]);
  });

  describe('fund', () => {
    it('moves money from the funding account, which goes negative, into the pool', async () => {
      const tx = await fund(CITY, 100_000n);
      expect(tx).toMatchObject({ type: 'fund', programId: P, replayed: false });
      expect(tx.postings).toEqual([
        { account: 'funding:city', amountFen: -100_000n },
        { account: 'pool:city', amountFen: 100_000n },
      ]);
      expect(await bal('funding:city')).toBe(-100_000n);
      expect(await bal('pool:city')).toBe(100_000n);
    });

    it('keeps accounts of different programs apart', async () => {
      const Q = newId();
      await fund(CITY, 100n);
      await fund(CITY, 7n, Q);
      expect(await bal('pool:city')).toBe(100n);
      expect(await bal('pool:city', Q)).toBe(7n);
      expect((await t.ledger.balancesByProgram(t.ds.manager, Q)).map((b) => [b.account, b.balanceFen])).toEqual([
        ['funding:city', -7n],
        ['pool:city', 7n],
      ]);
    });
  });

  describe('grant', () => {
    it('splits a grant by shares, the odd fen to the first listed on a tie', async () => {
      await fund(CITY, 10_000n);
      await fund(COUNTY, 10_000n);
      const G = newId();
      const tx = await grant(G, 1001n);
      expect(tx.postings).toEqual([
        { account: 'pool:city', amountFen: -501n },
        { account: Accounts.grantAvailable(G, CITY), amountFen: 501n },
        { account: 'pool:350521', amountFen: -500n },
        { account: Accounts.grantAvailable(G, COUNTY), amountFen: 500n },
      ]);
      expect(await bal('pool:city')).toBe(9_499n);
      expect(await bal('pool:350521')).toBe(9_500n);
      expect(await t.ledger.grantBalance(t.ds.manager, P, G)).toEqual({
        grantId: G,
        availableFen: 1001n,
        heldFen: 0n,
        parts: [
          { source: COUNTY, availableFen: 500n, heldFen: 0n },
          { source: CITY, availableFen: 501n, heldFen: 0n },
        ],
      });
    });

    it('refuses with PROGRAM_BUDGET_EXHAUSTED when any source cannot cover its part, and moves nothing', async () => {
      await fund(CITY, 10_000n);
      await fund(COUNTY, 400n);
      const before = await count('ledger_transaction');
      expect(await codeOf(grant(newId(), 1000n))).toBe('PROGRAM_BUDGET_EXHAUSTED');
      expect(await bal('pool:city')).toBe(10_000n);
      expect(await bal('pool:350521')).toBe(400n);
      expect(await count('ledger_transaction')).toBe(before);
    });

    it('leaves nothing behind when the caller catches the refusal and carries on in the same transaction', async () => {
      await fund(CITY, 10_000n);
      await fund(COUNTY, 400n);
      const G = newId();
      const keyOfFailed = key('grant');
      await t.tx.run(async (m) => {
        const e = await t.ledger.grant(m, { programId: P, grantId: G, amountFen: 1000n, shares: SHARES_50_50, reference: 'app', actorId: null, idempotencyKey: keyOfFailed }).catch((x: unknown) => x);
        expect((e as DomainError).code).toBe('PROGRAM_BUDGET_EXHAUSTED');
        await t.ledger.fund(m, { programId: P, source: COUNTY, amountFen: 600n, ...cmd('top-up') });
      });
      expect(await bal('pool:city')).toBe(10_000n); // the city part was debited before the county part failed: undone
      expect(await bal('pool:350521')).toBe(1000n);
      expect(await t.ledger.findTransaction(t.ds.manager, keyOfFailed)).toBeNull();
      expect(await t.ledger.grantBalance(t.ds.manager, P, G)).toMatchObject({ availableFen: 0n });
    });

    it('skips a zero share', async () => {
      await fund(CITY, 10_000n);
      const tx = await grant(newId(), 500n, [
        { key: CITY, shareBp: 10_000 },
        { key: COUNTY, shareBp: 0 },
      ]);
      expect(tx.postings.map((p) => p.account)).toEqual(['pool:city', expect.stringMatching(/:city:available$/)]);
    });
  });

  describe('idempotency', () => {
    it('changes nothing on a retried post with the same key and returns the first transaction', async () => {
      const k = key('fund');
      const input = { programId: P, source: CITY, amountFen: 250n, reference: 'program', actorId: null, idempotencyKey: k };
      const first = await t.tx.run((m) => t.ledger.fund(m, input));
      const before = await count('ledger_entry');
      const again = await t.tx.run((m) => t.ledger.fund(m, input));
      expect(again).toEqual({ ...first, replayed: true });
      expect(await bal('pool:city')).toBe(250n);
      expect(await count('ledger_entry')).toBe(before);
    });

    it('posts once when the same key arrives ten times at once', async () => {
      const input = { programId: P, source: CITY, amountFen: 99n, reference: 'program', actorId: null, idempotencyKey: key('fund') };
      const all = await Promise.all(Array.from({ length: 10 }, () => t.tx.run((m) => t.ledger.fund(m, input))));
      expect(new Set(all.map((r) => r.id)).size).toBe(1);
      expect(all.filter((r) => !r.replayed)).toHaveLength(1);
      expect(await bal('pool:city')).toBe(99n);
    });

    it('refuses a key already used for a different movement', async () => {
      const k = key('x');
      await t.tx.run((m) => t.ledger.fund(m, { programId: P, source: CITY, amountFen: 1n, reference: 'a', actorId: null, idempotencyKey: k }));
      expect(await codeOf(t.tx.run((m) => t.ledger.fund(m, { programId: P, source: CITY, amountFen: 1n, reference: 'b', actorId: null, idempotencyKey: k })))).toBe(
        'LEDGER_IDEMPOTENCY_KEY_REUSED',
      );
      expect(await codeOf(t.tx.run((m) => t.ledger.disburse(m, { programId: P, source: CITY, amountFen: 1n, reference: 'a', actorId: null, idempotencyKey: k })))).toBe(
        'LEDGER_IDEMPOTENCY_KEY_REUSED',
      );
      expect(await bal('pool:city')).toBe(1n);
    });

    it('replays a hold, a release and a lapse whose state has moved on', async () => {
      await fund(CITY, 1000n);
      const G = newId();
      await grant(G, 1000n, [{ key: CITY, shareBp: 10_000 }]);
      const holdInput = { programId: P, grantId: G, amountFen: 300n, ...cmd('order') };
      const h1 = await t.tx.run((m) => t.ledger.hold(m, holdInput));
      const h2 = await t.tx.run((m) => t.ledger.hold(m, holdInput));
      expect(h2.transaction).toEqual({ ...h1.transaction, replayed: true });
      expect(h2.hold.id).toBe(h1.hold.id);
      const relInput = { holdId: h1.hold.id, ...cmd('order') };
      const r1 = await t.tx.run((m) => t.ledger.release(m, relInput));
      const r2 = await t.tx.run((m) => t.ledger.release(m, relInput)); // the hold is closed now: still a replay, not an error
      expect(r2).toEqual({ ...r1, replayed: true });
      const lapseInput = { programId: P, grantId: G, ...cmd('grant') };
      const l1 = await t.tx.run((m) => t.ledger.lapse(m, lapseInput));
      const l2 = await t.tx.run((m) => t.ledger.lapse(m, lapseInput));
      expect(l2).toEqual({ ...l1!, replayed: true });
      expect(await bal('pool:city')).toBe(1000n);
    });
  });

  describe('hold, release, redeem, forfeit', () => {
    let G: string;
    beforeEach(async () => {
      await fund(CITY, 100_000n);
      await fund(COUNTY, 100_000n);
      G = newId();
      // 10,001 at 60/40: 6000.6 → 6000, 4000.4 → 4000, the odd fen to the larger share
      const tx = await grant(G, 10_001n, [
        { key: CITY, shareBp: 6000 },
        { key: COUNTY, shareBp: 4000 },
      ]);
      expect(tx.postings.filter((p) => p.amountFen > 0n).map((p) => p.amountFen)).toEqual([6001n, 4000n]);
    });
    const hold = (amountFen: bigint) => t.tx.run((m) => t.ledger.hold(m, { programId: P, grantId: G, amountFen, sourceOrder: [CITY, COUNTY], ...cmd('order') }));
    const parts = async () => (await t.ledger.grantBalance(t.ds.manager, P, G)).parts.map((p) => [p.source, p.availableFen, p.heldFen]);

    it('splits an odd hold in proportion to the available parts, and a release restores them exactly', async () => {
      // 333 × 6001/10001 = 199.8 → 199, 333 × 4000/10001 = 133.2 → 133, the odd fen to city
      const { hold: h, transaction } = await hold(333n);
      expect(h).toMatchObject({ grantId: G, amountFen: 333n, openFen: 333n, status: 'open' });
      expect(h.parts).toEqual([
        { source: CITY, amountFen: 200n, openFen: 200n },
        { source: COUNTY, amountFen: 133n, openFen: 133n },
      ]);
      expect(transaction.type).toBe('hold');
      expect(await parts()).toEqual([
        [COUNTY, 3867n, 133n],
        [CITY, 5801n, 200n],
      ]);
      await t.tx.run((m) => t.ledger.release(m, { holdId: h.id, ...cmd('order') }));
      expect(await parts()).toEqual([
        [COUNTY, 4000n, 0n],
        [CITY, 6001n, 0n],
      ]);
      expect(await t.ledger.getHold(t.ds.manager, h.id)).toMatchObject({ status: 'released', openFen: 0n, closedAt: expect.any(Date) });
    });

    // holdWrite: the same hold as CTEs of the caller's statement, on rows the caller locked and read
    const available = async (m: import('typeorm').EntityManager) =>
      (
        await m.query<{ source: string; balance_fen: string }[]>(
          `SELECT source, balance_fen::text AS balance_fen FROM ledger_balance WHERE program_id = $1 AND grant_id = $2 AND kind = 'grant_available' ORDER BY account FOR UPDATE`,
          [P, G],
        )
      ).map((r) => ({ source: r.source, balanceFen: BigInt(r.balance_fen) }));
    const composedHold = (amountFen: bigint, idempotencyKey = key('order'), avail?: { source: string; balanceFen: bigint }[]) =>
      t.tx.run(async (m) => {
        const p = new SqlParams();
        const w = t.ledger.holdWrite(p, { programId: P, grantId: G, amountFen, sourceOrder: [CITY, COUNTY], reference: 'order:x', actorId: null, idempotencyKey }, avail ?? (await available(m)));
        try {
          await m.query(`WITH ${w.ctes.join(', ')} SELECT ${w.select}`, p.values);
        } catch (e) {
          throw w.refused(e) ?? e;
        }
        return w.hold;
      });

    it('holdWrite holds in one statement exactly what hold() holds, with the same parts, read back equal', async () => {
      const h = await composedHold(333n);
      expect(h.parts).toEqual([
        { source: CITY, amountFen: 200n, openFen: 200n },
        { source: COUNTY, amountFen: 133n, openFen: 133n },
      ]);
      expect(await t.ledger.getHold(t.ds.manager, h.id)).toEqual(h);
      expect(await parts()).toEqual([
        [COUNTY, 3867n, 133n],
        [CITY, 5801n, 200n],
      ]);
    });

    it('holdWrite refuses a debit the locked rows no longer cover and a reused key, and leaves nothing behind', async () => {
      // the caller read more than the rows hold (stale): the conditional debit refuses, the transaction rolls back
      const stale = [
        { source: CITY, balanceFen: 1_000_000n },
        { source: COUNTY, balanceFen: 1_000_000n },
      ];
      expect(await codeOf(composedHold(20_000n, key('order'), stale))).toBe('VOUCHER_INSUFFICIENT_BALANCE');
      const k = key('order');
      await composedHold(10n, k);
      await expect(composedHold(10n, k)).rejects.toThrow(/idempotency key/i);
      expect(await parts()).toEqual([
        [COUNTY, 3997n, 3n],
        [CITY, 5994n, 7n],
      ]);
      expect(await count('ledger_hold')).toBeGreaterThan(0);
      expect((await t.ledger.openHolds(t.ds.manager, G)).map((x) => x.amountFen)).toEqual([10n]);
    });

    it('redeems exactly the parts the hold recorded into the payable accounts', async () => {
      const { hold: h } = await hold(333n);
      await hold(1001n); // another order changes the available proportions meanwhile
      const tx = await t.tx.run((m) => t.ledger.redeem(m, { holdId: h.id, ...cmd('claim') }));
      expect(tx.postings).toEqual([
        { account: Accounts.grantHeld(G, CITY), amountFen: -200n },
        { account: 'payable:city', amountFen: 200n },
        { account: Accounts.grantHeld(G, COUNTY), amountFen: -133n },
        { account: 'payable:350521', amountFen: 133n },
      ]);
      expect(await bal('payable:city')).toBe(200n);
      expect(await bal('payable:350521')).toBe(133n);
      expect((await t.ledger.getHold(t.ds.manager, h.id))!.status).toBe('redeemed');
    });

    it('releases part of a hold after a dispute and redeems the rest', async () => {
      const { hold: h } = await hold(1001n); // 1001 × 6001/10001 = 600.6 → 600, × 4000/10001 = 400.4 → 400, +1 city
      expect(h.parts.map((p) => p.amountFen)).toEqual([601n, 400n]);
      await t.tx.run((m) => t.ledger.release(m, { holdId: h.id, amountFen: 333n, ...cmd('order') })); // 333 × 601/1001 = 199.9 → 199 (+1), × 400/1001 = 133.07 → 133
      const after = (await t.ledger.getHold(t.ds.manager, h.id))!;
      expect(after).toMatchObject({ status: 'open', openFen: 668n });
      expect(after.parts).toEqual([
        { source: CITY, amountFen: 601n, openFen: 401n },
        { source: COUNTY, amountFen: 400n, openFen: 267n },
      ]);
      expect(await codeOf(t.tx.run((m) => t.ledger.release(m, { holdId: h.id, amountFen: 669n, ...cmd('order') })))).toBe('LEDGER_HOLD_EXCEEDED');
      await t.tx.run((m) => t.ledger.redeem(m, { holdId: h.id, ...cmd('claim') }));
      expect(await bal('payable:city')).toBe(401n);
      expect(await bal('payable:350521')).toBe(267n);
      expect(await parts()).toEqual([
        [COUNTY, 4000n - 267n, 0n],
        [CITY, 6001n - 401n, 0n],
      ]);
    });

    it('forfeits the held parts back to the pools', async () => {
      const { hold: h } = await hold(333n);
      await t.tx.run((m) => t.ledger.forfeit(m, { holdId: h.id, ...cmd('claim') }));
      expect(await bal('pool:city')).toBe(100_000n - 6001n + 200n);
      expect(await bal('pool:350521')).toBe(100_000n - 4000n + 133n);
      expect((await t.ledger.getHold(t.ds.manager, h.id))!.status).toBe('forfeited');
    });

    it('refuses a hold above what the grant has available with VOUCHER_INSUFFICIENT_BALANCE', async () => {
      await hold(10_000n);
      expect(await codeOf(hold(2n))).toBe('VOUCHER_INSUFFICIENT_BALANCE');
      await hold(1n);
      expect(await codeOf(hold(1n))).toBe('VOUCHER_INSUFFICIENT_BALANCE');
      expect((await t.ledger.grantBalance(t.ds.manager, P, G)).availableFen).toBe(0n);
    });

    it('refuses to settle a closed hold again, and an unknown one', async () => {
      const { hold: h } = await hold(10n);
      await t.tx.run((m) => t.ledger.redeem(m, { holdId: h.id, ...cmd('claim') }));
      expect(await codeOf(t.tx.run((m) => t.ledger.release(m, { holdId: h.id, ...cmd('order') })))).toBe('LEDGER_HOLD_CLOSED');
      expect(await codeOf(t.tx.run((m) => t.ledger.forfeit(m, { holdId: h.id, ...cmd('claim') })))).toBe('LEDGER_HOLD_CLOSED');
      expect(await codeOf(t.tx.run((m) => t.ledger.redeem(m, { holdId: newId(), ...cmd('claim') })))).toBe('NOT_FOUND');
    });

    it('lapses every available part back to the pools and leaves held money held', async () => {
      const { hold: h } = await hold(333n);
      const tx = await t.tx.run((m) => t.ledger.lapse(m, { programId: P, grantId: G, ...cmd('grant') }));
      expect(tx!.type).toBe('lapse');
      expect(await parts()).toEqual([
        [COUNTY, 0n, 133n],
        [CITY, 0n, 200n],
      ]);
      expect(await bal('pool:city')).toBe(100_000n - 200n);
      expect(await t.tx.run((m) => t.ledger.lapse(m, { programId: P, grantId: G, ...cmd('grant') }))).toBeNull();
      // a release after expiry: release, then lapse at once
      await t.tx.run(async (m) => {
        await t.ledger.release(m, { holdId: h.id, ...cmd('order') });
        await t.ledger.lapse(m, { programId: P, grantId: G, ...cmd('grant') });
      });
      expect(await bal('pool:city')).toBe(100_000n);
      expect(await bal('pool:350521')).toBe(100_000n);
      expect(await t.ledger.openHolds(t.ds.manager, G)).toEqual([]);
    });

    it('voids the free amount of a grant', async () => {
      await hold(1n);
      const tx = await t.tx.run((m) => t.ledger.voidGrant(m, { programId: P, grantId: G, ...cmd('sanction') }));
      expect(tx!.type).toBe('void');
      expect((await t.ledger.grantBalance(t.ds.manager, P, G)).availableFen).toBe(0n);
      expect((await t.ledger.openHolds(t.ds.manager, G)).map((h) => h.openFen)).toEqual([1n]);
    });
  });

  describe('disburse, clawback, repaid', () => {
    it('pays out what is payable, claws it back and takes the repayment into the pool', async () => {
      await fund(CITY, 1000n);
      const G = newId();
      await grant(G, 1000n, [{ key: CITY, shareBp: 10_000 }]);
      const { hold: h } = await t.tx.run((m) => t.ledger.hold(m, { programId: P, grantId: G, amountFen: 600n, ...cmd('order') }));
      await t.tx.run((m) => t.ledger.redeem(m, { holdId: h.id, ...cmd('claim') }));
      expect(await codeOf(t.tx.run((m) => t.ledger.disburse(m, { programId: P, source: CITY, amountFen: 601n, ...cmd('batch') })))).toBe('LEDGER_INSUFFICIENT_BALANCE');
      await t.tx.run((m) => t.ledger.disburse(m, { programId: P, source: CITY, amountFen: 600n, ...cmd('batch') }));
      expect(await bal('payable:city')).toBe(0n);
      expect(await bal('disbursed:city')).toBe(600n);
      await t.tx.run((m) => t.ledger.clawback(m, { programId: P, source: CITY, amountFen: 250n, ...cmd('sanction') }));
      expect(await codeOf(t.tx.run((m) => t.ledger.repaid(m, { programId: P, source: CITY, amountFen: 251n, ...cmd('sanction') })))).toBe('LEDGER_INSUFFICIENT_BALANCE');
      await t.tx.run((m) => t.ledger.repaid(m, { programId: P, source: CITY, amountFen: 250n, ...cmd('sanction') }));
      expect(await bal('disbursed:city')).toBe(350n);
      expect(await bal('receivable:city')).toBe(0n);
      expect(await bal('pool:city')).toBe(250n);
    });
  });

  describe('post', () => {
    it('refuses unbalanced, zero, unknown or wrongly directed postings before touching the database', async () => {
      const before = await count('ledger_transaction');
      const post = (postings: { account: string; amountFen: bigint }[], type: PostedTransaction['type'] = 'fund') =>
        t.tx.run((m) => t.ledger.post(m, { programId: P, type, postings, ...cmd('x') }));
      await expect(post([{ account: 'funding:a', amountFen: -2n }, { account: 'pool:a', amountFen: 1n }])).rejects.toThrow(LedgerPostingError);
      await expect(post([{ account: 'funding:a', amountFen: 0n }, { account: 'pool:a', amountFen: 0n }])).rejects.toThrow(/zero posting/);
      await expect(post([{ account: 'funding:a', amountFen: -1n }, { account: 'vault:a', amountFen: 1n }])).rejects.toThrow(/not a ledger account/);
      await expect(post([{ account: 'pool:a', amountFen: -1n }, { account: 'funding:a', amountFen: 1n }])).rejects.toThrow(/debits funding/);
      expect(await count('ledger_transaction')).toBe(before);
    });

    it('answers with the caller-chosen error when a debit finds too little', async () => {
      const e = await t.tx
        .run((m) =>
          t.ledger.post(m, {
            programId: P,
            type: 'disburse',
            postings: [
              { account: 'payable:a', amountFen: -1n },
              { account: 'disbursed:a', amountFen: 1n },
            ],
            ...cmd('batch'),
            insufficient: (account) => new DomainError(409, 'BATCH_NOT_COVERED', { en: account, zh: account }),
          }),
        )
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'BATCH_NOT_COVERED', messages: { en: 'payable:a' } });
    });
  });

  describe('database defences', () => {
    it('has a CHECK constraint that rejects a direct negative balance update', async () => {
      await fund(CITY, 5n);
      const e = await t.ds.query(`UPDATE ledger_balance SET balance_fen = -1 WHERE program_id = $1 AND account = 'pool:city'`, [P]).catch((x: unknown) => x);
      expect(pgCode(e)).toBe('23514');
      expect(pgConstraint(e)).toBe('ck_ledger_balance_non_negative');
      // the funding account may go negative, and may not be flagged otherwise
      await t.ds.query(`UPDATE ledger_balance SET balance_fen = balance_fen - 1 WHERE program_id = $1 AND account = 'funding:city'`, [P]);
      await t.ds.query(`UPDATE ledger_balance SET balance_fen = balance_fen + 1 WHERE program_id = $1 AND account = 'funding:city'`, [P]);
      const e2 = await t.ds.query(`UPDATE ledger_balance SET may_go_negative = true WHERE program_id = $1 AND account = 'pool:city'`, [P]).catch((x: unknown) => x);
      expect(pgConstraint(e2)).toBe('ck_ledger_balance_may_go_negative');
    });

    it('keeps transactions and entries append-only', async () => {
      const tx = await fund(CITY, 5n);
      await expect(t.ds.query(`UPDATE ledger_entry SET amount_fen = 6 WHERE transaction_id = $1 AND amount_fen > 0`, [tx.id])).rejects.toThrow(/append-only/);
      await expect(t.ds.query(`DELETE FROM ledger_transaction WHERE id = $1`, [tx.id])).rejects.toThrow(/append-only/);
      await expect(t.ds.query(`TRUNCATE ledger_entry CASCADE`)).rejects.toThrow(/append-only/);
    });

    it('has the verifier report a balance that disagrees with its entries, and a negative account', async () => {
      const Q = newId();
      await fund(CITY, 5n, Q);
      await t.ds.query(`UPDATE ledger_balance SET balance_fen = balance_fen + 3 WHERE program_id = $1 AND account = 'pool:city'`, [Q]);
      const r = await t.verifier.verify();
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual([`account pool:city of program ${Q} holds 8 fen but its entries sum to 5`]);
      await t.ds.query(`ALTER TABLE ledger_balance DROP CONSTRAINT ck_ledger_balance_non_negative`);
      try {
        await t.ds.query(`UPDATE ledger_balance SET balance_fen = -1 WHERE program_id = $1 AND account = 'pool:city'`, [Q]);
        const r2 = await t.verifier.verify();
        expect(r2.problems).toContain(`account pool:city of program ${Q} (pool) is negative: -1 fen`);
      } finally {
        await t.ds.query(`UPDATE ledger_balance SET balance_fen = 5 WHERE program_id = $1 AND account = 'pool:city'`, [Q]);
        await t.ds.query(`ALTER TABLE ledger_balance ADD CONSTRAINT ck_ledger_balance_non_negative CHECK (may_go_negative OR balance_fen >= 0)`);
      }
    });

    it('has the verifier report an entry edited behind the triggers: unbalanced transaction and account', async () => {
      const Q = newId();
      const tx = await fund(CITY, 5n, Q);
      await t.ds.query('ALTER TABLE ledger_entry DISABLE TRIGGER trg_ledger_entry_append_only');
      try {
        await t.ds.query(`UPDATE ledger_entry SET amount_fen = 4 WHERE transaction_id = $1 AND amount_fen > 0`, [tx.id]);
        const r = await t.verifier.verify();
        expect(r.problems).toEqual(
          expect.arrayContaining([
            `transaction ${tx.id} sums to -1 fen, not 0`,
            `transaction ${tx.id} moves -1 fen into source city`,
            `account pool:city of program ${Q} holds 5 fen but its entries sum to 4`,
          ]),
        );
        await t.ds.query(`UPDATE ledger_entry SET amount_fen = 5 WHERE transaction_id = $1 AND amount_fen > 0`, [tx.id]);
      } finally {
        await t.ds.query('ALTER TABLE ledger_entry ENABLE TRIGGER trg_ledger_entry_append_only');
      }
    });
  });
  describe('several transactions in one write (ledgerWriteCtes, as a batch of first-come grants writes them)', () => {
    const grantWrite = (grantId: string, amountFen: bigint, idempotencyKey = `grant:${newId()}`): LedgerWrite => ({
      id: newId(),
      programId: P,
      type: 'grant',
      reference: `application:${newId()}`,
      actorId: null,
      idempotencyKey,
      createdAt: new Date(),
      postings: checkPostings('grant', [
        { account: Accounts.pool(CITY), amountFen: -amountFen },
        { account: Accounts.grantAvailable(grantId, CITY), amountFen },
      ]),
    });
    /** Runs the write in a transaction, rolled back unless every account moved (as the callers do). */
    const write = async (writes: LedgerWrite[]) => {
      let out: { headers: number; entries: number; moved: string[]; accounts: string[] } | undefined;
      await t.tx
        .run(async (m) => {
          const p = new SqlParams();
          const ctes = ledgerWriteCtes(p, writes);
          const [row] = await m.query<{ headers: number; entries: number; moved: string[] }[]>(
            `WITH ${ctes.sql} SELECT (SELECT count(*)::int FROM ledger_tx) AS headers, (SELECT count(*)::int FROM ledger_entries) AS entries, ARRAY(SELECT account FROM ledger_moved)::text[] AS moved`,
            p.values,
          );
          out = { ...row, accounts: ctes.accounts };
          if (row.moved.length !== ctes.accounts.length) throw new Error('refused: roll back');
        })
        .catch((e: Error) => {
          if (e.message !== 'refused: roll back') throw e;
        });
      return out!;
    };

    it('writes each transaction with its own entries and moves each account once by the sum', async () => {
      await fund(CITY, 1_000n);
      const [g1, g2, g3] = [newId(), newId(), newId()];
      const out = await write([grantWrite(g1, 100n), grantWrite(g2, 200n), grantWrite(g3, 300n)]);
      expect(out).toMatchObject({ headers: 3, entries: 6 });
      expect(out.accounts).toHaveLength(4); // the pool once, three grant accounts
      expect(out.moved.sort()).toEqual(out.accounts.slice().sort());
      expect(await bal('pool:city')).toBe(400n);
      expect(await bal(Accounts.grantAvailable(g2, CITY))).toBe(200n);
      const perTx = await t.ds.query(
        `SELECT x.id, count(e.*)::int AS n, sum(e.amount_fen)::int AS total FROM ledger_transaction x JOIN ledger_entry e ON e.transaction_id = x.id
          WHERE x.program_id = $1 AND x.type = 'grant' GROUP BY x.id`,
        [P],
      );
      expect(perTx).toHaveLength(3);
      for (const x of perTx) expect(x).toMatchObject({ n: 2, total: 0 });
    });

    it('moves nothing when one of the transactions is a replay (the caller refuses the whole write)', async () => {
      await fund(CITY, 1_000n);
      const replayed = `grant:${newId()}`;
      await write([grantWrite(newId(), 100n, replayed)]);
      const entries = await count('ledger_entry');
      const out = await write([grantWrite(newId(), 100n), grantWrite(newId(), 100n, replayed)]);
      expect(out.headers).toBe(1); // the new header only; the replay's key already exists
      expect(out.moved).toEqual([]);
      expect(await count('ledger_entry')).toBe(entries); // rolled back
      expect(await bal('pool:city')).toBe(900n);
    });

    it('refuses the summed debit when the pool cannot cover the whole write', async () => {
      await fund(CITY, 250n);
      const out = await write([grantWrite(newId(), 100n), grantWrite(newId(), 200n)]);
      expect(out.moved).not.toContain('pool:city');
      expect(await bal('pool:city')).toBe(250n);
    });
  });
});
