import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Clock, DomainError, NotFoundError, assertCurrentVersion, isUuid, newId, offsetOf, pageOf, queueCountOf, shanghaiDate, type Fen, type Page, type QueueCount, type QueueSort } from '@innoserve/core';
import { TransactionRunner, pgCode, pgConstraint } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { anyCodeCoversSql, jurisdictionCovers, jurisdictionOf, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';
import { OrganizationsService } from '@innoserve/organizations';
import { splitByShares } from '../funding/funding-split.js';
import { Accounts } from '../ledger/ledger-account.js';
import { programBudgetExhausted } from '../ledger/ledger-errors.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { VoucherApplication } from './application.entity.js';
import type { ApplicationDecision } from './dto/application-decision.dto.js';
import { VoucherGrant } from './grant.entity.js';
import {
  applicationExists,
  applicationNotPending,
  drawRefused,
  fundingSharesInvalid,
  grantAboveBound,
  groupCapReached,
  notEligible,
  notReviewed,
  outsideWindow,
  programNotOpen,
} from './program-errors.js';
import { FirstComeGrants } from './first-come-grants.service.js';
import { ProgramCapsService, lockGroupUsage } from './program-caps.service.js';
import { drawOrder, eligibilityErrors, minFen, sharesFor } from './program-rules.js';
import { VoucherProgram } from './program.entity.js';
import { PROGRAM_ROLES, ProgramsService } from './programs.service.js';
import { grantedAudit, toApplicationView, toGrantView, type ApplicationView, type GrantView, type QueuedApplicationView } from './program-views.js';

/** Reviewed-mode decisions and the review queue (docs/api.md): county reviewer of the enterprise's region, program officer. */
export const APPLICATION_REVIEW_ROLES: readonly StaffRole[] = ['county_reviewer', 'program_officer'];

export interface ApplicationListQuery {
  programId?: string;
  status?: string;
  region?: string;
  /** oldest (default): the longest-waiting application first; newest: the latest first. */
  sort?: QueueSort;
  page: number;
  pageSize: number;
}

export interface ApplyInput {
  enterpriseId: string;
  requestedFen: Fen;
  purpose: string;
}

export interface ApplicationOutcome {
  application: ApplicationView;
  grant?: GrantView;
}

export interface DecisionInput {
  decision: ApplicationDecision;
  amountFen?: Fen;
  reason?: string | null;
  /** The version the reviewer saw (If-Match or the body's `version`); absent: no check. */
  expectedVersion?: number;
}

export interface DrawOutcome {
  programId: string;
  seed: string;
  granted: number;
  notDrawn: number;
  /** Application ids in drawn order. */
  order: string[];
}

export interface EnterpriseGrantView extends GrantView {
  availableFen: number;
  heldFen: number;
  redeemedFen: number;
}

/** Applications, grants (first-come-first-served, reviewed, lottery) and the enterprise's grants. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly organizations: OrganizationsService,
    private readonly caps: ProgramCapsService,
    private readonly programs: ProgramsService,
    private readonly clock: Clock,
    private readonly firstCome: FirstComeGrants,
  ) {}

  /**
   * An application by a member of the enterprise (else 404): the program open (409
   * PROGRAM_NOT_OPEN) and today inside its window (422 OUTSIDE_APPLICATION_WINDOW), every failing
   * eligibility rule named (422 PROGRAM_ELIGIBILITY), one live application per program (409
   * APPLICATION_EXISTS). First-come-first-served grants at once or refuses the whole application.
   */
  async apply(by: Principal, programId: string, input: ApplyInput): Promise<ApplicationOutcome> {
    // first-come-first-served: the lean one-statement grant (FirstComeGrants); the other modes here.
    // Its statement runs on the hot-path pool in its own transaction and cannot join a unit of work,
    // so inside one (a request with an Idempotency-Key, whose answer is written in the same
    // transaction) the grant takes the general path below, which joins it: same rules and records.
    if (!this.tx.inUnitOfWork) {
      const firstCome = await this.firstCome.apply(by, programId, input);
      if (firstCome) return firstCome;
    }
    return this.tx.run(async (m) => {
      const program = isUuid(programId) ? await m.findOne(VoucherProgram, { where: { id: programId } }) : null;
      if (!program || program.status === 'draft') throw new NotFoundError('program');
      if (!(await this.organizations.isMember(input.enterpriseId, by.userId, m))) throw new NotFoundError('enterprise');
      if (program.status !== 'open') throw programNotOpen(program.status);
      const today = shanghaiDate(this.clock.now());
      if (today < program.applicationOpensOn || today > program.applicationClosesOn) throw outsideWindow(program.applicationOpensOn, program.applicationClosesOn);
      const org = await this.organizations.get(input.enterpriseId, m);
      const errors = eligibilityErrors(program.eligibility, org, today);
      if (errors.length > 0) throw notEligible(errors);

      const app = new VoucherApplication();
      app.id = newId();
      app.programId = program.id;
      app.enterpriseId = org.id;
      app.regionCode = org.regionCode;
      app.groupKey = org.groupKey;
      app.requestedFen = input.requestedFen;
      app.purpose = input.purpose.trim();
      app.status = 'pending';
      app.grantedFen = null;
      app.grantId = null;
      app.decisionReason = null;
      app.decidedBy = null;
      app.appliedBy = by.userId;
      app.createdAt = app.updatedAt = this.clock.now();
      app.version = 1;
      try {
        await m.insert(VoucherApplication, app);
      } catch (e) {
        if (pgCode(e) === '23505' && pgConstraint(e) === 'ux_voucher_application_live') throw applicationExists();
        throw e;
      }
      // first-come-first-served: created and granted in one command, audited once as granted
      if (program.allocationMode !== 'fcfs') {
        await this.audit.record(m, {
          streamType: 'voucher_application',
          streamId: app.id,
          action: 'application.submitted',
        actorId: by.userId,
          after: { programId: program.id, enterpriseId: org.id, requestedFen: Number(input.requestedFen) },
        });
      }
      if (program.allocationMode !== 'fcfs') return { application: toApplicationView(app) };
      const grant = await this.grant(m, program, app, null, by.userId);
      return { application: toApplicationView(app), grant: toGrantView(grant) };
    });
  }

  /** Reviewed mode: approve (at most min(requested, maxGrantFen, group cap left)) or reject. */
  async decide(by: Principal, applicationId: string, input: DecisionInput): Promise<ApplicationOutcome> {
    return this.tx.run(async (m) => {
      const app = isUuid(applicationId) ? await m.findOne(VoucherApplication, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!app || !staffCovers(by, APPLICATION_REVIEW_ROLES, app.regionCode)) throw new NotFoundError('application');
      await assertCurrentVersion('application', input.expectedVersion, app.version, async () => {
        const last = await this.audit.lastEntry(m, 'voucher_application', app.id, ['application.']);
        return { version: app.version, status: app.status, decidedBy: last?.actorId ?? null, decidedAt: last?.occurredAt ?? null };
      });
      const program = await m.findOneByOrFail(VoucherProgram, { id: app.programId });
      if (program.allocationMode !== 'reviewed') throw notReviewed();
      if (app.status !== 'pending') throw applicationNotPending(app.status);
      if (program.status !== 'open' && program.status !== 'closed') throw programNotOpen(program.status);
      const reason = input.reason?.trim() || null;
      if (input.decision === 'reject') {
        app.status = 'rejected';
        app.decisionReason = reason;
        app.decidedBy = by.userId;
        await m.save(app);
        await this.audit.record(m, { streamType: 'voucher_application', streamId: app.id, action: 'application.rejected', actorId: by.userId, before: { status: 'pending' }, after: { status: 'rejected' }, reason });
        return { application: toApplicationView(app) };
      }
      app.decisionReason = reason;
      app.decidedBy = by.userId;
      const grant = await this.grant(m, program, app, input.amountFen ?? null, by.userId);
      return { application: toApplicationView(app), grant: toGrantView(grant) };
    });
  }

  /**
   * Lottery mode, after close: a seeded, reproducible draw (HMAC of the program's seed and each
   * application id) granting in drawn order while the pools last; refused a second time.
   */
  async draw(by: Principal, programId: string): Promise<DrawOutcome> {
    return this.tx.run(async (m) => {
      const program = await this.programs.requireForStaff(m, by, programId, PROGRAM_ROLES, true);
      if (program.allocationMode !== 'lottery') throw drawRefused('the program is not a lottery');
      if (program.status !== 'closed') throw drawRefused('the program is not closed');
      if (program.drawnAt !== null) throw drawRefused('the program was already drawn');
      const pending = await m.find(VoucherApplication, { where: { programId: program.id, status: 'pending' } });
      const order = drawOrder(program.lotterySeed, pending.map((a) => a.id));
      const byId = new Map(pending.map((a) => [a.id, a]));
      let granted = 0;
      for (const id of order) {
        const app = byId.get(id)!;
        try {
          await m.transaction((sp) => this.grant(sp, program, app, null, by.userId));
          granted++;
        } catch (e) {
          if (!(e instanceof DomainError) || !['PROGRAM_BUDGET_EXHAUSTED', 'GROUP_CAP_REACHED'].includes(e.code)) throw e;
          await m.update(VoucherApplication, { id }, { status: 'not_drawn', decisionReason: e.code });
          await this.audit.record(m, { streamType: 'voucher_application', streamId: id, action: 'application.not_drawn', actorId: by.userId, after: { status: 'not_drawn' }, reason: e.code });
        }
      }
      program.drawnAt = this.clock.now();
      await m.save(program);
      await this.audit.record(m, {
        streamType: 'voucher_program',
        streamId: program.id,
        action: 'program.drawn',
        actorId: by.userId,
        after: { seed: program.lotterySeed, granted, notDrawn: order.length - granted },
      });
      return { programId: program.id, seed: program.lotterySeed, granted, notDrawn: order.length - granted, order };
    });
  }

  /** One application for a reviewer covering the enterprise's region (else 404), with the version a decision sends back. */
  async getForStaff(by: Principal, applicationId: string): Promise<ApplicationView> {
    const app = isUuid(applicationId) ? await this.dataSource.manager.findOne(VoucherApplication, { where: { id: applicationId } }) : null;
    if (!app || !staffCovers(by, APPLICATION_REVIEW_ROLES, app.regionCode)) throw new NotFoundError('application');
    return toApplicationView(app);
  }

  /** The review queue in the caller's jurisdiction, the oldest application first unless sorted otherwise. */
  async list(by: Principal, q: ApplicationListQuery): Promise<Page<QueuedApplicationView>> {
    const qb = this.scoped(by, q);
    if (!qb) return pageOf([], 0, q);
    const [rows, total] = await qb
      .orderBy('a.created_at', q.sort === 'newest' ? 'DESC' : 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip(offsetOf(q))
      .take(q.pageSize)
      .getManyAndCount();
    // the enterprise's and the program's names, so that the queue reads without a lookup per row
    const names = new Map<string, string>();
    if (rows.length > 0) {
      const found = await this.dataSource.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM organization WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, name FROM voucher_program WHERE id = ANY($2::uuid[])`,
        [[...new Set(rows.map((r) => r.enterpriseId))], [...new Set(rows.map((r) => r.programId))]],
      );
      for (const f of found) names.set(f.id, f.name);
    }
    return pageOf(rows.map((r) => ({ ...toApplicationView(r), enterpriseName: names.get(r.enterpriseId) ?? '', programName: names.get(r.programId) ?? '' })), total, q);
  }

  /** Pending applications of reviewed-mode programs in the caller's queue and the oldest among them; null for those who review none. */
  async queueCount(by: Principal): Promise<QueueCount | null> {
    const qb = this.scoped(by, { status: 'pending' });
    if (!qb) return null;
    qb.andWhere(`EXISTS (SELECT 1 FROM voucher_program p WHERE p.id = a.program_id AND p.allocation_mode = 'reviewed')`);
    return queueCountOf(await qb.select('COUNT(*)', 'count').addSelect('MIN(a.created_at)', 'oldest').getRawOne());
  }

  /** The queue's rows: the caller's jurisdiction as application reviewer, then the filters; null without the role. */
  private scoped(by: Principal, q: Omit<ApplicationListQuery, 'sort' | 'page' | 'pageSize'>): SelectQueryBuilder<VoucherApplication> | null {
    const codes = jurisdictionOf(by, APPLICATION_REVIEW_ROLES);
    if (codes.length === 0) return null;
    const qb = this.dataSource.manager.createQueryBuilder(VoucherApplication, 'a').where(anyCodeCoversSql(':codes', 'a.region_code'), { codes });
    if (q.programId) qb.andWhere('a.program_id = :programId', { programId: q.programId });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.region) qb.andWhere(anyCodeCoversSql(':region', 'a.region_code'), { region: [q.region] });
    return qb;
  }

  /** The enterprise's grants with their balances: members, and staff whose jurisdiction covers its region; else 404. */
  async grantsOf(by: Principal, enterpriseId: string): Promise<EnterpriseGrantView[]> {
    const m = this.dataSource.manager;
    const org = isUuid(enterpriseId) ? await this.organizations.find(enterpriseId, m) : null;
    const visible = org && ((await this.organizations.isMember(org.id, by.userId, m)) || by.staff.some((g) => jurisdictionCovers(g.regionCodes, org.regionCode)));
    if (!org || !visible) throw new NotFoundError('enterprise');
    const grants = await m.find(VoucherGrant, { where: { enterpriseId: org.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (grants.length === 0) return [];
    const rows = await m.query<{ grant_id: string; kind: string; total: string }[]>(
      `SELECT grant_id, kind, SUM(balance_fen)::text AS total FROM ledger_balance WHERE grant_id = ANY($1::uuid[]) GROUP BY grant_id, kind`,
      [grants.map((g) => g.id)],
    );
    const redeemed = await m.query<{ grant_id: string; total: string }[]>(
      `SELECT b.grant_id, (-SUM(e.amount_fen))::text AS total
         FROM ledger_entry e
         JOIN ledger_transaction t ON t.id = e.transaction_id AND t.type = 'redeem'
         JOIN ledger_balance b ON b.program_id = e.program_id AND b.account = e.account
        WHERE b.grant_id = ANY($1::uuid[]) AND b.kind = 'grant_held'
        GROUP BY b.grant_id`,
      [grants.map((g) => g.id)],
    );
    const of = (id: string, kind: string): number => Number(rows.find((r) => r.grant_id === id && r.kind === kind)?.total ?? 0);
    return grants.map((g) => ({
      ...toGrantView(g),
      availableFen: of(g.id, 'grant_available'),
      heldFen: of(g.id, 'grant_held'),
      redeemedFen: Number(redeemed.find((r) => r.grant_id === g.id)?.total ?? 0),
    }));
  }

  /**
   * Sanction on a grant's free amount (for the sanctions issue): grant available → pool:S for every
   * part, and the group's cap usage drops by what was voided, in the caller's transaction. Answers
   * the fen voided (0 when nothing was available). Idempotent per `idempotencyKey`.
   */
  async voidGrant(m: EntityManager, input: { grantId: string; actorId: string | null; reason: string; idempotencyKey: string }): Promise<Fen> {
    const g = isUuid(input.grantId) ? await m.findOne(VoucherGrant, { where: { id: input.grantId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!g) throw new NotFoundError('grant');
    await lockGroupUsage(m, g.programId, g.groupKey); // before the pools, in the order grants lock them
    const t = await this.ledger.voidGrant(m, { programId: g.programId, grantId: g.id, reference: `grant:${g.id}`, actorId: input.actorId, idempotencyKey: input.idempotencyKey });
    if (t?.replayed) return 0n;
    const back = t ? t.postings.filter((p) => p.account.startsWith('pool:')).reduce((a, p) => a + p.amountFen, 0n) : 0n;
    if (back > 0n) await this.caps.addGroupUsage(m, g.programId, g.groupKey, -back, null);
    // voided even with nothing free: what its orders release later goes to the pools too (OrderSubsidiesService.endHold)
    g.voidedAt ??= this.clock.now();
    g.voidedFen += back;
    if (g.status === 'active') g.status = 'voided';
    await m.save(g);
    await this.audit.record(m, { streamType: 'voucher_grant', streamId: g.id, action: 'grant.voided', actorId: input.actorId, after: { voidedFen: Number(back) }, reason: input.reason });
    return back;
  }

  private async assertPoolsCover(m: EntityManager, programId: string, parts: { key: string; amountFen: Fen }[]): Promise<void> {
    const accounts = parts.map((p) => Accounts.pool(p.key));
    const rows = await m.query<{ account: string; balance_fen: string }[]>(
      'SELECT account, balance_fen::text AS balance_fen FROM ledger_balance WHERE program_id = $1 AND account = ANY($2::varchar[])',
      [programId, accounts],
    );
    for (const [i, p] of parts.entries()) {
      const balance = BigInt(rows.find((r) => r.account === accounts[i])?.balance_fen ?? '0');
      if (balance < p.amountFen) throw programBudgetExhausted(accounts[i]);
    }
  }

  /**
   * Grants `app` in `m`'s transaction: amount = the decided amount (bounded) or min(requested,
   * maxGrantFen, group cap left); the group counter row is locked, then raised by a conditional
   * update; the ledger grant (split by the shares applying to the enterprise's region) goes last
   * so the hot pool rows stay locked for as short a time as possible.
   */
  private async grant(m: EntityManager, program: VoucherProgram, app: VoucherApplication, decidedFen: Fen | null, actorId: string): Promise<VoucherGrant> {
    const cap = await this.caps.groupCapFen(m, program, app.groupKey);
    const used = await this.caps.lockGroupUsage(m, program.id, app.groupKey);
    const left = cap - used;
    if (left <= 0n) throw groupCapReached();
    const bound = minFen(app.requestedFen, program.maxGrantFen, left);
    if (decidedFen !== null && decidedFen > bound) throw grantAboveBound(bound);
    const amount = decidedFen ?? bound;
    const shares = sharesFor(program.fundingSources, app.regionCode);
    if (shares.reduce((a, x) => a + x.shareBp, 0) !== 10_000) {
      throw fundingSharesInvalid([{ field: 'fundingSources', message: `the shares applying to region ${app.regionCode} do not sum to 10000 bp` }]);
    }
    const parts = splitByShares(amount, shares).filter((p) => p.amountFen > 0n);
    // Fail fast on the rush: pools that (as last committed) cannot cover their part refuse before
    // any more work and without queueing on the hot pool rows. The ledger's conditional update
    // below stays the real guard.
    await this.assertPoolsCover(m, program.id, parts);
    if (!(await this.caps.addGroupUsage(m, program.id, app.groupKey, amount, cap))) throw groupCapReached();
    const grant = new VoucherGrant();
    grant.id = newId();
    grant.programId = program.id;
    grant.applicationId = app.id;
    grant.enterpriseId = app.enterpriseId;
    grant.groupKey = app.groupKey;
    grant.amountFen = amount;
    grant.parts = parts.map((p) => ({ source: p.key, amountFen: p.amountFen.toString() }));
    grant.expiresOn = program.grantExpiresOn;
    grant.status = 'active';
    grant.lapsedFen = 0n;
    grant.lapsedAt = null;
    grant.createdAt = this.clock.now();
    await m.insert(VoucherGrant, grant);
    await m.update(VoucherApplication, { id: app.id }, { status: 'granted', grantedFen: amount, grantId: grant.id, decidedBy: app.decidedBy, decisionReason: app.decisionReason });
    Object.assign(app, { status: 'granted', grantedFen: amount, grantId: grant.id, version: app.version + 1 });
    await this.audit.record(m, grantedAudit(app, grant, actorId));
    await this.ledger.grant(m, {
      programId: program.id,
      grantId: grant.id,
      amountFen: amount,
      shares,
      reference: `application:${app.id}`,
      actorId,
      idempotencyKey: `grant:${app.id}`,
    });
    return grant;
  }
}
