/**
 * The demo's money: an open, funded city voucher program (the city's 50% plus the county pool of
 * the buyer's home region), grants for the verified demo enterprises, and orders in every state
 * between demo enterprises and providers — all through the services, back-dated with the seed's
 * clock so the history reads like weeks of use.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ManualClock, shanghaiDate, addCalendarDays } from '@innoserve/core';
import { FilesService } from '@innoserve/files';
import { UsersService, type Principal } from '@innoserve/identity';
import { OrderConversationService, OrderPaymentsService, OrdersService } from '@innoserve/orders';
import { categoryIdOf } from '@innoserve/reference';
import { ApplicationsService, ProgramsService } from '@innoserve/vouchers';
import { DEMO_ENTERPRISES, demoOwnerEmail } from './demo-data.js';
import { principalOf } from './organizations.seed.js';

export const DEMO_PROGRAM_NAME = '泉州市科技创新券（2026年第一批）';

/** County pools: each verified demo enterprise's home region has one. */
const COUNTY_POOLS = [
  { key: 'jinjiang', name: '晋江市科技局', regionCode: '350582' },
  { key: 'nanan', name: '南安市科技局', regionCode: '350583' },
  { key: 'shishi', name: '石狮市科技局', regionCode: '350581' },
  { key: 'anxi', name: '安溪县科技局', regionCode: '350524' },
  { key: 'fengze', name: '丰泽区科技局', regionCode: '350503' },
];

const wan = (n: number): number => n * 10_000 * 100; // 万元 → fen

type NewProgram = Parameters<ProgramsService['create']>[1];

export function demoProgram(today: string): NewProgram {
  return {
    name: DEMO_PROGRAM_NAME,
    fiscalYear: Number(today.slice(0, 4)),
    applicationOpensOn: addCalendarDays(today, -45),
    applicationClosesOn: addCalendarDays(today, 180),
    grantExpiresOn: `${Number(today.slice(0, 4)) + 1}-12-31`,
    allocationMode: 'fcfs',
    settlementMode: 'provider_redeems',
    fundingSources: [{ key: 'city', name: '泉州市科学技术局', shareBp: 5000 }, ...COUNTY_POOLS.map((c) => ({ ...c, shareBp: 5000 }))],
    eligibility: { sizeClasses: ['micro', 'small', 'medium'], regionCodes: COUNTY_POOLS.map((c) => c.regionCode), requiredFlags: [], minMonthsRegistered: 12 },
    subsidyRules: [
      { categoryId: categoryIdOf('testing'), ratioBp: 5000, perOrderCapFen: wan(2) },
      { categoryId: categoryIdOf('ip'), ratioBp: 4000, perOrderCapFen: wan(1) },
      { categoryId: categoryIdOf('transfer'), ratioBp: 3000, perOrderCapFen: wan(5) },
      { categoryId: categoryIdOf('incubation'), ratioBp: 5000, perOrderCapFen: wan(1) },
      { categoryId: categoryIdOf('rd'), ratioBp: 3000, perOrderCapFen: wan(5) },
      { categoryId: categoryIdOf('pilot'), ratioBp: 3000, perOrderCapFen: wan(5) },
      { categoryId: categoryIdOf('consulting'), ratioBp: 4000, perOrderCapFen: wan(1) },
    ],
    enterpriseAnnualCapFen: wan(20),
    highTechAnnualCapFen: wan(30),
    providerAnnualCapFen: wan(100),
    maxGrantFen: wan(10),
    claimDeadlineDays: 90,
    reviewLevels: ['county', 'city'],
    secondApprovalAboveFen: wan(5),
  };
}

/** Creates, funds and opens the demo program once; grants for every verified demo enterprise. Answers what it created. */
export async function seedProgram(app: INestApplicationContext, clock: ManualClock, officer: Principal): Promise<{ program: number; grants: number }> {
  const ds = app.get(DataSource);
  const programs = app.get(ProgramsService);
  const applications = app.get(ApplicationsService);
  const users = app.get(UsersService);
  let program = 0;
  let [row] = await ds.query<{ id: string }[]>('SELECT id FROM voucher_program WHERE name = $1', [DEMO_PROGRAM_NAME]);
  if (!row) {
    const now = new Date();
    clock.set(new Date(now.getTime() - 40 * 86_400_000));
    const created = await programs.create(officer, demoProgram(shanghaiDate(now)));
    await programs.fund(officer, created.id, 'city', BigInt(wan(500)));
    for (const c of COUNTY_POOLS) await programs.fund(officer, created.id, c.key, BigInt(wan(100)));
    await programs.transition(officer, created.id, 'open');
    clock.set(now);
    row = { id: created.id };
    program = 1;
  }
  let grants = 0;
  const amounts = [wan(10), wan(8), wan(5), wan(6), wan(3), wan(2), wan(4)];
  // granted before the demo's orders (40 days ago), as in life
  const now = new Date();
  clock.set(new Date(now.getTime() - 40 * 86_400_000 + 3_600_000));
  for (const [i, e] of DEMO_ENTERPRISES.filter((x) => x.status === 'verified').entries()) {
    const owner = await principalOf(users, demoOwnerEmail(e.key));
    const [org] = await ds.query<{ id: string }[]>('SELECT o.id FROM organization o JOIN membership m ON m.organization_id = o.id WHERE m.user_id = $1 AND o.name = $2', [owner.userId, e.name]);
    if (!org) continue;
    const [live] = await ds.query<{ id: string }[]>(`SELECT id FROM voucher_application WHERE program_id = $1 AND enterprise_id = $2 AND status IN ('pending','granted')`, [row.id, org.id]);
    if (live) continue;
    await applications.apply(owner, row.id, { enterpriseId: org.id, requestedFen: BigInt(amounts[i % amounts.length]), purpose: '用于新产品检测、专利申请和工艺改进' });
    grants++;
  }
  clock.set(now);
  return { program, grants };
}

interface Party {
  me: Principal;
  orgId: string;
  name: string;
}

const REPORT_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Orders in every state of the machine, once (skipped when the demo already has orders). Answers how many it created. */
export async function seedOrders(app: INestApplicationContext, clock: ManualClock, officer: Principal): Promise<number> {
  const ds = app.get(DataSource);
  const [{ n }] = await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM service_order');
  if (n > 0) return 0;
  const users = app.get(UsersService);
  const orders = app.get(OrdersService);
  const payments = app.get(OrderPaymentsService);
  const conversation = app.get(OrderConversationService);
  const files = app.get(FilesService);

  const party = async (key: string): Promise<Party> => {
    const me = await principalOf(users, demoOwnerEmail(key));
    const [org] = await ds.query<{ id: string; name: string }[]>(
      'SELECT o.id, o.name FROM organization o JOIN membership m ON m.organization_id = o.id WHERE m.user_id = $1 ORDER BY o.created_at LIMIT 1',
      [me.userId],
    );
    return { me, orgId: org.id, name: org.name };
  };
  const offering = async (provider: Party, kind: 'direct' | 'quote'): Promise<string> => {
    const rows = await ds.query<{ id: string }[]>(
      `SELECT id FROM offering WHERE provider_id = $1 AND status = 'published' AND (pricing_kind = 'quote') = $2 ORDER BY created_at, id LIMIT 1`,
      [provider.orgId, kind === 'quote'],
    );
    return rows[0]?.id ?? (await ds.query<{ id: string }[]>(`SELECT id FROM offering WHERE provider_id = $1 AND status = 'published' ORDER BY created_at, id LIMIT 1`, [provider.orgId]))[0].id;
  };
  const now = Date.now();
  const at = (daysAgo: number) => clock.set(new Date(now - daysAgo * 86_400_000));
  const noFile = async () => undefined;

  // one step of the story per helper; each goes through the same command a person would use
  const order = async (buyer: Party, provider: Party, kind: 'direct' | 'quote', requirements: string) =>
    orders.request(buyer.me, { offeringId: await offering(provider, kind), enterpriseId: buyer.orgId, requirements });
  const quote = (provider: Party, id: string, priceFen: number, leadTimeDays: number) =>
    orders.quote(provider.me, id, { priceFen: BigInt(priceFen), scope: '按需求书完成全部检测/服务项目并出具正式报告', leadTimeDays, validUntil: shanghaiDate(new Date(clock.now().getTime() + 14 * 86_400_000)) });
  const payOffline = async (buyer: Party, provider: Party, id: string) => {
    const { payment } = await payments.pay(buyer.me, id, 'offline');
    await payments.confirmTransfer(provider.me, id, payment.id, { reference: `BK${payment.reference.slice(3)}`, payerName: buyer.name, payerAccountNo: '1408 0100 0000 0000' }, noFile);
  };
  const deliver = async (provider: Party, id: string) => {
    const report = await files.storeSystemFile({ name: '服务报告.pdf', bytes: REPORT_PDF, mime: 'application/pdf', uploadedBy: provider.me.userId });
    await orders.deliver(provider.me, id, { reportFileId: report.id, note: '报告已上传，请查收。' }, async (m, fileId) => files.assertAttachable(m, provider.me, fileId));
  };
  const toPaid = async (buyer: Party, provider: Party, kind: 'direct' | 'quote', daysAgo: number, why: string) => {
    at(daysAgo);
    const o = await order(buyer, provider, kind, why);
    if (o.status === 'requested') await quote(provider, o.id, 180_000, 10);
    at(daysAgo - 1);
    await orders.accept(buyer.me, o.id, {});
    at(daysAgo - 2);
    await payOffline(buyer, provider, o.id);
    return o.id;
  };

  const [e01, e02, e03, e04, e06, e07, e08] = await Promise.all(['e01', 'e02', 'e03', 'e04', 'e06', 'e07', 'e08'].map(party));
  const [p01, p02, p03, p08] = await Promise.all(['p01', 'p02', 'p03', 'p08'].map(party));
  let created = 0;

  // completed, with a review
  const done = await toPaid(e01, p01, 'direct', 30, '三批次面料成分及色牢度检测');
  at(27);
  await orders.start(p01.me, done);
  at(24);
  await deliver(p01, done);
  at(22);
  await orders.complete(e01.me, done);
  await conversation.review(e01.me, done, { rating: 5, comment: '报告出具及时，检测项目齐全。' });
  created++;

  // more completed work, for the claims of the demo (one per review step, and one paid out)
  const completed = async (buyer: Party, provider: Party, daysAgo: number, why: string, fast = false) => {
    const id = await toPaid(buyer, provider, 'direct', daysAgo, why);
    at(daysAgo - 3);
    await orders.start(provider.me, id);
    // fast: delivered the day it started, far inside its lead time (the risk rules flag it for the reviewers)
    at(fast ? daysAgo - 3 : daysAgo - 6);
    await deliver(provider, id);
    at(daysAgo - 7);
    await orders.complete(buyer.me, id);
  };
  await completed(e02, p01, 38, '鞋面材料色牢度及pH值检测');
  await completed(e03, p02, 34, '运动服面料吸湿速干性能检测');
  await completed(e07, p01, 28, '童装面料甲醛及可分解芳香胺检测');
  await completed(e08, p02, 26, '乌龙茶农药残留检测（常规套餐）', true);
  created += 4;

  // delivered (awaiting acceptance), in progress, paid
  const delivered = await toPaid(e02, p01, 'direct', 12, '运动鞋材耐磨性能检测');
  at(9);
  await orders.start(p01.me, delivered);
  at(2);
  await deliver(p01, delivered);
  const inProgress = await toPaid(e03, p02, 'direct', 8, '运动服面料功能性检测');
  at(5);
  await orders.start(p02.me, inProgress);
  await toPaid(e04, p03, 'direct', 4, '石材切割装置实用新型专利申请');
  created += 3;

  // contracted (unpaid), quoted, requested, declined
  at(3);
  const contracted = await order(e06, p08, 'direct', '工业软件界面及外观设计');
  await orders.accept(e06.me, contracted.id, {});
  at(1);
  await order(e07, p01, 'direct', '服装面料甲醛含量检测');
  at(1);
  await order(e08, p02, 'quote', '茶叶农残全项检测方案，请报价');
  at(6);
  const declined = await order(e01, p02, 'quote', '特殊功能面料检测（加急）');
  await orders.decline(p02.me, declined.id, '该检测项目超出本机构资质范围，建议联系具备 CNAS 资质的机构。');
  created += 4;

  // disputed, refunded after a dispute, cancelled after payment
  const disputed = await toPaid(e02, p02, 'direct', 20, '鞋底材料老化性能检测');
  at(17);
  await orders.start(p02.me, disputed);
  at(10);
  await deliver(p02, disputed);
  at(8);
  await orders.dispute(e02.me, disputed, '报告缺少约定的低温弯折测试项目。');
  const refunded = await toPaid(e04, p01, 'direct', 26, '石材粉尘排放检测');
  at(23);
  await orders.start(p01.me, refunded);
  at(19);
  await deliver(p01, refunded);
  at(18);
  await orders.dispute(e04.me, refunded, '检测样品数量少于合同约定。');
  at(15);
  const current = await orders.get(officer, refunded);
  await orders.resolveDispute(officer, refunded, { outcome: 'refund', refundFen: BigInt(Math.floor(current.contract!.priceFen / 3)), reason: '经核实少检一批样品，按比例（三分之一）退款。', expectedVersion: current.version });
  const cancelled = await toPaid(e06, p01, 'direct', 7, '软件外壳材料阻燃检测');
  at(6);
  await orders.cancel(p01.me, cancelled, '检测设备停机检修，无法按期完成，全额退款。');
  created += 3;
  clock.set(new Date(now));
  return created;
}
