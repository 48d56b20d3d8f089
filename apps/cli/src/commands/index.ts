// Further CLI commands; each returns its exit code.
import { start } from './start.js';
import { migrateCommand } from './migrate.js';

export const commands: Record<string, (args: string[]) => Promise<number>> = {
  start: () => start(),
  migrate: () => migrateCommand(),
};
