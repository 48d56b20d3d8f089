/** Providers, offerings and outbox probes shared by the catalog e2e tests. */
import { DataSource } from 'typeorm';
import { categoryIdOf } from '@innoserve/reference';
import type { TestApp } from '../../../test/support/app.js';
import { loginAs, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { providerBody, withDocuments } from '../../organizations/test/support.js';

export const TESTING = categoryIdOf('testing');
export const TEXTILE_TESTING = categoryIdOf('testing.textile');
export const FOOD_TESTING = categoryIdOf('testing.food');
export const PATENT_AGENCY = categoryIdOf('ip.patent-agency');

/**
 * A provider admitted through the real admission flow (the app runs with ADMISSION_NOTICE_DAYS=0,
 * so the notice ends as it starts). `body` overrides the application body.
 */
export async function admittedProvider(t: TestApp, officer: AuthSession, body: Record<string, unknown> = {}): Promise<{ id: string; owner: AuthSession; regionCode: string }> {
  const owner = await registerAndLogin(t);
  const app = await withDocuments(t, owner.token, providerBody(body));
  const res = await t.request<{ id: string }>('POST', '/api/v1/providers', { token: owner.token, body: app });
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${res.text}`);
  for (const action of ['start-notice', 'admit']) {
    const r = await t.request('POST', `/api/v1/admin/providers/${res.body.id}/admission`, { token: officer.token, body: { action } });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${r.text}`);
  }
  return { id: res.body.id, owner: await loginAs(t, owner.email, owner.password), regionCode: app.regionCode };
}

/** A provider that applied (with its certificates) but is not admitted. */
export async function appliedProvider(t: TestApp, body: Record<string, unknown> = {}): Promise<{ id: string; owner: AuthSession }> {
  const owner = await registerAndLogin(t);
  const res = await t.request<{ id: string }>('POST', '/api/v1/providers', { token: owner.token, body: await withDocuments(t, owner.token, providerBody(body)) });
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${res.text}`);
  return { id: res.body.id, owner };
}

export function offeringBody(providerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    providerId,
    categoryId: TEXTILE_TESTING,
    title: '纺织面料成分及耐洗色牢度检测',
    description: '依据 GB/T 与 ISO 105 标准检测面料成分与色牢度，出具 CMA 报告。',
    deliverables: 'CMA 检测报告一份',
    pricing: { kind: 'per_unit', priceFen: 26_000, unitName: '样品' },
    leadTimeDays: 5,
    regionCodes: ['350582', '350581'],
    tags: ['纺织', '色牢度'],
    qualificationKinds: ['CMA'],
    ...overrides,
  };
}

export interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
}

/** Outbox rows of a topic, oldest first; optionally only those whose payload has `key` = `value`. */
/**
 * The topic's messages so far (of one payload key's value). Reading them takes the pending ones as
 * a worker would (marks them done), so a later change adds a message of its own instead of
 * coalescing into one the test has already counted.
 */
export async function outboxRows(t: TestApp, topic: string, key?: string, value?: string): Promise<OutboxRow[]> {
  const ds = t.app.get(DataSource);
  const rows: OutboxRow[] = await ds.query(
    `SELECT id::text AS id, topic, payload FROM outbox_message WHERE topic = $1 ${key ? `AND payload->>'${key}' = $2` : ''} ORDER BY outbox_message.id`,
    key ? [topic, value] : [topic],
  );
  await ds.query(`UPDATE outbox_message SET status = 'done', processed_at = now() WHERE status = 'pending' AND id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
  return rows;
}

export async function outboxCount(t: TestApp): Promise<number> {
  const [row]: { n: number }[] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox_message`);
  return row.n;
}

export async function offeringAuditActions(t: TestApp, offeringId: string): Promise<string[]> {
  const rows: { action: string }[] = await t.app
    .get(DataSource)
    .query(`SELECT action FROM audit_entry WHERE stream_type = 'offering' AND stream_id = $1 ORDER BY stream_seq`, [offeringId]);
  return rows.map((r) => r.action);
}
