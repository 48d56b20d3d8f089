/**
 * Demo claims, through the same services as the API: one paid out in two disbursement batches
 * (the city's and the county's part, built and paid by two finance officers), one approved and
 * payable, one at the city level, one returned for revision, and the rest waiting at the county level.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shanghaiDate, type ManualClock } from '@innoserve/core';
import { UsersService, type Principal } from '@innoserve/identity';
import { ClaimsService, DisbursementsService } from '@innoserve/claims';
import { principalOf } from './organizations.seed.js';

interface ClaimableOrder {
  id: string;
  enterprise_key: string;
  provider_id: string;
  price_fen: string;
  refund_fen: string;
  seller: string;
  buyer: string;
  ended_at: Date;
  program_id: string;
}

/** Claims of the demo's completed orders, once (skipped when there are claims). Answers how many it created. */
export async function seedClaims(app: INestApplicationContext, clock: ManualClock): Promise<{ claims: number; batches: number }> {
  const ds = app.get(DataSource);
  const [{ n }] = await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM subsidy_claim');
  if (n > 0) return { claims: 0, batches: 0 };
  const users = app.get(UsersService);
  const claims = app.get(ClaimsService);
  const disbursements = app.get(DisbursementsService);
  const staff = async (email: string): Promise<Principal> => principalOf(users, email);
  const orders = await ds.query<ClaimableOrder[]>(
    `SELECT o.id, substring(u.email FROM '^(e[0-9]+)@') AS enterprise_key, o.provider_id, o.price_fen::text AS price_fen, o.refund_fen::text AS refund_fen,
            o.contract->'provider'->>'uscc' AS seller, o.contract->'enterprise'->>'uscc' AS buyer, COALESCE(o.completed_at, o.closed_at) AS ended_at, o.program_id
       FROM service_order o
       JOIN ledger_hold h ON h.id = o.hold_id AND h.status = 'open'
       JOIN membership m ON m.organization_id = o.enterprise_id AND m.role = 'owner'
       JOIN app_user u ON u.id = m.user_id
      WHERE o.status IN ('completed','refunded') AND o.settlement_mode = 'provider_redeems'
      ORDER BY COALESCE(o.completed_at, o.closed_at), o.id`,
  );
  if (orders.length === 0) return { claims: 0, batches: 0 };
  const now = new Date();
  let fapiao = 4_200_001;
  const submit = async (o: ClaimableOrder, daysAgo: number) => {
    clock.set(new Date(now.getTime() - daysAgo * 86_400_000));
    const provider = await ds.query<{ email: string }[]>(
      `SELECT u.email FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.role = 'owner' ORDER BY m.created_at LIMIT 1`,
      [o.provider_id],
    );
    const claimant = await principalOf(users, provider[0].email);
    return claims.submit(claimant, {
      orderId: o.id,
      invoice: { code: '3500253130', number: String(fapiao++).padStart(8, '0'), issuedOn: shanghaiDate(o.ended_at), amountFen: Number(BigInt(o.price_fen) - BigInt(o.refund_fen)), sellerTaxId: o.seller, buyerTaxId: o.buyer },
    });
  };
  const decide = async (who: string, claimId: string, decision: 'approve' | 'return', daysAgo: number, reason?: string) => {
    clock.set(new Date(now.getTime() - daysAgo * 86_400_000));
    return claims.decide(await staff(who), claimId, { decision, reason });
  };
  const byKey = (key: string) => orders.find((o) => o.enterprise_key === key);
  let created = 0;
  let batches = 0;

  // paid out: approved at both levels, the city's and Jinjiang's parts batched and paid
  const paidOrder = byKey('e02');
  if (paidOrder) {
    const c = await submit(paidOrder, 28);
    await decide('jinjiang.reviewer@demo.innoserve.cn', c.id, 'approve', 26);
    await decide('city.reviewer1@demo.innoserve.cn', c.id, 'approve', 24);
    const finance = await staff('finance@demo.innoserve.cn');
    const finance2 = await staff('finance2@demo.innoserve.cn');
    for (const source of ['city', 'jinjiang']) {
      clock.set(new Date(now.getTime() - 20 * 86_400_000));
      const batch = await disbursements.build(finance, paidOrder.program_id, source);
      clock.set(new Date(now.getTime() - 18 * 86_400_000));
      await disbursements.markPaid(finance2, batch.id, { bankReference: `ICBC${shanghaiDate(clock.now()).replace(/-/g, '')}${source === 'city' ? '0001' : '0002'}`, paidOn: shanghaiDate(clock.now()) });
      batches++;
    }
    created++;
  }
  // approved, payable (the next batch takes it)
  const approved = byKey('e01');
  if (approved) {
    const c = await submit(approved, 20);
    await decide('jinjiang.reviewer@demo.innoserve.cn', c.id, 'approve', 15);
    await decide('city.reviewer2@demo.innoserve.cn', c.id, 'approve', 12);
    created++;
  }
  // at the city level
  const atCity = byKey('e03');
  if (atCity) {
    const c = await submit(atCity, 25);
    await decide('jinjiang.reviewer@demo.innoserve.cn', c.id, 'approve', 10);
    created++;
  }
  // returned for revision
  const returned = byKey('e07');
  if (returned) {
    const c = await submit(returned, 18);
    await decide('shishi.reviewer@demo.innoserve.cn', c.id, 'return', 16, '发票开票日期与服务完成日期不一致，请核对后重新提交。');
    created++;
  }
  // the rest wait at the county level (Anxi's, and what is left of the refunded Nan'an order)
  for (const o of orders.filter((x) => !['e01', 'e02', 'e03', 'e07'].includes(x.enterprise_key))) {
    await submit(o, 5);
    created++;
  }
  clock.set(now);
  return { claims: created, batches };
}
