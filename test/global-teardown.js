import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  // the Meilisearch server of the run (test/global-setup.js): stopped, its data directory removed
  await globalThis.__innoserveMeili?.stop();
  await globalThis.__innoserveStripeMock?.stop();
  await globalThis.__innoserveMailpit?.stop();
  await globalThis.__innoserveS3?.stop();
  const state = globalThis.__innoservePg;
  if (!state) return;
  await state.pg.stop();
  rmSync(state.dir, { recursive: true, force: true });
}
