import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, QueryFailedError, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Clock, DomainError, NotFoundError, addCalendarDays, assertCurrentVersion, isUuid, newId, offsetOf, pageOf, queueCountOf, shanghaiDate, type FieldError, type Page, type QueueCount } from '@innoserve/core';
import { SqlParams, TransactionRunner, insertSql, writeBack } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { FileAccessRegistry, FilesService } from '@innoserve/files';
import { UsersService, anyCodeCoversSql, jurisdictionOf, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';
import { OrganizationsService } from '@innoserve/organizations';
import { ReferenceService } from '@innoserve/reference';
import { ServiceOrder } from '@innoserve/orders';
import { Payment } from '@innoserve/payments';
import { LedgerService, OrderSubsidiesService, ProgramsService, VoucherGrant, VoucherProgram, deepestRule, parseAccount, riskThresholdsOf } from '@innoserve/vouchers';
import { claimMachine, LIVE_CLAIM_STATUSES, type ClaimAction, type ClaimContext } from '../domain/claim-state-machine.js';
import { ClaimLine } from '../entities/claim-line.entity.js';
import { SubsidyClaim, type ClaimEvidence } from '../entities/subsidy-claim.entity.js';
import type { ClaimUnderReview } from '../risk/risk-rule.js';
import type { AdminClaimsQuery, ClaimDecision, ClaimListQuery, ClaimQueueSort, InvoiceDto } from '../dto/claim-commands.dto.js';
import {
  approverRepeats,
  claimBlocked,
  claimDeadlinePassed,
  claimExists,
  claimNotEditable,
  conflictOfInterest,
  invoiceAlreadyClaimed,
  invoiceMismatch,
  notClaimable,
  notClaimant,
  wrongLevel,
} from './claim-errors.js';
import { CLAIM_RISK, REVIEW_CALENDAR, type ClaimRiskAssessor, type ReviewCalendar } from './claim-ports.js';
import { lockParties, mayAutoHold, sanctionedDeals } from './party-status.js';
import { toClaimView, type ClaimView } from './claim-views.js';
import { REVIEW_STEP_INSERT_SQL } from './review-steps.js';

/** Staff who see claims in their jurisdiction (the enterprise's region). */
export const CLAIM_STAFF_ROLES: readonly StaffRole[] = ['county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor'];
/** Who reviews each kind of level. */
const LEVEL_ROLES: Readonly<Record<'county' | 'city', readonly StaffRole[]>> = { county: ['county_reviewer'], city: ['city_reviewer'] };

/** The staff queue's orders (the id breaks ties): the wait at the current level, the amount, the level's due date. */
const CLAIM_QUEUE_ORDER: Readonly<Record<ClaimQueueSort, readonly (readonly [string, 'ASC' | 'DESC'])[]>> = {
  oldest: [['c.levelSince', 'ASC']],
  newest: [['c.levelSince', 'DESC']],
  amount_desc: [['c.amountFen', 'DESC']],
  due: [['c.levelDueOn', 'ASC'], ['c.levelSince', 'ASC']],
};

export interface NewClaim {
  orderId: string;
  invoice: InvoiceDto;
  evidenceFileIds?: string[];
}

export interface ClaimEdits {
  invoice?: InvoiceDto;
  evidenceFileIds?: string[];
}

export interface ClaimDecisionInput {
  decision: ClaimDecision;
  reason?: string;
  expectedVersion?: number;
}

interface NormalizedInvoice {
  code: string;
  number: string;
  issuedOn: string;
  amountFen: bigint;
  sellerTaxId: string;
  buyerTaxId: string;
}

/**
 * Subsidy claims: submission with the fapiao checked against the order, the review levels with
 * distinct approvers in the reviewer's jurisdiction, and the ledger moves of the decisions
 * (approve: held → payable per source; reject: the hold released; return: kept).
 */
@Injectable()
export class ClaimsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly ledger: LedgerService,
    private readonly subsidies: OrderSubsidiesService,
    private readonly files: FilesService,
    private readonly fileAccess: FileAccessRegistry,
    private readonly reference: ReferenceService,
    private readonly programs: ProgramsService,
    @Inject(REVIEW_CALENDAR) private readonly calendar: ReviewCalendar,
    @Inject(CLAIM_RISK) private readonly risk: ClaimRiskAssessor,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    // evidence files: the claim's parties and the staff covering it may read them
    this.fileAccess.register((m, me, fileId) => this.canReadEvidence(m, me, fileId));
    // a program is not archived while one of its claims is in review (or returned for revision)
    this.programs.onSettlementCheck(async (m, programId) => {
      const [row] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM subsidy_claim WHERE program_id = $1 AND status IN ('in_review','returned')`, [programId]);
      return row.n > 0 ? ['claims_in_review'] : [];
    });
  }

  // ---------------------------------------------------------------- claimant

  async submit(me: Principal, input: NewClaim): Promise<ClaimView> {
    return this.tx.run(async (m) => {
      // the parties' rows first (shared), then the order's: the order a sanction locks them in
      const peek = isUuid(input.orderId) ? await m.findOne(ServiceOrder, { where: { id: input.orderId }, select: { id: true, enterpriseId: true, providerId: true } }) : null;
      if (peek) await lockParties(m, [peek.enterpriseId, peek.providerId]);
      const order = peek ? await m.findOne(ServiceOrder, { where: { id: input.orderId }, lock: { mode: 'pessimistic_write' } }) : null;
      const orgIds = await this.organizations.organizationIdsOf(me.userId, m);
      if (!order || (!orgIds.includes(order.enterpriseId) && !orgIds.includes(order.providerId))) throw new NotFoundError('order');
      if (order.settlementMode === null || order.holdId === null || order.programId === null || order.grantId === null || order.subsidyFen <= 0n) {
        throw notClaimable('it carries no subsidy', '该订单没有补贴');
      }
      const claimantId = order.settlementMode === 'provider_redeems' ? order.providerId : order.enterpriseId;
      if (!orgIds.includes(claimantId)) throw notClaimant();
      if (order.status !== 'completed' && order.status !== 'refunded') throw notClaimable(`the order is ${order.status}, not completed`, '订单尚未完成', { orderStatus: order.status });
      const live = await m.findOne(SubsidyClaim, { where: { orderId: order.id, status: In([...LIVE_CLAIM_STATUSES]) }, select: { id: true } });
      if (live) throw claimExists(live.id);
      await this.assertNotBlocked(m, order);
      const program = await m.findOneByOrFail(VoucherProgram, { id: order.programId });
      const ended = order.status === 'completed' ? order.completedAt : order.closedAt;
      const deadlineOn = addCalendarDays(shanghaiDate(ended ?? this.clock.now()), program.claimDeadlineDays);
      const today = this.today();
      if (today > deadlineOn) throw claimDeadlinePassed(deadlineOn);
      const hold = await this.ledger.getHold(m, order.holdId);
      if (!hold || hold.openFen <= 0n) throw notClaimable('no subsidy is held for it any more', '该订单的补贴额度已释放');
      const priceFen = order.priceFen! - order.refundFen;
      const invoice = normalizeInvoice(input.invoice);
      checkInvoice(invoice, order, priceFen, today);
      const evidenceFileIds = await this.attachable(m, me, input.evidenceFileIds ?? []);
      const now = this.clock.now();
      const id = newId();
      const levels: ('county' | 'city')[] = [...program.reviewLevels];
      if (program.secondApprovalAboveFen !== null && hold.openFen > program.secondApprovalAboveFen) levels.push('city');
      const claim = m.create(SubsidyClaim, {
        id,
        claimNo: `BT${today.replace(/-/g, '')}${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`,
        orderId: order.id,
        programId: program.id,
        grantId: order.grantId,
        holdId: order.holdId,
        enterpriseId: order.enterpriseId,
        providerId: order.providerId,
        claimantId,
        settlementMode: order.settlementMode,
        regionCode: order.regionCode,
        categoryId: order.categoryId,
        status: 'in_review',
        version: 1,
        amountFen: hold.openFen,
        priceFen,
        invoiceCode: invoice.code,
        invoiceNumber: invoice.number,
        invoiceIssuedOn: invoice.issuedOn,
        invoiceAmountFen: invoice.amountFen,
        sellerTaxId: invoice.sellerTaxId,
        buyerTaxId: invoice.buyerTaxId,
        evidence: await this.evidenceOf(m, order),
        evidenceFileIds,
        levels,
        level: 1,
        approvals: [],
        levelSince: now,
        levelDueOn: await this.calendar.addWorkingDays(today, program.reviewDeadlineWorkingDays),
        deadlineOn,
        riskFlags: [],
        flags: [],
        holdReleasedAt: null,
        decisionReason: null,
        submittedAt: now,
        decidedAt: null,
        createdBy: me.userId,
      });
      await this.assertInvoiceFree(m, invoice, null);
      // a party sanctioned now: the claim is reviewed as usual, its money held until an officer decides
      if ((await sanctionedDeals(m, [{ id: order.id, enterpriseId: order.enterpriseId, providerId: order.providerId }], today)).size > 0) claim.flags = ['payment_held'];
      claim.riskFlags = await this.risk.evaluate(m, await this.underReview(m, claim, order), riskThresholdsOf(program.riskThresholds));
      await this.insertClaim(m, claim);
      await this.record(m, claim, 'claim.submitted', me.userId, null, { status: claim.status, level: 1, levels, amountFen: Number(claim.amountFen), invoice: invoiceFacts(claim), riskFlags: claim.riskFlags.map((f) => f.rule) });
      return toClaimView(claim, [], false, now);
    });
  }

  /** Edits a claim returned for revision (the fapiao, the extra evidence); 409 CLAIM_NOT_EDITABLE otherwise. */
  async update(me: Principal, id: string, edits: ClaimEdits): Promise<ClaimView> {
    return this.tx.run(async (m) => {
      const claim = await this.lockForClaimant(m, me, id);
      if (claim.status !== 'returned') throw claimNotEditable(claim.status);
      const before = { invoice: invoiceFacts(claim), evidenceFileIds: [...claim.evidenceFileIds] };
      if (edits.invoice) {
        const order = await m.findOneByOrFail(ServiceOrder, { id: claim.orderId });
        const invoice = normalizeInvoice(edits.invoice);
        checkInvoice(invoice, order, claim.priceFen, this.today());
        await this.assertInvoiceFree(m, invoice, claim.id);
        Object.assign(claim, {
          invoiceCode: invoice.code,
          invoiceNumber: invoice.number,
          invoiceIssuedOn: invoice.issuedOn,
          invoiceAmountFen: invoice.amountFen,
          sellerTaxId: invoice.sellerTaxId,
          buyerTaxId: invoice.buyerTaxId,
        });
      }
      if (edits.evidenceFileIds) claim.evidenceFileIds = await this.attachable(m, me, edits.evidenceFileIds);
      claim.version += 1;
      await this.saveClaim(m, claim);
      await this.record(m, claim, 'claim.updated', me.userId, before, { invoice: invoiceFacts(claim), evidenceFileIds: claim.evidenceFileIds });
      return toClaimView(claim, [], false, this.clock.now());
    });
  }

  /** returned → in review at level 1 again: the approvals start over and the risk rules run again. */
  async resubmit(me: Principal, id: string): Promise<ClaimView> {
    return this.tx.run(async (m) => {
      const claim = await this.lockForClaimant(m, me, id);
      const from = claim.status;
      claim.status = claimMachine.transition(from, 'resubmit', ['claimant'], { reason: null });
      const order = await m.findOneByOrFail(ServiceOrder, { id: claim.orderId });
      const program = await m.findOneByOrFail(VoucherProgram, { id: claim.programId });
      const now = this.clock.now();
      claim.level = 1;
      claim.approvals = [];
      claim.levelSince = now;
      claim.levelDueOn = await this.calendar.addWorkingDays(this.today(), program.reviewDeadlineWorkingDays);
      claim.flags = claim.flags.filter((f) => f !== 'review_overdue');
      claim.submittedAt = now;
      claim.riskFlags = await this.risk.evaluate(m, await this.underReview(m, claim, order), riskThresholdsOf(program.riskThresholds));
      claim.version += 1;
      await this.saveClaim(m, claim);
      await this.record(m, claim, 'claim.resubmitted', me.userId, { status: from }, { status: claim.status, level: 1, riskFlags: claim.riskFlags.map((f) => f.rule) });
      return toClaimView(claim, [], false, now);
    });
  }

  // ---------------------------------------------------------------- staff

  /**
   * A reviewer's decision at the claim's current level: approve (the next level, or approved at the
   * last one: held → payable per source), reject (reason; the hold released), return (reason; kept).
   */
  async decide(me: Principal, id: string, input: ClaimDecisionInput): Promise<ClaimView> {
    return this.tx.run(async (m) => {
      // the parties' rows first (shared), then the claim's: the order a sanction locks them in, so an
      // approval and a blacklisting never deadlock and the approval sees a sanction committed before it
      const parties = isUuid(id) ? await m.findOne(SubsidyClaim, { where: { id }, select: { id: true, enterpriseId: true, providerId: true, claimantId: true } }) : null;
      if (parties) await lockParties(m, [parties.enterpriseId, parties.providerId, parties.claimantId]);
      const claim = parties ? await m.findOne(SubsidyClaim, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!claim || !staffCovers(me, CLAIM_STAFF_ROLES, claim.regionCode)) throw new NotFoundError('claim');
      const kind = claim.levels[claim.level - 1];
      try {
        await assertCurrentVersion('claim', input.expectedVersion, claim.version, async () => {
          const last = await this.audit.lastEntry(m, 'claim', claim.id, ['claim.']);
          return { version: claim.version, status: claim.status, decidedBy: last?.actorId ?? null, decidedAt: last?.occurredAt ?? null };
        });
        if (claim.status === 'in_review' && !staffCovers(me, LEVEL_ROLES[kind], claim.regionCode)) throw wrongLevel(kind);
        if (claim.status !== 'in_review') claimMachine.transition(claim.status, input.decision === 'approve' ? 'approve' : input.decision, ['reviewer'], { reason: input.reason?.trim() || null });
      } catch (e) {
        throw await this.withLastDecision(m, claim.id, e);
      }
      const orgIds = await this.organizations.organizationIdsOf(me.userId, m);
      if (orgIds.includes(claim.enterpriseId) || orgIds.includes(claim.providerId)) throw conflictOfInterest();
      const reason = input.reason?.trim() || null;
      const action: ClaimAction = input.decision === 'approve' ? (claim.level < claim.levels.length ? 'advance' : 'approve') : input.decision;
      if ((action === 'advance' || action === 'approve') && claim.status === 'in_review' && claim.approvals.some((a) => a.userId === me.userId)) throw approverRepeats();
      const ctx: ClaimContext = { reason };
      const from = claim.status;
      const level = claim.level;
      claim.status = claimMachine.transition(from, action, ['reviewer'], ctx);
      const now = this.clock.now();
      let lines: ClaimLine[] = [];
      let after: Record<string, unknown> = { status: claim.status };
      if (action === 'advance' || action === 'approve') {
        claim.approvals = [...claim.approvals, { level, kind, userId: me.userId, at: now.toISOString() }];
        if (action === 'advance') {
          const program = await m.findOneByOrFail(VoucherProgram, { id: claim.programId });
          claim.level += 1;
          claim.levelSince = now;
          claim.levelDueOn = await this.calendar.addWorkingDays(this.today(), program.reviewDeadlineWorkingDays);
          claim.flags = claim.flags.filter((f) => f !== 'review_overdue');
          after = { ...after, level: claim.level };
        } else {
          const order = await m.findOneByOrFail(ServiceOrder, { id: claim.orderId });
          await this.assertNotBlocked(m, order);
          lines = await this.redeem(m, claim, me.userId);
          claim.decidedAt = now;
          after = { ...after, lines: lines.map((l) => ({ source: l.source, amountFen: Number(l.amountFen) })) };
        }
      } else if (action === 'reject') {
        // a claim a sanction holds is forfeited on rejection (docs/product.md: "hold released, or forfeited when sanctioned")
        const released = await this.subsidies.endHold(m, {
          holdId: claim.holdId,
          providerId: claim.providerId,
          kind: claim.flags.includes('payment_held') ? 'forfeit' : 'release',
          reference: `claim:${claim.id}`,
          actorId: me.userId,
          idempotencyKey: `claim-reject:${claim.id}`,
        });
        claim.decisionReason = reason;
        claim.decidedAt = now;
        after = { ...after, [claim.flags.includes('payment_held') ? 'forfeitedFen' : 'releasedFen']: Number(released.amountFen) };
      } else {
        // returned: it waits for the claimant from now (and expires after 30 days without a resubmission)
        claim.decisionReason = reason;
        claim.levelSince = now;
      }
      claim.version += 1;
      await this.saveClaim(m, claim);
      await this.record(m, claim, `claim.${action === 'advance' ? 'approved_level' : action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'returned'}`, me.userId, { status: from, level }, after, reason);
      // the review-time read model, from the entry just written and the one before it (same transaction)
      await m.query(REVIEW_STEP_INSERT_SQL, [claim.id]);
      return toClaimView(claim, lines, true, now, await this.staffNames(m, [claim]));
    });
  }

  /** The names a staff view shows: the claims' enterprises and providers, and their reviewers. */
  private async staffNames(m: EntityManager, claims: readonly SubsidyClaim[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (claims.length === 0) return names;
    const orgIds = [...new Set(claims.flatMap((c) => [c.enterpriseId, c.providerId]))];
    const userIds = [...new Set(claims.flatMap((c) => c.approvals.map((a) => a.userId)))];
    const rows = await m.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM organization WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, display_name FROM app_user WHERE id = ANY($2::uuid[])`,
      [orgIds, userIds],
    );
    for (const r of rows) names.set(r.id, r.name);
    return names;
  }

  /**
   * A decision that came too late (a stale version, a claim that moved to another level or out of
   * review) says who decided meanwhile and what, as the problem's `lastDecision` member, so the
   * console can explain the conflict.
   */
  private async withLastDecision(m: EntityManager, claimId: string, e: unknown): Promise<unknown> {
    if (!(e instanceof DomainError) || !['STALE_VERSION', 'ILLEGAL_TRANSITION', 'WRONG_REVIEW_LEVEL'].includes(e.code)) return e;
    const last = await this.audit.lastEntry(m, 'claim', claimId, ['claim.approved', 'claim.rejected', 'claim.returned', 'claim.forfeited', 'claim.expired', 'claim.withdrawn']);
    if (!last) return e;
    const byName = last.actorId ? ((await this.users.findById(last.actorId, m))?.displayName ?? null) : null;
    const action = last.action.replace(/^claim\./, '');
    const decision = action === 'approved_level' || action === 'approved' ? 'approve' : action === 'rejected' ? 'reject' : action === 'returned' ? 'return' : action;
    const level = (last.before as { level?: unknown } | null)?.level;
    const lastDecision = {
      decidedBy: last.actorId,
      decidedByName: byName,
      decision,
      action: last.action,
      level: typeof level === 'number' ? level : null,
      at: last.occurredAt.toISOString(),
      reason: last.reason,
    };
    return new DomainError(e.status, e.code, e.messages, e.errors, { ...e.extra, ...(e.code === 'STALE_VERSION' ? { decidedByName: byName, decision } : {}), lastDecision });
  }

  // ---------------------------------------------------------------- reads

  async get(me: Principal, id: string): Promise<ClaimView> {
    const m = this.dataSource.manager;
    const claim = isUuid(id) ? await m.findOne(SubsidyClaim, { where: { id } }) : null;
    if (!claim) throw new NotFoundError('claim');
    const staff = staffCovers(me, CLAIM_STAFF_ROLES, claim.regionCode);
    if (!staff) {
      const orgIds = await this.organizations.organizationIdsOf(me.userId, m);
      if (!orgIds.includes(claim.enterpriseId) && !orgIds.includes(claim.providerId)) throw new NotFoundError('claim');
    }
    return toClaimView(claim, await this.linesOf(m, claim.id), staff, this.clock.now(), staff ? await this.staffNames(m, [claim]) : undefined);
  }

  /** The claims of the caller's organizations (as claimant), newest first; never their risk flags. */
  async list(me: Principal, q: ClaimListQuery): Promise<Page<ClaimView>> {
    const m = this.dataSource.manager;
    const orgIds = await this.organizations.organizationIdsOf(me.userId, m);
    const qb = m.createQueryBuilder(SubsidyClaim, 'c').where('c.claimantId = ANY(:orgIds)', { orgIds });
    if (q.claimantId) qb.andWhere('c.claimantId = :claimantId', { claimantId: q.claimantId });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('c.submittedAt', 'DESC').addOrderBy('c.id', 'ASC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    const lines = await this.linesOfMany(m, rows.map((c) => c.id));
    const now = this.clock.now();
    return pageOf(rows.map((c) => toClaimView(c, lines.get(c.id) ?? [], false, now)), total, q);
  }

  /** The reviewer's queue: claims in the caller's jurisdiction, the longest-waiting first (or as sorted), with their flags and waiting time. */
  async listForStaff(me: Principal, q: AdminClaimsQuery): Promise<Page<ClaimView>> {
    const m = this.dataSource.manager;
    const qb = this.staffScope(me, CLAIM_STAFF_ROLES, q);
    if (!qb) return pageOf([], 0, q);
    const order = CLAIM_QUEUE_ORDER[q.sort ?? 'oldest'];
    qb.orderBy(order[0][0], order[0][1]);
    for (const [column, dir] of order.slice(1)) qb.addOrderBy(column, dir);
    const [rows, total] = await qb.addOrderBy('c.id', 'ASC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    const [lines, names] = await Promise.all([this.linesOfMany(m, rows.map((c) => c.id)), this.staffNames(m, rows)]);
    const now = this.clock.now();
    return pageOf(rows.map((c) => toClaimView(c, lines.get(c.id) ?? [], true, now, names)), total, q);
  }

  /**
   * Claims in review at a level the caller may decide (county: a county reviewer covering the
   * enterprise's region; city: a city reviewer covering it), and the longest wait at that level;
   * null for staff who review no claims.
   */
  async queueCount(me: Principal): Promise<QueueCount | null> {
    const qb = this.staffScope(me, [...LEVEL_ROLES.county, ...LEVEL_ROLES.city], { status: 'in_review' });
    if (!qb) return null;
    qb.andWhere(
      `((c.levels[c.level] = 'county' AND ${anyCodeCoversSql(':countyCodes', 'c.region_code')}) OR (c.levels[c.level] = 'city' AND ${anyCodeCoversSql(':cityCodes', 'c.region_code')}))`,
      { countyCodes: jurisdictionOf(me, LEVEL_ROLES.county), cityCodes: jurisdictionOf(me, LEVEL_ROLES.city) },
    );
    return queueCountOf(await qb.select('COUNT(*)', 'count').addSelect('MIN(c.levelSince)', 'oldest').getRawOne());
  }

  /** The staff queue's rows: the caller's jurisdiction under `roles`, then the filters; null without one of the roles. */
  private staffScope(me: Principal, roles: readonly StaffRole[], q: Pick<AdminClaimsQuery, 'status' | 'level' | 'region' | 'flag'>): SelectQueryBuilder<SubsidyClaim> | null {
    const codes = jurisdictionOf(me, roles);
    if (codes.length === 0) return null;
    const qb = this.dataSource.manager.createQueryBuilder(SubsidyClaim, 'c').where(anyCodeCoversSql(':codes', 'c.region_code'), { codes });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.level) qb.andWhere(`c.status = 'in_review' AND c.levels[c.level] = :kind`, { kind: q.level });
    if (q.region) qb.andWhere('c.regionCode = :region', { region: q.region });
    if (q.flag === 'review_overdue' || q.flag === 'payment_held') qb.andWhere(':flag = ANY(c.flags)', { flag: q.flag });
    else if (q.flag) qb.andWhere(`c.risk_flags @> :flagJson::jsonb`, { flagJson: JSON.stringify([{ rule: q.flag }]) });
    return qb;
  }

  // ---------------------------------------------------------------- helpers

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  private async lockForClaimant(m: EntityManager, me: Principal, id: string): Promise<SubsidyClaim> {
    const claim = isUuid(id) ? await m.findOne(SubsidyClaim, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    const orgIds = await this.organizations.organizationIdsOf(me.userId, m);
    if (!claim || (!orgIds.includes(claim.enterpriseId) && !orgIds.includes(claim.providerId))) throw new NotFoundError('claim');
    if (!orgIds.includes(claim.claimantId)) throw notClaimant();
    return claim;
  }

  /** Money that went back after the fact, or a refund that failed, stops a claim until staff settle it. */
  private async assertNotBlocked(m: EntityManager, order: ServiceOrder): Promise<void> {
    if (order.flags.includes('refund_failed')) throw claimBlocked('refund_failed');
    const reversed = await m.findOne(Payment, { where: { orderId: order.id, status: In(['succeeded', 'contested']) }, select: { id: true, reversedFen: true, status: true } });
    if (reversed && (reversed.reversedFen > 0n || reversed.status === 'contested')) throw claimBlocked(reversed.status === 'contested' ? 'payment_contested' : 'payment_reversed');
  }

  /**
   * grant held → payable per source, and one claim line per source — held (not payable) when a
   * sanction holds the claim or a party is sanctioned now: blacklisted, a provider suspended or
   * delisted, an enterprise suspended (read under the parties' row locks).
   */
  private async redeem(m: EntityManager, claim: SubsidyClaim, actorId: string): Promise<ClaimLine[]> {
    if (mayAutoHold(claim) && (await sanctionedDeals(m, [claim], this.today())).size > 0) claim.flags = [...claim.flags, 'payment_held'];
    const held = claim.flags.includes('payment_held');
    const tx = await this.ledger.redeem(m, { holdId: claim.holdId, reference: `claim:${claim.id}`, actorId, idempotencyKey: `claim-approve:${claim.id}` });
    const lines = tx.postings
      .filter((p) => p.amountFen > 0n && parseAccount(p.account).kind === 'payable')
      .map((p) =>
        m.create(ClaimLine, { id: newId(), claimId: claim.id, programId: claim.programId, source: parseAccount(p.account).source, amountFen: p.amountFen, status: held ? 'held' : 'payable', batchId: null, paidAt: null }),
      );
    if (lines.length > 0) await m.insert(ClaimLine, lines);
    return lines;
  }

  private async insertClaim(m: EntityManager, claim: SubsidyClaim): Promise<void> {
    try {
      const p = new SqlParams();
      await m.query(insertSql(m, SubsidyClaim, claim, p), p.values);
    } catch (e) {
      throw uniqueProblem(e) ?? e;
    }
  }

  private async saveClaim(m: EntityManager, claim: SubsidyClaim): Promise<void> {
    try {
      await writeBack(m, SubsidyClaim, claim);
    } catch (e) {
      throw uniqueProblem(e) ?? e;
    }
  }

  /** 409 INVOICE_ALREADY_CLAIMED when a live claim (another than `self`) carries this fapiao; the unique index decides under concurrency. */
  private async assertInvoiceFree(m: EntityManager, invoice: NormalizedInvoice, self: string | null): Promise<void> {
    const other = await m.findOne(SubsidyClaim, { where: { invoiceCode: invoice.code, invoiceNumber: invoice.number, status: In([...LIVE_CLAIM_STATUSES]) }, select: { id: true } });
    if (other && other.id !== self) throw invoiceAlreadyClaimed();
  }

  private async attachable(m: EntityManager, me: Principal, fileIds: readonly string[]): Promise<string[]> {
    for (const [i, f] of fileIds.entries()) await this.files.assertAttachable(m, me, f, `evidenceFileIds[${i}]`);
    return [...fileIds];
  }

  /** The contract, the delivery report and the own-share payment proof, attached automatically. */
  private async evidenceOf(m: EntityManager, order: ServiceOrder): Promise<ClaimEvidence> {
    const payments = await m.find(Payment, { where: { orderId: order.id, status: In(['succeeded', 'contested']) }, order: { createdAt: 'ASC' } });
    return {
      contractNo: order.contract?.contractNo ?? null,
      deliveryReportFileId: order.deliveryReportFileId,
      payments: payments.map((p) => ({
        paymentId: p.id,
        method: p.method,
        amountFen: Number(p.amountFen),
        externalId: p.externalId,
        confirmation: p.confirmation ? { ...p.confirmation } : null,
        succeededAt: p.succeededAt?.toISOString() ?? null,
      })),
    };
  }

  /** What the risk rules read of this claim. */
  private async underReview(m: EntityManager, claim: SubsidyClaim, order: ServiceOrder): Promise<ClaimUnderReview> {
    const program = await m.findOneByOrFail(VoucherProgram, { id: claim.programId });
    const grant = await m.findOneByOrFail(VoucherGrant, { id: claim.grantId });
    const rule = deepestRule(program.subsidyRules, await this.reference.ancestorIds(order.categoryId));
    return {
      claimId: claim.id,
      programId: claim.programId,
      orderId: order.id,
      enterpriseId: order.enterpriseId,
      providerId: order.providerId,
      offeringId: order.offeringId,
      categoryId: order.categoryId,
      priceFen: order.priceFen ?? 0n,
      subsidyFen: order.subsidyFen,
      ratioBp: rule?.ratioBp ?? 0,
      perOrderCapFen: rule ? BigInt(rule.perOrderCapFen) : 0n,
      leadTimeDays: order.leadTimeDays ?? order.contract?.leadTimeDays ?? 0,
      requestedAt: order.createdAt,
      contractedAt: order.contractedAt ?? order.createdAt,
      startedAt: order.startedAt,
      deliveredAt: order.deliveredAt ?? order.completedAt ?? order.createdAt,
      grantedAt: grant.createdAt,
      invoice: { code: claim.invoiceCode, number: claim.invoiceNumber, issuedOn: claim.invoiceIssuedOn, amountFen: claim.invoiceAmountFen, sellerTaxId: claim.sellerTaxId },
      submittedAt: claim.submittedAt,
    };
  }

  private async linesOf(m: EntityManager, claimId: string): Promise<ClaimLine[]> {
    return m.find(ClaimLine, { where: { claimId }, order: { source: 'ASC' } });
  }

  private async linesOfMany(m: EntityManager, claimIds: string[]): Promise<Map<string, ClaimLine[]>> {
    const out = new Map<string, ClaimLine[]>();
    if (claimIds.length === 0) return out;
    for (const l of await m.find(ClaimLine, { where: { claimId: In(claimIds) }, order: { source: 'ASC' } })) out.set(l.claimId, [...(out.get(l.claimId) ?? []), l]);
    return out;
  }

  private record(m: EntityManager, c: SubsidyClaim, action: string, actorId: string | null, before: unknown, after: unknown, reason: string | null = null): Promise<void> {
    return this.audit.record(m, { streamType: 'claim', streamId: c.id, action, actorId, before, after, reason });
  }

  private async canReadEvidence(m: EntityManager, me: Principal, fileId: string): Promise<boolean> {
    const claims = await m
      .createQueryBuilder(SubsidyClaim, 'c')
      .select(['c.id', 'c.enterpriseId', 'c.providerId', 'c.regionCode'])
      .where(':fileId = ANY(c.evidence_file_ids)', { fileId })
      .getMany();
    if (claims.length === 0) return false;
    if (claims.some((c) => staffCovers(me, CLAIM_STAFF_ROLES, c.regionCode))) return true;
    const orgIds = await this.organizations.organizationIdsOf(me.userId, m);
    return claims.some((c) => orgIds.includes(c.enterpriseId) || orgIds.includes(c.providerId));
  }
}


function normalizeInvoice(i: InvoiceDto): NormalizedInvoice {
  return {
    code: typeof i.code === 'string' ? i.code : '',
    number: i.number,
    issuedOn: i.issuedOn,
    amountFen: BigInt(i.amountFen),
    sellerTaxId: i.sellerTaxId,
    buyerTaxId: i.buyerTaxId,
  };
}

/** 422 INVOICE_MISMATCH naming every field that does not match the order. */
function checkInvoice(i: NormalizedInvoice, order: ServiceOrder, priceFen: bigint, today: string): void {
  const errors: FieldError[] = [];
  if (i.amountFen !== priceFen) errors.push({ field: 'invoice.amountFen', message: `the total including tax must equal the contract price ${priceFen} fen` });
  const seller = order.contract?.provider.uscc;
  const buyer = order.contract?.enterprise.uscc;
  if (i.sellerTaxId !== seller) errors.push({ field: 'invoice.sellerTaxId', message: "must be the provider's unified social credit code" });
  if (i.buyerTaxId !== buyer) errors.push({ field: 'invoice.buyerTaxId', message: "must be the enterprise's unified social credit code" });
  if (i.issuedOn > today) errors.push({ field: 'invoice.issuedOn', message: 'must not be after the submission' });
  if (errors.length > 0) throw invoiceMismatch(errors);
}

function invoiceFacts(c: SubsidyClaim): Record<string, unknown> {
  return { code: c.invoiceCode || null, number: c.invoiceNumber, issuedOn: c.invoiceIssuedOn, amountFen: Number(c.invoiceAmountFen), sellerTaxId: c.sellerTaxId, buyerTaxId: c.buyerTaxId };
}

/** The unique indexes as problems: one live claim per order, one per fapiao. */
function uniqueProblem(e: unknown): Error | null {
  if (!(e instanceof QueryFailedError)) return null;
  const constraint = (e.driverError as { constraint?: string } | undefined)?.constraint;
  if (constraint === 'ux_subsidy_claim_invoice_live') return invoiceAlreadyClaimed();
  if (constraint === 'ux_subsidy_claim_order_live') return claimExists('');
  return null;
}
