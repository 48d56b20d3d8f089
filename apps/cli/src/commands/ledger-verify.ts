import { DataSource } from 'typeorm';
import { ConfigError, parseConfig } from '@innoserve/core';
import { dataSourceOptions } from '@innoserve/database';
import { LedgerVerifier } from '@innoserve/vouchers';

/**
 * `ledger:verify`: recomputes every balance of the voucher ledger in DATABASE_URL from its entries.
 * Exit 0 with a one-line summary when it balances, 1 listing the problems, 2 when it cannot run.
 */
export async function ledgerVerifyCommand(): Promise<number> {
  let url: string | undefined;
  try {
    url = parseConfig(process.env).DATABASE_URL;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`ledger:verify: ${e.message}\n`);
    return 2;
  }
  if (!url) {
    process.stderr.write(
      'ledger:verify: DATABASE_URL is not set. Point it at the database to check ' +
        '(DATABASE_URL=postgres://user:pass@host:5432/db npm run ledger:verify). ' +
        'For the embedded database, it must be running: keep `npm start` running and use the DATABASE_URL the launcher prints.\n',
    );
    return 2;
  }
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2, applicationName: 'innoserve-ledger-verify' }), logging: false });
  try {
    await ds.initialize();
  } catch (e) {
    process.stderr.write(`ledger:verify: cannot connect to DATABASE_URL (${e instanceof Error ? e.message : String(e)}); is the database running?\n`);
    return 2;
  }
  try {
    const r = await new LedgerVerifier(ds).verify();
    const summary = `${r.transactions} transactions, ${r.entries} entries, ${r.accounts} accounts in ${r.programs} programs, ${r.holds} holds`;
    if (r.ok) {
      process.stdout.write(`ledger balanced: ${summary}\n`);
      return 0;
    }
    process.stderr.write(`ledger FAILED verification (${summary}):\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  } finally {
    await ds.destroy();
  }
}
