/**
 * Which committed domain events become notifications, for whom, and in which words (zh/en). The
 * events are the audit log's entries (every state change writes one in its own transaction); the
 * feed reads them after commit. Recipients are resolved when the event is read: the members of an
 * organization, or the staff whose role and jurisdiction cover the object.
 */
import type { EntityManager } from 'typeorm';
import { codeCoversSql } from '@innoserve/identity';
import type { NotificationCategory } from './categories.js';

/** An audit entry as the feed reads it. */
export interface DomainEvent {
  id: string;
  streamType: string;
  streamId: string;
  action: string;
  actorId: string | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

export interface Rendered {
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
}

export interface EventSpec {
  category: NotificationCategory;
  /** The users to tell (the actor is left out by the feed). */
  recipients(m: EntityManager, e: DomainEvent): Promise<string[]>;
  render(m: EntityManager, e: DomainEvent): Promise<Rendered>;
}

const yuan = (fen: unknown): string => {
  const f = typeof fen === 'number' || typeof fen === 'bigint' || (typeof fen === 'string' && /^\d+$/.test(fen)) ? BigInt(fen) : 0n;
  return `¥${(f / 100n).toLocaleString('en-US')}.${(f % 100n).toString().padStart(2, '0')}`;
};

// ---------------------------------------------------------------- recipients

async function membersOf(m: EntityManager, orgIds: (string | null | undefined)[]): Promise<string[]> {
  const ids = orgIds.filter((x): x is string => typeof x === 'string');
  if (ids.length === 0) return [];
  const rows = await m.query<{ user_id: string }[]>('SELECT DISTINCT user_id FROM membership WHERE organization_id = ANY($1::uuid[])', [ids]);
  return rows.map((r) => r.user_id);
}

/** Staff holding one of `roles` (or super-admin is left out: they see everything, but are told nothing) whose jurisdiction covers the region. */
async function staffCovering(m: EntityManager, roles: string[], regionCode: string): Promise<string[]> {
  const rows = await m.query<{ user_id: string }[]>(
    `SELECT DISTINCT s.user_id FROM staff_role s
      WHERE s.role = ANY($1::varchar[])
        AND EXISTS (SELECT 1 FROM unnest(s.region_codes) AS j(code) WHERE ${codeCoversSql('j.code', '$2')})`,
    [roles, regionCode],
  );
  return rows.map((r) => r.user_id);
}

interface OrderFacts {
  order_no: string;
  enterprise_id: string;
  provider_id: string;
  region_code: string;
  offering_title: string;
  enterprise_name: string;
  provider_name: string;
}

async function orderFacts(m: EntityManager, id: string): Promise<OrderFacts | null> {
  const [row] = await m.query<OrderFacts[]>(
    `SELECT o.order_no, o.enterprise_id, o.provider_id, o.region_code, o.offering_title, e.name AS enterprise_name, p.name AS provider_name
       FROM service_order o JOIN organization e ON e.id = o.enterprise_id JOIN organization p ON p.id = o.provider_id WHERE o.id = $1`,
    [id],
  );
  return row ?? null;
}

interface ClaimFacts {
  claim_no: string;
  claimant_id: string;
  enterprise_id: string;
  provider_id: string;
  region_code: string;
  amount_fen: string;
  levels: string[];
  level: number;
  status: string;
  decision_reason: string | null;
}

async function claimFacts(m: EntityManager, id: string): Promise<ClaimFacts | null> {
  const [row] = await m.query<ClaimFacts[]>(
    `SELECT claim_no, claimant_id, enterprise_id, provider_id, region_code, amount_fen::text AS amount_fen, levels, level, status, decision_reason FROM subsidy_claim WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

/** The reviewers of the claim's current level: county reviewers of its region, or city reviewers. */
async function levelReviewers(m: EntityManager, c: ClaimFacts): Promise<string[]> {
  const kind = c.levels[c.level - 1];
  return staffCovering(m, [kind === 'county' ? 'county_reviewer' : 'city_reviewer'], c.region_code);
}

// ---------------------------------------------------------------- the events

const order = (
  category: NotificationCategory,
  to: (o: OrderFacts) => (string | null)[],
  words: (o: OrderFacts, e: DomainEvent) => { zh: [string, string]; en: [string, string] },
): EventSpec => ({
  category,
  recipients: async (m, e) => {
    const o = await orderFacts(m, e.streamId);
    return o ? membersOf(m, to(o)) : [];
  },
  render: async (m, e) => {
    const o = (await orderFacts(m, e.streamId))!;
    const w = words(o, e);
    return { titleZh: w.zh[0], bodyZh: w.zh[1], titleEn: w.en[0], bodyEn: w.en[1], link: `/orders/${e.streamId}` };
  },
});

const claimToClaimant = (words: (c: ClaimFacts, e: DomainEvent) => { zh: [string, string]; en: [string, string] }, category: NotificationCategory = 'decisions'): EventSpec => ({
  category,
  recipients: async (m, e) => {
    const c = await claimFacts(m, e.streamId);
    return c ? membersOf(m, [c.claimant_id]) : [];
  },
  render: async (m, e) => {
    const c = (await claimFacts(m, e.streamId))!;
    const w = words(c, e);
    return { titleZh: w.zh[0], bodyZh: w.zh[1], titleEn: w.en[0], bodyEn: w.en[1], link: `/claims/${e.streamId}` };
  },
});

const claimToReviewers: EventSpec = {
  category: 'reviews',
  recipients: async (m, e) => {
    const c = await claimFacts(m, e.streamId);
    // the level the event started (1 on a submission); a step already taken by the time the event is read tells nobody
    const level = e.action === 'claim.approved_level' ? Number(e.after?.level) : 1;
    return c && c.status === 'in_review' && c.level === level ? levelReviewers(m, c) : [];
  },
  render: async (m, e) => {
    const c = (await claimFacts(m, e.streamId))!;
    const kind = c.levels[c.level - 1] === 'county' ? { zh: '区县', en: 'county' } : { zh: '市级', en: 'city' };
    return {
      titleZh: `补贴申请 ${c.claim_no} 待${kind.zh}审核`,
      bodyZh: `申请金额 ${yuan(c.amount_fen)}，请在审核期限内处理。`,
      titleEn: `Claim ${c.claim_no} awaits a ${kind.en} review`,
      bodyEn: `The claim asks for ${yuan(c.amount_fen)}; please decide it before its review deadline.`,
      link: `/admin/claims/${e.streamId}`,
    };
  },
};

const orgDecision = (kind: 'enterprise' | 'provider', zh: [string, string], en: [string, string]): EventSpec => ({
  category: 'decisions',
  recipients: (m, e) => membersOf(m, [e.streamId]),
  render: (_m, e) => Promise.resolve({ titleZh: zh[0], bodyZh: e.reason ? `${zh[1]}（${e.reason}）` : zh[1], titleEn: en[0], bodyEn: e.reason ? `${en[1]} (${e.reason})` : en[1], link: `/${kind}s/${e.streamId}` }),
});

export const EVENT_SPECS: Readonly<Record<string, EventSpec>> = {
  // ---- verification and admission
  'enterprise.verification.approve': orgDecision('enterprise', ['企业认证已通过', '贵企业的认证已审核通过，可以申请创新券。'], ['Your enterprise is verified', 'Your enterprise passed verification and may apply for vouchers.']),
  'enterprise.verification.reject': orgDecision('enterprise', ['企业认证未通过', '贵企业的认证未通过，请修改后重新提交'], ['Verification was refused', 'Your enterprise was not verified; edit it and resubmit']),
  'provider.admission.start-notice': orgDecision('provider', ['入库公示开始', '贵机构的入库申请已进入公示期'], ['Public notice started', 'Your admission is in its public notice period']),
  // the notice has ended (a worker job): the provider learns the decision comes next; the officers covering it, that it is theirs to make
  'provider.admission.notice-ended': {
    category: 'decisions',
    recipients: async (m, e) => {
      const [org] = await m.query<{ region_code: string }[]>('SELECT region_code FROM organization WHERE id = $1', [e.streamId]);
      return [...new Set([...(await membersOf(m, [e.streamId])), ...(org ? await staffCovering(m, ['program_officer'], org.region_code) : [])])];
    },
    render: (_m, e) =>
      Promise.resolve({
        titleZh: '入库公示期已结束',
        bodyZh: '公示期已满，等待科技局作出入库决定。',
        titleEn: 'The public notice has ended',
        bodyEn: 'The public notice period is over; the admission decision comes next.',
        link: `/providers/${e.streamId}`,
      }),
  },
  'provider.admission.admit': orgDecision('provider', ['服务机构入库成功', '贵机构已入库，可以发布服务'], ['Your organization is admitted', 'You are admitted and may publish offerings']),
  'provider.admission.reject': orgDecision('provider', ['入库申请未通过', '贵机构的入库申请未通过'], ['Admission was refused', 'Your admission was refused']),
  // ---- applications and grants
  'application.granted': {
    category: 'decisions',
    recipients: async (m, e) => membersOf(m, [(await m.query<{ enterprise_id: string }[]>('SELECT enterprise_id FROM voucher_application WHERE id = $1', [e.streamId]))[0]?.enterprise_id]),
    render: (_m, e) =>
      Promise.resolve({
        titleZh: '创新券申请已获批',
        bodyZh: `获批创新券额度 ${yuan(e.after?.amountFen)}。`,
        titleEn: 'Your voucher application is granted',
        bodyEn: `A voucher grant of ${yuan(e.after?.amountFen)}.`,
        link: '/grants',
      }),
  },
  'application.rejected': {
    category: 'decisions',
    recipients: async (m, e) => membersOf(m, [(await m.query<{ enterprise_id: string }[]>('SELECT enterprise_id FROM voucher_application WHERE id = $1', [e.streamId]))[0]?.enterprise_id]),
    render: (_m, e) => Promise.resolve({ titleZh: '创新券申请未获批', bodyZh: e.reason ?? '申请未获批准。', titleEn: 'Your voucher application was refused', bodyEn: e.reason ?? 'The application was refused.', link: '/grants' }),
  },
  // ---- orders
  'order.requested': order('orders', (o) => [o.provider_id], (o) => ({ zh: ['新的服务需求', `${o.enterprise_name} 提交了需求：${o.offering_title}（${o.order_no}）`], en: ['A new request', `${o.enterprise_name} asks for ${o.offering_title} (${o.order_no})`] })),
  'order.quote': order('orders', (o) => [o.enterprise_id], (o) => ({ zh: ['收到报价', `${o.provider_name} 已对 ${o.order_no} 报价，请在有效期内确认。`], en: ['A quote arrived', `${o.provider_name} quoted ${o.order_no}; accept it before it expires.`] })),
  'order.accept': order('orders', (o) => [o.provider_id], (o) => ({ zh: ['合同已签订', `${o.enterprise_name} 已接受报价，订单 ${o.order_no} 进入合同阶段。`], en: ['The contract is accepted', `${o.enterprise_name} accepted the quote of ${o.order_no}.`] })),
  'order.paid': order('payments', (o) => [o.enterprise_id, o.provider_id], (o) => ({ zh: ['付款已确认', `订单 ${o.order_no} 的自付部分已确认到账。`], en: ['Payment confirmed', `The own share of ${o.order_no} is paid.`] })),
  'order.deliver': order('orders', (o) => [o.enterprise_id], (o) => ({ zh: ['服务已交付', `${o.provider_name} 已交付 ${o.order_no} 的报告，请在14日内验收或提出异议。`], en: ['Delivered', `${o.provider_name} delivered ${o.order_no}; accept or dispute it within 14 days.`] })),
  'order.dispute': order('orders', (o) => [o.provider_id], (o, e) => ({ zh: ['订单有异议', `${o.enterprise_name} 对 ${o.order_no} 提出异议：${e.reason ?? ''}`], en: ['A dispute', `${o.enterprise_name} disputed ${o.order_no}: ${e.reason ?? ''}`] })),
  'order.resolve_complete': order('decisions', (o) => [o.enterprise_id, o.provider_id], (o) => ({ zh: ['争议已处理：订单完成', `订单 ${o.order_no} 的争议已处理，订单完成。`], en: ['Dispute resolved: completed', `The dispute of ${o.order_no} is resolved; the order is completed.`] })),
  'order.resolve_refund': order('decisions', (o) => [o.enterprise_id, o.provider_id], (o, e) => ({ zh: ['争议已处理：部分退款', `订单 ${o.order_no} 的争议已处理，退款 ${yuan(e.after?.refundFen)}。`], en: ['Dispute resolved: refund', `The dispute of ${o.order_no} is resolved with a refund of ${yuan(e.after?.refundFen)}.`] })),
  'order.message': order('messages', (o) => [o.enterprise_id, o.provider_id], (o) => ({ zh: ['新留言', `订单 ${o.order_no} 有新的留言。`], en: ['A new message', `There is a new message on ${o.order_no}.`] })),
  // ---- claims
  'claim.submitted': claimToReviewers,
  'claim.resubmitted': claimToReviewers,
  'claim.approved_level': claimToReviewers,
  'claim.approved': claimToClaimant((c) => ({ zh: ['补贴申请已批准', `补贴申请 ${c.claim_no} 已审核通过，金额 ${yuan(c.amount_fen)}，待拨付。`], en: ['Claim approved', `Claim ${c.claim_no} is approved for ${yuan(c.amount_fen)} and awaits payment.`] })),
  // the reason of the decision itself (the event's), not whatever the claim says when the event is read
  'claim.rejected': claimToClaimant((c, e) => ({ zh: ['补贴申请未通过', `补贴申请 ${c.claim_no} 未通过：${e.reason ?? ''}`], en: ['Claim rejected', `Claim ${c.claim_no} was rejected: ${e.reason ?? ''}`] })),
  'claim.returned': claimToClaimant((c, e) => ({ zh: ['补贴申请退回修改', `补贴申请 ${c.claim_no} 被退回：${e.reason ?? ''}。请在30日内修改后重新提交。`], en: ['Claim returned for revision', `Claim ${c.claim_no} was returned: ${e.reason ?? ''}. Revise and resubmit within 30 days.`] })),
  'claim.paid': claimToClaimant((c) => ({ zh: ['补贴已拨付', `补贴申请 ${c.claim_no} 的补贴 ${yuan(c.amount_fen)} 已全部拨付。`], en: ['Subsidy paid', `The subsidy of claim ${c.claim_no} (${yuan(c.amount_fen)}) is paid.`] }), 'payments'),
  'claim.review_overdue': {
    category: 'reviews',
    recipients: async (m, e) => {
      const c = await claimFacts(m, e.streamId);
      if (!c) return [];
      // the reviewers of the level, then the city reviewers and program officers covering the claim
      return [...new Set([...(await levelReviewers(m, c)), ...(await staffCovering(m, ['city_reviewer', 'program_officer'], c.region_code))])];
    },
    render: async (m, e) => {
      const c = (await claimFacts(m, e.streamId))!;
      return { titleZh: `补贴申请 ${c.claim_no} 审核逾期`, bodyZh: '该申请已超过本级审核期限，请尽快处理。', titleEn: `Claim ${c.claim_no} is overdue`, bodyEn: "The claim is past its level's review deadline.", link: `/admin/claims/${e.streamId}` };
    },
  },
};

/** The audit actions the feed reads. */
export const NOTIFIED_ACTIONS = Object.keys(EVENT_SPECS);
