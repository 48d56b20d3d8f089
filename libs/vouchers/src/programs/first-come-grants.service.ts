import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchQueue, Clock, DomainError, NotFoundError, isUuid, msg, newId, shanghaiDate, type Fen } from '@innoserve/core';
import { SqlParams, pgCode, pgConstraint, preparedQuery, refusalOf } from '@innoserve/database';
import { AuditService, type AuditInput } from '@innoserve/audit';
import type { Principal } from '@innoserve/identity';
import { applicantFactsSelectOf, toApplicantFacts, type ApplicantFacts, type ApplicantRow } from '@innoserve/organizations';
import { splitByShares } from '../funding/funding-split.js';
import { Accounts } from '../ledger/ledger-account.js';
import { programBudgetExhausted } from '../ledger/ledger-errors.js';
import { checkPostings } from '../ledger/ledger-moves.js';
import { ledgerWriteCtes, type LedgerWrite } from '../ledger/ledger-write.sql.js';
import { VoucherApplication } from './application.entity.js';
import { VoucherGrant } from './grant.entity.js';
import { applicationExists, fundingSharesInvalid, groupCapReached, notEligible, outsideWindow, programNotOpen } from './program-errors.js';
import { eligibilityErrors, groupCapOf, minFen, sharesFor } from './program-rules.js';
import type { ProgramStatus } from './program-state-machine.js';
import type { AllocationMode, Eligibility, FundingSource } from './program-types.js';
import { grantedAudit, toApplicationView, toGrantView, type ApplicationView, type GrantView } from './program-views.js';

export interface FirstComeInput {
  enterpriseId: string;
  requestedFen: Fen;
  purpose: string;
}

export interface FirstComeOutcome {
  application: ApplicationView;
  grant: GrantView;
}

interface ProgramRow {
  facts: ApplicantRow | null;
  status: ProgramStatus;
  allocation_mode: AllocationMode;
  application_opens_on: string;
  application_closes_on: string;
  grant_expires_on: string;
  eligibility: Eligibility;
  funding_sources: FundingSource[];
  enterprise_annual_cap_fen: string;
  high_tech_annual_cap_fen: string | null;
  max_grant_fen: string;
  group_used_fen: string | null;
  pools: Record<string, string>;
  live_application: boolean;
}

/** Who applies, to which program: the enterprise, and the user acting for it (a member, or the read finds no facts). */
export interface Applicant {
  programId: string;
  enterpriseId: string;
  userId: string;
}

/**
 * One read for one or several applicants, a row per applicant (`ord`, from 1 in their order) whose
 * program exists: the applicant's facts (organizations' applicantFactsSelectOf, per applicant),
 * the program, the group's usage, the pools and whether the enterprise already has a live
 * application in the program — which the general path names first (409 APPLICATION_EXISTS) and
 * the write's unique index refuses anyway.
 */
export function firstComeReadSql(p: SqlParams, applicants: readonly Applicant[]): string {
  const uuid = (v: string): string | null => (isUuid(v) ? v : null);
  return `WITH x AS (
  SELECT * FROM ${p.unnest('x', [
    ['program_id', applicants.map((a) => uuid(a.programId)), 'uuid'],
    ['enterprise_id', applicants.map((a) => uuid(a.enterpriseId)), 'uuid'],
    ['user_id', applicants.map((a) => uuid(a.userId)), 'uuid'],
  ])}
)
SELECT x.ord::int AS ord, f.facts,
       p.status, p.allocation_mode, p.application_opens_on::text AS application_opens_on, p.application_closes_on::text AS application_closes_on,
       p.grant_expires_on::text AS grant_expires_on, p.eligibility, p.funding_sources,
       p.enterprise_annual_cap_fen::text AS enterprise_annual_cap_fen, p.high_tech_annual_cap_fen::text AS high_tech_annual_cap_fen,
       p.max_grant_fen::text AS max_grant_fen,
       (SELECT u.used_fen::text FROM voucher_group_cap_usage u WHERE u.program_id = p.id AND u.group_key = f.group_key) AS group_used_fen,
       (SELECT coalesce(json_object_agg(b.account, b.balance_fen::text), '{}'::json)
          FROM ledger_balance b
         WHERE b.program_id = p.id
           -- equality on the program's pool keys: an index lookup, whatever the database's collation
           AND b.account = ANY (ARRAY(SELECT 'pool:' || (src->>'key') FROM jsonb_array_elements(p.funding_sources) AS src))) AS pools,
       EXISTS (SELECT 1 FROM voucher_application a
                WHERE a.program_id = p.id AND a.enterprise_id = f.id AND a.status IN ('pending', 'granted')) AS live_application
  FROM x
  JOIN voucher_program p ON p.id = x.program_id
  LEFT JOIN LATERAL (SELECT row_to_json(ff) AS facts, ff.id, ff.group_key
                       FROM (${applicantFactsSelectOf('x.enterprise_id', 'x.user_id')}) ff) f ON true
 ORDER BY x.ord`;
}

/** Applicants read in one statement at most. */
const READS_PER_STATEMENT = 100;

/**
 * Grant statements of one program in flight at once from this process: one. They would all queue
 * on the same pool rows anyway, where a second session waiting costs PostgreSQL CPU (a wake-up, a
 * recheck) and wins nothing; whatever arrives meanwhile is written together in the next statement
 * (group commit). Measured with `npm run bench:rush`: one writer and batches of up to 64 did better
 * than two writers (bench/RESULTS.md).
 */
const WRITERS_PER_PROGRAM = 1;

/** Grants per statement at most: a bound on the statement's size and on its rows' lock time. */
const GRANTS_PER_STATEMENT = 64;

/** Attempts before a group-usage race is answered as the cap reached (each attempt re-reads the usage). */
const ATTEMPTS = 4;

/** Everything one grant writes, decided from the read. */
interface GrantWrite {
  app: VoucherApplication;
  grant: VoucherGrant;
  /** The group's cap, which its usage may not pass. */
  capFen: Fen;
  audit: AuditInput;
  ledger: LedgerWrite;
}

/**
 * The first-come-first-served grant: the opening-day hot path (issue #4's rush). Same rules,
 * errors and records as the general path in ApplicationsService — an application created as
 * granted, the group's cap usage raised, the grant, its audit entry and the ledger grant
 * transaction — but in two statements (prepared, generic plans) and no explicit transaction:
 * 1. one read: the applicant's facts (organizations' applicantFactsSelectOf), the program, the
 *    group's usage, the pool balances and whether a live application exists — coalesced with the
 *    reads of the applicants who arrive meanwhile;
 * 2. the checks in TypeScript (in the general path's order), refusing early — without writing or
 *    queueing on the hot pool rows — when the pools as last committed cannot cover the grant;
 * 3. one statement (its own transaction) with every write as a CTE, ending in
 *    innoserve_refuse_unless checks: the program still open, the group's usage raised within its
 *    cap by a conditional upsert, every pool debited by a conditional update. Any refusal rolls
 *    the whole statement back, so nothing is ever half written. The select list runs the CTEs in
 *    order, the hot pool rows last: they stay locked only for their own update and the commit,
 *    and no round trip happens while they are held.
 * Grants of one program that queue while its statements run are written together, up to
 * GRANTS_PER_STATEMENT in one statement (BatchQueue): the pools are debited once for all of them,
 * and a statement, a commit and a turn on the pool rows serve many grants. A batch is all or
 * nothing; if anything in it is refused (the budget running out, a cap, a duplicate, a deadlock),
 * its grants are written again one at a time, in arrival order, each getting the answer it would
 * have had alone. The writers are per program and created only once a read has found the program
 * open and first-come, so their number is bounded by the programs.
 */
@Injectable()
export class FirstComeGrants {
  private readonly writers = new Map<string, BatchQueue<GrantWrite, void>>();
  private readonly reads: BatchQueue<Applicant, ProgramRow | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    // The reads are coalesced: two statements in flight at most (reads wait on no lock); the
    // applicants who arrive while they run — of any program — are read together in the next,
    // never answered by a read that started before they came.
    const read = async (applicants: Applicant[]): Promise<(ProgramRow | null)[]> => {
      const p = new SqlParams();
      const rows = await preparedQuery<ProgramRow & { ord: number }>(this.dataSource, 'vouchers.first_come_read', firstComeReadSql(p, applicants), p.values);
      const byOrd = new Map(rows.map((r) => [r.ord, r]));
      return applicants.map((_, i) => byOrd.get(i + 1) ?? null);
    };
    this.reads = new BatchQueue<Applicant, ProgramRow | null>({
      maxInFlight: 2,
      maxBatch: READS_PER_STATEMENT,
      keysOf: () => [],
      runMany: read,
      alone: () => false, // a read: an error is every waiting applicant's answer
      runOne: async (a) => (await read([a]))[0],
    });
  }

  /** The grant, or null when the program is not first-come-first-served (the caller takes the general path). */
  async apply(by: Principal, programId: string, input: FirstComeInput): Promise<FirstComeOutcome | null> {
    if (!isUuid(programId)) throw new NotFoundError('program');
    for (let attempt = 1; ; attempt++) {
      const program = await this.reads.submit({ programId, enterpriseId: input.enterpriseId, userId: by.userId });
      if (!program || program.status === 'draft') throw new NotFoundError('program');
      if (program.allocation_mode !== 'fcfs') return null;
      if (!program.facts) throw new NotFoundError('enterprise');
      try {
        const write = this.decide(by, programId, input, toApplicantFacts(program.facts), program);
        await this.writerOf(write.app.programId).submit(write);
        return { application: toApplicationView(write.app), grant: toGrantView(write.grant) };
      } catch (e) {
        if ((e instanceof UsageMoved || e instanceof Retry) && attempt < ATTEMPTS) continue;
        if (e instanceof UsageMoved) throw await this.refusal(programId, input.enterpriseId, groupCapReached());
        if (e instanceof Retry) throw e.error;
        if (e instanceof WriteRefused && e.kind === 'not_open') throw programNotOpen(await this.statusOf(programId));
        if (e instanceof WriteRefused) throw await this.refusal(programId, input.enterpriseId, programBudgetExhausted(e.account));
        throw e;
      }
    }
  }

  /** The checks in the general path's order, and what the grant will write. */
  private decide(by: Principal, programId: string, input: FirstComeInput, facts: ApplicantFacts, program: ProgramRow): GrantWrite {
    if (program.status !== 'open') throw programNotOpen(program.status);
    const today = shanghaiDate(this.clock.now());
    if (today < program.application_opens_on || today > program.application_closes_on) throw outsideWindow(program.application_opens_on, program.application_closes_on);
    const errors = eligibilityErrors(program.eligibility, facts, today);
    if (errors.length > 0) throw notEligible(errors);

    const used = program.group_used_fen === null ? 0n : BigInt(program.group_used_fen);
    const cap = groupCapOf(
      { enterpriseAnnualCapFen: BigInt(program.enterprise_annual_cap_fen), highTechAnnualCapFen: program.high_tech_annual_cap_fen === null ? null : BigInt(program.high_tech_annual_cap_fen) },
      facts.groupCertificates,
      today,
    );
    const left = cap - used;
    if (left <= 0n) throw program.live_application ? applicationExists() : groupCapReached();
    const amount = minFen(input.requestedFen, BigInt(program.max_grant_fen), left);
    const shares = sharesFor(program.funding_sources, facts.regionCode);
    if (shares.reduce((a, x) => a + x.shareBp, 0) !== 10_000) {
      throw fundingSharesInvalid([{ field: 'fundingSources', message: `the shares applying to region ${facts.regionCode} do not sum to 10000 bp` }]);
    }
    const parts = splitByShares(amount, shares).filter((p) => p.amountFen > 0n);
    // fail fast: pools that (as last committed) cannot cover their part refuse without a write
    for (const p of parts) {
      const account = Accounts.pool(p.key);
      if (BigInt(program.pools[account] ?? '0') < p.amountFen) throw program.live_application ? applicationExists() : programBudgetExhausted(account);
    }

    const now = this.clock.now();
    const app = new VoucherApplication();
    Object.assign(app, {
      id: newId(),
      programId: programId.toLowerCase(),
      enterpriseId: facts.id,
      regionCode: facts.regionCode,
      groupKey: facts.groupKey,
      requestedFen: input.requestedFen,
      purpose: input.purpose.trim(),
      status: 'granted',
      grantedFen: amount,
      grantId: newId(),
      decisionReason: null,
      decidedBy: null,
      appliedBy: by.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } satisfies Partial<VoucherApplication>);
    const grant = new VoucherGrant();
    Object.assign(grant, {
      id: app.grantId!,
      programId: app.programId,
      applicationId: app.id,
      enterpriseId: facts.id,
      groupKey: facts.groupKey,
      amountFen: amount,
      parts: parts.map((p) => ({ source: p.key, amountFen: p.amountFen.toString() })),
      expiresOn: program.grant_expires_on,
      status: 'active',
      lapsedFen: 0n,
      lapsedAt: null,
      createdAt: now,
    } satisfies Partial<VoucherGrant>);
    const postings = checkPostings(
      'grant',
      parts.flatMap((x) => [
        { account: Accounts.pool(x.key), amountFen: -x.amountFen },
        { account: Accounts.grantAvailable(grant.id, x.key), amountFen: x.amountFen },
      ]),
    );
    return {
      app,
      grant,
      capFen: cap,
      audit: grantedAudit(app, grant, by.userId),
      ledger: {
        id: newId(),
        programId: app.programId,
        type: 'grant',
        reference: `application:${app.id}`,
        actorId: by.userId,
        idempotencyKey: `grant:${app.id}`,
        createdAt: now,
        postings,
      },
    };
  }

  /**
   * The statement writing `writes` (one or several grants of one program) all or nothing. Its
   * rows go in (group, enterprise) order, so two statements lock usage rows in one order.
   */
  private grantsSql(p: SqlParams, writes: readonly GrantWrite[]): { sql: string; accounts: string[] } {
    const ordered = [...writes].sort((a, b) => compare(a.app.groupKey, b.app.groupKey) || compare(a.app.enterpriseId, b.app.enterpriseId));
    const apps = ordered.map((w) => w.app);
    const program$ = p.add(apps[0].programId, 'uuid');
    const n$ = p.add(ordered.length, 'int');
    const ledger = ledgerWriteCtes(
      p,
      ordered.map((w) => w.ledger),
    );
    const sql = `WITH open_program AS (
        SELECT 1 FROM voucher_program WHERE id = ${program$} AND status = 'open'
      ), items AS (
        SELECT * FROM ${p.unnest('i', [
          ['application_id', apps.map((a) => a.id), 'uuid'],
          ['enterprise_id', apps.map((a) => a.enterpriseId), 'uuid'],
          ['region_code', apps.map((a) => a.regionCode), 'varchar'],
          ['group_key', apps.map((a) => a.groupKey), 'varchar'],
          ['requested_fen', apps.map((a) => a.requestedFen.toString()), 'bigint'],
          ['purpose', apps.map((a) => a.purpose), 'text'],
          ['amount_fen', apps.map((a) => a.grantedFen!.toString()), 'bigint'],
          ['grant_id', apps.map((a) => a.grantId), 'uuid'],
          ['applied_by', apps.map((a) => a.appliedBy), 'uuid'],
          ['cap_fen', ordered.map((w) => w.capFen.toString()), 'bigint'],
          ['parts', ordered.map((w) => JSON.stringify(w.grant.parts)), 'jsonb'],
          ['expires_on', ordered.map((w) => w.grant.expiresOn), 'date'],
          ['created_at', apps.map((a) => a.createdAt.toISOString()), 'timestamptz'],
        ])}
      ), application AS (
        INSERT INTO voucher_application (id, program_id, enterprise_id, region_code, group_key, requested_fen, purpose, status, granted_fen, grant_id,
                                         decision_reason, decided_by, applied_by, created_at, updated_at)
        SELECT i.application_id, ${program$}, i.enterprise_id, i.region_code, i.group_key, i.requested_fen, i.purpose, 'granted', i.amount_fen, i.grant_id,
               NULL, NULL, i.applied_by, i.created_at, i.created_at
          FROM items i, open_program
         ORDER BY i.ord
        RETURNING id
      ), usage AS (
        INSERT INTO voucher_group_cap_usage AS u (id, program_id, group_key, used_fen)
        SELECT gen_random_uuid(), ${program$}, i.group_key, i.amount_fen FROM items i ORDER BY i.ord
        ON CONFLICT (program_id, group_key) DO UPDATE SET used_fen = u.used_fen + EXCLUDED.used_fen
         WHERE u.used_fen + EXCLUDED.used_fen <= (SELECT i.cap_fen FROM items i WHERE i.group_key = EXCLUDED.group_key)
        RETURNING 1
      ), grant_row AS (
        INSERT INTO voucher_grant (id, program_id, application_id, enterprise_id, group_key, amount_fen, parts, expires_on, status, lapsed_fen, lapsed_at, created_at)
        SELECT i.grant_id, ${program$}, i.application_id, i.enterprise_id, i.group_key, i.amount_fen, i.parts, i.expires_on, 'active', 0, NULL, i.created_at
          FROM items i
         ORDER BY i.ord
        RETURNING 1
      ), audit AS (
        ${this.audit.firstEntriesInsert(
          p,
          ordered.map((w) => w.audit),
        )}
        RETURNING 1
      ), ${ledger.sql}
      SELECT innoserve_refuse_unless((SELECT count(*) FROM application) = ${n$}, 'PROGRAM_NOT_OPEN') AS open,
             innoserve_refuse_unless((SELECT count(*) FROM usage) = ${n$}, 'GROUP_USAGE_MOVED') AS within_cap,
             (SELECT count(*) FROM grant_row) + (SELECT count(*) FROM audit) + (SELECT count(*) FROM ledger_entries) AS written,
             innoserve_refuse_unless((SELECT count(*) FROM ledger_moved) = ${p.add(ledger.accounts.length, 'int')}, 'PROGRAM_BUDGET_EXHAUSTED',
               (SELECT string_agg(a, ',') FROM unnest(${p.add(ledger.accounts, 'text[]')}) a WHERE a NOT IN (SELECT account FROM ledger_moved))) AS funded`;
    return { sql, accounts: ledger.accounts };
  }

  /**
   * Several grants in one statement. A refusal (an innoserve_refuse_unless check, a duplicate, a
   * deadlock: rolled back, nothing written) sends them one at a time (`refusedTogether`); a timeout
   * is every caller's 503; any other error (e.g. a lost connection, when the commit's outcome is
   * unknown) is every caller's answer as it is, never written again.
   */
  private async runMany(writes: GrantWrite[]): Promise<void[]> {
    const p = new SqlParams();
    const { sql } = this.grantsSql(p, writes);
    try {
      await preparedQuery(this.dataSource, 'vouchers.first_come_grant', sql, p.values);
    } catch (e) {
      if (pgCode(e) === '57014') throw tryAgain(); // statement_timeout of the hot-path session: rolled back
      throw e;
    }
    return writes.map(() => undefined);
  }

  /**
   * One grant in one statement. Refusals that need a query to be answered as the general path
   * answers them (the program's real status, a live application) are thrown as WriteRefused and
   * answered in apply(), after the program's writer is free for the next grants.
   */
  private async runOne(w: GrantWrite): Promise<void> {
    const p = new SqlParams();
    const { sql, accounts } = this.grantsSql(p, [w]);
    try {
      await preparedQuery(this.dataSource, 'vouchers.first_come_grant', sql, p.values);
    } catch (e) {
      const refusal = refusalOf(e);
      if (refusal?.code === 'PROGRAM_NOT_OPEN') throw new WriteRefused('not_open', '');
      if (refusal?.code === 'GROUP_USAGE_MOVED') throw new UsageMoved();
      if (refusal?.code === 'PROGRAM_BUDGET_EXHAUSTED') throw new WriteRefused('budget', refusal.detail?.split(',')[0] || accounts[0]);
      if (pgCode(e) === '23505' && pgConstraint(e) === 'ux_voucher_application_live') throw applicationExists();
      if (pgCode(e) === '40P01') throw new Retry(tryAgain()); // a deadlock victim: nothing was written, try again
      if (pgCode(e) === '57014') throw tryAgain(); // statement_timeout of the hot-path session: rolled back
      throw e;
    }
  }

  private async statusOf(programId: string): Promise<string> {
    const rows = await this.dataSource.query<{ status: string }[]>('SELECT status FROM voucher_program WHERE id = $1', [programId]);
    return rows[0]?.status ?? 'unknown';
  }

  /** How one program's grant writes are queued and batched in this process (diagnostics, tests). */
  writeStats(programId: string): BatchQueue<GrantWrite, void>['stats'] | null {
    return this.writers.get(programId.toLowerCase())?.stats ?? null;
  }

  /** How the reads are coalesced in this process (diagnostics, tests). */
  get readStats(): BatchQueue<Applicant, ProgramRow | null>['stats'] {
    return this.reads.stats;
  }

  /** The write queue of one program (see WRITERS_PER_PROGRAM, GRANTS_PER_STATEMENT). */
  private writerOf(programId: string): BatchQueue<GrantWrite, void> {
    let q = this.writers.get(programId);
    if (!q) {
      q = new BatchQueue<GrantWrite, void>({
        maxInFlight: WRITERS_PER_PROGRAM,
        maxBatch: GRANTS_PER_STATEMENT,
        // one statement never holds two grants of one group (one usage row) or one enterprise
        keysOf: (w) => [`group:${w.app.groupKey}`, `enterprise:${w.app.enterpriseId}`],
        runMany: (writes) => this.runMany(writes),
        alone: refusedTogether,
        runOne: (w) => this.runOne(w),
      });
      this.writers.set(programId, q);
    }
    return q;
  }

  /**
   * The error for a cap or budget refusal found by a write — unless the enterprise has a live
   * application in the program by now, which the general path names first (409 APPLICATION_EXISTS).
   */
  private async refusal(programId: string, enterpriseId: string, error: Error): Promise<Error> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM voucher_application WHERE program_id = $1 AND enterprise_id = $2 AND status IN ('pending', 'granted') LIMIT 1`,
      [programId, enterpriseId],
    );
    return rows.length > 0 ? applicationExists() : error;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The group's usage changed between the read and the write: read again and retry. */
class UsageMoved extends Error {
  override name = 'UsageMoved';
}

/** A batch statement refused as a whole and rolled back (a check, a duplicate, a deadlock): write its grants one at a time. */
function refusedTogether(e: unknown): boolean {
  return refusalOf(e) !== null || pgCode(e) === '23505' || pgCode(e) === '40P01';
}

/** A write refused for a reason answered after a query (see runOne). */
class WriteRefused extends Error {
  override name = 'WriteRefused';
  constructor(
    readonly kind: 'not_open' | 'budget',
    /** The pool that could not cover its part (budget). */
    readonly account: string,
  ) {
    super(kind);
  }
}

/** A transient failure (deadlock victim): retry; `error` is the answer once the attempts are spent. */
class Retry extends Error {
  override name = 'Retry';
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/** 503: the grant could not be written now (contention or a timeout); nothing was written. */
const tryAgain = (): DomainError =>
  new DomainError(503, 'TRY_AGAIN', msg('The service is busy; nothing was granted. Please try again.', '系统繁忙，本次未发放，请稍后重试。'));
