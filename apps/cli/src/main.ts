// The command line: `start` (the launcher behind npm start) and the maintenance commands.
import 'reflect-metadata';
import { migrationCheck, migrationGenerate } from './commands/migration.js';
import { commands as extraCommands } from './commands/index.js';

const [command, ...args] = process.argv.slice(2);

const commands: Record<string, (args: string[]) => Promise<number>> = {
  'migration:generate': (a) => migrationGenerate(a[0]),
  'migration:check': () => migrationCheck(),
  ...extraCommands,
};

const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(`usage: innoserve <${Object.keys(commands).join('|')}>\n`);
  process.exit(2);
}
const code = await run(args);
process.exit(code);
