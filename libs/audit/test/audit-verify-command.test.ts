import { TransactionRunner } from '@innoserve/database';
import { AuditSealer, AuditService } from '@innoserve/audit';
import { auditVerifyCommand } from '../../../apps/cli/src/commands/audit-verify.js';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { openAuditTestDb, type AuditTestDb } from './audit-db.js';

describe(auditVerifyCommand.name, () => {
  let t: AuditTestDb;
  const saved = process.env.DATABASE_URL;
  let out: string;
  let err: string;
  const realStdout = process.stdout.write;
  const realStderr = process.stderr.write;

  beforeAll(async () => {
    t = await openAuditTestDb(ALL_ENTITIES, 5);
    const tx = new TransactionRunner(t.ds);
    for (let i = 0; i < 3; i++) await tx.run((m) => new AuditService().record(m, { streamType: 'claim', streamId: 'c-1', action: `claim.s${i}`, actorId: null }));
    await new AuditSealer(t.ds).seal();
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await t.close();
  });
  beforeEach(() => {
    out = '';
    err = '';
    process.stdout.write = ((s: any) => ((out += String(s)), true)) as any;
    process.stderr.write = ((s: any) => ((err += String(s)), true)) as any;
  });
  afterEach(() => {
    process.stdout.write = realStdout;
    process.stderr.write = realStderr;
  });

  it('explains what to do when DATABASE_URL is unset', async () => {
    delete process.env.DATABASE_URL;
    expect(await auditVerifyCommand()).toBe(2);
    expect(err).toMatch(/DATABASE_URL is not set.*npm start/);
  });

  it('exits 0 with a one-line summary on an intact log', async () => {
    process.env.DATABASE_URL = t.db.url;
    expect(await auditVerifyCommand()).toBe(0);
    expect(out).toMatch(/^audit log intact: 3 entries in 1 streams, \d+ anchors, \d+ entries not yet anchored\n$/);
  });

  it('exits 1 listing the problems of a tampered log', async () => {
    process.env.DATABASE_URL = t.db.url;
    await t.ds.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
    await t.ds.query(`UPDATE audit_entry SET reason = 'rewritten' WHERE stream_id = 'c-1' AND stream_seq = 2`);
    await t.ds.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');
    expect(await auditVerifyCommand()).toBe(1);
    expect(err).toMatch(/FAILED verification/);
    expect(err).toMatch(new RegExp(`- audit_entry #\\d+ \\(claim/c-1 seq 2\\): hash does not match its content`));
  });
});
