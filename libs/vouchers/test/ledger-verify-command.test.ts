import { newId } from '@innoserve/core';
import { ledgerVerifyCommand } from '../../../apps/cli/src/commands/ledger-verify.js';
import { commands } from '../../../apps/cli/src/commands/index.js';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { cmd, openLedgerTestDb, type LedgerTestDb } from './ledger-db.js';

describe(ledgerVerifyCommand.name, () => {
  let t: LedgerTestDb;
  const P = newId();
  const saved = process.env.DATABASE_URL;
  let out: string;
  let err: string;
  const realStdout = process.stdout.write;
  const realStderr = process.stderr.write;

  beforeAll(async () => {
    t = await openLedgerTestDb(ALL_ENTITIES, 3);
    const G = newId();
    await t.tx.run(async (m) => {
      await t.ledger.fund(m, { programId: P, source: 'city', amountFen: 1000n, ...cmd('fund') });
      await t.ledger.grant(m, { programId: P, grantId: G, amountFen: 400n, shares: [{ key: 'city', shareBp: 10_000 }], ...cmd('application') });
      await t.ledger.hold(m, { programId: P, grantId: G, amountFen: 100n, ...cmd('order') });
    });
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await t.close();
  });
  beforeEach(() => {
    out = '';
    err = '';
    process.stdout.write = ((s: any) => ((out += String(s)), true)) as any;
    process.stderr.write = ((s: any) => ((err += String(s)), true)) as any;
  });
  afterEach(() => {
    process.stdout.write = realStdout;
    process.stderr.write = realStderr;
  });

  it('explains what to do when DATABASE_URL is unset', async () => {
    delete process.env.DATABASE_URL;
    expect(await ledgerVerifyCommand()).toBe(2);
    expect(err).toMatch(/DATABASE_URL is not set.*npm start/);
  });

  it('exits 0 with a one-line summary on a balanced ledger, also through the command table', async () => {
    process.env.DATABASE_URL = t.db.url;
    expect(await commands['ledger:verify']([])).toBe(0);
    expect(out).toBe('ledger balanced: 3 transactions, 6 entries, 4 accounts in 1 programs, 1 holds\n');
  });

  it('exits 1 listing the problems of a tampered ledger', async () => {
    process.env.DATABASE_URL = t.db.url;
    await t.ds.query(`UPDATE ledger_balance SET balance_fen = balance_fen + 50 WHERE program_id = $1 AND account = 'pool:city'`, [P]);
    expect(await ledgerVerifyCommand()).toBe(1);
    expect(err).toMatch(/^ledger FAILED verification \(3 transactions.*\):\n {2}- account pool:city of program .* holds 650 fen but its entries sum to 600\n$/);
  });
});
