import { NestFactory } from '@nestjs/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditSealer, AuditService } from '@innoserve/audit';
import { WorkerModule } from '../../../apps/worker/src/worker.module.js';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { testConfig } from '../../../test/support/app.js';
import { openAuditTestDb, type AuditTestDb } from './audit-db.js';

describe('the worker', () => {
  let t: AuditTestDb;
  afterAll(async () => t.close());

  it('hosts the audit sealer, which anchors committed entries on its first tick', async () => {
    t = await openAuditTestDb(ALL_ENTITIES, 5);
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(await testConfig(t.db.url)), { logger: false });
    try {
      await app.init();
      expect(app.get(AuditSealer)).toBeInstanceOf(AuditSealer);
      await app.get(TransactionRunner).run((m) => app.get(AuditService).record(m, { streamType: 'program', streamId: 'p', action: 'program.opened', actorId: null }));
      let anchors = 0;
      for (let i = 0; i < 100 && anchors === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        [{ anchors }] = await t.ds.query('SELECT count(*)::int AS anchors FROM audit_anchor');
      }
      expect(anchors).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
