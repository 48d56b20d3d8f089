import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, ConflictError, NotFoundError, isUuid, msg, newId, offsetOf, pageOf, type FieldError, type Page } from '@innoserve/core';
import { OutboxService, TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { jurisdictionOf, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';
import { ReferenceService } from '@innoserve/reference';
import { LedgerService } from '../ledger/ledger.service.js';
import type { CreateProgramDto } from './dto/create-program.dto.js';
import type { UpdateProgramDto } from './dto/update-program.dto.js';
import { programMachine, type ProgramAction } from './program-state-machine.js';
import { VoucherProgram } from './program.entity.js';
import { fundingSourceErrors, defaultGrantExpiry } from './program-rules.js';
import { fundingSharesInvalid, outsideJurisdiction, programArchived, programFrozen, programInvalid, unknownSource } from './program-errors.js';
import { toProgramView, type ProgramView } from './program-views.js';

/** Program officers run programs (create, edit, fund, open, close, draw, archive). */
export const PROGRAM_ROLES: readonly StaffRole[] = ['program_officer'];
/** Who reads balances and the ledger. */
export const PROGRAM_FINANCE_ROLES: readonly StaffRole[] = ['program_officer', 'finance_officer', 'auditor'];

/** The search side re-indexes voucher eligibility when a program opens or closes. */
export const PROGRAM_CHANGED_TOPIC = 'search.program-changed';

export interface SourceBalance {
  sourceKey: string;
  name: string;
  regionCode: string | null;
  budgetFen: number;
  grantedFen: number;
  heldFen: number;
  payableFen: number;
  disbursedFen: number;
  lapsedFen: number;
  /** Sent back to the source when the books were closed (pool → funding). */
  returnedFen: number;
  availableFen: number;
}

/** A check another lib adds before a program may be archived: why it is not settled, or nothing. */
export type SettlementCheck = (m: EntityManager, programId: string) => Promise<string[]>;

const notSettled = (reasons: string[]) =>
  new ConflictError(
    'PROGRAM_NOT_SETTLED',
    msg(`The program is not settled: ${reasons.join(', ')}.`, `项目尚未结清：${reasons.map((r) => SETTLEMENT_REASONS_ZH[r] ?? r).join('、')}。`),
    { reasons },
  );

const SETTLEMENT_REASONS_ZH: Record<string, string> = {
  open_holds: '仍有占用中的补贴额度',
  payable: '仍有待拨付的补贴',
  claims_in_review: '仍有审核中的补贴申请',
  claim_deadlines_pending: '补贴申请期限尚未全部届满',
};

export interface LedgerEntryView {
  transactionId: string;
  type: string;
  reference: string;
  actorId: string | null;
  account: string;
  amountFen: number;
  createdAt: string;
}

/** Programs: settings, lifecycle, funding, balances and the ledger view. */
@Injectable()
export class ProgramsService {
  private readonly settlementChecks: SettlementCheck[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly ledger: LedgerService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  // ---- access ----

  /** The program if the caller holds one of `roles` covering its issuing region; else 404. */
  async requireForStaff(m: EntityManager, by: Principal, id: string, roles: readonly StaffRole[], lock = false): Promise<VoucherProgram> {
    const p = isUuid(id) ? await m.findOne(VoucherProgram, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) }) : null;
    if (!p || !staffCovers(by, roles, p.issuingRegionCode)) throw new NotFoundError('program');
    return p;
  }

  // ---- commands ----

  async create(by: Principal, dto: CreateProgramDto): Promise<ProgramView> {
    const codes = jurisdictionOf(by, PROGRAM_ROLES);
    const region = dto.issuingRegionCode ?? codes[0];
    if (!region || !staffCovers(by, PROGRAM_ROLES, region)) throw outsideJurisdiction();
    const p = new VoucherProgram();
    p.id = newId();
    p.status = 'draft';
    p.issuingRegionCode = region;
    p.lotterySeed = randomBytes(32).toString('hex');
    p.drawnAt = null;
    p.openedAt = null;
    p.closedAt = null;
    p.createdBy = by.userId;
    this.apply(p, dto, true);
    await this.validate(p);
    return this.tx.run(async (m) => {
      await m.insert(VoucherProgram, p);
      const saved = await m.findOneByOrFail(VoucherProgram, { id: p.id });
      await this.audit.record(m, { streamType: 'voucher_program', streamId: p.id, action: 'program.created', actorId: by.userId, after: toProgramView(saved) });
      return toProgramView(saved);
    });
  }

  async update(by: Principal, id: string, dto: UpdateProgramDto): Promise<ProgramView> {
    return this.tx.run(async (m) => {
      const p = await this.requireForStaff(m, by, id, PROGRAM_ROLES, true);
      const before = toProgramView(p);
      const touched = Object.entries(dto).filter(([k, v]) => v !== undefined && k !== 'name');
      if (p.status !== 'draft' && touched.length > 0) throw programFrozen();
      if (dto.issuingRegionCode !== undefined && !staffCovers(by, PROGRAM_ROLES, dto.issuingRegionCode)) throw outsideJurisdiction();
      if (dto.issuingRegionCode !== undefined) p.issuingRegionCode = dto.issuingRegionCode;
      this.apply(p, dto, false);
      await this.validate(p);
      await m.save(p);
      const after = toProgramView(p);
      await this.audit.record(m, { streamType: 'voucher_program', streamId: p.id, action: 'program.updated', actorId: by.userId, before, after });
      return after;
    });
  }

  /** open | close | archive (the state machine says which from where; 409 ILLEGAL_TRANSITION otherwise). */
  /** Adds a check that must pass before a program is archived (claims: none in review). */
  onSettlementCheck(check: SettlementCheck): void {
    this.settlementChecks.push(check);
  }

  /** Why the program cannot be archived yet: a hold still open, an amount still payable, what other libs report. */
  async settlementProblems(m: EntityManager, programId: string): Promise<string[]> {
    const reasons: string[] = [];
    const [holds] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ledger_hold WHERE program_id = $1 AND status = 'open'`, [programId]);
    if (holds.n > 0) reasons.push('open_holds');
    const [payable] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ledger_balance WHERE program_id = $1 AND kind = 'payable' AND balance_fen <> 0`, [programId]);
    if (payable.n > 0) reasons.push('payable');
    for (const check of this.settlementChecks) reasons.push(...(await check(m, programId)));
    return [...new Set(reasons)];
  }

  /**
   * Closing the books (finance officer): once the program is closed and no claim deadline is
   * pending (no hold open), each source's unspent pool goes back to it (pool:S → funding:S),
   * audited. Answers the balances per source. May run again after later lapses refill a pool.
   */
  async returnUnspent(by: Principal, id: string): Promise<SourceBalance[]> {
    return this.tx.run(async (m) => {
      const p = await this.requireForStaff(m, by, id, ['finance_officer'], true);
      if (p.status !== 'closed' && p.status !== 'archived') {
        throw new ConflictError('PROGRAM_NOT_CLOSED', msg('Only a closed program returns its unspent budget.', '项目关闭后方可退回结余资金。'), { programStatus: p.status });
      }
      const [holds] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ledger_hold WHERE program_id = $1 AND status = 'open'`, [p.id]);
      if (holds.n > 0) throw notSettled(['claim_deadlines_pending']);
      const pools = await m.query<{ source: string; balance_fen: string }[]>(`SELECT source, balance_fen::text AS balance_fen FROM ledger_balance WHERE program_id = $1 AND kind = 'pool' AND balance_fen > 0 ORDER BY source`, [p.id]);
      const returned: Record<string, number> = {};
      for (const row of pools) {
        const t = await this.ledger.returnToFunding(m, { programId: p.id, source: row.source, amountFen: BigInt(row.balance_fen), reference: `program:${p.id}`, actorId: by.userId, idempotencyKey: `return:${p.id}:${row.source}:${newId()}` });
        returned[row.source] = Number(t.postings.find((x) => x.amountFen > 0n)?.amountFen ?? 0n);
      }
      await this.audit.record(m, { streamType: 'voucher_program', streamId: p.id, action: 'program.unspent_returned', actorId: by.userId, after: { fiscalYear: p.fiscalYear, returned } });
      return this.sourceBalances(m, p);
    });
  }

  async transition(by: Principal, id: string, action: ProgramAction): Promise<ProgramView> {
    return this.tx.run(async (m) => {
      const p = await this.requireForStaff(m, by, id, PROGRAM_ROLES, true);
      const from = p.status;
      if (action === 'archive' && from === 'closed') {
        const reasons = await this.settlementProblems(m, p.id);
        if (reasons.length > 0) throw notSettled(reasons);
      }
      // requireForStaff let only program officers covering the issuing region through (others 404)
      p.status = programMachine.transition(from, action, ['program_officer']);
      if (action === 'open') p.openedAt = this.clock.now();
      if (action === 'close') p.closedAt = this.clock.now();
      await m.save(p);
      if (action === 'open' || action === 'close') await this.outbox.enqueue(m, PROGRAM_CHANGED_TOPIC, { programId: p.id }, { lane: 'bulk' });
      await this.audit.record(m, { streamType: 'voucher_program', streamId: p.id, action: `program.${action}`, actorId: by.userId, before: { status: from }, after: { status: p.status } });
      return toProgramView(p);
    });
  }

  /** funding:S → pool:S. Any status but archived. */
  async fund(by: Principal, id: string, sourceKey: string, amountFen: bigint): Promise<SourceBalance[]> {
    return this.tx.run(async (m) => {
      const p = await this.requireForStaff(m, by, id, PROGRAM_ROLES);
      if (!p.fundingSources.some((s) => s.key === sourceKey)) throw unknownSource(sourceKey);
      if (p.status === 'archived') throw programArchived();
      const t = await this.ledger.fund(m, { programId: p.id, source: sourceKey, amountFen, reference: `program:${p.id}`, actorId: by.userId, idempotencyKey: `fund:${newId()}` });
      await this.audit.record(m, {
        streamType: 'voucher_program',
        streamId: p.id,
        action: 'program.funded',
        actorId: by.userId,
        after: { sourceKey, amountFen: Number(amountFen), transactionId: t.id },
      });
      return this.sourceBalances(m, p);
    });
  }

  // ---- reads ----

  /** Open programs (any signed-in user). */
  async listOpen(q: { page: number; pageSize: number }): Promise<Page<ProgramView>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(VoucherProgram, {
      where: { status: 'open' },
      order: { applicationClosesOn: 'ASC', id: 'ASC' },
      skip: offsetOf(q),
      take: q.pageSize,
    });
    return pageOf(rows.map(toProgramView), total, q);
  }

  /** A program: open/closed/archived ones to anyone signed in, drafts only to staff covering the issuing region. */
  /** A program; a draft only to staff of its region (anonymous callers and everyone else: 404). */
  async get(by: Principal | null, id: string): Promise<ProgramView> {
    const p = isUuid(id) ? await this.dataSource.manager.findOne(VoucherProgram, { where: { id } }) : null;
    if (!p) throw new NotFoundError('program');
    if (p.status === 'draft' && !(by && staffCovers(by, PROGRAM_FINANCE_ROLES, p.issuingRegionCode))) throw new NotFoundError('program');
    return toProgramView(p);
  }

  /** Programs in the caller's jurisdiction (program officer, finance officer, auditor), any status. */
  async listForStaff(by: Principal, q: { page: number; pageSize: number }): Promise<Page<ProgramView>> {
    const rows = await this.dataSource.manager.find(VoucherProgram, { order: { createdAt: 'DESC', id: 'ASC' } });
    const visible = rows.filter((p) => staffCovers(by, PROGRAM_FINANCE_ROLES, p.issuingRegionCode));
    return pageOf(visible.slice(offsetOf(q), offsetOf(q) + q.pageSize).map(toProgramView), visible.length, q);
  }

  async balances(by: Principal, id: string): Promise<SourceBalance[]> {
    const m = this.dataSource.manager;
    const p = await this.requireForStaff(m, by, id, PROGRAM_FINANCE_ROLES);
    return this.sourceBalances(m, p);
  }

  /** Per source: budget (funded), granted, held, payable, disbursed, lapsed, available (= pool). */
  async sourceBalances(m: EntityManager, p: VoucherProgram): Promise<SourceBalance[]> {
    const moved = await m.query<{ source: string; type: string; total: string }[]>(
      `SELECT b.source, t.type, SUM(e.amount_fen)::text AS total
         FROM ledger_entry e
         JOIN ledger_transaction t ON t.id = e.transaction_id
         JOIN ledger_balance b ON b.program_id = e.program_id AND b.account = e.account
        WHERE e.program_id = $1 AND b.kind = 'pool' AND t.type IN ('fund', 'grant', 'lapse', 'return')
        GROUP BY b.source, t.type`,
      [p.id],
    );
    const balances = await m.query<{ source: string; kind: string; total: string }[]>(
      `SELECT source, kind, SUM(balance_fen)::text AS total FROM ledger_balance WHERE program_id = $1 GROUP BY source, kind`,
      [p.id],
    );
    const movedOf = (source: string, type: string): number => Number(moved.find((r) => r.source === source && r.type === type)?.total ?? 0);
    const balanceOf = (source: string, kind: string): number => Number(balances.find((r) => r.source === source && r.kind === kind)?.total ?? 0);
    return p.fundingSources.map((s) => ({
      sourceKey: s.key,
      name: s.name,
      regionCode: s.regionCode,
      budgetFen: movedOf(s.key, 'fund'),
      grantedFen: -movedOf(s.key, 'grant'),
      heldFen: balanceOf(s.key, 'grant_held'),
      payableFen: balanceOf(s.key, 'payable'),
      disbursedFen: balanceOf(s.key, 'disbursed'),
      lapsedFen: movedOf(s.key, 'lapse'),
      returnedFen: -movedOf(s.key, 'return'),
      availableFen: balanceOf(s.key, 'pool'),
    }));
  }

  /** Ledger entries of the program, newest first, optionally of one account. */
  async ledgerEntries(by: Principal, id: string, q: { account?: string; page: number; pageSize: number }): Promise<Page<LedgerEntryView>> {
    const m = this.dataSource.manager;
    const p = await this.requireForStaff(m, by, id, PROGRAM_FINANCE_ROLES);
    const params: unknown[] = [p.id];
    let where = 'e.program_id = $1';
    if (q.account) {
      params.push(q.account);
      where += ` AND e.account = $${params.length}`;
    }
    const [{ n }] = await m.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM ledger_entry e WHERE ${where}`, params);
    const rows = await m.query<{ transaction_id: string; type: string; reference: string; actor_id: string | null; account: string; amount_fen: string; created_at: Date }[]>(
      `SELECT e.transaction_id, t.type, t.reference, t.actor_id, e.account, e.amount_fen::text AS amount_fen, t.created_at
         FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
        WHERE ${where}
        ORDER BY t.created_at DESC, e.transaction_id, e.position
        LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
      params,
    );
    return pageOf(
      rows.map((r) => ({
        transactionId: r.transaction_id,
        type: r.type,
        reference: r.reference,
        actorId: r.actor_id,
        account: r.account,
        amountFen: Number(r.amount_fen),
        createdAt: new Date(r.created_at).toISOString(),
      })),
      Number(n),
      q,
    );
  }

  // ---- helpers ----

  private apply(p: VoucherProgram, dto: UpdateProgramDto, creating: boolean): void {
    const big = (v: number | null | undefined): bigint | null => (v === null || v === undefined ? null : BigInt(v));
    if (dto.name !== undefined) p.name = dto.name.trim();
    if (dto.fiscalYear !== undefined) p.fiscalYear = dto.fiscalYear;
    if (dto.applicationOpensOn !== undefined) p.applicationOpensOn = dto.applicationOpensOn;
    if (dto.applicationClosesOn !== undefined) p.applicationClosesOn = dto.applicationClosesOn;
    if (dto.grantExpiresOn !== undefined) p.grantExpiresOn = dto.grantExpiresOn;
    else if (creating) p.grantExpiresOn = defaultGrantExpiry(p.fiscalYear);
    if (dto.allocationMode !== undefined) p.allocationMode = dto.allocationMode;
    if (dto.settlementMode !== undefined) p.settlementMode = dto.settlementMode;
    if (dto.fundingSources !== undefined) p.fundingSources = dto.fundingSources.map((s) => ({ key: s.key, name: s.name.trim(), regionCode: s.regionCode ?? null, shareBp: s.shareBp }));
    if (dto.eligibility !== undefined) {
      p.eligibility = {
        sizeClasses: [...new Set(dto.eligibility.sizeClasses)],
        regionCodes: [...new Set(dto.eligibility.regionCodes)],
        requiredFlags: [...new Set(dto.eligibility.requiredFlags ?? [])],
        minMonthsRegistered: dto.eligibility.minMonthsRegistered ?? null,
      };
    }
    if (dto.subsidyRules !== undefined) p.subsidyRules = dto.subsidyRules.map((r) => ({ categoryId: r.categoryId, ratioBp: r.ratioBp, perOrderCapFen: String(r.perOrderCapFen) }));
    if (dto.enterpriseAnnualCapFen !== undefined) p.enterpriseAnnualCapFen = BigInt(dto.enterpriseAnnualCapFen);
    if (dto.highTechAnnualCapFen !== undefined || creating) p.highTechAnnualCapFen = big(dto.highTechAnnualCapFen);
    if (dto.providerAnnualCapFen !== undefined || creating) p.providerAnnualCapFen = big(dto.providerAnnualCapFen);
    if (dto.maxGrantFen !== undefined) p.maxGrantFen = BigInt(dto.maxGrantFen);
    if (dto.claimDeadlineDays !== undefined) p.claimDeadlineDays = dto.claimDeadlineDays;
    else if (creating) p.claimDeadlineDays = 90;
    if (dto.reviewLevels !== undefined) p.reviewLevels = [...new Set(dto.reviewLevels)];
    else if (creating) p.reviewLevels = ['county', 'city'];
    if (dto.secondApprovalAboveFen !== undefined || creating) p.secondApprovalAboveFen = big(dto.secondApprovalAboveFen);
    if (dto.reviewDeadlineWorkingDays !== undefined) p.reviewDeadlineWorkingDays = dto.reviewDeadlineWorkingDays;
    else if (creating) p.reviewDeadlineWorkingDays = 10;
    if (dto.riskThresholds !== undefined) p.riskThresholds = Object.fromEntries(Object.entries({ ...dto.riskThresholds }).filter(([, v]) => v !== undefined));
    else if (creating) p.riskThresholds = {};
  }

  /** 422 FUNDING_SHARES_INVALID / PROGRAM_INVALID with every failing field. */
  private async validate(p: VoucherProgram): Promise<void> {
    const shares = fundingSourceErrors(p.fundingSources, p.eligibility.regionCodes);
    if (shares.length > 0) throw fundingSharesInvalid(shares);
    const errors: FieldError[] = [];
    if (!(await this.reference.regionExists(p.issuingRegionCode))) errors.push({ field: 'issuingRegionCode', message: 'unknown region' });
    for (const [i, s] of p.fundingSources.entries()) {
      if (s.regionCode !== null && !(await this.reference.regionExists(s.regionCode))) errors.push({ field: `fundingSources.${i}.regionCode`, message: 'unknown region' });
    }
    for (const [i, r] of p.eligibility.regionCodes.entries()) {
      if (!(await this.reference.regionExists(r))) errors.push({ field: `eligibility.regionCodes.${i}`, message: 'unknown region' });
    }
    const seen = new Set<string>();
    for (const [i, r] of p.subsidyRules.entries()) {
      if (!(await this.reference.categoryExists(r.categoryId))) errors.push({ field: `subsidyRules.${i}.categoryId`, message: 'unknown category' });
      if (seen.has(r.categoryId)) errors.push({ field: `subsidyRules.${i}.categoryId`, message: 'one rule per category' });
      seen.add(r.categoryId);
    }
    if (p.applicationOpensOn > p.applicationClosesOn) errors.push({ field: 'applicationClosesOn', message: 'must not be before applicationOpensOn' });
    if (p.grantExpiresOn < p.applicationOpensOn) errors.push({ field: 'grantExpiresOn', message: 'must not be before applicationOpensOn' });
    if (p.maxGrantFen > p.enterpriseAnnualCapFen && (p.highTechAnnualCapFen === null || p.maxGrantFen > p.highTechAnnualCapFen)) {
      errors.push({ field: 'maxGrantFen', message: 'must not exceed the annual caps' });
    }
    if (p.highTechAnnualCapFen !== null && p.highTechAnnualCapFen < p.enterpriseAnnualCapFen) errors.push({ field: 'highTechAnnualCapFen', message: 'must not be below enterpriseAnnualCapFen' });
    if (errors.length > 0) throw programInvalid(errors);
  }
}
