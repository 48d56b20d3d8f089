// Further CLI commands; each returns its exit code.
import { start } from './start.js';
import { migrateCommand } from './migrate.js';
import { auditVerifyCommand } from './audit-verify.js';

export const commands: Record<string, (args: string[]) => Promise<number>> = {
  start: () => start(),
  migrate: () => migrateCommand(),
  'audit:verify': () => auditVerifyCommand(),
  'ledger:verify': async () => (await import('./ledger-verify.js')).ledgerVerifyCommand(),
  'search:reindex': async () => (await import('./search-reindex.js')).searchReindexCommand(),
};
