import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BusinessRuleError, Clock, ConflictError, ForbiddenError, NotFoundError, isUuid, msg, newId, offsetOf, pageOf, shanghaiDate, type Page } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { anyCodeCoversSql, jurisdictionOf, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';
import { Organization } from '@innoserve/organizations';
import { LedgerService, VoucherProgram } from '@innoserve/vouchers';
import { claimMachine } from '../domain/claim-state-machine.js';
import { ClaimLine } from '../entities/claim-line.entity.js';
import { DisbursementBatch } from '../entities/disbursement-batch.entity.js';
import { DisbursementLine } from '../entities/disbursement-line.entity.js';
import { SubsidyClaim } from '../entities/subsidy-claim.entity.js';
import { bankCsv, bankXlsx } from './bank-file.js';
import { lockParties, mayAutoHold, sanctionedDeals } from './party-status.js';

/** Who builds, exports and pays batches; auditors and program officers may read them. */
export const DISBURSEMENT_ROLES: readonly StaffRole[] = ['finance_officer'];
export const DISBURSEMENT_READ_ROLES: readonly StaffRole[] = ['finance_officer', 'program_officer', 'auditor'];

/** Why a payable line was left out of a batch. */
export type SkipReason = 'bank_account_unverified' | 'bank_account_changed' | 'bank_account_name_mismatch' | 'cnaps_code_missing' | 'payment_held' | 'payment_reversed';

export interface BatchLineView {
  id: string;
  seq: number;
  claimId: string;
  claimNo: string;
  payeeId: string;
  accountName: string;
  accountNo: string;
  bankName: string;
  cnapsCode: string;
  amountFen: number;
  memo: string;
  status: string;
}

export interface BatchView {
  id: string;
  batchNo: string;
  programId: string;
  source: string;
  fiscalYear: number;
  status: string;
  version: number;
  totalFen: number;
  lineCount: number;
  paidFen: number;
  builtBy: string;
  createdAt: string;
  paidBy: string | null;
  paidAt: string | null;
  paidOn: string | null;
  bankReference: string | null;
  cancelledAt: string | null;
  lines?: BatchLineView[];
  /** When building: the payable lines left out, and why. */
  skipped?: { claimId: string; claimNo: string; source: string; amountFen: number; reason: SkipReason }[];
}

export interface MarkPaidInput {
  bankReference: string;
  paidOn: string;
  failedLineIds?: string[];
}

const nothingToDisburse = (skipped: NonNullable<BatchView['skipped']>) =>
  new BusinessRuleError('NOTHING_TO_DISBURSE', msg('No approved line of this source can be paid now.', '该资金来源暂无可拨付的明细。'), [{ field: 'sourceKey', message: 'nothing payable' }], {
    skipped: skipped.length,
    // why each payable line was left out, so finance can have it fixed
    skippedLines: skipped,
  });

const fourEyes = () =>
  new ForbiddenError(msg('The batch must be marked paid by a finance officer other than the one who built it.', '拨付批次须由制单人以外的财务人员确认付款。'), 'FOUR_EYES_REQUIRED');

const batchNotOpen = (status: string) =>
  new ConflictError(status === 'paid' ? 'BATCH_ALREADY_PAID' : 'BATCH_NOT_OPEN', msg(status === 'paid' ? 'This batch has already been paid.' : `This batch is ${status}.`, status === 'paid' ? '该批次已付款。' : '该批次已撤销。'), { batchStatus: status });

/**
 * Disbursement batches per program and funding source: built from the approved, unpaid claim lines
 * (each copying its payee's verified bank account), exported as a bank file, cancelled while open,
 * and marked paid by a second finance officer (payable → disbursed; failed lines back to payable).
 */
@Injectable()
export class DisbursementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  async build(me: Principal, programId: string, source: string): Promise<BatchView> {
    return this.tx.run(async (m) => {
      const program = await this.program(m, me, programId, DISBURSEMENT_ROLES);
      const src = program.fundingSources.find((s) => s.key === source);
      if (!src) throw new BusinessRuleError('UNKNOWN_SOURCE', msg(`The program has no funding source ${source}.`, `该项目没有资金来源 ${source}。`), [{ field: 'sourceKey', message: 'unknown source' }]);
      // the parties of the payable claims locked first (shared; the order a sanction locks them in),
      // then the payable lines of the source (two builders never take one line)
      const candidates = await m.query<{ enterprise_id: string; provider_id: string; claimant_id: string }[]>(
        `SELECT DISTINCT c.enterprise_id, c.provider_id, c.claimant_id FROM claim_line l JOIN subsidy_claim c ON c.id = l.claim_id WHERE l.program_id = $1 AND l.source = $2 AND l.status = 'payable'`,
        [programId, source],
      );
      await lockParties(m, candidates.flatMap((c) => [c.enterprise_id, c.provider_id, c.claimant_id]));
      const payable = await m
        .createQueryBuilder(ClaimLine, 'l')
        .where('l.programId = :programId AND l.source = :source AND l.status = :status', { programId, source, status: 'payable' })
        .orderBy('l.createdAt', 'ASC')
        .addOrderBy('l.id', 'ASC')
        .setLock('pessimistic_write')
        .getMany();
      const claims = new Map((payable.length ? await m.find(SubsidyClaim, { where: { id: In(payable.map((l) => l.claimId)) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } }) : []).map((c) => [c.id, c]));
      const payees = new Map((claims.size ? await m.find(Organization, { where: { id: In([...new Set([...claims.values()].map((c) => c.claimantId))]) } }) : []).map((o) => [o.id, o]));
      const blocked = await this.paymentsReversed(m, [...claims.values()].map((c) => c.orderId));
      const sanctioned = await sanctionedDeals(m, [...claims.values()], shanghaiDate(this.clock.now()));
      const id = newId();
      const lines: DisbursementLine[] = [];
      const skipped: NonNullable<BatchView['skipped']> = [];
      for (const l of payable) {
        const claim = claims.get(l.claimId)!;
        const payee = payees.get(claim.claimantId)!;
        if (mayAutoHold(claim) && sanctioned.has(claim.id)) {
          // a party sanctioned since the approval (by whichever route): the money is held here too
          await this.holdClaim(m, claim, me.userId, 'a party is sanctioned');
          l.status = 'held';
        }
        const reason = blocked.has(claim.orderId) ? 'payment_reversed' : skipReason(claim, payee);
        if (reason) {
          skipped.push({ claimId: claim.id, claimNo: claim.claimNo, source: l.source, amountFen: Number(l.amountFen), reason });
          continue;
        }
        const account = payee.verifiedBankAccount!;
        lines.push(
          m.create(DisbursementLine, {
            id: newId(),
            batchId: id,
            seq: lines.length + 1,
            claimLineId: l.id,
            claimId: claim.id,
            claimNo: claim.claimNo,
            payeeId: payee.id,
            accountName: account.accountName,
            accountNo: account.accountNo,
            bankName: account.bankName,
            cnapsCode: account.cnapsCode!,
            amountFen: l.amountFen,
            memo: `${claim.claimNo} ${program.fiscalYear}年度科技创新券补贴`,
            status: 'included',
          }),
        );
      }
      if (lines.length === 0) throw nothingToDisburse(skipped);
      const today = shanghaiDate(this.clock.now());
      const batch = m.create(DisbursementBatch, {
        id,
        batchNo: `BF${today.replace(/-/g, '')}${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`,
        programId,
        source,
        fiscalYear: program.fiscalYear,
        status: 'open',
        totalFen: lines.reduce((s, l) => s + l.amountFen, 0n),
        lineCount: lines.length,
        paidFen: 0n,
        builtBy: me.userId,
        paidBy: null,
        paidAt: null,
        paidOn: null,
        bankReference: null,
        cancelledBy: null,
        cancelledAt: null,
        version: 1,
        createdAt: this.clock.now(),
      });
      await m.insert(DisbursementBatch, batch);
      await m.insert(DisbursementLine, lines);
      await m.update(ClaimLine, { id: In(lines.map((l) => l.claimLineId)) }, { status: 'batched', batchId: id });
      for (const claimId of new Set(lines.map((l) => l.claimId))) await this.settleClaim(m, claimId, me.userId, `batch ${batch.batchNo}`);
      await this.record(m, batch, 'disbursement.built', me.userId, null, {
        source,
        lineCount: batch.lineCount,
        totalFen: Number(batch.totalFen),
        // what each line will pay to, as copied now (the bank file is made from exactly these)
        lines: lines.map((l) => ({ seq: l.seq, claimLineId: l.claimLineId, claimNo: l.claimNo, payeeId: l.payeeId, accountName: l.accountName, accountNo: l.accountNo, cnapsCode: l.cnapsCode, amountFen: Number(l.amountFen) })),
        skipped,
      });
      return { ...toBatchView(batch, lines), skipped };
    });
  }

  /** An open batch cancelled: its lines payable again, for a later batch. */
  async cancel(me: Principal, id: string): Promise<BatchView> {
    return this.tx.run(async (m) => {
      const batch = await this.lockBatch(m, me, id, DISBURSEMENT_ROLES);
      if (batch.status !== 'open') throw batchNotOpen(batch.status);
      const lines = await this.linesOf(m, batch.id);
      await m.update(DisbursementLine, { batchId: batch.id, status: 'included' }, { status: 'cancelled' });
      await m.update(ClaimLine, { id: In(lines.map((l) => l.claimLineId)), batchId: batch.id }, { status: 'payable', batchId: null });
      // a line of a claim a sanction holds goes back held, not payable
      const heldIds = (await m.find(SubsidyClaim, { where: { id: In([...new Set(lines.map((l) => l.claimId))]) }, select: { id: true, flags: true } })).filter((c) => c.flags.includes('payment_held')).map((c) => c.id);
      if (heldIds.length) await m.update(ClaimLine, { claimId: In(heldIds), status: 'payable' }, { status: 'held' });
      batch.status = 'cancelled';
      batch.cancelledBy = me.userId;
      batch.cancelledAt = this.clock.now();
      batch.version += 1;
      await m.save(batch);
      for (const claimId of new Set(lines.map((l) => l.claimId))) await this.settleClaim(m, claimId, me.userId, `batch ${batch.batchNo} cancelled`);
      await this.record(m, batch, 'disbursement.cancelled', me.userId, { status: 'open' }, { status: 'cancelled' });
      return toBatchView(batch, await this.linesOf(m, batch.id));
    });
  }

  /**
   * The bank paid the batch: payable → disbursed for every line not listed as failed (退票: back to
   * payable for a later batch). By a finance officer other than the builder; once only (409). A
   * line whose claim is held (a sanction since the batch was built) must be listed as failed — the
   * bank was told to stop it — or released by the program officer first: 409
   * BATCH_HAS_HELD_LINES names them, so what the bank paid is never put back into a pool.
   */
  async markPaid(me: Principal, id: string, input: MarkPaidInput): Promise<BatchView> {
    return this.tx.run(async (m) => {
      const batch = await this.lockBatch(m, me, id, DISBURSEMENT_ROLES);
      if (batch.status !== 'open') throw batchNotOpen(batch.status);
      if (batch.builtBy === me.userId) throw fourEyes();
      const today = shanghaiDate(this.clock.now());
      if (input.paidOn > today || input.paidOn < shanghaiDate(batch.createdAt)) {
        throw new BusinessRuleError('PAID_ON_OUT_OF_RANGE', msg('The value date must be between the day the batch was built and today.', '付款日期须在制单日与今日之间。'), [{ field: 'paidOn', message: `between ${shanghaiDate(batch.createdAt)} and ${today}` }]);
      }
      const all = await this.linesOf(m, batch.id);
      const claimIds = [...new Set(all.map((l) => l.claimId))].sort();
      // the parties first (shared), then the claims (exclusive, in id order): the order a sanction and an approval take them in
      const parties = await m.query<{ enterprise_id: string; provider_id: string; claimant_id: string }[]>('SELECT enterprise_id, provider_id, claimant_id FROM subsidy_claim WHERE id = ANY($1::uuid[])', [claimIds]);
      await lockParties(m, parties.flatMap((c) => [c.enterprise_id, c.provider_id, c.claimant_id]));
      const claims = await m.find(SubsidyClaim, { where: { id: In(claimIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const sanctioned = await sanctionedDeals(m, claims, today);
      for (const c of claims) {
        if (mayAutoHold(c) && sanctioned.has(c.id)) await this.holdClaim(m, c, me.userId, 'a party is sanctioned');
      }
      const heldClaims = new Set(claims.filter((c) => c.flags.includes('payment_held')).map((c) => c.id));
      const failed = new Set(input.failedLineIds ?? []);
      const unknown = [...failed].filter((f) => !all.some((l) => l.id === f));
      if (unknown.length > 0) throw new BusinessRuleError('UNKNOWN_LINE', msg('A failed line is not a line of this batch.', '退票明细不属于该批次。'), unknown.map((u) => ({ field: 'failedLineIds', message: `${u} is not a line of this batch` })));
      const heldNotFailed = all.filter((l) => heldClaims.has(l.claimId) && !failed.has(l.id));
      if (heldNotFailed.length > 0) {
        throw new ConflictError(
          'BATCH_HAS_HELD_LINES',
          msg(
            'Some lines belong to claims a sanction holds: list them as failed if the bank stopped them, or have the program officer release them first.',
            '部分明细所属申请已被处罚暂停拨付：如银行已拦截请列为退票，否则请项目主管先解除暂停。',
          ),
          { lineIds: heldNotFailed.map((l) => l.id) },
        );
      }
      const paid = all.filter((l) => !failed.has(l.id));
      const paidFen = paid.reduce((s, l) => s + l.amountFen, 0n);
      if (paidFen > 0n) {
        await this.ledger.disburse(m, { programId: batch.programId, source: batch.source, amountFen: paidFen, reference: `batch:${batch.id}`, actorId: me.userId, idempotencyKey: `disburse:${batch.id}` });
      }
      const now = this.clock.now();
      if (paid.length) {
        await m.update(DisbursementLine, { id: In(paid.map((l) => l.id)) }, { status: 'paid' });
        await m.update(ClaimLine, { id: In(paid.map((l) => l.claimLineId)) }, { status: 'paid', paidAt: now });
      }
      const back = all.filter((l) => failed.has(l.id));
      if (back.length) {
        await m.update(DisbursementLine, { id: In(back.map((l) => l.id)) }, { status: 'failed' });
        const heldBack = back.filter((l) => heldClaims.has(l.claimId));
        const payableBack = back.filter((l) => !heldClaims.has(l.claimId));
        if (payableBack.length) await m.update(ClaimLine, { id: In(payableBack.map((l) => l.claimLineId)) }, { status: 'payable', batchId: null });
        if (heldBack.length) await m.update(ClaimLine, { id: In(heldBack.map((l) => l.claimLineId)) }, { status: 'held', batchId: null });
      }
      batch.status = 'paid';
      batch.paidFen = paidFen;
      batch.paidBy = me.userId;
      batch.paidAt = now;
      batch.paidOn = input.paidOn;
      batch.bankReference = input.bankReference.trim();
      batch.version += 1;
      await m.save(batch);
      for (const claimId of claimIds) await this.settleClaim(m, claimId, me.userId, `batch ${batch.batchNo} paid`);
      await this.record(m, batch, 'disbursement.paid', me.userId, { status: 'open' }, {
        status: 'paid',
        paidFen: Number(paidFen),
        paidLines: paid.map((l) => ({ lineId: l.id, claimLineId: l.claimLineId, amountFen: Number(l.amountFen) })),
        failedLines: back.map((l) => ({ lineId: l.id, claimLineId: l.claimLineId, held: heldClaims.has(l.claimId) })),
        bankReference: batch.bankReference,
        paidOn: batch.paidOn,
      });
      return toBatchView(batch, await this.linesOf(m, batch.id));
    });
  }

  async get(me: Principal, id: string): Promise<BatchView> {
    const m = this.dataSource.manager;
    const batch = await this.visibleBatch(m, me, id);
    return toBatchView(batch, await this.linesOf(m, batch.id));
  }

  async list(me: Principal, q: { programId?: string; status?: string; page: number; pageSize: number }): Promise<Page<BatchView>> {
    const m = this.dataSource.manager;
    const codes = jurisdictionOf(me, DISBURSEMENT_READ_ROLES);
    if (codes.length === 0) return pageOf([], 0, q);
    const qb = m
      .createQueryBuilder(DisbursementBatch, 'b')
      .innerJoin(VoucherProgram, 'p', 'p.id = b.programId')
      .where(anyCodeCoversSql(':codes', 'p.issuing_region_code'), { codes });
    if (q.programId) qb.andWhere('b.programId = :programId', { programId: q.programId });
    if (q.status) qb.andWhere('b.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('b.createdAt', 'DESC').addOrderBy('b.id', 'ASC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    return pageOf(rows.map((b) => toBatchView(b)), total, q);
  }

  /** The bank file of a batch (its lines not cancelled). */
  /** The bank file (finance officers only: it carries full account numbers); every download audited with the file's hash. */
  async export(me: Principal, id: string, format: 'xlsx' | 'csv'): Promise<{ name: string; mime: string; bytes: Buffer }> {
    return this.tx.run(async (m) => {
      const batch = await this.visibleBatch(m, me, id, DISBURSEMENT_ROLES);
      if (batch.status === 'cancelled') throw batchNotOpen('cancelled');
      const lines = (await this.linesOf(m, batch.id)).filter((l) => l.status !== 'cancelled');
      let file: { name: string; mime: string; bytes: Buffer };
      if (format === 'csv') file = { name: `${batch.batchNo}.csv`, mime: 'text/csv; charset=utf-8', bytes: bankCsv(lines) };
      else {
        const program = await m.findOneByOrFail(VoucherProgram, { id: batch.programId });
        const sourceName = program.fundingSources.find((s) => s.key === batch.source)?.name ?? batch.source;
        file = { name: `${batch.batchNo}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await bankXlsx(batch, lines, sourceName) };
      }
      await this.record(m, batch, 'disbursement.exported', me.userId, null, { format, lines: lines.length, sha256: createHash('sha256').update(file.bytes).digest('hex') });
      return file;
    });
  }

  // ---------------------------------------------------------------- helpers

  private async program(m: EntityManager, me: Principal, programId: string, roles: readonly StaffRole[]): Promise<VoucherProgram> {
    const p = isUuid(programId) ? await m.findOne(VoucherProgram, { where: { id: programId } }) : null;
    if (!p || !staffCovers(me, roles, p.issuingRegionCode)) throw new NotFoundError('program');
    return p;
  }

  private async lockBatch(m: EntityManager, me: Principal, id: string, roles: readonly StaffRole[]): Promise<DisbursementBatch> {
    const batch = isUuid(id) ? await m.findOne(DisbursementBatch, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!batch) throw new NotFoundError('disbursement');
    await this.program(m, me, batch.programId, roles).catch(() => {
      throw new NotFoundError('disbursement');
    });
    return batch;
  }

  private async visibleBatch(m: EntityManager, me: Principal, id: string, roles: readonly StaffRole[] = DISBURSEMENT_READ_ROLES): Promise<DisbursementBatch> {
    const batch = isUuid(id) ? await m.findOne(DisbursementBatch, { where: { id } }) : null;
    if (!batch) throw new NotFoundError('disbursement');
    const p = await m.findOneBy(VoucherProgram, { id: batch.programId });
    if (!p || !staffCovers(me, roles, p.issuingRegionCode)) throw new NotFoundError('disbursement');
    return batch;
  }

  /** A claim whose party is sanctioned: payment_held, its payable lines held (the caller holds the claim's row lock). */
  private async holdClaim(m: EntityManager, claim: SubsidyClaim, actorId: string, why: string): Promise<void> {
    claim.flags = [...claim.flags, 'payment_held'];
    claim.version += 1;
    await m.save(claim);
    await m.update(ClaimLine, { claimId: claim.id, status: 'payable' }, { status: 'held' });
    await this.audit.record(m, { streamType: 'claim', streamId: claim.id, action: 'claim.payment_held', actorId, reason: why });
  }

  /** Orders whose own-share money went back after the fact (a refund or chargeback), is contested, or whose refund failed: their claims wait for staff. */
  private async paymentsReversed(m: EntityManager, orderIds: readonly string[]): Promise<Set<string>> {
    if (orderIds.length === 0) return new Set();
    const rows = await m.query<{ id: string }[]>(
      `SELECT o.id FROM service_order o WHERE o.id = ANY($1::uuid[])
          AND ('refund_failed' = ANY(o.flags) OR EXISTS (SELECT 1 FROM payment p WHERE p.order_id = o.id AND (p.reversed_fen > 0 OR p.status = 'contested')))`,
      [[...new Set(orderIds)]],
    );
    return new Set(rows.map((r) => r.id));
  }

  private linesOf(m: EntityManager, batchId: string): Promise<DisbursementLine[]> {
    return m.find(DisbursementLine, { where: { batchId }, order: { seq: 'ASC' } });
  }

  /**
   * A claim's status from its lines: batched once every line is in a batch (or paid), paid once every
   * line is paid, approved again when a line is payable again (a cancelled batch, a failed line).
   */
  private async settleClaim(m: EntityManager, claimId: string, actorId: string, why: string): Promise<void> {
    const claim = await m.findOne(SubsidyClaim, { where: { id: claimId }, lock: { mode: 'pessimistic_write' } });
    if (!claim) return;
    const lines = await m.find(ClaimLine, { where: { claimId } });
    const allPaid = lines.length > 0 && lines.every((l) => l.status === 'paid');
    const allOut = lines.length > 0 && lines.every((l) => l.status === 'paid' || l.status === 'batched');
    const from = claim.status;
    let to = from;
    if (from === 'approved' && allOut) to = claimMachine.transition(from, 'batch', ['system'], { reason: null });
    if (to === 'batched' && allPaid) to = claimMachine.transition(to, 'pay', ['system'], { reason: null });
    if (from === 'batched' && !allOut) to = claimMachine.transition(from, 'unbatch', ['system'], { reason: null });
    if (to === from) return;
    claim.status = to;
    claim.version += 1;
    await m.save(claim);
    await this.audit.record(m, { streamType: 'claim', streamId: claim.id, action: `claim.${to === 'approved' ? 'unbatched' : to}`, actorId, before: { status: from }, after: { status: to }, reason: why });
  }

  private record(m: EntityManager, b: DisbursementBatch, action: string, actorId: string, before: unknown, after: unknown): Promise<void> {
    return this.audit.record(m, { streamType: 'disbursement', streamId: b.id, action, actorId, before, after });
  }
}

/** Why a payable line cannot go into a batch now (null: it can). */
function skipReason(claim: SubsidyClaim, payee: Organization): SkipReason | null {
  if (claim.flags.includes('payment_held')) return 'payment_held';
  const verified = payee.verifiedBankAccount;
  if (!verified) return 'bank_account_unverified';
  if (verified.accountNo !== payee.bankAccountNo || verified.bankName !== payee.bankName || verified.accountName !== payee.bankAccountName || verified.cnapsCode !== payee.bankCnapsCode) {
    return 'bank_account_changed';
  }
  if (verified.accountName !== payee.name) return 'bank_account_name_mismatch';
  if (!verified.cnapsCode) return 'cnaps_code_missing';
  return null;
}

export function toBatchView(b: DisbursementBatch, lines?: readonly DisbursementLine[]): BatchView {
  return {
    id: b.id,
    batchNo: b.batchNo,
    programId: b.programId,
    source: b.source,
    fiscalYear: b.fiscalYear,
    status: b.status,
    version: b.version,
    totalFen: Number(b.totalFen),
    lineCount: b.lineCount,
    paidFen: Number(b.paidFen),
    builtBy: b.builtBy,
    createdAt: b.createdAt.toISOString(),
    paidBy: b.paidBy,
    paidAt: b.paidAt?.toISOString() ?? null,
    paidOn: b.paidOn,
    bankReference: b.bankReference,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    ...(lines
      ? {
          lines: lines.map((l) => ({
            id: l.id,
            seq: l.seq,
            claimId: l.claimId,
            claimNo: l.claimNo,
            payeeId: l.payeeId,
            accountName: l.accountName,
            accountNo: l.accountNo,
            bankName: l.bankName,
            cnapsCode: l.cnapsCode,
            amountFen: Number(l.amountFen),
            memo: l.memo,
            status: l.status,
          })),
        }
      : {}),
  };
}
