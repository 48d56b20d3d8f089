/**
 * The world of the order tests, built through the real HTTP API where it matters (admission,
 * offerings, programs, grants) and in SQL where only the facts matter (verified enterprises):
 * a program officer, an admitted provider with a published fixed-price offering, verified
 * enterprises in Jinjiang owned by one user, and an open, funded program that subsidises textile
 * testing at 50% (city 50% + county 50%).
 */
import { DataSource } from 'typeorm';
import { ManualClock } from '@innoserve/core';
import { CatalogSearchFeed } from '@innoserve/catalog';
import { PostgresEngine, SearchDocumentBuilder, SearchReconciler } from '@innoserve/search';
import { LedgerVerifier, ProgramCoverageService } from '@innoserve/vouchers';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, loginAs, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { admittedProvider, offeringBody } from '../../catalog/test/support.js';
import { IN_WINDOW, programBody, seedEnterprises } from '../../vouchers/test/program-support.js';

export interface World {
  t: TestApp;
  clock: ManualClock;
  officer: AuthSession;
  provider: { id: string; owner: AuthSession; regionCode: string };
  buyer: AuthSession;
  /** Verified enterprises owned by `buyer`. */
  enterprises: string[];
  offeringId: string;
  /** A quote-priced offering of the same provider. */
  quoteOfferingId: string;
  programId: string;
}

export const PRICE = 100_000; // ¥1,000.00: the fixed-price offering's list price

export async function startWorld(opts: { enterprises?: number; program?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<World> {
  const clock = new ManualClock(IN_WINDOW);
  const t = await startTestApp({ clock, env: { ADMISSION_NOTICE_DAYS: '0', ...(opts.env ?? {}) } });
  const officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
  const provider = await admittedProvider(t, officer);
  const offeringId = await publish(t, officer, provider, { pricing: { kind: 'fixed', priceFen: PRICE }, title: '纺织面料成分检测（标准套餐）' });
  const quoteOfferingId = await publish(t, officer, provider, { pricing: { kind: 'quote', minFen: 50_000, maxFen: 500_000 }, title: '纺织品定制检测方案' });
  const buyer = await registerAndLogin(t);
  const enterprises = await seedEnterprises(t, opts.enterprises ?? 3, buyer.userId);
  const programId = await openProgram(t, officer, opts.program ?? {});
  return { t, clock, officer, provider, buyer, enterprises, offeringId, quoteOfferingId, programId };
}

export async function publish(t: TestApp, officer: AuthSession, provider: { id: string; owner: AuthSession }, overrides: Record<string, unknown>): Promise<string> {
  const created = await t.request<{ id: string }>('POST', '/api/v1/offerings', { token: provider.owner.token, body: offeringBody(provider.id, overrides) });
  if (created.status !== 201) throw new Error(`offering: ${created.status} ${created.text}`);
  await ok(t.request('POST', `/api/v1/offerings/${created.body.id}/submit`, { token: provider.owner.token }));
  await ok(t.request('POST', `/api/v1/admin/offerings/${created.body.id}/moderation`, { token: officer.token, body: { decision: 'publish' } }));
  return created.body.id;
}

export async function openProgram(t: TestApp, officer: AuthSession, overrides: Record<string, unknown>, funding: Record<string, number> = { city: 50_000_000, jinjiang: 50_000_000, nanan: 50_000_000 }): Promise<string> {
  const created = await t.request<{ id: string }>('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody(overrides) });
  if (created.status !== 201) throw new Error(`program: ${created.status} ${created.text}`);
  for (const [sourceKey, amountFen] of Object.entries(funding)) {
    await ok(t.request('POST', `/api/v1/admin/programs/${created.body.id}/funding`, { token: officer.token, body: { sourceKey, amountFen } }));
  }
  await ok(t.request('POST', `/api/v1/admin/programs/${created.body.id}/open`, { token: officer.token }));
  return created.body.id;
}

/** A grant of `amountFen` for the enterprise (first come, first served); answers the grant id. */
export async function grant(w: World, enterpriseId: string, amountFen: number, programId = w.programId): Promise<string> {
  const res = await w.t.request<{ grant: { id: string } }>('POST', `/api/v1/programs/${programId}/applications`, { token: w.buyer.token, body: { enterpriseId, requestedFen: amountFen, purpose: '新产品检测' } });
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${res.text}`);
  return res.body.grant.id;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are read loosely, like TestApp.request's
export async function ok<T = any>(p: Promise<{ status: number; text: string; body: T }>): Promise<T> {
  const res = await p;
  if (res.status < 200 || res.status > 299) throw new Error(`${res.status} ${res.text}`);
  return res.body;
}

/** The grant's available and held amounts (GET /enterprises/:id/grants). */
export async function grantAmounts(w: World, enterpriseId: string, grantId: string): Promise<{ availableFen: number; heldFen: number }> {
  const res = await w.t.request<{ id: string; availableFen: number; heldFen: number }[]>('GET', `/api/v1/enterprises/${enterpriseId}/grants`, { token: w.buyer.token });
  const g = res.body.find((x) => x.id === grantId)!;
  return { availableFen: g.availableFen, heldFen: g.heldFen };
}

/** Ledger verification (balances = entries, every transaction balanced, no forbidden negative). */
export async function ledgerClean(w: World): Promise<boolean> {
  const report = await w.t.app.get(LedgerVerifier).verify();
  return report.ok;
}

export async function auditActionsOf(w: World, orderId: string): Promise<string[]> {
  const rows: { action: string }[] = await w.t.app.get(DataSource).query(`SELECT action FROM audit_entry WHERE stream_type = 'order' AND stream_id = $1 ORDER BY stream_seq`, [orderId]);
  return rows.map((r) => r.action);
}

/** A small valid PDF, uploaded through POST /api/v1/files as `token`; answers the file id. */
export async function uploadPdf(w: World, token: string, name = '检测报告.pdf'): Promise<string> {
  const boundary = '----innoserve' + Math.random().toString(16).slice(2);
  const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
  const body = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"`, 'Content-Type: application/pdf', '', pdf, `--${boundary}--`, ''].join('\r\n');
  const res = await w.t.request<{ id: string }>('POST', '/api/v1/files', { token, rawBody: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
  return res.body.id;
}


/** Brings the search index up to the catalog (the worker's job; no worker runs in these tests). */
export async function indexCatalog(w: World): Promise<void> {
  const documents = new SearchDocumentBuilder(w.t.app.get(CatalogSearchFeed), w.t.app.get(ProgramCoverageService));
  await new SearchReconciler(new PostgresEngine(w.t.app.get(DataSource)), documents).reconcile();
}

/** Moves the clock by whole days and signs everybody in again (access tokens are checked against the clock). */
export async function advanceDays(w: World, days: number): Promise<void> {
  w.clock.advanceDays(days);
  w.buyer = await loginAs(w.t, w.buyer.email, w.buyer.password);
  w.provider.owner = await loginAs(w.t, w.provider.owner.email, w.provider.owner.password);
  w.officer = await loginAs(w.t, w.officer.email, w.officer.password);
}

/** An order of the fixed-price offering taken to `until` (contracted, paid by bank transfer, started, or completed); answers its id. */
export async function orderUntil(w: World, enterpriseId: string, until: 'contracted' | 'started' | 'completed', opts: { grantId?: string; requirements?: string } = {}): Promise<string> {
  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
  const order = await ok<{ id: string }>(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId, requirements: opts.requirements ?? '面料成分检测' }));
  await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, opts.grantId ? { grantId: opts.grantId } : {}));
  if (until === 'contracted') return order.id;
  const pay = await ok<{ id: string }>(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
  const [{ name }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [enterpriseId]);
  await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'R', payerName: name, payerAccountNo: '6222000011112222' }));
  await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
  if (until === 'started') return order.id;
  await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
  await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/complete`));
  return order.id;
}

/** The fapiao of an order of the fixed-price offering (¥1,000), matching the contract's parties. */
export async function fapiaoOf(w: World, enterpriseId: string, number: string, issuedOn = '2026-03-10'): Promise<Record<string, unknown>> {
  const rows: { id: string; uscc: string }[] = await w.t.app.get(DataSource).query('SELECT id, uscc FROM organization WHERE id = ANY($1)', [[enterpriseId, w.provider.id]]);
  return { code: '3500231130', number, issuedOn, amountFen: PRICE, sellerTaxId: rows.find((r) => r.id === w.provider.id)!.uscc, buyerTaxId: rows.find((r) => r.id === enterpriseId)!.uscc };
}

/**
 * Gives the organization a bank account in its registered name, as staff verified it (the facts;
 * verification itself is tested in organizations). Answers the account.
 */
export async function verifiedBankAccount(w: World, organizationId: string, account: { bankName: string; accountNo: string; cnapsCode: string } = { bankName: '中国工商银行晋江支行', accountNo: '1408012345678901234', cnapsCode: '102397000123' }): Promise<{ bankName: string; accountName: string; accountNo: string; cnapsCode: string }> {
  const ds = w.t.app.get(DataSource);
  const [{ name }]: { name: string }[] = await ds.query('SELECT name FROM organization WHERE id = $1', [organizationId]);
  await ds.query(
    `UPDATE organization SET bank_name = $2::text, bank_account_name = $3::text, bank_account_no = $4::text, bank_cnaps_code = $5::text,
            verified_bank_account = jsonb_build_object('bankName', $2::text, 'accountName', $3::text, 'accountNo', $4::text, 'cnapsCode', $5::text, 'verifiedAt', now(), 'verifiedBy', NULL) WHERE id = $1`,
    [organizationId, account.bankName, name, account.accountNo, account.cnapsCode],
  );
  return { ...account, accountName: name };
}
