/**
 * migration:generate <Name> writes the SQL that brings a migrated scratch database up to the
 * entities; migration:check fails (exit 1) when entities and committed migrations disagree.
 * Both run against a throwaway embedded cluster unless MIGRATION_DATABASE_URL names a server.
 */
import { mkdtempSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase, migrate, startEmbeddedPostgres } from '@innoserve/database';
import { ALL_ENTITIES } from '../schema.js';

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const external = process.env.MIGRATION_DATABASE_URL;
  if (external) return fn(external);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-migrate-'));
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false, postgresFlags: ['-c', 'fsync=off'] });
  try {
    await ensureDatabase(cluster.url('postgres'), 'scratch');
    return await fn(cluster.url('scratch'));
  } finally {
    await cluster.stop();
  }
}

async function pendingSql(url: string): Promise<{ up: string[]; down: string[] }> {
  await migrate(url);
  const ds = new DataSource(dataSourceOptions({ url, entities: ALL_ENTITIES, poolSize: 2 }));
  await ds.initialize();
  try {
    const log = await ds.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
  } finally {
    await ds.destroy();
  }
}

const MIGRATIONS_DIR = path.resolve('libs/database/src/migrations');

export async function migrationGenerate(name: string | undefined): Promise<number> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    process.stderr.write('usage: npm run migration:generate -- <PascalCaseName>\n');
    return 2;
  }
  const { up, down } = await withScratchDatabase(pendingSql);
  if (up.length === 0) {
    process.stdout.write('No changes: entities and migrations agree.\n');
    return 0;
  }
  const stamp = Date.now();
  const className = `${name}${stamp}`;
  const file = `${stamp}-${name}`;
  const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }
}
`;
  writeFileSync(path.join(MIGRATIONS_DIR, `${file}.ts`), body);
  const indexPath = path.join(MIGRATIONS_DIR, 'index.ts');
  let index = readFileSync(indexPath, 'utf8');
  index = index.replace(/(import type \{ MigrationInterface \} from 'typeorm';\n)/, `$1import { ${className} } from './${file}.js';\n`);
  index = index.replace(/\[([^\]]*)\];/, (_m, list: string) => {
    const items = list.split(',').map((s) => s.trim()).filter(Boolean);
    items.push(className);
    return `[\n  ${items.join(',\n  ')},\n];`;
  });
  writeFileSync(indexPath, index);
  process.stdout.write(`Wrote libs/database/src/migrations/${file}.ts (${up.length} statements). Review it, then rebuild.\n`);
  return 0;
}

export async function migrationCheck(): Promise<number> {
  const { up } = await withScratchDatabase(pendingSql);
  if (up.length === 0) {
    process.stdout.write('migration:check: entities and migrations agree.\n');
    return 0;
  }
  process.stderr.write(`migration:check: entities and migrations disagree; run npm run migration:generate -- <Name>. Missing:\n${up.map((s) => '  ' + s).join('\n')}\n`);
  return 1;
}
