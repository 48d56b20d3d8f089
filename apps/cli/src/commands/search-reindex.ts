import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigError, CoreModule, loadConfig, parseConfig, type AppConfig } from '@innoserve/core';
import { DatabaseModule } from '@innoserve/database';
import { IdentityModule } from '@innoserve/identity';
import { OrganizationsModule } from '@innoserve/organizations';
import { CatalogModule, CatalogSearchFeed } from '@innoserve/catalog';
import { ProgramCoverageModule, ProgramCoverageService } from '@innoserve/vouchers';
import { createSearchEngine, formatProgress, reindexAll, SearchDocumentBuilder, type ReindexProgress } from '@innoserve/search';

/**
 * `search:reindex`: rebuilds the search index of the database in DATABASE_URL beside the live one
 * (search keeps answering), catches up with offerings changed meanwhile, and swaps it in.
 * Progress on stderr. Exit 0 when swapped, 1 when the build failed (live index untouched), 2 when it cannot run.
 */
export async function searchReindexCommand(): Promise<number> {
  let url: string | undefined;
  try {
    url = parseConfig(process.env).DATABASE_URL;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`search:reindex: ${e.message}\n`);
    return 2;
  }
  if (!url) {
    process.stderr.write(
      'search:reindex: DATABASE_URL is not set. Point it at the database to reindex ' +
        '(DATABASE_URL=postgres://user:pass@host:5432/db npm run search:reindex). ' +
        'For the embedded database, it must be running: keep `npm start` running and use the DATABASE_URL the launcher prints.\n',
    );
    return 2;
  }
  // the reindex signs no tokens: a placeholder secret keeps loadConfig from minting one
  const config = loadConfig({ ...process.env, JWT_SECRET: process.env.JWT_SECRET || 'search-reindex-signs-no-tokens-0000000000000' });
  return runSearchReindex(config, { tty: Boolean(process.stderr.isTTY), write: (s) => process.stderr.write(s) });
}

/** The command's body, for tests: `write` receives the progress output. */
export async function runSearchReindex(config: AppConfig, out: { tty: boolean; write: (s: string) => void }, hooks: { beforeCatchUp?: () => Promise<void> } = {}): Promise<number> {
  @Module({
    imports: [
      CoreModule.forRoot(config),
      DatabaseModule.forRoot({ url: config.DATABASE_URL!, poolSize: 3, applicationName: 'innoserve-search-reindex' }),
      IdentityModule,
      OrganizationsModule,
      CatalogModule,
      ProgramCoverageModule,
    ],
  })
  class SearchReindexModule {}

  let app;
  try {
    app = await NestFactory.createApplicationContext(SearchReindexModule, { logger: ['error'] });
  } catch (e) {
    out.write(`search:reindex: cannot connect to DATABASE_URL (${e instanceof Error ? e.message : String(e)}); is the database running?\n`);
    return 2;
  }
  const engine = createSearchEngine(config, app.get(DataSource));
  let lastLine = 0;
  const progress = (p: ReindexProgress): void => {
    const line = formatProgress(p);
    if (out.tty) {
      out.write(`\r${line.padEnd(60)}`);
    } else if (Date.now() - lastLine >= 2000 || p.done === p.total) {
      lastLine = Date.now();
      out.write(`${line}\n`);
    }
  };
  try {
    await engine.ensureSetup();
    const documents = new SearchDocumentBuilder(app.get(CatalogSearchFeed), app.get(ProgramCoverageService));
    const r = await reindexAll(engine, documents, { onProgress: progress, beforeCatchUp: hooks.beforeCatchUp });
    if (out.tty) out.write('\n');
    out.write(`search:reindex: ${r.indexed} searchable offerings indexed, ${r.caughtUp} caught up, swapped in ${(r.elapsedMs / 1000).toFixed(1)} s (${engine.name})\n`);
    return 0;
  } catch (e) {
    if (out.tty) out.write('\n');
    out.write(`search:reindex FAILED, the live index is unchanged: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await engine.close();
    await app.close();
  }
}
