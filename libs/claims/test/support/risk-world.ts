/**
 * Rows for the risk-rule tests, written with plain SQL into a migrated test database: the rules
 * read these tables themselves, so the tests write exactly the columns the rules look at and every
 * NOT NULL the schema asks for. Every helper makes fresh ids and values, so tests share one database.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ClaimUnderReview } from '@innoserve/claims';

let seq = 0;
const next = (): number => ++seq;
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export const DAY = 86_400_000;
export const at = (iso: string): Date => new Date(iso);
export const plusDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY);

export interface OrgInput {
  name?: string;
  legalRepresentative?: string;
  registeredAddress?: string;
  contactPhone?: string;
  bankAccountNo?: string | null;
  shareholders?: string[];
  controllerGroup?: string | null;
}

/** An organization whose every identity value is its own unless given. */
export async function org(m: EntityManager, o: OrgInput = {}): Promise<string> {
  const n = next();
  const id = randomUUID();
  const name = o.name ?? `测试公司${pad(n, 6)}`;
  const account = o.bankAccountNo === undefined ? `6222${pad(n, 12)}` : o.bankAccountNo;
  await m.query(
    `INSERT INTO organization (id, uscc, name, region_code, legal_representative, registered_address, contact_phone,
                               bank_name, bank_account_name, bank_account_no, shareholders, controller_group, version)
     VALUES ($1, $2, $3, '350503', $4, $5, $6, $7, $8, $9, $10, $11, 1)`,
    [
      id,
      `91350500${pad(n, 10)}`,
      name,
      o.legalRepresentative ?? `法人${pad(n, 6)}`,
      o.registeredAddress ?? `泉州市丰泽区测试路${n}号`,
      o.contactPhone ?? `0595-${pad(n, 8)}`,
      account === null ? null : '中国银行泉州分行',
      account === null ? null : name,
      account,
      o.shareholders ?? [],
      o.controllerGroup ?? null,
    ],
  );
  return id;
}

/** The organization's provider profile (admitted), with these provider types. */
export async function providerProfile(m: EntityManager, organizationId: string, types: string[]): Promise<void> {
  await m.query(
    `INSERT INTO provider_profile (organization_id, provider_types, admission_status, admitted_at, admission_expires_at, submitted_at, version)
     VALUES ($1, $2, 'admitted', now(), now() + interval '2 years', now(), 1)`,
    [organizationId, types],
  );
}

export interface OfferingInput {
  providerId: string;
  categoryId: string;
  kind?: 'fixed' | 'per_unit' | 'quote';
  priceFen?: bigint;
  minFen?: bigint;
  maxFen?: bigint;
  status?: string;
}

export async function offering(m: EntityManager, o: OfferingInput): Promise<string> {
  const id = randomUUID();
  const kind = o.kind ?? 'fixed';
  await m.query(
    `INSERT INTO offering (id, provider_id, category_id, title, description, deliverables, pricing_kind, price_fen, unit_name, min_fen, max_fen,
                           lead_time_days, status, created_by, published_at)
     VALUES ($1, $2, $3, '检测服务', '说明', '报告', $4, $5, $6, $7, $8, 30, $9, $1, now())`,
    [
      id,
      o.providerId,
      o.categoryId,
      kind,
      kind === 'quote' ? null : String(o.priceFen ?? 100_000n),
      kind === 'per_unit' ? '件' : null,
      kind === 'quote' ? String(o.minFen ?? 1n) : null,
      kind === 'quote' ? String(o.maxFen ?? 100_000n) : null,
      o.status ?? 'published',
    ],
  );
  return id;
}

export interface OrderInput {
  enterpriseId: string;
  providerId: string;
  programId: string;
  offeringId?: string;
  categoryId?: string;
  priceFen: bigint;
  contractedAt: Date;
  status?: string;
  quantity?: number;
  pricingKind?: 'fixed' | 'per_unit' | 'quote';
  leadTimeDays?: number;
  startedAt?: Date | null;
  deliveredAt?: Date | null;
}

export async function order(m: EntityManager, o: OrderInput): Promise<string> {
  const id = randomUUID();
  await m.query(
    `INSERT INTO service_order (id, order_no, enterprise_id, provider_id, offering_id, category_id, region_code, offering_title, pricing_kind,
                                quantity, requirements, status, price_fen, lead_time_days, program_id, contracted_at, started_at, delivered_at, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, '350503', '检测服务', $7, $8, '需求', $9, $10, $11, $12, $13, $14, $15, $1, $13)`,
    [
      id,
      `SO-T-${pad(next(), 8)}`,
      o.enterpriseId,
      o.providerId,
      o.offeringId ?? randomUUID(),
      o.categoryId ?? randomUUID(),
      o.pricingKind ?? 'fixed',
      o.quantity ?? 1,
      o.status ?? 'completed',
      String(o.priceFen),
      o.leadTimeDays ?? 30,
      o.programId,
      o.contractedAt,
      o.startedAt === undefined ? plusDays(o.contractedAt, 1) : o.startedAt,
      o.deliveredAt === undefined ? plusDays(o.contractedAt, 20) : o.deliveredAt,
    ],
  );
  return id;
}

export async function payment(
  m: EntityManager,
  p: { enterpriseId: string; providerId: string; succeededAt: Date; amountFen?: bigint; status?: string },
): Promise<string> {
  const id = randomUUID();
  await m.query(
    `INSERT INTO payment (id, order_id, enterprise_id, provider_id, method, status, amount_fen, reference, succeeded_at, created_by)
     VALUES ($1, $2, $3, $4, 'offline', $5, $6, $7, $8, $1)`,
    [id, randomUUID(), p.enterpriseId, p.providerId, p.status ?? 'succeeded', String(p.amountFen ?? 50_000n), `IS-T${pad(next(), 8)}`, p.succeededAt],
  );
  return id;
}

export interface ClaimInput {
  orderId?: string;
  programId: string;
  enterpriseId: string;
  providerId: string;
  status?: string;
  invoiceCode?: string;
  invoiceNumber?: string;
  issuedOn?: string;
  invoiceAmountFen?: bigint;
  sellerTaxId?: string;
}

/** A claim row; the fapiao number is fresh unless given. */
export async function claimRow(m: EntityManager, c: ClaimInput): Promise<string> {
  const id = randomUUID();
  const n = next();
  await m.query(
    `INSERT INTO subsidy_claim (id, claim_no, order_id, program_id, grant_id, hold_id, enterprise_id, provider_id, claimant_id, settlement_mode,
                                region_code, category_id, status, amount_fen, price_fen, invoice_code, invoice_number, invoice_issued_on,
                                invoice_amount_fen, seller_tax_id, buyer_tax_id, evidence, levels, level_since, level_due_on, deadline_on,
                                submitted_at, created_by)
     VALUES ($1, $2, $3, $4, $1, $1, $5, $6, $6, 'provider_redeems', '350503', $1, $7, 50000, 100000, $8, $9, $10, $11, $12, '91350500EEEEEEEEEE',
             '{"contractNo":null,"deliveryReportFileId":null,"payments":[]}', '{county,city}', now(), '2026-12-31', '2026-12-31', now(), $1)`,
    [
      id,
      `BT-T-${pad(n, 8)}`,
      c.orderId ?? randomUUID(),
      c.programId,
      c.enterpriseId,
      c.providerId,
      c.status ?? 'in_review',
      c.invoiceCode ?? '',
      c.invoiceNumber ?? `2635${pad(n, 16)}`,
      c.issuedOn ?? '2026-06-25',
      String(c.invoiceAmountFen ?? 100_000n),
      c.sellerTaxId ?? `91350500S${pad(n, 9)}`,
    ],
  );
  return id;
}

/** The base case: a clean order and its claim (written), and the ClaimUnderReview the service would build. */
export interface Base {
  enterpriseId: string;
  providerId: string;
  programId: string;
  categoryId: string;
  offeringId: string;
  orderId: string;
  claimId: string;
  claim: ClaimUnderReview;
}

export const CONTRACTED = at('2026-06-01T02:00:00Z'); // 10:00 in Shanghai

export async function base(m: EntityManager, o: { enterprise?: OrgInput; provider?: OrgInput; priceFen?: bigint } = {}): Promise<Base> {
  const enterpriseId = await org(m, o.enterprise);
  const providerId = await org(m, o.provider);
  const programId = randomUUID();
  const categoryId = randomUUID();
  const priceFen = o.priceFen ?? 100_000n;
  const offeringId = await offering(m, { providerId, categoryId, priceFen: 100_000n });
  const orderId = await order(m, { enterpriseId, providerId, programId, offeringId, categoryId, priceFen, contractedAt: CONTRACTED });
  const sellerTaxId = `91350500P${pad(next(), 9)}`;
  const invoiceNumber = `2635${pad(next(), 16)}`;
  const claimId = await claimRow(m, { orderId, programId, enterpriseId, providerId, invoiceNumber, issuedOn: '2026-06-22', invoiceAmountFen: priceFen, sellerTaxId });
  return {
    enterpriseId,
    providerId,
    programId,
    categoryId,
    offeringId,
    orderId,
    claimId,
    claim: {
      claimId,
      programId,
      orderId,
      enterpriseId,
      providerId,
      offeringId,
      categoryId,
      priceFen,
      subsidyFen: priceFen / 2n,
      ratioBp: 5_000,
      perOrderCapFen: 200_000n, // the cap is reached at a price of 400,000 fen
      leadTimeDays: 30,
      requestedAt: at('2026-05-20T02:00:00Z'),
      contractedAt: CONTRACTED,
      startedAt: plusDays(CONTRACTED, 1),
      deliveredAt: plusDays(CONTRACTED, 20),
      grantedAt: at('2026-05-01T02:00:00Z'),
      invoice: { code: '', number: invoiceNumber, issuedOn: '2026-06-22', amountFen: priceFen, sellerTaxId },
      submittedAt: plusDays(CONTRACTED, 25),
    },
  };
}
