import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BusinessRuleError, Clock, ConflictError, ForbiddenError, NotFoundError, ValidationFailedError, isUuid, msg, newId, offsetOf, pageOf, type Page } from '@innoserve/core';
import { SqlParams, TransactionRunner, insertSql } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { anyCodeCoversSql, staffCovers, jurisdictionOf, type Principal, type StaffRole } from '@innoserve/identity';
import { EnterpriseVerificationService, Organization, OrganizationsService, ProviderAdmissionService } from '@innoserve/organizations';
import { OrdersService, ServiceOrder } from '@innoserve/orders';
import { ApplicationsService, LedgerService, OrderSubsidiesService, VoucherGrant } from '@innoserve/vouchers';
import { claimMachine } from '../domain/claim-state-machine.js';
import { ClaimLine } from '../entities/claim-line.entity.js';
import { Sanction, SanctionRepayment, type SanctionEffects, type SanctionKind, type SanctionPart } from '../entities/sanction.entity.js';
import { SubsidyClaim } from '../entities/subsidy-claim.entity.js';
import { reasonRequired } from './claim-errors.js';

export const SANCTION_ROLES: readonly StaffRole[] = ['program_officer'];
export const SANCTION_READ_ROLES: readonly StaffRole[] = ['program_officer', 'finance_officer', 'auditor'];
export const REPAYMENT_ROLES: readonly StaffRole[] = ['finance_officer'];

export interface NewSanction {
  organizationId: string;
  kind: SanctionKind;
  grantId?: string;
  orderId?: string;
  claimId?: string;
  amountFen?: bigint;
  reason: string;
  until?: string;
}

export interface SanctionView {
  id: string;
  organizationId: string;
  kind: SanctionKind;
  grantId: string | null;
  orderId: string | null;
  claimId: string | null;
  programId: string | null;
  amountFen: number | null;
  reason: string;
  until: string | null;
  parts: { source: string; amountFen: number; repaidFen: number }[];
  repaidFen: number;
  effects: { ordersCancelled: string[]; ordersFlagged: string[]; claimsHeld: string[]; movedFen: number | null };
  createdBy: string;
  createdAt: string;
}

/** A sanction in the list (GET /admin/sanctions): with the sanctioned organization's name. */
export interface ListedSanctionView extends SanctionView {
  organizationName: string;
}

const targetMismatch = (field: string, why: string) =>
  new BusinessRuleError('SANCTION_TARGET_MISMATCH', msg(`The ${field} does not belong to the sanctioned organization.`, '处罚对象与所涉组织不符。'), [{ field, message: why }]);

const missing = (field: string, kind: string) => new ValidationFailedError([{ field, message: `${field} is required for ${kind}` }]);

const nothingTo = (what: string, zh: string) => new ConflictError('NOTHING_TO_SANCTION', msg(`Nothing to ${what}.`, zh));

const LIVE_UNPAID = ['in_review', 'returned', 'approved', 'batched'];

/**
 * Sanctions (docs/product.md, Claims and disbursement): void a grant, forfeit a hold, claw back a
 * paid claim, suspend or delist a provider (through the admission state machine), blacklist an
 * organization for a period. Each acts on the work in flight in the same transaction — orders not
 * yet started are cancelled (hold released, payment refunded), orders under way are flagged for the
 * program officer, and the organization's claims not yet paid are held (payment_held) until an
 * officer releases or forfeits them. The organization's row is locked first, then its orders and
 * claims, the order every approval and payment follows too.
 */
@Injectable()
export class SanctionsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly subsidies: OrderSubsidiesService,
    private readonly applications: ApplicationsService,
    private readonly organizations: OrganizationsService,
    private readonly admission: ProviderAdmissionService,
    private readonly verification: EnterpriseVerificationService,
    private readonly orders: OrdersService,
  ) {}

  onModuleInit(): void {
    // a suspension or delisting through the admission route holds the money not yet paid too; its
    // orders run on (an order once contracted runs to its end unless a sanction, with its reason, stops it)
    this.admission.onSanction(async (m, e) => {
      await this.inFlight(m, e.actorId, e.organizationId, e.action, e.reason ?? e.action, `admission:${e.action}`, 'provider', { orders: false });
    });
    // so does an enterprise's suspension (its claims as the buyer, and as the claimant under 通用)
    this.verification.onSuspension(async (m, e) => {
      await this.inFlight(m, e.actorId, e.organizationId, 'suspend', e.reason ?? 'suspend', 'verification:suspend', 'enterprise', { orders: false });
    });
  }

  async impose(me: Principal, input: NewSanction): Promise<SanctionView> {
    const reason = input.reason.trim();
    if (!reason) throw reasonRequired('sanction');
    return this.tx.run(async (m) => {
      const org = isUuid(input.organizationId) ? await m.findOne(Organization, { where: { id: input.organizationId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!org || !staffCovers(me, SANCTION_ROLES, org.regionCode)) throw new NotFoundError('organization');
      if ((await this.organizations.organizationIdsOf(me.userId, m)).includes(org.id)) {
        throw new ForbiddenError(msg('You belong to this organization and may not sanction it.', '您是该组织成员，不得对其处罚。'), 'CONFLICT_OF_INTEREST');
      }
      const sanction = m.create(Sanction, {
        id: newId(),
        organizationId: org.id,
        kind: input.kind,
        grantId: input.grantId ?? null,
        orderId: input.orderId ?? null,
        claimId: input.claimId ?? null,
        programId: null,
        amountFen: input.amountFen ?? null,
        reason,
        until: null,
        parts: [],
        repaidFen: 0n,
        effects: { ordersCancelled: [], ordersFlagged: [], claimsHeld: [] },
        createdBy: me.userId,
      });
      switch (input.kind) {
        case 'void-grant':
          await this.voidGrant(m, me, sanction);
          break;
        case 'forfeit':
          await this.forfeitOrder(m, me, sanction);
          break;
        case 'clawback':
          await this.clawback(m, me, sanction);
          break;
        case 'suspend':
        case 'delist':
          await this.admission.decide(me, org.id, { action: input.kind, reason, viaSanction: true }, m);
          sanction.effects = { ...sanction.effects, ...(await this.inFlight(m, me.userId, org.id, input.kind, reason, `sanction:${sanction.id}`, 'provider')) };
          break;
        case 'blacklist': {
          const after = await this.organizations.blacklist(org.id, { reason, until: input.until }, me.userId, m);
          sanction.until = after.blacklistedUntil;
          sanction.effects = { ...sanction.effects, ...(await this.inFlight(m, me.userId, org.id, 'blacklist', reason, `sanction:${sanction.id}`, 'both')) };
          break;
        }
      }
      const p = new SqlParams();
      await m.query(insertSql(m, Sanction, sanction, p), p.values);
      const view = toSanctionView(sanction);
      await this.audit.record(m, { streamType: 'organization', streamId: org.id, action: `organization.sanctioned`, actorId: me.userId, after: { sanctionId: sanction.id, kind: sanction.kind, effects: view.effects }, reason });
      await this.audit.record(m, { streamType: 'sanction', streamId: sanction.id, action: `sanction.${sanction.kind}`, actorId: me.userId, after: view, reason });
      return view;
    });
  }

  /** A finance officer records clawed-back money coming in: receivable → pool, split over the sources still owed. */
  async repay(me: Principal, id: string, input: { amountFen: bigint; bankReference: string; paidOn: string }): Promise<SanctionView> {
    return this.tx.run(async (m) => {
      const sanction = isUuid(id) ? await m.findOne(Sanction, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      const org = sanction ? await m.findOneBy(Organization, { id: sanction.organizationId }) : null;
      if (!sanction || !org || !staffCovers(me, REPAYMENT_ROLES, org.regionCode)) throw new NotFoundError('sanction');
      if (sanction.kind !== 'clawback') throw new ConflictError('NOT_A_CLAWBACK', msg('Only a clawback is repaid.', '仅追回类处罚可登记还款。'));
      const owed = sanction.parts.map((p) => BigInt(p.amountFen) - BigInt(p.repaidFen));
      const outstanding = owed.reduce((s, x) => s + x, 0n);
      if (input.amountFen > outstanding) {
        throw new BusinessRuleError('REPAYMENT_TOO_LARGE', msg(`At most ${outstanding} fen is still owed.`, `尚欠金额为 ${outstanding} 分。`), [{ field: 'amountFen', message: `at most ${outstanding}` }], { outstandingFen: Number(outstanding) });
      }
      const bankReference = input.bankReference.trim();
      // one bank receipt is recorded once (a double click, a retry without Idempotency-Key)
      if (await m.findOneBy(SanctionRepayment, { sanctionId: sanction.id, bankReference })) {
        throw new ConflictError('REPAYMENT_RECORDED', msg('This bank reference is already recorded for this clawback.', '该银行流水号已登记。'), { bankReference });
      }
      const split = proportional(input.amountFen, owed);
      for (const [i, part] of sanction.parts.entries()) {
        if (split[i] === 0n) continue;
        await this.ledger.repaid(m, { programId: sanction.programId!, source: part.source, amountFen: split[i], reference: `sanction:${sanction.id}`, actorId: me.userId, idempotencyKey: `repaid:${sanction.id}:${bankReference}:${part.source}` });
        part.repaidFen = (BigInt(part.repaidFen) + split[i]).toString();
      }
      sanction.repaidFen += input.amountFen;
      await m.update(Sanction, { id: sanction.id }, { parts: sanction.parts, repaidFen: sanction.repaidFen });
      await m.insert(SanctionRepayment, { id: newId(), sanctionId: sanction.id, amountFen: input.amountFen, bankReference, paidOn: input.paidOn, createdBy: me.userId });
      await this.audit.record(m, { streamType: 'sanction', streamId: sanction.id, action: 'sanction.repaid', actorId: me.userId, after: { amountFen: Number(input.amountFen), bankReference: input.bankReference.trim(), paidOn: input.paidOn } });
      return toSanctionView(sanction);
    });
  }

  /**
   * A program officer settles a claim a sanction held: release (its lines payable again; honest work
   * finished before the sanction is paid) or forfeit (the hold, or the approved unpaid amount, back
   * to the pools; the claim forfeited).
   */
  async settleHeldClaim(me: Principal, claimId: string, action: 'release' | 'forfeit', reasonIn: string): Promise<SubsidyClaim> {
    const reason = reasonIn.trim();
    if (!reason) throw reasonRequired(action);
    return this.tx.run(async (m) => {
      const claim = isUuid(claimId) ? await m.findOne(SubsidyClaim, { where: { id: claimId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!claim || !staffCovers(me, SANCTION_ROLES, claim.regionCode)) throw new NotFoundError('claim');
      if (!claim.flags.includes('payment_held')) throw new ConflictError('CLAIM_NOT_HELD', msg('This claim is not held by a sanction.', '该申请未被处罚暂停拨付。'));
      if (action === 'release') {
        claim.flags = claim.flags.filter((f) => f !== 'payment_held');
        // the release stands: the automatic checks do not hold the claim again, only a new sanction event does
        claim.holdReleasedAt = this.clock.now();
        await m.update(ClaimLine, { claimId: claim.id, status: 'held' }, { status: 'payable' });
        claim.version += 1;
        await m.save(claim);
        await this.audit.record(m, { streamType: 'claim', streamId: claim.id, action: 'claim.payment_released', actorId: me.userId, reason });
        return claim;
      }
      await this.forfeitClaim(m, me, claim, reason, `forfeit-claim:${claim.id}`);
      return claim;
    });
  }

  async get(me: Principal, id: string): Promise<SanctionView> {
    const m = this.dataSource.manager;
    const s = isUuid(id) ? await m.findOneBy(Sanction, { id }) : null;
    const org = s ? await m.findOneBy(Organization, { id: s.organizationId }) : null;
    if (!s || !org || !staffCovers(me, SANCTION_READ_ROLES, org.regionCode)) throw new NotFoundError('sanction');
    return toSanctionView(s);
  }

  /** The ids of an organization's sanctions (each is an audit stream of its own), oldest first. */
  async idsOf(organizationId: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(Sanction, { where: { organizationId }, select: { id: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  async list(me: Principal, q: { organizationId?: string; kind?: string; page: number; pageSize: number }): Promise<Page<ListedSanctionView>> {
    const m = this.dataSource.manager;
    const codes = jurisdictionOf(me, SANCTION_READ_ROLES);
    if (codes.length === 0) return pageOf([], 0, q);
    const qb = m
      .createQueryBuilder(Sanction, 's')
      .innerJoin(Organization, 'o', 'o.id = s.organizationId')
      .where(anyCodeCoversSql(':codes', 'o.region_code'), { codes });
    if (q.organizationId) qb.andWhere('s.organizationId = :org', { org: q.organizationId });
    if (q.kind) qb.andWhere('s.kind = :kind', { kind: q.kind });
    const [rows, total] = await qb.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'ASC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    // the organizations' names, so that the list reads without a lookup per row
    const names = new Map<string, string>();
    if (rows.length > 0) {
      const found = await m.query<{ id: string; name: string }[]>('SELECT id, name FROM organization WHERE id = ANY($1::uuid[])', [[...new Set(rows.map((r) => r.organizationId))]]);
      for (const f of found) names.set(f.id, f.name);
    }
    return pageOf(rows.map((r) => ({ ...toSanctionView(r), organizationName: names.get(r.organizationId) ?? '' })), total, q);
  }

  // ---------------------------------------------------------------- the kinds

  private async voidGrant(m: EntityManager, me: Principal, s: Sanction): Promise<void> {
    if (!s.grantId) throw missing('grantId', 'void-grant');
    const grant = isUuid(s.grantId) ? await m.findOneBy(VoucherGrant, { id: s.grantId }) : null;
    if (!grant || grant.enterpriseId !== s.organizationId) throw targetMismatch('grantId', 'not a grant of the organization');
    if (grant.voidedAt !== null) throw nothingTo('void: the grant is already voided', '该额度已作废');
    s.programId = grant.programId;
    const back = await this.applications.voidGrant(m, { grantId: grant.id, actorId: me.userId, reason: s.reason, idempotencyKey: `sanction:${s.id}` });
    s.effects = { ...s.effects, movedFen: back.toString() };
  }

  private async forfeitOrder(m: EntityManager, me: Principal, s: Sanction): Promise<void> {
    if (!s.orderId) throw missing('orderId', 'forfeit');
    const order = isUuid(s.orderId) ? await m.findOne(ServiceOrder, { where: { id: s.orderId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!order || (order.enterpriseId !== s.organizationId && order.providerId !== s.organizationId)) throw targetMismatch('orderId', 'not an order of the organization');
    s.programId = order.programId;
    const claim = await m.findOne(SubsidyClaim, { where: { orderId: order.id, status: In(['in_review', 'returned', 'approved']) }, lock: { mode: 'pessimistic_write' } });
    if (claim) {
      s.claimId = claim.id;
      s.effects = { ...s.effects, movedFen: (await this.forfeitClaim(m, me, claim, s.reason, `sanction:${s.id}`)).toString() };
      return;
    }
    const hold = order.holdId ? await this.ledger.getHold(m, order.holdId) : null;
    if (!hold || hold.openFen <= 0n) throw nothingTo('forfeit: nothing is held for this order', '该订单没有占用中的补贴额度');
    const ended = await this.subsidies.endHold(m, { holdId: hold.id, providerId: order.providerId, kind: 'forfeit', reference: `sanction:${s.id}`, actorId: me.userId, idempotencyKey: `sanction:${s.id}` });
    s.effects = { ...s.effects, movedFen: ended.amountFen.toString() };
    await this.audit.record(m, { streamType: 'order', streamId: order.id, action: 'order.subsidy_forfeited', actorId: me.userId, after: { forfeitedFen: Number(ended.amountFen), sanctionId: s.id }, reason: s.reason });
  }

  /** The hold (before approval) or the approved, unpaid lines forfeited to the pools; the claim forfeited. Answers the fen. */
  private async forfeitClaim(m: EntityManager, me: Principal, claim: SubsidyClaim, reason: string, key: string): Promise<bigint> {
    const all = await m.find(ClaimLine, { where: { claimId: claim.id }, lock: { mode: 'pessimistic_write' } });
    if (all.some((l) => l.status === 'batched')) {
      throw new ConflictError('CLAIM_IN_PAYMENT', msg('Part of this claim is in an open disbursement batch: cancel the batch first (what is paid is clawed back instead).', '该申请部分金额已进入未付款的拨付批次：请先撤销该批次（已支付部分请改用追回）。'));
    }
    // what is paid stays paid (a clawback takes it back); what is held or payable is forfeited
    const lines = all.filter((l) => l.status === 'held' || l.status === 'payable');
    const from = claim.status;
    claim.status = claimMachine.transition(from, 'forfeit', ['program_officer'], { reason });
    let moved = 0n;
    if (from === 'approved') {
      for (const l of lines) {
        await this.ledger.forfeitPayable(m, { programId: claim.programId, source: l.source, amountFen: l.amountFen, reference: `claim:${claim.id}`, actorId: me.userId, idempotencyKey: `${key}:${l.source}` });
        moved += l.amountFen;
      }
      if (lines.length) await m.update(ClaimLine, { id: In(lines.map((l) => l.id)) }, { status: 'forfeited' });
    } else {
      const ended = await this.subsidies.endHold(m, { holdId: claim.holdId, providerId: claim.providerId, kind: 'forfeit', reference: `claim:${claim.id}`, actorId: me.userId, idempotencyKey: key });
      moved = ended.amountFen;
    }
    claim.flags = claim.flags.filter((f) => f !== 'payment_held');
    claim.decisionReason = reason;
    claim.decidedAt = this.clock.now();
    claim.version += 1;
    await m.save(claim);
    await this.audit.record(m, { streamType: 'claim', streamId: claim.id, action: 'claim.forfeited', actorId: me.userId, before: { status: from }, after: { status: claim.status, forfeitedFen: Number(moved) }, reason });
    return moved;
  }

  private async clawback(m: EntityManager, me: Principal, s: Sanction): Promise<void> {
    if (!s.claimId) throw missing('claimId', 'clawback');
    if (s.amountFen === null) throw missing('amountFen', 'clawback');
    const claim = isUuid(s.claimId) ? await m.findOne(SubsidyClaim, { where: { id: s.claimId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!claim || (claim.claimantId !== s.organizationId && claim.enterpriseId !== s.organizationId && claim.providerId !== s.organizationId)) throw targetMismatch('claimId', 'not a claim of the organization');
    s.programId = claim.programId;
    const paid = (await m.find(ClaimLine, { where: { claimId: claim.id, status: 'paid' }, order: { source: 'ASC' } })).filter((l) => l.amountFen > 0n);
    const earlier = await m.find(Sanction, { where: { claimId: claim.id, kind: 'clawback' } });
    const already = new Map<string, bigint>();
    for (const e of earlier) for (const p of e.parts) already.set(p.source, (already.get(p.source) ?? 0n) + BigInt(p.amountFen));
    const room = paid.map((l) => l.amountFen - (already.get(l.source) ?? 0n));
    const total = room.reduce((a, b) => a + b, 0n);
    if (total <= 0n) throw nothingTo('claw back: nothing of this claim is paid out (or it was all clawed back)', '该申请没有可追回的已拨付金额');
    if (s.amountFen > total) {
      throw new BusinessRuleError('CLAWBACK_TOO_LARGE', msg(`At most ${total} fen of this claim can be clawed back.`, `该申请最多可追回 ${total} 分。`), [{ field: 'amountFen', message: `at most ${total}` }], { clawableFen: Number(total) });
    }
    const split = proportional(s.amountFen, room);
    const parts: SanctionPart[] = [];
    for (const [i, line] of paid.entries()) {
      if (split[i] === 0n) continue;
      await this.ledger.clawback(m, { programId: claim.programId, source: line.source, amountFen: split[i], reference: `sanction:${s.id}`, actorId: me.userId, idempotencyKey: `sanction:${s.id}:${line.source}` });
      parts.push({ source: line.source, amountFen: split[i].toString(), repaidFen: '0' });
    }
    s.parts = parts;
    if (!claim.flags.includes('clawed_back')) claim.flags = [...claim.flags, 'clawed_back'];
    claim.version += 1;
    await m.save(claim);
    await this.audit.record(m, { streamType: 'claim', streamId: claim.id, action: 'claim.clawed_back', actorId: me.userId, after: { amountFen: Number(s.amountFen), parts, sanctionId: s.id }, reason: s.reason });
  }

  /**
   * The work in flight of a suspended, delisted or blacklisted organization: orders not started are
   * cancelled (as provider; as enterprise too when blacklisted), orders under way flagged for the
   * officer, claims not yet paid held.
   */
  async inFlight(m: EntityManager, actorId: string, orgId: string, kind: SanctionKind, reason: string, source: string, side: 'provider' | 'enterprise' | 'both', opts: { orders: boolean } = { orders: true }): Promise<SanctionEffects> {
    const orders = !opts.orders
      ? []
      : await m
      .createQueryBuilder(ServiceOrder, 'o')
      .select(['o.id', 'o.status'])
      .where(side === 'provider' ? 'o.providerId = :orgId' : side === 'enterprise' ? 'o.enterpriseId = :orgId' : '(o.providerId = :orgId OR o.enterpriseId = :orgId)', { orgId })
      .andWhere(`o.status IN ('requested','quoted','contracted','paid','in_progress','delivered','disputed')`)
      .orderBy('o.id', 'ASC')
      .getMany();
    const effects: SanctionEffects = { ordersCancelled: [], ordersFlagged: [], claimsHeld: [] };
    const why = `处罚：${reason} / sanction: ${kind}`;
    for (const o of orders) {
      if (['requested', 'quoted', 'contracted', 'paid'].includes(o.status)) {
        await this.orders.cancel('system', o.id, why, { sanction: true });
        effects.ordersCancelled.push(o.id);
      } else if (await this.orders.flagSanctioned(o.id, why)) {
        effects.ordersFlagged.push(o.id);
      }
    }
    const claims = await m
      .createQueryBuilder(SubsidyClaim, 'c')
      .where(side === 'provider' ? 'c.providerId = :orgId' : side === 'enterprise' ? 'c.enterpriseId = :orgId' : '(c.enterpriseId = :orgId OR c.providerId = :orgId)', { orgId })
      .andWhere('c.status IN (:...live)', { live: LIVE_UNPAID })
      .orderBy('c.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    for (const c of claims) {
      await m.update(ClaimLine, { claimId: c.id, status: 'payable' }, { status: 'held' });
      if (!c.flags.includes('payment_held')) {
        c.flags = [...c.flags, 'payment_held'];
        c.holdReleasedAt = null; // a new sanction event: an earlier release no longer stands
        c.version += 1;
        await m.save(c);
        await this.audit.record(m, { streamType: 'claim', streamId: c.id, action: 'claim.payment_held', actorId, after: { source, kind }, reason });
      }
      effects.claimsHeld.push(c.id);
    }
    return effects;
  }
}

/** `amount` split in proportion to `weights` (each rounded down; the leftover fen to the largest weight, the first on a tie). */
export function proportional(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + (b > 0n ? b : 0n), 0n);
  if (total === 0n) return weights.map(() => 0n);
  const out = weights.map((w) => (w > 0n ? (amount * w) / total : 0n));
  let largest = 0;
  for (let i = 1; i < weights.length; i++) if (weights[i] > weights[largest]) largest = i;
  out[largest] += amount - out.reduce((a, b) => a + b, 0n);
  return out;
}

export function toSanctionView(s: Sanction): SanctionView {
  return {
    id: s.id,
    organizationId: s.organizationId,
    kind: s.kind,
    grantId: s.grantId,
    orderId: s.orderId,
    claimId: s.claimId,
    programId: s.programId,
    amountFen: s.amountFen === null ? null : Number(s.amountFen),
    reason: s.reason,
    until: s.until,
    parts: s.parts.map((p) => ({ source: p.source, amountFen: Number(p.amountFen), repaidFen: Number(p.repaidFen) })),
    repaidFen: Number(s.repaidFen),
    effects: { ordersCancelled: [...s.effects.ordersCancelled], ordersFlagged: [...s.effects.ordersFlagged], claimsHeld: [...s.effects.claimsHeld], movedFen: s.effects.movedFen === undefined ? null : Number(s.effects.movedFen) },
    createdBy: s.createdBy,
    createdAt: (s.createdAt ?? new Date()).toISOString(),
  };
}
