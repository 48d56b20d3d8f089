import { DataSource } from 'typeorm';
import { ConfigError, parseConfig } from '@innoserve/core';
import { dataSourceOptions } from '@innoserve/database';
import { AuditVerifier } from '@innoserve/audit';

/**
 * `audit:verify`: recomputes every audit stream and anchor of the database in DATABASE_URL.
 * Exit 0 with a one-line summary when the log is intact, 1 listing the problems, 2 when it cannot run.
 */
export async function auditVerifyCommand(): Promise<number> {
  let url: string | undefined;
  try {
    url = parseConfig(process.env).DATABASE_URL;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`audit:verify: ${e.message}\n`);
    return 2;
  }
  if (!url) {
    process.stderr.write(
      'audit:verify: DATABASE_URL is not set. Point it at the database to check ' +
        '(DATABASE_URL=postgres://user:pass@host:5432/db npm run audit:verify). ' +
        'For the embedded database, it must be running: keep `npm start` running and use the DATABASE_URL the launcher prints.\n',
    );
    return 2;
  }
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2, applicationName: 'innoserve-audit-verify' }), logging: false });
  try {
    await ds.initialize();
  } catch (e) {
    process.stderr.write(`audit:verify: cannot connect to DATABASE_URL (${e instanceof Error ? e.message : String(e)}); is the database running?\n`);
    return 2;
  }
  try {
    const r = await new AuditVerifier(ds).verify();
    const summary = `${r.entries} entries in ${r.streams} streams, ${r.anchors} anchors, ${r.unanchored} entries not yet anchored`;
    if (r.ok) {
      process.stdout.write(`audit log intact: ${summary}\n`);
      return 0;
    }
    process.stderr.write(`audit log FAILED verification (${summary}):\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  } finally {
    await ds.destroy();
  }
}
