import { loadConfigOrExit } from '@innoserve/core';
import { migrate } from '@innoserve/database';

/** Applies pending migrations to DATABASE_URL (the production one-off job). */
export async function migrateCommand(): Promise<number> {
  const config = loadConfigOrExit();
  if (!config.DATABASE_URL) {
    process.stderr.write('migrate: DATABASE_URL is not set (npm start migrates the embedded database itself)\n');
    return 2;
  }
  const applied = await migrate(config.DATABASE_URL);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  return 0;
}
