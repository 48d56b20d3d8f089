/**
 * Demo enterprises and providers, created through the same services as the API (owners register,
 * staff decide), so the demo history is audited like real data. History is back-dated with a
 * manual clock: a provider's public notice started ten days ago has ended today.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ManualClock } from '@innoserve/core';
import { UsersService, type Principal } from '@innoserve/identity';
import { makeUscc, OrganizationsService, type Industry, type ProviderType, type QualificationKind } from '@innoserve/organizations';
import { ReferenceService } from '@innoserve/reference';
import { FilesService } from '@innoserve/files';
import { uploadDemoDocument } from './demo-files.js';
import { DEMO_ENTERPRISES, DEMO_PASSWORD, DEMO_PROVIDERS, demoOwnerEmail } from './demo-data.js';

export async function principalOf(users: UsersService, email: string): Promise<Principal> {
  const u = await users.findByEmail(email);
  if (!u) throw new Error(`demo seed: ${email} is missing`);
  return { userId: u.id, email: u.email, displayName: u.displayName, locale: 'zh', staff: await users.staffGrantsOf(u.id) };
}

async function ownerOf(users: UsersService, key: string, name: string): Promise<string> {
  const email = demoOwnerEmail(key);
  const existing = await users.findByEmail(email);
  if (existing) return existing.id;
  const u = await users.createUser({ email, password: DEMO_PASSWORD, displayName: `${name.slice(0, 12)} 管理员`, locale: 'zh' }, { actorId: null });
  return u.id;
}

export async function seedOrganizations(app: INestApplicationContext, clock: ManualClock, noticeDays: number): Promise<{ created: number }> {
  const ds = app.get(DataSource);
  const users = app.get(UsersService);
  const orgs = app.get(OrganizationsService);
  const reference = app.get(ReferenceService);
  const files = app.get(FilesService);
  const officer = await principalOf(users, 'officer@demo.innoserve.cn');
  const now = new Date();
  const exists = async (uscc: string) =>
    ((await ds.query<{ id: string }[]>('SELECT id FROM organization WHERE uscc = $1', [uscc]))[0]?.id ?? null);
  let created = 0;

  for (const [i, e] of DEMO_ENTERPRISES.entries()) {
    const uscc = makeUscc(e.regionCode, 100 + i);
    if (await exists(uscc)) continue;
    clock.set(new Date(now.getTime() - 30 * 86_400_000));
    const owner = await ownerOf(users, e.key, e.name);
    const businessLicenceFileId = await uploadDemoDocument(files, await principalOf(users, demoOwnerEmail(e.key)), '营业执照.pdf', ['Business licence', `USCC ${uscc}`]);
    const view = await orgs.createEnterprise(owner, {
      name: e.name,
      uscc,
      regionCode: e.regionCode,
      industry: e.industry as Industry,
      employees: e.employees,
      annualRevenueFen: e.annualRevenueFen,
      totalAssetsFen: e.totalAssetsFen,
      legalRepresentative: e.legalRepresentative,
      registeredAddress: e.address,
      contactPhone: e.phone,
      establishedOn: e.establishedOn,
      bankAccount: { bankName: '中国工商银行泉州分行', accountName: e.name, accountNo: `14080${String(1000000000 + i * 7919)}`, cnapsCode: `102397${String(100000 + i).slice(-6)}` },
      controllerGroup: e.controllerGroup ?? null,
      shareholders: e.shareholders,
      techSmeNo: e.techSmeNo ?? null,
      highTechCertNo: e.highTechCertNo ?? null,
      highTechCertExpiresOn: e.highTechCertExpiresOn ?? null,
      businessLicenceFileId,
    });
    clock.set(new Date(now.getTime() - 25 * 86_400_000));
    if (e.status === 'verified') await orgs.decideVerification(officer, view.id, { decision: 'approve' });
    if (e.status === 'rejected') await orgs.decideVerification(officer, view.id, { decision: 'reject', reason: '营业执照信息与登记信息不一致，请核对后重新提交。' });
    created++;
  }

  for (const [i, p] of DEMO_PROVIDERS.entries()) {
    const uscc = makeUscc(p.regionCode, 500 + i);
    if (await exists(uscc)) continue;
    clock.set(new Date(now.getTime() - (noticeDays + 10) * 86_400_000));
    const owner = await ownerOf(users, p.key, p.name);
    const categoryIds: string[] = [];
    for (const code of p.categoryCodes) {
      const c = await reference.getCategoryByCode(code);
      if (!c) throw new Error(`demo seed: unknown category ${code}`);
      categoryIds.push(c.id);
    }
    const ownerPrincipal = await principalOf(users, demoOwnerEmail(p.key));
    const qualifications = [];
    for (const q of p.qualifications) {
      const certificateFileId = await uploadDemoDocument(files, ownerPrincipal, `${q.kind}证书.pdf`, [`${q.kind} certificate`, `No. ${q.number}`, `USCC ${uscc}`]);
      qualifications.push({ kind: q.kind as QualificationKind, number: q.number, expiresOn: q.expiresOn ?? null, certificateFileId });
    }
    const view = await orgs.createProvider(owner, {
      name: p.name,
      uscc,
      regionCode: p.regionCode,
      legalRepresentative: p.legalRepresentative,
      registeredAddress: p.address,
      contactPhone: p.phone,
      bankAccount: { bankName: '中国银行泉州分行', accountName: p.name, accountNo: `40770${String(2000000000 + i * 104729)}`, cnapsCode: `104397${String(200000 + i).slice(-6)}` },
      providerTypes: p.providerTypes as ProviderType[],
      qualifications,
      categoryIds,
    });
    if (p.status !== 'applied') {
      clock.set(new Date(now.getTime() - (noticeDays + 8) * 86_400_000));
      await orgs.decideAdmission(officer, view.id, { action: 'review' });
      // admitted providers started their notice long enough ago for it to have ended today
      clock.set(new Date(now.getTime() - (p.status === 'admitted' ? noticeDays + 7 : 0) * 86_400_000));
      await orgs.decideAdmission(officer, view.id, { action: 'start-notice' });
      if (p.status === 'admitted') {
        clock.set(now);
        await orgs.decideAdmission(officer, view.id, { action: 'admit' });
      }
    }
    created++;
  }
  clock.set(new Date());
  return { created };
}

export function demoOrganizationLogins(): { email: string; who: string }[] {
  return [
    ...DEMO_ENTERPRISES.map((e) => ({ email: demoOwnerEmail(e.key), who: `企业 ${e.name} (${e.status})` })),
    ...DEMO_PROVIDERS.map((p) => ({ email: demoOwnerEmail(p.key), who: `服务机构 ${p.name} (${p.status})` })),
  ];
}
