import { DataSource } from 'typeorm';
import { createTestDatabase } from '@innoserve/database/testing';
import { createApiApp } from '../../../apps/api/src/bootstrap.js';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { startTestApp, testConfig } from '../../../test/support/app.js';
import { loginAs } from '../../../test/support/auth.js';

const ADMIN = { ADMIN_EMAIL: 'Admin@Example.com', ADMIN_PASSWORD: 'first-admin-password-1' };

async function superAdmins(ds: DataSource): Promise<{ email: string; region_codes: string[] }[]> {
  return ds.query(`SELECT u.email, s.region_codes FROM staff_role s JOIN app_user u ON u.id = s.user_id WHERE s.role = 'super_admin'`);
}

describe('identity: the first administrator', () => {
  it('creates a city super-admin from ADMIN_EMAIL and ADMIN_PASSWORD who can sign in', async () => {
    const t = await startTestApp({ env: ADMIN });
    try {
      expect(await superAdmins(t.app.get(DataSource))).toEqual([{ email: 'admin@example.com', region_codes: ['350500'] }]);
      const admin = await loginAs(t, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
      const me = await t.request('GET', '/api/v1/me', { token: admin.token });
      expect(me.body.roles).toEqual([{ role: 'super_admin', regionCodes: ['350500'] }]);
      expect((await t.request('GET', '/api/v1/admin/staff', { token: admin.token })).status).toBe(200);
      const [audit] = await t.app.get(DataSource).query(`SELECT action, actor_id FROM audit_entry WHERE stream_type = 'user' AND stream_id = $1`, [admin.userId]);
      expect(audit).toEqual({ action: 'staff.created', actor_id: null });

      // a restart finds the admin and adds nobody
      const again = await createApiApp(t.config, { quiet: true });
      await again.close();
      expect(await superAdmins(t.app.get(DataSource))).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('creates exactly one super-admin when two processes start at once', async () => {
    const db = await createTestDatabase({ entities: ALL_ENTITIES });
    const config = await testConfig(db.url, ADMIN);
    const apps = await Promise.all([createApiApp(config, { quiet: true }), createApiApp(config, { quiet: true })]);
    try {
      const ds = apps[0].get(DataSource);
      expect(await superAdmins(ds)).toHaveLength(1);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM app_user`);
      expect(n).toBe(1);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
      await db.drop();
    }
  });

  it('creates nobody without ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    const t = await startTestApp();
    try {
      expect(await superAdmins(t.app.get(DataSource))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
