import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  Clock,
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  msg,
  addCalendarDays,
  assertCurrentVersion,
  isUuid,
  newId,
  offsetOf,
  pageOf,
  shanghaiDate,
  type DomainError,
  type Fen,
  type Page,
} from '@innoserve/core';
import { SqlParams, TransactionRunner, hydrate, insertSql, queryPrepared, writeBackSql } from '@innoserve/database';
import { AuditService, isStaleHead, streamHead, type StreamHead } from '@innoserve/audit';
import { ReferenceService } from '@innoserve/reference';
import { isStaff, jurisdictionOf, staffCovers, type Principal } from '@innoserve/identity';
import { OrganizationsService, type DealParty } from '@innoserve/organizations';
import { Offering, isSearchable, type SearchabilityOffering } from '@innoserve/catalog';
import { OrderSubsidiesService, disputeRefund, noSubsidy, type SubsidyPreview } from '@innoserve/vouchers';
import { Payment, PaymentsService, type PaymentRefund } from '@innoserve/payments';
import { orderMachine, type OrderAction, type OrderActor, type OrderContext, type OrderStatus } from '../domain/order-state-machine.js';
import { defaultContractType } from '../contract/contract-types.js';
import { renderContractPdf } from '../contract/contract-pdf.js';
import { ServiceOrder, type ContractParty, type ContractTerms } from '../entities/service-order.entity.js';
import {
  bothSides,
  enterpriseBlacklisted,
  enterpriseNotVerified,
  offeringNotAvailable,
  priceOutOfRange,
  providerBlacklisted,
  providerNotAdmitted,
  quantityNotAllowed,
  selfDealing,
  subsidyChanged,
  validUntilInPast,
} from './order-errors.js';
import { toOrderView, previewView, type OrderView, type OrderHistoryEntry } from './order-views.js';

/** Days an automatic quote (fixed price, per unit) stays valid; days to pay; to start; to accept or dispute. */
export const ORDER_DEADLINES = { autoQuoteDays: 14, payDays: 14, startDays: 30, acceptDays: 14, reminderDaysBefore: 3, maxQuoteDays: 90 } as const;

const OFFICER = ['program_officer'] as const;
const NO_PAYMENT_YET: readonly OrderStatus[] = ['requested', 'quoted', 'declined'];

export interface NewOrder {
  offeringId: string;
  enterpriseId: string;
  quantity?: number;
  requirements: string;
}

export interface QuoteInput {
  priceFen: Fen;
  scope: string;
  leadTimeDays: number;
  validUntil: string;
}

export interface AcceptInput {
  grantId?: string | null;
  quoteVersion?: number;
  expectedSubsidyFen?: Fen;
}

export interface DisputeResolutionInput {
  outcome: 'complete' | 'refund';
  refundFen?: Fen;
  reason: string;
  expectedVersion?: number;
}

export interface OrderListQuery {
  as?: 'buyer' | 'seller';
  /** one of the caller's organizations */
  organizationId?: string;
  status?: OrderStatus;
  page: number;
  pageSize: number;
}

/** Who the caller is on one order. */
/** One entry of an order's audit stream. */
export interface OrderEntry {
  action: string;
  actorId: string | null;
  before?: unknown;
  /** The value, or a function that gives it when the entries are written (after `beside` ran). */
  after?: unknown;
  reason?: string | null;
}

/** What `OrdersService.write` writes: the order row (unless `writeRow` is false), its stream's entries, and the caller's CTEs. */
export interface OrderWrite {
  entries: OrderEntry[];
  writeRow?: boolean;
  /**
   * CTEs (`name AS (…)`) run beside the row's UPDATE and the head read (built first: they may set
   * fields of the row), the columns (`expr AS alias`) selected from them, and a check of the selected
   * row (throwing refuses: the transaction rolls back).
   */
  beside?: (p: SqlParams) => OrderWriteCtes;
  /** The same, beside the entries' INSERT, the last statement. */
  last?: (p: SqlParams) => OrderWriteCtes;
  /**
   * The last statement commits the command's transaction in its own round trip
   * (TransactionRunner.commitWith): nothing of the command may follow it, and `last` refuses
   * inside the statement (`refused`), never with a `check` run after it.
   */
  commit?: boolean;
  /**
   * The stream's head, read by the statement that locked the order: then everything is written in
   * one statement (the caller's `beside` and `last` CTEs, the row, the entries), and `beside`
   * refuses inside it too. A head gone stale (the lock waited for another writer) fails it with the
   * stream's unique key (`isStaleHead`): the caller runs again.
   */
  head?: StreamHead | null;
}

export interface OrderWriteCtes {
  ctes: string[];
  select?: string;
  check?: (row: Record<string, unknown>) => void;
  /** The caller's error for a failure of the statement (a refusal raised inside it), else null: the failure as it is. */
  refused?: (e: unknown) => Error | null;
}

export interface OrderWriteResult {
  beside: Record<string, unknown>;
  last: Record<string, unknown>;
}

/** The offering's facts accept checks and freezes. */
/** What accept and quote check of the offering, read with the locked order (`maxFen` as text: a bigint). */
type DealOffering = SearchabilityOffering & { unitName: string | null; pricingKind: string; maxFen: string | null };

/** A row of `lock`'s statement: the order's columns and what the variant adds. */
type LockRow = Record<string, unknown> & { member_of?: string[]; parties?: unknown; offering?: DealOffering; grants?: unknown; head?: unknown };

export interface Sides {
  enterprise: boolean;
  provider: boolean;
  officer: boolean;
  /** Any staff covering the enterprise's or the provider's region (read access). */
  staff: boolean;
}

/**
 * Orders (docs/product.md "Orders"): every command locks the order row, resolves the caller to the
 * actor kinds it holds on this order, asks the state machine, writes the change, its audit entry on
 * the order's stream in one transaction; the version moves with every change.
 */
@Injectable()
export class OrdersService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly organizations: OrganizationsService,
    private readonly subsidies: OrderSubsidiesService,
    private readonly payments: PaymentsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // a card payment's success (webhook, reconciliation) moves its order to paid in the same transaction
    this.payments.onSucceeded((m, payment) => this.paymentSucceeded(m, payment));
    this.payments.onRefundFailed((m, refund) => this.refundFailed(m, refund));
  }

  // ---------------------------------------------------------------- enterprise: request

  /**
   * A request (RFQ), or a direct order at the list price: a fixed-price or per-unit offering is
   * created `quoted` at price × quantity, valid for 14 days. Members of the enterprise only.
   */
  async request(me: Principal, input: NewOrder): Promise<OrderView> {
    const created = await this.tx.run(async (m) => {
      if (!isUuid(input.enterpriseId)) throw new NotFoundError('enterprise');
      if (!isUuid(input.offeringId)) throw new NotFoundError('offering');
      // the offering, the caller's memberships of both parties and both parties' deal facts (under
      // a share lock: a verification or admission decision commits first or waits) in one statement
      const [row] = await queryPrepared<Record<string, unknown> & { member_of: string[]; parties: unknown }>(m, this.requestFactsSql(), [input.offeringId, me.userId, input.enterpriseId]);
      if (!row) throw new NotFoundError('offering');
      const offering = hydrate(m, Offering, row);
      // it must be a member of the enterprise; whether it also is of the provider is remembered for the answer
      const memberOf = new Set(row.member_of);
      if (!memberOf.has(input.enterpriseId)) throw new NotFoundError('enterprise');
      if (input.enterpriseId === offering.providerId) throw selfDealing();
      const [enterprise, provider] = this.partiesFrom(this.organizations.dealPartiesFrom(row.parties), input.enterpriseId, offering.providerId);
      if (!enterprise.enterpriseStatus) throw new NotFoundError('enterprise');
      const today = this.today();
      if (!isSearchable(offering, provider.provider, today)) throw new NotFoundError('offering');
      const problem = this.partyProblem(enterprise, provider, offering, today);
      if (problem) throw problem;
      const quantity = input.quantity ?? 1;
      if (quantity !== 1 && offering.pricingKind !== 'per_unit') throw quantityNotAllowed();
      // a list price times the quantity must stay an exact amount (the API's numbers, the processor's minor units)
      if (offering.priceFen !== null && offering.priceFen * BigInt(quantity) > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw priceOutOfRange([{ field: 'quantity', message: `the price times the quantity exceeds ${Number.MAX_SAFE_INTEGER} fen` }]);
      }

      const id = newId();
      const direct = offering.pricingKind !== 'quote';
      const order = m.create(ServiceOrder, {
        id,
        orderNo: orderNumber(id, today),
        enterpriseId: enterprise.id,
        providerId: provider.id,
        offeringId: offering.id,
        categoryId: offering.categoryId,
        regionCode: enterprise.regionCode,
        offeringTitle: offering.title,
        pricingKind: offering.pricingKind,
        quantity,
        requirements: input.requirements,
        status: direct ? 'quoted' : 'requested',
        version: 1n,
        quoteVersion: direct ? 1 : 0,
        priceFen: direct ? offering.priceFen! * BigInt(quantity) : null,
        scope: direct ? offering.deliverables : null,
        leadTimeDays: direct ? offering.leadTimeDays : null,
        quoteValidUntil: direct ? addCalendarDays(today, ORDER_DEADLINES.autoQuoteDays) : null,
        subsidyFen: 0n,
        dueFen: 0n,
        flags: [],
        refundFen: 0n,
        subsidyReleasedFen: 0n,
        enterpriseActorIds: [me.userId],
        providerActorIds: [],
        createdBy: me.userId,
      });
      // the row and the first entry of its stream in one statement (a new id: no head to read)
      const p = new SqlParams();
      const entry = this.audit.firstEntriesInsert(p, [
        {
          streamType: 'order',
          streamId: order.id,
          action: 'order.requested',
          actorId: me.userId,
          before: null,
          after: { status: order.status, offeringId: offering.id, quantity, ...(direct ? { priceFen: Number(order.priceFen), quoteValidUntil: order.quoteValidUntil } : {}) },
          reason: null,
        },
      ]);
      const [inserted] = await queryPrepared<Record<string, unknown>>(m, `WITH order_row AS (${insertSql(m, ServiceOrder, order, p)} RETURNING *), audit_rows AS (${entry}) SELECT * FROM order_row`, p.values);
      Object.assign(order, hydrate(m, ServiceOrder, inserted));
      if (!isStaff(me)) this.knowSides(order, me, { enterprise: true, provider: memberOf.has(provider.id), officer: false, staff: false });
      return order;
    });
    return this.viewAfter(created, me);
  }

  // ---------------------------------------------------------------- provider: quote, decline

  async quote(me: Principal, id: string, input: QuoteInput): Promise<OrderView> {
    return this.command(me, id, 'quote', async (m, order, actors) => {
      const today = this.today();
      if (input.validUntil < today || input.validUntil > addCalendarDays(today, ORDER_DEADLINES.maxQuoteDays)) throw validUntilInPast();
      // the offering and both parties were read with the order's lock
      const facts = this.dealFacts.get(order);
      if (!facts) throw new NotFoundError('offering');
      const { offering } = facts;
      const maxFen = offering.maxFen === null ? null : BigInt(offering.maxFen);
      if (offering.pricingKind === 'quote' && maxFen !== null && input.priceFen > maxFen * 10n) {
        // a far-off quote is a typo more often than not; claims flag >2× anyway
        throw priceOutOfRange([{ field: 'priceFen', message: `at most ten times the offering's maximum (${maxFen * 10n})` }]);
      }
      const ctx = await this.partyContext(m, order, { offering, parties: facts.parties });
      const from = order.status;
      order.status = orderMachine.transition(from, 'quote', actors, ctx);
      order.quoteVersion += 1;
      order.priceFen = input.priceFen;
      order.scope = input.scope;
      order.leadTimeDays = input.leadTimeDays;
      order.quoteValidUntil = input.validUntil;
      await this.save(m, order, 'quote', me, { status: from }, {
        status: order.status,
        quoteVersion: order.quoteVersion,
        priceFen: Number(input.priceFen),
        leadTimeDays: input.leadTimeDays,
        validUntil: input.validUntil,
      });
    });
  }

  async decline(me: Principal, id: string, reason: string): Promise<OrderView> {
    return this.simple(me, id, 'decline', reason, (o) => {
      o.closedAt = this.clock.now();
      o.closeReason = reason.trim();
    });
  }

  // ---------------------------------------------------------------- enterprise: accept, reject

  /**
   * quoted → contracted: the quote is frozen into the contract, the subsidy computed under the locks
   * the hold takes and held on the grant (the provider's cap counted). When the caller says which
   * quote version and subsidy it saw and either differs now, nothing is held: 409 SUBSIDY_CHANGED
   * with the new preview. When nothing is due the order is paid at once.
   */
  async accept(me: Principal, id: string, input: AcceptInput): Promise<OrderView> {
    // the provider cap is reserved optimistically, as the last write: when a concurrent accept took
    // the room first, the reservation is refused, nothing of this attempt stays, and it runs again
    // on the new usage (a smaller subsidy, or SUBSIDY_CHANGED when the caller said what it expected)
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.acceptOnce(me, id, input);
      } catch (e) {
        // …and so does an accept whose lock waited for another writer of the order (its stream head was stale)
        if (!((isDomainError(e) && e.code === 'PROVIDER_CAP_REACHED') || isStaleHead(e)) || attempt >= 5) throw e;
      }
    }
  }

  private async acceptOnce(me: Principal, id: string, input: AcceptInput): Promise<OrderView> {
    return this.command(me, id, 'accept', async (m, order, actors) => {
      const facts = this.dealFacts.get(order);
      if (!facts) throw new NotFoundError('offering');
      const offering = facts.offering;
      // which grant pays and what it can give: its candidates were read, and their rows locked, by
      // the statement that locked the order; the guards below refuse before anything is written,
      // and the refusal releases the locks at once
      let locked: Awaited<ReturnType<OrderSubsidiesService['chooseFrom']>> = null;
      let grantProblem: DomainError | null = null;
      // only a quoted order has a price to preview; any other state is refused by the machine below
      if (order.status === 'quoted' && order.priceFen !== null) {
        try {
          locked = await this.subsidies.chooseFrom(facts.grants, { enterpriseId: order.enterpriseId, providerId: order.providerId, categoryId: order.categoryId, priceFen: order.priceFen, grantId: input.grantId ?? null });
        } catch (e) {
          if (!isDomainError(e)) throw e;
          grantProblem = e;
        }
      }
      const ctx = await this.partyContext(m, order, { offering, grantProblem, parties: facts.parties });
      const to = orderMachine.transition(order.status, 'accept', actors, ctx);
      const p = locked?.preview ?? noSubsidy(order.priceFen!);
      if ((input.quoteVersion !== undefined && input.quoteVersion !== order.quoteVersion) || (input.expectedSubsidyFen !== undefined && input.expectedSubsidyFen !== p.subsidyFen)) {
        throw subsidyChanged({ ...previewView(p), quoteVersion: order.quoteVersion, priceFen: Number(order.priceFen) });
      }
      const held = p.subsidyFen > 0n && p.grantId !== null;
      const { enterprise, provider } = ctx;
      const category = await this.reference.getCategory(order.categoryId);
      const now = this.clock.now();
      const from = order.status;
      order.status = to;
      order.grantId = held ? p.grantId : null;
      order.programId = held ? p.programId : null;
      order.holdId = null;
      order.subsidyFen = held ? p.subsidyFen : 0n;
      order.settlementMode = held ? p.settlementMode : null;
      order.dueFen = order.settlementMode === 'enterprise_reimbursed' ? order.priceFen! : order.priceFen! - order.subsidyFen;
      order.contractedAt = now;
      order.dueOn = addCalendarDays(this.today(), ORDER_DEADLINES.payDays);
      order.contract = {
        contractNo: `HT${order.orderNo.slice(2)}`,
        contractType: defaultContractType(category?.code ?? ''),
        signedAt: now.toISOString(),
        enterprise: party(enterprise),
        provider: party(provider),
        offeringTitle: order.offeringTitle,
        categoryName: category?.nameZh ?? '',
        scope: order.scope ?? '',
        quantity: order.quantity,
        unitName: offering.unitName,
        leadTimeDays: order.leadTimeDays ?? 0,
        priceFen: order.priceFen!.toString(),
        subsidyFen: order.subsidyFen.toString(),
        ownShareFen: (order.priceFen! - order.subsidyFen).toString(),
        programName: held ? p.programName : null,
        settlementMode: order.settlementMode,
      } satisfies ContractTerms;
      // the writes in two statements: the hold (ledger) beside the order row and the stream head;
      // then the audit entry beside the provider cap's reservation with the COMMIT in the same round
      // trip, so the contended cap row is locked for that statement and the commit only
      order.version += 1n;
      await this.write(m, order, {
        entries: [
          {
            action: 'order.accept',
            actorId: me.userId,
            before: { status: from },
            after: () => ({ status: to, quoteVersion: order.quoteVersion, priceFen: Number(order.priceFen), subsidyFen: Number(order.subsidyFen), dueFen: Number(order.dueFen), grantId: order.grantId, holdId: order.holdId, capReason: p.capReason }),
          },
        ],
        // the hold (ledger) beside the order row's UPDATE and the stream head: the hold's id is the order's
        beside: held
          ? (q) => {
              const h = this.subsidies.holdWrite(q, { orderId: order.id, providerId: order.providerId, preview: p, actorId: me.userId }, locked!.available)!;
              order.holdId = h.hold.id;
              return h;
            }
          : undefined,
        // the provider cap's reservation beside the audit entry, the last statement: the contended cap row is locked from there to the commit only
        last: held ? (q) => this.subsidies.reserveCte(q, p, order.providerId)! : undefined,
        // everything in one statement, chained from the stream head read with the lock, and the
        // COMMIT travels with it, unless the order is paid at once below
        head: facts.head,
        commit: order.dueFen !== 0n,
      });
      if (order.dueFen === 0n) await this.markPaid(m, order, null, 'nothing due');
      this.justContracted.add(order);
    }, { grantId: input.grantId ?? null });
  }

  async reject(me: Principal, id: string, reason?: string): Promise<OrderView> {
    return this.command(me, id, 'reject', async (m, order, actors) => {
      const from = order.status;
      order.status = orderMachine.transition(from, 'reject', actors, await this.plainContext(order, reason));
      order.closedAt = this.clock.now();
      order.closeReason = reason?.trim() || null;
      await this.save(m, order, 'reject', me, { status: from }, { status: order.status }, reason);
    });
  }

  // ---------------------------------------------------------------- cancel (either party, or the worker)

  /**
   * requested/quoted/contracted/paid → cancelled: the whole hold is released and whatever the
   * enterprise paid is refunded (a card refund through the processor; a bank transfer back that
   * the enterprise confirms).
   */
  async cancel(me: Principal | 'system', id: string, reason: string, opts: { sanction?: boolean } = {}): Promise<OrderView | null> {
    return this.command(me, id, 'cancel', async (m, order, actors) => {
      // the worker cancels only a contract still unpaid past its last day, re-checked under the lock
      // (a payment confirmed after the sweep read its list moves the order on); a sanction cancels
      // whatever has not started
      if (me === 'system' && !opts.sanction && (order.status !== 'contracted' || order.dueOn === null || order.dueOn >= this.today())) {
        throw new IllegalTransitionError('order', order.status, 'cancel');
      }
      const from = order.status;
      order.status = orderMachine.transition(from, 'cancel', actors, await this.plainContext(order, reason));
      order.closedAt = this.clock.now();
      order.closeReason = reason.trim();
      order.dueOn = null;
      const released = await this.releaseHold(m, order, undefined, 'cancel', actorIdOf(me));
      const refunded = await this.refundPaid(m, order, null, `order cancelled: ${reason.trim()}`);
      await this.save(m, order, 'cancel', me, { status: from }, { status: order.status, subsidyReleasedFen: Number(released), refundFen: Number(refunded) }, reason);
    });
  }

  // ---------------------------------------------------------------- provider: start, deliver

  async start(me: Principal, id: string): Promise<OrderView> {
    return this.command(me, id, 'start', async (m, order, actors) => {
      const from = order.status;
      order.status = orderMachine.transition(from, 'start', actors, await this.plainContext(order));
      order.startedAt = this.clock.now();
      order.dueOn = null;
      order.flags = order.flags.filter((f) => f !== 'start_overdue');
      await this.save(m, order, 'start', me, { status: from }, { status: order.status });
    });
  }

  async deliver(me: Principal, id: string, input: { reportFileId: string; note?: string }, assertFile: (m: EntityManager, fileId: string) => Promise<void>): Promise<OrderView> {
    return this.command(me, id, 'deliver', async (m, order, actors) => {
      const from = order.status;
      order.status = orderMachine.transition(from, 'deliver', actors, await this.plainContext(order));
      await assertFile(m, input.reportFileId);
      order.deliveredAt = this.clock.now();
      order.deliveryReportFileId = input.reportFileId;
      order.deliveryNote = input.note?.trim() || null;
      order.dueOn = addCalendarDays(this.today(), ORDER_DEADLINES.acceptDays);
      await this.save(m, order, 'deliver', me, { status: from }, { status: order.status, reportFileId: input.reportFileId, acceptBy: order.dueOn });
    });
  }

  // ---------------------------------------------------------------- enterprise: complete, dispute

  /** delivered → completed, by the enterprise or (after the 14 days) by the worker. */
  async complete(me: Principal | 'system', id: string): Promise<OrderView | null> {
    return this.command(me, id, 'complete', async (m, order, actors) => {
      const from = order.status;
      order.status = orderMachine.transition(from, 'complete', actors, { ...(await this.plainContext(order)), automatic: me === 'system' });
      order.completedAt = this.clock.now();
      order.dueOn = null;
      await this.save(m, order, me === 'system' ? 'auto-complete' : 'complete', me, { status: from }, { status: order.status });
    });
  }

  async dispute(me: Principal, id: string, reason: string): Promise<OrderView> {
    return this.simple(me, id, 'dispute', reason, (o) => {
      o.disputedAt = this.clock.now();
      o.disputeReason = reason.trim();
      o.dueOn = null;
    });
  }

  /**
   * A program officer covering the order resolves a dispute: complete, or refund R fen. R splits
   * (docs/product.md "Refund R"): floor(R × subsidy / price) goes back from the hold to the grant;
   * the provider refunds the enterprise R − that under 通兑 (the rest was never paid by it), R in
   * full under 通用.
   */
  async resolveDispute(me: Principal, id: string, input: DisputeResolutionInput): Promise<OrderView> {
    return this.tx.run(async (m) => {
      const order = await this.lock(m, id);
      const sides = await this.sides(m, me, order);
      if (!sides.officer) {
        if (sides.staff || sides.enterprise || sides.provider) throw new ForbiddenError();
        throw new NotFoundError('order');
      }
      if (sides.enterprise || sides.provider) throw bothSides();
      await assertCurrentVersion('order', input.expectedVersion, Number(order.version), async () => {
        const last = await this.audit.lastEntry(m, 'order', order.id, ['order.']);
        return { version: Number(order.version), status: order.status, decidedBy: last?.actorId ?? null, decidedAt: last?.occurredAt ?? null };
      });
      const action: OrderAction = input.outcome === 'complete' ? 'resolve_complete' : 'resolve_refund';
      const from = order.status;
      const ctx: OrderContext = { ...(await this.plainContext(order, input.reason)), refundFen: input.refundFen ?? null, priceFen: order.priceFen };
      order.status = orderMachine.transition(from, action, ['program_officer'], ctx);
      const now = this.clock.now();
      let after: Record<string, unknown> = { status: order.status, outcome: input.outcome };
      if (input.outcome === 'complete') {
        order.completedAt = now;
      } else {
        const R = input.refundFen!;
        const split = disputeRefund({ priceFen: order.priceFen!, subsidyFen: order.subsidyFen, refundFen: R });
        const released = split.subsidyReleasedFen > 0n ? await this.releaseHold(m, order, split.subsidyReleasedFen, 'dispute-refund', me.userId) : 0n;
        // 通用: the enterprise paid the full price and gets R back; 通兑 (or no grant): R − the released subsidy
        const toEnterprise = order.settlementMode === 'enterprise_reimbursed' ? R : R - split.subsidyReleasedFen;
        const refunded = toEnterprise > 0n ? await this.refundPaid(m, order, toEnterprise, `dispute resolved: ${input.reason.trim()}`) : 0n;
        order.refundFen = R;
        order.subsidyReleasedFen = released;
        order.closedAt = now;
        after = { ...after, refundFen: Number(R), subsidyReleasedFen: Number(released), refundedToEnterpriseFen: Number(refunded), claimableSubsidyFen: Number(split.claimableSubsidyFen) };
      }
      order.closeReason = input.reason.trim();
      await this.save(m, order, action, me, { status: from }, after, input.reason);
      return this.view(m, order, me);
    });
  }

  // ---------------------------------------------------------------- reads

  async get(me: Principal, id: string): Promise<OrderView> {
    const m = this.dataSource.manager;
    const order = isUuid(id) ? await m.findOne(ServiceOrder, { where: { id } }) : null;
    if (!order) throw new NotFoundError('order');
    const sides = await this.sides(m, me, order);
    if (!sides.enterprise && !sides.provider && !sides.staff) throw new NotFoundError('order');
    return this.view(m, order, me, true);
  }

  /** The caller's orders as buyer (member of the enterprise) or seller (member of the provider), newest first. */
  async list(me: Principal, q: OrderListQuery): Promise<Page<OrderView>> {
    const m = this.dataSource.manager;
    const orgIds = await this.organizations.organizationIdsOf(me.userId, m);
    if (q.organizationId && !orgIds.includes(q.organizationId)) return pageOf([], 0, q);
    const qb = m.createQueryBuilder(ServiceOrder, 'o');
    if (q.as === 'buyer') qb.where('o.enterpriseId = ANY(:orgIds)', { orgIds });
    else if (q.as === 'seller') qb.where('o.providerId = ANY(:orgIds)', { orgIds });
    else qb.where('(o.enterpriseId = ANY(:orgIds) OR o.providerId = ANY(:orgIds))', { orgIds });
    if (q.organizationId) qb.andWhere(q.as === 'buyer' ? 'o.enterpriseId = :org' : q.as === 'seller' ? 'o.providerId = :org' : '(o.enterpriseId = :org OR o.providerId = :org)', { org: q.organizationId });
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('o.createdAt', 'DESC').addOrderBy('o.id', 'ASC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    const views: OrderView[] = [];
    for (const o of rows) views.push(await this.view(m, o, me));
    return pageOf(views, total, q);
  }

  /** Staff: the orders in their jurisdiction (the enterprise's region), e.g. the disputes waiting for a program officer. */
  async listForStaff(me: Principal, q: { status?: OrderStatus; page: number; pageSize: number }): Promise<Page<OrderView>> {
    const m = this.dataSource.manager;
    const codes = jurisdictionOf(me, ['program_officer', 'county_reviewer', 'city_reviewer', 'finance_officer', 'auditor']);
    if (codes.length === 0) return pageOf([], 0, q);
    const qb = m.createQueryBuilder(ServiceOrder, 'o').where(
      `EXISTS (SELECT 1 FROM unnest(:codes::text[]) AS c(code) WHERE o.region_code = c.code OR (right(c.code, 2) = '00' AND left(o.region_code, 4) = left(c.code, 4)))`,
      { codes },
    );
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('o.updatedAt', 'ASC').addOrderBy('o.id', 'ASC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    const views: OrderView[] = [];
    for (const o of rows) views.push(await this.view(m, o, me));
    return pageOf(views, total, q);
  }

  /** The contract as a PDF (the parties and the staff covering the order), rendered from the terms frozen at acceptance. */
  async contractPdf(me: Principal, id: string): Promise<{ name: string; bytes: Buffer }> {
    const m = this.dataSource.manager;
    const order = isUuid(id) ? await m.findOne(ServiceOrder, { where: { id } }) : null;
    if (!order || !(await this.canRead(m, me, order))) throw new NotFoundError('order');
    if (!order.contract) throw new NotFoundError('order', msg('The order has no contract yet (it is made when the enterprise accepts the quote).', '订单尚未签订合同（企业接受报价后生成）。'));
    return { name: `${order.contract.contractNo}.pdf`, bytes: await renderContractPdf({ terms: order.contract, orderNo: order.orderNo, registrationNo: order.contractRegistrationNo }) };
  }

  /** Either party records the technology-contract registration number (技术合同认定登记号) once the contract is registered. */
  async registerContract(me: Principal, id: string, registrationNo: string): Promise<OrderView> {
    return this.tx.run(async (m) => {
      const order = await this.lock(m, id);
      const s = await this.sides(m, me, order);
      if (!s.enterprise && !s.provider) {
        if (s.staff) throw new ForbiddenError();
        throw new NotFoundError('order');
      }
      if (!order.contract) throw new IllegalTransitionError('order', order.status, 'register-contract');
      const before = order.contractRegistrationNo;
      order.contractRegistrationNo = registrationNo;
      await this.save(m, order, 'contract.registered', me, { registrationNo: before }, { registrationNo });
      return this.view(m, order, me);
    });
  }

  /** Whether the caller may read what is attached to the order (files): its parties and the staff covering it. */
  async canRead(m: EntityManager, me: Principal, order: ServiceOrder): Promise<boolean> {
    const s = await this.sides(m, me, order);
    return s.enterprise || s.provider || s.staff;
  }

  // ---------------------------------------------------------------- payments (called by OrderPaymentsService)

  /** contracted → paid, in the caller's transaction (payment confirmed, or nothing due). */
  async markPaid(m: EntityManager, order: ServiceOrder, by: Principal | null, why: string, w: { entries?: OrderEntry[]; beside?: OrderWrite['beside'] } = {}): Promise<void> {
    const from = order.status;
    order.status = orderMachine.transition(from, 'confirm_payment', [by ? 'provider' : 'system'], await this.plainContext(order));
    order.paidAt = this.clock.now();
    order.dueOn = addCalendarDays(this.today(), ORDER_DEADLINES.startDays);
    order.version += 1n;
    // `entries` (the confirmation that paid it) come first on the stream, then the transition
    await this.write(m, order, {
      entries: [...(w.entries ?? []), { action: 'order.paid', actorId: by?.userId ?? null, before: { status: from }, after: { status: order.status, why } }],
      beside: w.beside,
    });
  }

  private async paymentSucceeded(m: EntityManager, payment: Payment): Promise<void> {
    const order = await this.lock(m, payment.orderId);
    if (order.status !== 'contracted') {
      // paid after a cancellation (a card payment that raced it): give the money back
      if (order.status === 'cancelled') await this.payments.createRefund(m, payment, payment.amountFen, 'payment arrived after the order was cancelled');
      return;
    }
    await this.markPaid(m, order, null, `${payment.method} payment ${payment.id}`);
  }

  /** A refund failed at the processor: the money did not go back; the order is flagged for staff and the failure recorded on its stream. */
  private async refundFailed(m: EntityManager, refund: PaymentRefund): Promise<void> {
    const order = await this.lock(m, refund.orderId);
    if (!order.flags.includes('refund_failed')) order.flags = [...order.flags, 'refund_failed'];
    await this.save(m, order, 'refund.failed', 'system', null, { refundId: refund.id, amountFen: Number(refund.amountFen), error: refund.lastError }, refund.lastError);
  }

  // ---------------------------------------------------------------- the worker's sweeps (OrderSweeps)

  /** Orders whose timed step is due on or before `today`, in `status`. */
  async dueOrders(status: OrderStatus, before: string, limit: number, afterId = '00000000-0000-0000-0000-000000000000'): Promise<string[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ServiceOrder, 'o')
      .select('o.id', 'id')
      .where('o.status = :status', { status })
      .andWhere('o.dueOn < :before', { before })
      .andWhere('o.id > :afterId', { afterId });
    // a flagged order stays paid and overdue: leave it out, or the flagged ones would fill every page
    if (status === 'paid') qb.andWhere(`NOT ('start_overdue' = ANY(o.flags))`);
    const rows = await qb.orderBy('o.id', 'ASC').limit(limit).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * A sanction on a party of an order already started (in progress, delivered or disputed): the
   * order goes on (only the program officer stops it) and is flagged for the officer, once.
   */
  async flagSanctioned(id: string, reason: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const order = await this.lock(m, id);
      if (!['in_progress', 'delivered', 'disputed'].includes(order.status) || order.flags.includes('sanctioned')) return false;
      order.flags = [...order.flags, 'sanctioned'];
      await this.save(m, order, 'flag', 'system', { flags: order.flags.filter((f) => f !== 'sanctioned') }, { flags: order.flags }, reason);
      return true;
    });
  }

  /** Flags an order paid but not started within 30 days (once). */
  async flagStartOverdue(id: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const order = await this.lock(m, id);
      if (order.status !== 'paid' || order.dueOn === null || order.dueOn >= this.today() || order.flags.includes('start_overdue')) return false;
      order.flags = [...order.flags, 'start_overdue'];
      await this.save(m, order, 'flag', 'system', { flags: [] }, { flags: order.flags }, 'paid but not started within 30 days');
      return true;
    });
  }

  // ---------------------------------------------------------------- helpers

  /** The shape of every party command: lock, resolve the caller's actor kinds, do, view. */
  private async command(
    me: Principal | 'system',
    id: string,
    action: OrderAction,
    work: (m: EntityManager, order: ServiceOrder, actors: OrderActor[]) => Promise<void>,
    choice?: { grantId: string | null },
  ): Promise<OrderView> {
    const order = await this.tx.run(async (m) => {
      const order = await this.lock(m, id, me === 'system' ? null : me, true, action === 'accept' || action === 'quote', choice);
      const actors = me === 'system' ? (['system'] as OrderActor[]) : await this.actorsFor(m, me, order, action);
      await work(m, order, actors);
      return order;
    });
    return this.viewAfter(order, me === 'system' ? null : me);
  }

  /**
   * The answer of a command, read after its commit so that the order's, the grant's and the
   * provider cap's row locks are not held while it is built; inside a keyed request's unit of work
   * (Idempotency-Key) it joins that transaction instead.
   */
  private viewAfter(order: ServiceOrder, me: Principal | null): Promise<OrderView> {
    return this.tx.inUnitOfWork ? this.tx.run((m) => this.view(m, order, me)) : this.view(this.dataSource.manager, order, me);
  }

  private async simple(me: Principal, id: string, action: OrderAction, reason: string, apply: (o: ServiceOrder) => void): Promise<OrderView> {
    return this.command(me, id, action, async (m, order, actors) => {
      const from = order.status;
      order.status = orderMachine.transition(from, action, actors, await this.plainContext(order, reason));
      apply(order);
      await this.save(m, order, action, me, { status: from }, { status: order.status }, reason);
    });
  }

  /**
   * The order row, locked (FOR UPDATE) unless `lock` is false; with the caller, its memberships of
   * both parties are read in the same statement (who it is on the order, without a round trip).
   * With `choice` (accept), the same statement also reads the candidate grants that could pay for
   * it and locks their available rows, after the order row (OrderSubsidiesService.choiceSql).
   */
  async lock(m: EntityManager, id: string, me: Principal | null = null, lock = true, dealFacts = false, choice?: { grantId: string | null }): Promise<ServiceOrder> {
    if (!isUuid(id)) throw new NotFoundError('order');
    if (choice && !lock) throw new RangeError('the grant choice locks rows: only with the order locked');
    const params: unknown[] = me ? [id, me.userId] : [id];
    // the named grant's id, or (any active grant) today's date: the statement's last parameter
    if (choice) params.push(choice.grantId ? this.subsidies.namedGrantParam(choice.grantId) : this.today());
    const sql = this.lockSql(me !== null, lock, dealFacts, choice ? (choice.grantId ? 'named' : 'any') : 'none');
    const rows = await (choice ? queryPrepared<LockRow>(m, sql, params) : m.query<LockRow[]>(sql, params));
    if (!rows[0]) throw new NotFoundError('order');
    const order = hydrate(m, ServiceOrder, rows[0]);
    if (me) await this.sides(m, me, order, new Set(rows[0].member_of ?? []));
    if (dealFacts && rows[0].offering) {
      this.dealFacts.set(order, { parties: this.organizations.dealPartiesFrom(rows[0].parties), offering: rows[0].offering, grants: rows[0].grants ?? null, head: choice ? streamHead(rows[0].head) : undefined });
    }
    return order;
  }

  /** `request`'s read: the offering ($1), the caller's ($2) memberships of the enterprise ($3) and the provider, both parties' deal facts under a share lock. */
  private requestFactsSql(): string {
    return (this.requestFactsText ??= `SELECT f.*,
       ARRAY(SELECT mm.organization_id::text FROM membership mm WHERE mm.user_id = $2 AND mm.organization_id IN ($3::uuid, f.provider_id)) AS member_of,
       ${this.organizations.dealPartiesExpression('$3::uuid, f.provider_id', true)} AS parties
  FROM offering f WHERE f.id = $1`);
  }

  private requestFactsText: string | undefined;

  /** The text of `lock`'s statement per variant, written once (a query builder would rebuild it on every command). */
  private lockSql(withMe: boolean, lock: boolean, dealFacts: boolean, choice: 'none' | 'any' | 'named'): string {
    const key = `${withMe}${lock}${dealFacts}${choice}`;
    let sql = this.lockSqls.get(key);
    if (sql === undefined) {
      // the grant choice: the order row locked first, in a CTE the candidates' CTEs read (its
      // enterprise, provider, status and price), then their available rows
      const next = withMe ? 3 : 2;
      const grants = choice === 'none' ? null : this.subsidies.choiceSql({ order: 'so', named: choice === 'named', param: `$${next}` });
      const extra = [
        // who the caller is on the order: its memberships of both parties
        withMe ? 'ARRAY(SELECT mm.organization_id::text FROM membership mm WHERE mm.user_id = $2 AND mm.organization_id IN (so.enterprise_id, so.provider_id)) AS member_of' : null,
        // what accept checks and freezes, read from this statement's snapshot
        dealFacts ? `${this.organizations.dealPartiesExpression('so.enterprise_id, so.provider_id')} AS parties` : null,
        dealFacts
          ? `(SELECT json_build_object('status', f.status, 'qualificationKinds', f.qualification_kinds, 'unitName', f.unit_name, 'pricingKind', f.pricing_kind, 'maxFen', f.max_fen::text) FROM offering f WHERE f.id = so.offering_id) AS offering`
          : null,
        grants ? `${grants.select} AS grants` : null,
        // the order stream's head, for accept's writes in one statement
        grants ? `${this.audit.headExpressionOf('order', 'so.id::text')} AS head` : null,
      ].filter((x) => x !== null);
      sql = grants
        ? `WITH so AS MATERIALIZED (SELECT * FROM service_order WHERE id = $1 FOR UPDATE), ${grants.ctes.join(', ')} SELECT so.*${extra.map((x) => `, ${x}`).join('')} FROM so`
        : `SELECT so.*${extra.map((x) => `, ${x}`).join('')} FROM service_order so WHERE so.id = $1${lock ? ' FOR UPDATE OF so' : ''}`;
      this.lockSqls.set(key, sql);
    }
    return sql;
  }

  private readonly lockSqls = new Map<string, string>();

  /** The deal facts `lock` read with an order for accept and quote. */
  private readonly dealFacts = new WeakMap<ServiceOrder, { parties: Map<string, DealParty>; offering: DealOffering; grants: unknown; head: StreamHead | null | undefined }>();

  /** Who the caller is on this order, read once per loaded order row (a command asks several times). */
  async sides(m: EntityManager, me: Principal, order: ServiceOrder, memberOf?: Set<string>): Promise<Sides> {
    let known = this.sidesOf.get(order);
    if (!known) this.sidesOf.set(order, (known = new Map<string, Sides>()));
    const hit = known.get(me.userId);
    if (hit) return hit;
    const s = await this.readSides(m, me, order, memberOf);
    known.set(me.userId, s);
    return s;
  }

  private readonly sidesOf = new WeakMap<ServiceOrder, Map<string, Sides>>();

  /** Orders an accept of this process has just contracted (in the answer's view): no payment can exist yet. */
  private readonly justContracted = new WeakSet<ServiceOrder>();

  /** Seeds the cache when the command already knows (a request). */
  private knowSides(order: ServiceOrder, me: Principal, s: Sides): void {
    this.sidesOf.set(order, new Map([[me.userId, s]]));
  }

  private async membershipsOf(m: EntityManager, userId: string, orgIds: string[]): Promise<Set<string>> {
    const rows = await m.query<{ organization_id: string }[]>('SELECT organization_id FROM membership WHERE user_id = $1 AND organization_id = ANY($2::uuid[])', [userId, orgIds]);
    return new Set(rows.map((r) => r.organization_id));
  }

  private async readSides(m: EntityManager, me: Principal, order: ServiceOrder, memberOf?: Set<string>): Promise<Sides> {
    const member = memberOf ?? (await this.membershipsOf(m, me.userId, [order.enterpriseId, order.providerId]));
    const providerRegion = isStaff(me) ? (await this.organizations.find(order.providerId, m))?.regionCode ?? null : null;
    const covers = (roles: readonly string[]) =>
      staffCovers(me, roles as never, order.regionCode) || (providerRegion !== null && staffCovers(me, roles as never, providerRegion));
    return {
      enterprise: member.has(order.enterpriseId),
      provider: member.has(order.providerId),
      officer: staffCovers(me, OFFICER, order.regionCode),
      staff: isStaff(me) && covers(['program_officer', 'county_reviewer', 'city_reviewer', 'finance_officer', 'auditor', 'super_admin']),
    };
  }

  /**
   * The actor kinds the caller holds for `action` on this order: 404 when the order is not visible
   * to it; a member of both parties acts for one side only (403 once it acted for the other); the
   * side it acts for is remembered.
   */
  private async actorsFor(m: EntityManager, me: Principal, order: ServiceOrder, action: OrderAction): Promise<OrderActor[]> {
    const s = await this.sides(m, me, order);
    if (!s.enterprise && !s.provider && !s.staff) throw new NotFoundError('order');
    const actors: OrderActor[] = [];
    if (s.enterprise) actors.push('enterprise');
    if (s.provider) actors.push('provider');
    if (s.officer) actors.push('program_officer');
    orderMachine.authorize(action, actors); // 403 before anything else
    const allowed = orderMachine.actorsOf(action);
    const side = allowed.includes('enterprise') && s.enterprise ? 'enterprise' : allowed.includes('provider') && s.provider ? 'provider' : null;
    if (side) {
      const other = side === 'enterprise' ? order.providerActorIds : order.enterpriseActorIds;
      if (other.includes(me.userId)) throw bothSides();
      const mine = side === 'enterprise' ? order.enterpriseActorIds : order.providerActorIds;
      if (!mine.includes(me.userId)) mine.push(me.userId);
      return [side];
    }
    return actors;
  }

  /** The party and eligibility facts for request, quote and accept. */
  private partyProblem(enterprise: DealParty, provider: DealParty, offering: SearchabilityOffering, today: string): DomainError | null {
    if (provider.provider?.admissionStatus !== 'admitted') return providerNotAdmitted();
    if (provider.blacklistedUntil !== null && provider.blacklistedUntil >= today) return providerBlacklisted(provider.blacklistedUntil);
    if (!isSearchable(offering, provider.provider, today)) return offeringNotAvailable();
    if (enterprise.enterpriseStatus !== 'verified') return enterpriseNotVerified();
    if (enterprise.blacklistedUntil !== null && enterprise.blacklistedUntil >= today) return enterpriseBlacklisted(enterprise.blacklistedUntil);
    return null;
  }

  private async partyContext(
    m: EntityManager,
    order: ServiceOrder,
    o: { offering: SearchabilityOffering; grantProblem?: DomainError | null; parties?: Map<string, DealParty> },
  ): Promise<OrderContext & { enterprise: DealParty; provider: DealParty }> {
    const today = this.today();
    const [enterprise, provider] = o.parties ? this.partiesFrom(o.parties, order.enterpriseId, order.providerId) : await this.parties(m, order.enterpriseId, order.providerId);
    return { ...(await this.plainContext(order)), partyProblem: this.partyProblem(enterprise, provider, o.offering, today) ?? o.grantProblem ?? null, enterprise, provider };
  }

  /** Both parties' deal facts in one statement (with `share`, their organization rows share-locked). */
  private async parties(m: EntityManager, enterpriseId: string, providerId: string, share = false): Promise<[DealParty, DealParty]> {
    return this.partiesFrom(await this.organizations.dealParties(m, [enterpriseId, providerId], share), enterpriseId, providerId);
  }

  private partiesFrom(found: Map<string, DealParty>, enterpriseId: string, providerId: string): [DealParty, DealParty] {
    const enterprise = found.get(enterpriseId);
    const provider = found.get(providerId);
    if (!enterprise) throw new NotFoundError('enterprise');
    if (!provider) throw new NotFoundError('provider');
    return [enterprise, provider];
  }

  private async plainContext(order: ServiceOrder, reason?: string | null): Promise<OrderContext> {
    return {
      today: this.today(),
      quoteValidUntil: order.quoteValidUntil,
      partyProblem: null,
      reason: reason?.trim() || null,
      disputeUntil: order.status === 'delivered' ? order.dueOn : null,
      automatic: false,
      refundFen: null,
      priceFen: order.priceFen,
    };
  }

  /** Ends (part of) the order's hold through the one vouchers method; returns what left the hold. */
  private async releaseHold(m: EntityManager, order: ServiceOrder, amountFen: Fen | undefined, why: string, actorId: string | null): Promise<Fen> {
    if (!order.holdId) return 0n;
    const r = await this.subsidies.endHold(m, {
      holdId: order.holdId,
      providerId: order.providerId,
      kind: 'release',
      amountFen,
      reference: `order:${order.id}`,
      actorId,
      idempotencyKey: `release:order:${order.id}:${why}`,
    });
    return r.amountFen;
  }

  /** Refunds what the enterprise paid (all of it, or `amountFen`); returns the amount put on the way back. */
  private async refundPaid(m: EntityManager, order: ServiceOrder, amountFen: Fen | null, reason: string): Promise<Fen> {
    const payment = await this.payments.live(m, order.id, true);
    if (!payment) return 0n;
    if (payment.method === 'offline' && payment.status === 'pending') {
      // the enterprise may already have sent the transfer: it stays confirmable, and a confirmation
      // after the cancellation refunds it in full (paymentSucceeded), so no money is left behind
      return 0n;
    }
    // nothing arrived yet: the payment is called off, and a card payment cancelled at the processor
    // after the commit (one that still succeeds is refunded by paymentSucceeded)
    if (await this.payments.cancel(m, payment)) return 0n;
    const amount = amountFen ?? payment.amountFen;
    if (amount <= 0n) return 0n;
    await this.payments.createRefund(m, payment, amount > payment.amountFen ? payment.amountFen : amount, reason);
    return amount > payment.amountFen ? payment.amountFen : amount;
  }

  private async save(m: EntityManager, order: ServiceOrder, action: string, by: Principal | 'system', before: unknown, after: unknown, reason?: string | null, w: Omit<OrderWrite, 'entries'> = {}): Promise<OrderWriteResult> {
    order.version += 1n;
    return this.write(m, order, { ...w, entries: [{ action: `order.${action}`, actorId: by === 'system' ? null : by.userId, before, after, reason: reason?.trim() || null }] });
  }

  /**
   * Writes the (locked) order row back and appends entries to its audit stream, in two statements:
   * the row's UPDATE beside the stream's head read (every writer of the order stream holds the row
   * locked from an earlier statement), then the entries, chained from that head. `beside` and
   * `last` add the caller's own CTEs to the first and the second statement, and select their answers.
   */
  async write(m: EntityManager, order: ServiceOrder, w: OrderWrite): Promise<OrderWriteResult> {
    if (w.head !== undefined) return this.writeOnce(m, order, w, w.head);
    const p = new SqlParams();
    const beside = w.beside?.(p);
    const ctes = [...(beside?.ctes ?? []), ...(w.writeRow === false ? [] : [`order_row AS (${writeBackSql(m, ServiceOrder, order, p)})`])];
    const [first] = await queryPrepared<Record<string, unknown>>(
      m,
      `${ctes.length ? `WITH ${ctes.join(', ')}` : ''} SELECT ${this.audit.headExpression(p, 'order', order.id)} AS head${beside?.select ? `, ${beside.select}` : ''}`,
      p.values,
    );
    beside?.check?.(first);
    const q = new SqlParams();
    const entries = this.audit.nextEntriesInsert(
      q,
      streamHead(first.head),
      w.entries.map((e) => ({ streamType: 'order', streamId: order.id, action: e.action, actorId: e.actorId, before: e.before ?? null, after: typeof e.after === 'function' ? (e.after as () => unknown)() : (e.after ?? null), reason: e.reason ?? null })),
    );
    const last = w.last?.(q);
    if (w.commit && last?.check) throw new RangeError('a committing last statement refuses inside the statement, not with a check after its commit');
    const text = `WITH audit_rows AS (${entries.sql})${last?.ctes.length ? `, ${last.ctes.join(', ')}` : ''} SELECT ${last?.select ?? '1 AS written'}`;
    let second: Record<string, unknown>;
    try {
      [second] = w.commit ? await this.tx.commitWith<Record<string, unknown>>(m, text, q.values) : await queryPrepared<Record<string, unknown>>(m, text, q.values);
    } catch (e) {
      throw last?.refused?.(e) ?? e;
    }
    last?.check?.(second);
    return { beside: first, last: second };
  }

  /** `write` in one statement, the entries chained from `head` (read with the order's lock). */
  private async writeOnce(m: EntityManager, order: ServiceOrder, w: OrderWrite, head: StreamHead | null): Promise<OrderWriteResult> {
    const p = new SqlParams();
    const beside = w.beside?.(p);
    const entries = this.audit.nextEntriesInsert(
      p,
      head,
      w.entries.map((e) => ({ streamType: 'order', streamId: order.id, action: e.action, actorId: e.actorId, before: e.before ?? null, after: typeof e.after === 'function' ? (e.after as () => unknown)() : (e.after ?? null), reason: e.reason ?? null })),
    );
    const last = w.last?.(p);
    if (beside?.check || last?.check) throw new RangeError('a write in one statement refuses inside the statement, not with a check after it');
    const ctes = [...(beside?.ctes ?? []), ...(w.writeRow === false ? [] : [`order_row AS (${writeBackSql(m, ServiceOrder, order, p)})`]), `audit_rows AS (${entries.sql})`, ...(last?.ctes ?? [])];
    const select = [beside?.select, last?.select].filter((x) => x).join(', ') || '1 AS written';
    const text = `WITH ${ctes.join(', ')} SELECT ${select}`;
    try {
      const [row] = w.commit ? await this.tx.commitWith<Record<string, unknown>>(m, text, p.values) : await queryPrepared<Record<string, unknown>>(m, text, p.values);
      return { beside: row, last: row };
    } catch (e) {
      throw beside?.refused?.(e) ?? last?.refused?.(e) ?? e;
    }
  }

  private record(m: EntityManager, o: ServiceOrder, action: string, actorId: string | null, before: unknown, after: unknown, reason: string | null = null): Promise<void> {
    return this.audit.record(m, { streamType: 'order', streamId: o.id, action, actorId, before, after, reason, streamLockedByCaller: true }); // every order writer locks its row first
  }

  private async view(m: EntityManager, o: ServiceOrder, me: Principal | null, withHistory = false): Promise<OrderView> {
    const s = me ? await this.sides(m, me, o) : null;
    let preview: SubsidyPreview | null = null;
    // the preview shows the enterprise's grant and balance: for its members and the staff, never the provider
    if (o.status === 'quoted' && o.priceFen !== null && s !== null && (s.enterprise || (s.staff && !s.provider))) {
      try {
        preview = await this.subsidies.preview(m, { enterpriseId: o.enterpriseId, providerId: o.providerId, categoryId: o.categoryId, priceFen: o.priceFen });
      } catch (e) {
        if (!isDomainError(e)) throw e;
      }
    }
    const history = withHistory ? await this.history(m, o.id) : undefined;
    // payments exist from the contract on, refunds only after a cancellation or a dispute refund
    const payments = NO_PAYMENT_YET.includes(o.status) || this.justContracted.has(o) ? [] : await this.payments.listOfOrder(m, o.id);
    const refunds = o.status === 'cancelled' || o.status === 'refunded' ? await this.payments.refundsOfOrder(m, o.id) : [];
    return toOrderView(o, { preview, history, payments, refunds, staff: s !== null && s.staff && !s.enterprise && !s.provider, enterpriseMember: s?.enterprise === true });
  }

  private async history(m: EntityManager, orderId: string): Promise<OrderHistoryEntry[]> {
    const rows = await m.query<{ action: string; actor_id: string | null; occurred_at: Date; after: Record<string, unknown> | null; reason: string | null }[]>(
      `SELECT action, actor_id, occurred_at, after, reason FROM audit_entry WHERE stream_type = 'order' AND stream_id = $1 ORDER BY stream_seq`,
      [orderId],
    );
    return rows.map((r) => ({
      action: r.action.replace(/^order\./, ''),
      actorId: r.actor_id,
      at: new Date(r.occurred_at).toISOString(),
      status: typeof r.after?.status === 'string' ? r.after.status : null,
      reason: r.reason,
    }));
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }
}

function actorIdOf(me: Principal | 'system'): string | null {
  return me === 'system' ? null : me.userId;
}

function isDomainError(e: unknown): e is DomainError {
  return typeof e === 'object' && e !== null && 'status' in e && 'code' in e && typeof (e as DomainError).status === 'number';
}

function party(o: DealParty): ContractParty {
  return {
    name: o.name,
    uscc: o.uscc,
    legalRepresentative: o.legalRepresentative,
    registeredAddress: o.registeredAddress,
    contactPhone: o.contactPhone,
    bankAccount: o.bankAccount ? { bankName: o.bankAccount.bankName, accountName: o.bankAccount.accountName, accountNo: o.bankAccount.accountNo } : null,
  };
}

/** SO + the Shanghai date + 8 characters of the id: readable, sortable by day, unique (index). */
function orderNumber(id: string, today: string): string {
  return `SO${today.replace(/-/g, '')}${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

