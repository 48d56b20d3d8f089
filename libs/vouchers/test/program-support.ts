/** Helpers of the voucher program e2e tests: verified enterprises made fast in SQL, program bodies. */
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newId } from '@innoserve/core';
import { makeUscc } from '@innoserve/organizations';
import { categoryIdOf } from '@innoserve/reference';
import type { TestApp } from '../../../test/support/app.js';

export const TEXTILE_TESTING = categoryIdOf('testing.textile');
export const JINJIANG = '350582';
export const NANAN = '350583';

export interface EnterpriseSeed {
  regionCode?: string;
  sizeClass?: 'micro' | 'small' | 'medium' | 'large';
  status?: 'pending' | 'verified' | 'rejected' | 'suspended';
  controllerGroup?: string | null;
  techSmeNo?: string | null;
  highTechCertNo?: string | null;
  highTechCertExpiresOn?: string | null;
  establishedOn?: string | null;
  blacklistedUntil?: string | null;
}

/** `n` enterprises (verified, small, Jinjiang unless told) with `memberUserId` as their owner, inserted in three statements. */
export async function seedEnterprises(t: TestApp, n: number, memberUserId: string, seed: EnterpriseSeed = {}): Promise<string[]> {
  const ds = t.app.get(DataSource);
  const region = seed.regionCode ?? JINJIANG;
  const ids = Array.from({ length: n }, () => newId());
  const usccs = ids.map(() => makeUscc(region, randomInt(0, 31 ** 8)));
  const names = ids.map((_, i) => `晋江市测试企业${randomInt(1_000_000_000)}-${i}`);
  await ds.query(
    `INSERT INTO organization (id, uscc, name, region_code, legal_representative, registered_address, contact_phone, established_on, controller_group, blacklisted_until, blacklist_reason, version)
     SELECT u.id, u.uscc, u.name, $4, '张三', '福建省泉州市示例路1号', '0595-88880000', $5::date, $6, $7::date, CASE WHEN $7::date IS NULL THEN NULL ELSE 'test' END, 1
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) AS u(id, uscc, name)`,
    [ids, usccs, names, region, seed.establishedOn === undefined ? '2015-06-01' : seed.establishedOn, seed.controllerGroup ?? null, seed.blacklistedUntil ?? null],
  );
  await ds.query(
    `INSERT INTO enterprise_profile (organization_id, industry, employees, annual_revenue_fen, total_assets_fen, size_class, tech_sme_no, high_tech_cert_no, high_tech_cert_expires_on, status, submitted_at, verified_at, version)
     SELECT u.id, 'industry', 45, 1200000000, 800000000, $2, $3, $4, $5::date, $6::varchar, now(), CASE WHEN $6::varchar = 'verified' THEN now() END, 1
       FROM unnest($1::uuid[]) AS u(id)`,
    [ids, seed.sizeClass ?? 'small', seed.techSmeNo ?? null, seed.highTechCertNo ?? null, seed.highTechCertExpiresOn ?? null, seed.status ?? 'verified'],
  );
  await ds.query(`INSERT INTO membership (id, organization_id, user_id, role) SELECT gen_random_uuid(), u.id, $2, 'owner' FROM unnest($1::uuid[]) AS u(id)`, [ids, memberUserId]);
  return ids;
}

/** A valid POST /admin/programs body: city 50% + Jinjiang/Nan'an county pools 50%, FCFS. */
export function programBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `2026年泉州市科技创新券${randomInt(1_000_000)}`,
    fiscalYear: 2026,
    applicationOpensOn: '2026-03-01',
    applicationClosesOn: '2026-06-30',
    allocationMode: 'fcfs',
    settlementMode: 'provider_redeems',
    fundingSources: [
      { key: 'city', name: '泉州市科技局', shareBp: 5000 },
      { key: 'jinjiang', name: '晋江市科技局', regionCode: JINJIANG, shareBp: 5000 },
      { key: 'nanan', name: '南安市科技局', regionCode: NANAN, shareBp: 5000 },
    ],
    eligibility: { sizeClasses: ['micro', 'small', 'medium'], regionCodes: [JINJIANG, NANAN] },
    subsidyRules: [{ categoryId: TEXTILE_TESTING, ratioBp: 5000, perOrderCapFen: 2_000_000 }],
    enterpriseAnnualCapFen: 10_000_000,
    maxGrantFen: 5_000_000,
    ...overrides,
  };
}

/** 2026-03-10 10:00 in Asia/Shanghai: inside programBody()'s window. */
export const IN_WINDOW = new Date('2026-03-10T02:00:00Z');
