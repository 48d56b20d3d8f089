import { DataSource } from 'typeorm';
import { newId } from '@innoserve/core';
import { TransactionRunner, dataSourceOptions } from '@innoserve/database';
import { LedgerService } from '@innoserve/vouchers';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { cmd, key, openLedgerTestDb, type LedgerTestDb } from './ledger-db.js';

const SHARES = [
  { key: 'city', shareBp: 5000 },
  { key: '350521', shareBp: 5000 },
];

describe(`${LedgerService.name} when the database connection dies mid-transaction`, () => {
  let t: LedgerTestDb;
  let victim: DataSource;

  beforeAll(async () => {
    t = await openLedgerTestDb(ALL_ENTITIES, 5);
  });
  beforeEach(async () => {
    victim = new DataSource({ ...dataSourceOptions({ url: t.db.url, entities: ALL_ENTITIES, poolSize: 1, applicationName: 'ledger-victim' }), logging: false });
    await victim.initialize();
  });
  afterEach(async () => {
    await victim.destroy();
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (table: string): Promise<number> => Number((await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  /**
   * Runs `work` on the victim connection while a second connection holds `blockedAccount` locked;
   * once the victim waits for that lock (having already written part of its transaction), its
   * backend is terminated. Returns the victim's error.
   */
  async function killWhileBlocked(programId: string, blockedAccount: string, work: (runner: TransactionRunner) => Promise<unknown>): Promise<unknown> {
    const blocker = t.ds.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      const locked = await blocker.query('SELECT 1 FROM ledger_balance WHERE program_id = $1 AND account = $2 FOR UPDATE', [programId, blockedAccount]);
      expect(locked).toHaveLength(1);
      const [{ pid }] = await victim.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      const outcome = work(new TransactionRunner(victim)).then(
        () => new Error('the victim finished although its backend was killed'),
        (e: unknown) => e,
      );
      // wait until the victim is stuck on the lock, i.e. between its statements
      for (let i = 0; ; i++) {
        const rows = await t.ds.query(`SELECT wait_event_type, backend_xid::text AS xid FROM pg_stat_activity WHERE pid = $1`, [pid]);
        if (rows[0]?.wait_event_type === 'Lock') {
          // it has written already (a transaction id is assigned at the first write): header, entries, some balances
          expect(rows[0].xid).not.toBeNull();
          break;
        }
        if (i > 500) throw new Error('the victim never waited for the lock');
        await new Promise((r) => setTimeout(r, 10));
      }
      const [{ ok }] = await t.ds.query('SELECT pg_terminate_backend($1) AS ok', [pid]);
      expect(ok).toBe(true);
      return await outcome;
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
  }

  it('leaves no partial grant when the connection is killed between its balance updates', async () => {
    const P = newId();
    await t.tx.run(async (m) => {
      await t.ledger.fund(m, { programId: P, source: 'city', amountFen: 10_000n, ...cmd('fund') });
      await t.ledger.fund(m, { programId: P, source: '350521', amountFen: 10_000n, ...cmd('fund') });
    });
    const [transactions, entries] = [await count('ledger_transaction'), await count('ledger_entry')];
    const G = newId();
    const idempotencyKey = key('application');
    const input = { programId: P, grantId: G, amountFen: 1001n, shares: SHARES, reference: 'application', actorId: null, idempotencyKey };
    // postings are applied in key order: grant:G:350521, grant:G:city, pool:350521, then pool:city (blocked)
    const err = await killWhileBlocked(P, 'pool:city', (runner) => runner.run((m) => t.ledger.grant(m, input), { retries: 0 }));
    expect(String(err)).toMatch(/terminat/i);

    expect(await count('ledger_transaction')).toBe(transactions);
    expect(await count('ledger_entry')).toBe(entries);
    expect(await t.ledger.findTransaction(t.ds.manager, idempotencyKey)).toBeNull();
    expect(await t.ledger.balanceOf(t.ds.manager, P, 'pool:city')).toBe(10_000n);
    expect(await t.ledger.balanceOf(t.ds.manager, P, 'pool:350521')).toBe(10_000n);
    expect(await t.ledger.grantBalance(t.ds.manager, P, G)).toMatchObject({ availableFen: 0n, parts: [] });
    const orphans = await t.ds.query('SELECT count(*)::int AS n FROM ledger_entry e LEFT JOIN ledger_transaction t ON t.id = e.transaction_id WHERE t.id IS NULL');
    expect(orphans[0].n).toBe(0);
    expect((await t.verifier.verify()).problems).toEqual([]);

    // the key was not used up: the retry goes through
    const retried = await t.tx.run((m) => t.ledger.grant(m, input));
    expect(retried.replayed).toBe(false);
    expect(await t.ledger.balanceOf(t.ds.manager, P, 'pool:city')).toBe(10_000n - 501n);
    expect((await t.verifier.verify()).problems).toEqual([]);
  });

  it('leaves no partial redeem when the connection is killed while the hold is being settled', async () => {
    const P = newId();
    const G = newId();
    const { hold } = await t.tx.run(async (m) => {
      await t.ledger.fund(m, { programId: P, source: 'city', amountFen: 10_000n, ...cmd('fund') });
      await t.ledger.fund(m, { programId: P, source: '350521', amountFen: 10_000n, ...cmd('fund') });
      await t.ledger.grant(m, { programId: P, grantId: G, amountFen: 1001n, shares: SHARES, ...cmd('application') });
      // payable:city exists before, so the blocker can lock it
      const h0 = await t.ledger.hold(m, { programId: P, grantId: G, amountFen: 2n, ...cmd('order-0') });
      await t.ledger.redeem(m, { holdId: h0.hold.id, ...cmd('claim-0') });
      return t.ledger.hold(m, { programId: P, grantId: G, amountFen: 333n, ...cmd('order') });
    });
    const entries = await count('ledger_entry');
    // grant:G:350521:held, grant:G:city:held, payable:350521 are updated; payable:city is blocked
    const err = await killWhileBlocked(P, 'payable:city', (runner) => runner.run((m) => t.ledger.redeem(m, { holdId: hold.id, ...cmd('claim') }), { retries: 0 }));
    expect(String(err)).toMatch(/terminat/i);
    expect(await count('ledger_entry')).toBe(entries);
    expect(await t.ledger.getHold(t.ds.manager, hold.id)).toMatchObject({ status: 'open', openFen: 333n });
    expect((await t.ledger.grantBalance(t.ds.manager, P, G)).heldFen).toBe(333n);
    expect((await t.verifier.verify()).problems).toEqual([]);
  });
});
