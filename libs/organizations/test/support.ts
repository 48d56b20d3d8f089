/** Request bodies and helpers shared by the organizations e2e tests. */
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { categoryIdOf } from '@innoserve/reference';
import { makeUscc, usccCheckChar, USCC_ALPHABET } from '../src/domain/uscc.js';
import type { TestApp } from '../../../test/support/app.js';
import { uploadPdf } from '../../../test/support/files.js';

/** A valid USCC not used before in this run. */
export function freshUscc(region = '350582'): string {
  return makeUscc(region, randomInt(0, 31 ** 8));
}

/** A well-formed USCC whose check character is wrong. */
export function wrongCheckUscc(region = '350582'): string {
  const good = freshUscc(region);
  const right = usccCheckChar(good.slice(0, 17));
  const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(right) + 1) % USCC_ALPHABET.length];
  return good.slice(0, 17) + wrong;
}

export const TEXTILE_TESTING = categoryIdOf('testing.textile');
export const FOOD_TESTING = categoryIdOf('testing.food');
export const PATENT_AGENCY = categoryIdOf('ip.patent-agency');

export interface BankAccountBody {
  bankName: string;
  accountName: string;
  accountNo: string;
}

/** A request body: the fields the tests read are typed, the rest left open. */
export interface OrganizationBody {
  name: string;
  uscc: string;
  regionCode: string;
  bankAccount: BankAccountBody;
  [field: string]: unknown;
}

export function enterpriseBody(overrides: Record<string, unknown> = {}): OrganizationBody {
  const name = (overrides.name as string | undefined) ?? `晋江市示例科技有限公司${randomInt(1_000_000)}`;
  return {
    name,
    uscc: freshUscc(),
    regionCode: '350582',
    industry: 'industry',
    employees: 45,
    annualRevenueFen: 12_000_000_00, // 1,200万元
    totalAssetsFen: 8_000_000_00,
    legalRepresentative: '张三',
    registeredAddress: '福建省泉州市晋江市青阳街道示例路1号',
    contactPhone: '0595-88880000',
    establishedOn: '2015-06-01',
    bankAccount: { bankName: '中国工商银行晋江支行', accountName: name, accountNo: '1408012345678901234' },
    shareholders: ['张三', '李四'],
    ...overrides,
  };
}

export function providerBody(overrides: Record<string, unknown> = {}): OrganizationBody {
  const name = (overrides.name as string | undefined) ?? `泉州市示例检测技术有限公司${randomInt(1_000_000)}`;
  return {
    name,
    uscc: freshUscc('350503'),
    regionCode: '350503',
    legalRepresentative: '王五',
    registeredAddress: '福建省泉州市丰泽区示例路8号',
    contactPhone: '0595-22220000',
    bankAccount: { bankName: '中国银行泉州分行', accountName: name, accountNo: '4011 2233 4455 6677' },
    providerTypes: ['testing_lab'],
    qualifications: [{ kind: 'CMA', number: '201512345678', expiresOn: '2030-12-31' }],
    categoryIds: [TEXTILE_TESTING],
    ...overrides,
  };
}

/** The actions of the audit stream of an organization, in order. */
export async function auditActions(t: TestApp, organizationId: string): Promise<string[]> {
  const rows: { action: string }[] = await t.app
    .get(DataSource)
    .query(`SELECT action FROM audit_entry WHERE stream_type = 'organization' AND stream_id = $1 ORDER BY stream_seq`, [organizationId]);
  return rows.map((r) => r.action);
}

export async function auditEntries(t: TestApp, organizationId: string, action: string): Promise<{ actor_id: string | null; before: unknown; after: unknown; reason: string | null }[]> {
  return t.app
    .get(DataSource)
    .query(`SELECT actor_id, before, after, reason FROM audit_entry WHERE stream_type = 'organization' AND stream_id = $1 AND action = $2 ORDER BY stream_seq`, [
      organizationId,
      action,
    ]);
}

/**
 * The body with its documents uploaded as `token`'s user: an enterprise body gets its business
 * licence, a provider body a certificate on every qualification (what verification and admission require).
 */
export async function withDocuments<T extends Record<string, unknown>>(t: TestApp, token: string, body: T): Promise<T> {
  if ('industry' in body) return { ...body, businessLicenceFileId: await uploadPdf(t, token, '营业执照.pdf') };
  if (!Array.isArray(body.qualifications)) return body;
  const quals = body.qualifications as Record<string, unknown>[];
  const withFiles = [];
  for (const q of quals) withFiles.push(q && typeof q === 'object' ? { ...q, certificateFileId: await uploadPdf(t, token, `${String(q.kind)}证书.pdf`) } : q);
  return { ...body, qualifications: withFiles };
}

/**
 * Attaches the documents to an organization registered elsewhere (e.g. through the web forms), as
 * its member `token`: the enterprise's business licence, or a certificate on each of the provider's
 * qualifications (while its application may still be edited).
 */
export async function attachDocuments(t: TestApp, token: string, organizationId: string, profile: 'enterprise' | 'provider'): Promise<void> {
  if (profile === 'enterprise') {
    const res = await t.request('PATCH', `/api/v1/enterprises/${organizationId}`, { token, body: { businessLicenceFileId: await uploadPdf(t, token, '营业执照.pdf') } });
    if (res.status !== 200) throw new Error(`attach licence: ${res.status} ${res.text}`);
    return;
  }
  const { body: p } = await t.request<{ qualifications: { kind: string; number: string; expiresOn: string | null }[] }>('GET', `/api/v1/providers/${organizationId}`, { token });
  const qualifications = [];
  for (const q of p.qualifications) qualifications.push({ kind: q.kind, number: q.number, expiresOn: q.expiresOn, certificateFileId: await uploadPdf(t, token, `${q.kind}.pdf`) });
  const res = await t.request('PATCH', `/api/v1/providers/${organizationId}`, { token, body: { qualifications } });
  if (res.status !== 200) throw new Error(`attach certificates: ${res.status} ${res.text}`);
}
