import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError, isUuid, newId, type DomainError, type Fen } from '@innoserve/core';
import { SqlParams, refusalOf } from '@innoserve/database';
import { splitByShares, splitProportionally, type SourceShare } from '../funding/funding-split.js';
import { Accounts, type AccountKind } from './ledger-account.js';
import { LEDGER_MOVES, LedgerPostingError, checkPostings, type CheckedPosting, type LedgerPosting, type LedgerTransactionType } from './ledger-moves.js';
import {
  LedgerHoldClosedError,
  LedgerHoldExceededError,
  LedgerIdempotencyKeyReusedError,
  LedgerInsufficientBalanceError,
  programBudgetExhausted,
  voucherInsufficientBalance,
} from './ledger-errors.js';
import type { LedgerHoldStatus } from './ledger-hold.entity.js';
import { ledgerWriteCtes } from './ledger-write.sql.js';

/** Who asked for a movement, why, and the key that makes a retry harmless. */
export interface LedgerCommand {
  /** What caused it: an order, claim, batch, application or program id (e.g. `order:<uuid>`); 1–200 characters. */
  reference: string;
  /** The acting user; null for the system (sweeps, jobs). */
  actorId: string | null;
  /** Unique across the ledger, 1–200 characters: a second call with the same key changes nothing and returns the first transaction. */
  idempotencyKey: string;
}

export interface PostInput extends LedgerCommand {
  programId: string;
  type: LedgerTransactionType;
  /** Signed fen: + credits, − debits (see ledger-moves.ts). */
  postings: readonly LedgerPosting[];
  /** The error for a debit an account cannot cover (default: LedgerInsufficientBalanceError, 409 LEDGER_INSUFFICIENT_BALANCE). */
  insufficient?: (account: string) => DomainError;
}

export interface PostedTransaction {
  id: string;
  programId: string;
  type: LedgerTransactionType;
  reference: string;
  actorId: string | null;
  idempotencyKey: string;
  createdAt: Date;
  /** In the order they were given. */
  postings: LedgerPosting[];
  /** True when an earlier call with the same idempotency key had posted it: this call changed nothing. */
  replayed: boolean;
}

export interface SourceAmountInput extends LedgerCommand {
  programId: string;
  source: string;
  amountFen: Fen;
}

export interface GrantInput extends LedgerCommand {
  programId: string;
  grantId: string;
  amountFen: Fen;
  /** The applicable sources and their shares (summing to 10,000 bp), in the program's listed order. */
  shares: readonly SourceShare[];
}

export interface GrantRefInput extends LedgerCommand {
  programId: string;
  grantId: string;
}

export interface HoldInput extends LedgerCommand {
  programId: string;
  grantId: string;
  amountFen: Fen;
  /** The program's listed order of sources, for the leftover-fen tie; unlisted sources follow by key. */
  sourceOrder?: readonly string[];
}

export interface HoldRefInput extends LedgerCommand {
  /** The hold's id (= its hold transaction's id). */
  holdId: string;
}

export interface ReleaseInput extends HoldRefInput {
  /** Part of what is still held (a refund after a dispute); default everything still held. */
  amountFen?: Fen;
}

export interface HoldPartView {
  source: string;
  amountFen: Fen;
  openFen: Fen;
}

export interface HoldView {
  id: string;
  programId: string;
  grantId: string;
  reference: string;
  amountFen: Fen;
  /** Still held. */
  openFen: Fen;
  status: LedgerHoldStatus;
  createdAt: Date;
  closedAt: Date | null;
  /** In the hold's split order. */
  parts: HoldPartView[];
}

export interface HoldResult {
  hold: HoldView;
  transaction: PostedTransaction;
}

export interface AccountBalance {
  account: string;
  kind: AccountKind;
  source: string;
  grantId: string | null;
  balanceFen: Fen;
}

export interface GrantBalance {
  grantId: string;
  availableFen: Fen;
  heldFen: Fen;
  /** Per source, ordered by source key. */
  parts: { source: string; availableFen: Fen; heldFen: Fen }[];
}

interface TxRow {
  id: string;
  program_id: string;
  type: LedgerTransactionType;
  reference: string;
  actor_id: string | null;
  idempotency_key: string;
  created_at: Date;
}

interface HoldRow {
  id: string;
  program_id: string;
  grant_id: string;
  reference: string;
  amount_fen: string;
  open_fen: string;
  status: LedgerHoldStatus;
  created_at: Date;
  closed_at: Date | null;
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function checkCommand(c: LedgerCommand): void {
  if (typeof c.reference !== 'string' || c.reference.length < 1 || c.reference.length > 200) throw new LedgerPostingError('reference must be 1–200 characters');
  if (typeof c.idempotencyKey !== 'string' || c.idempotencyKey.length < 1 || c.idempotencyKey.length > 200) {
    throw new LedgerPostingError('idempotency key must be 1–200 characters');
  }
  if (c.actorId !== null && !isUuid(c.actorId)) throw new LedgerPostingError('actorId must be a uuid or null');
}

function checkUuid(name: string, v: string): void {
  if (!isUuid(v)) throw new LedgerPostingError(`${name} must be a uuid`);
}

function checkPositive(amountFen: Fen): void {
  if (typeof amountFen !== 'bigint' || amountFen <= 0n) throw new LedgerPostingError('amount must be a positive bigint of fen');
}

/** The split of a hold over the grant's available parts (proportional; the program's source order breaks ties), and its postings. */
function holdSplit(input: HoldInput, available: readonly { source: string; balanceFen: Fen }[]) {
  const rank = new Map((input.sourceOrder ?? []).map((s, i) => [s, i]));
  const ordered = [...available].sort((a, b) => (rank.get(a.source) ?? Infinity) - (rank.get(b.source) ?? Infinity) || byKey(a.source, b.source));
  const total = ordered.reduce((s, r) => s + r.balanceFen, 0n);
  if (total < input.amountFen) throw voucherInsufficientBalance(`grant:${input.grantId.toLowerCase()}:*:available`);
  const split = splitProportionally(
    input.amountFen,
    ordered.map((r) => ({ key: r.source, availableFen: r.balanceFen })),
  ).filter((p) => p.amountFen > 0n);
  const postings = split.flatMap((p) => [
    { account: Accounts.grantAvailable(input.grantId, p.key), amountFen: -p.amountFen },
    { account: Accounts.grantHeld(input.grantId, p.key), amountFen: p.amountFen },
  ]);
  return { split, postings };
}

/**
 * The double-entry ledger of the voucher programs. Every method takes the caller's EntityManager
 * and runs inside its transaction, as one savepoint: a movement is all or nothing even when the
 * caller catches an error and carries on (outside a transaction it opens one).
 *
 * Balances live in ledger_balance rows, debited with a conditional
 * `UPDATE … SET balance_fen = balance_fen + $amount WHERE … AND balance_fen + $amount >= 0`
 * (0 rows = insufficient), one account at a time in sorted key order so concurrent movements
 * lock rows in the same order. The CHECK on ledger_balance is the last line of defence.
 */
@Injectable()
export class LedgerService {
  constructor(@Optional() private readonly clock?: Clock) {}

  /** Posts one balanced transaction; see PostInput. A replay (same idempotency key) returns the first transaction unchanged. */
  async post(manager: EntityManager, input: PostInput): Promise<PostedTransaction> {
    const checked = this.checkPost(input);
    return manager.transaction((m) => this.write(m, input, checked));
  }

  // ---- typed movements (docs/product.md's table) -------------------------------------------------

  /** funding:S → pool:S: what source S commits to the program. */
  async fund(manager: EntityManager, input: SourceAmountInput): Promise<PostedTransaction> {
    return this.simple(manager, 'fund', input);
  }

  /**
   * pool:S → grant:G:S:available for every applicable source, the amount split by shares. Refused
   * with 409 PROGRAM_BUDGET_EXHAUSTED when any pool cannot cover its part.
   */
  async grant(manager: EntityManager, input: GrantInput): Promise<PostedTransaction> {
    checkUuid('grantId', input.grantId);
    checkPositive(input.amountFen);
    const parts = splitByShares(
      input.amountFen,
      input.shares.map((s) => ({ key: s.key, shareBp: s.shareBp })),
    ).filter((p) => p.amountFen > 0n);
    const postings = parts.flatMap((p) => [
      { account: Accounts.pool(p.key), amountFen: -p.amountFen },
      { account: Accounts.grantAvailable(input.grantId, p.key), amountFen: p.amountFen },
    ]);
    return this.post(manager, { ...input, type: 'grant', postings, insufficient: programBudgetExhausted });
  }

  /**
   * grant available → grant held, split in proportion to the grant's current available parts
   * (read under a row lock), so any amount up to the grant's available total succeeds. Records the
   * hold and its parts. 409 VOUCHER_INSUFFICIENT_BALANCE when the grant has less available.
   */
  async hold(manager: EntityManager, input: HoldInput): Promise<HoldResult> {
    checkCommand(input);
    checkUuid('programId', input.programId);
    checkUuid('grantId', input.grantId);
    checkPositive(input.amountFen);
    return manager.transaction(async (m) => {
      const available = await this.lockGrantAvailable(m, input.programId, input.grantId);
      const prior = await this.replay(m, input, 'hold');
      if (prior) return { hold: await this.requireHold(m, prior.id), transaction: prior };
      const { split, postings } = holdSplit(input, available);
      const post: PostInput = { ...input, type: 'hold', postings, insufficient: voucherInsufficientBalance };
      const tx = await this.write(m, post, this.checkPost(post));
      if (tx.replayed) return { hold: await this.requireHold(m, tx.id), transaction: tx };
      // the hold and its parts in one statement (the parts' foreign key is checked at its end)
      await m.query(
        `WITH hold AS (
           INSERT INTO ledger_hold (id, program_id, grant_id, reference, amount_fen, open_fen, status, created_at, closed_at)
           VALUES ($1, $2, $3, $4, $5, $5, 'open', $6, NULL) RETURNING id)
         INSERT INTO ledger_hold_part (id, hold_id, position, source, amount_fen, open_fen)
         SELECT u.id, hold.id, u.ord - 1, u.source, u.amount, u.amount
           FROM hold, unnest($7::uuid[], $8::varchar[], $9::bigint[]) WITH ORDINALITY AS u(id, source, amount, ord)`,
        [
          tx.id,
          input.programId,
          input.grantId,
          input.reference,
          input.amountFen.toString(),
          tx.createdAt,
          split.map(() => newId()),
          split.map((p) => p.key),
          split.map((p) => p.amountFen.toString()),
        ],
      );
      // what was just written, without reading it back
      const hold: HoldView = {
        id: tx.id,
        programId: input.programId.toLowerCase(),
        grantId: input.grantId.toLowerCase(),
        reference: input.reference,
        amountFen: input.amountFen,
        openFen: input.amountFen,
        status: 'open',
        createdAt: tx.createdAt,
        closedAt: null,
        parts: split.map((p) => ({ source: p.key, amountFen: p.amountFen, openFen: p.amountFen })),
      };
      return { hold, transaction: tx };
    });
  }

  /**
   * `hold` as CTEs of the caller's statement, for a caller that holds the grant's available rows
   * locked since an earlier statement of its transaction and read them (`available`) — its own
   * writes then go in the same round trip. Nothing is written when the idempotency key was used
   * before: `select` refuses that, and a refused debit, inside the statement
   * (`innoserve_refuse_unless`), so the whole statement fails — whatever else it writes, and even
   * when its COMMIT travels with it — and `refused` maps the failure to the ledger's error.
   */
  holdWrite(p: SqlParams, input: HoldInput, available: readonly { source: string; balanceFen: Fen }[]): { ctes: string[]; select: string; refused: (e: unknown) => Error | null; hold: HoldView } {
    checkCommand(input);
    checkUuid('programId', input.programId);
    checkUuid('grantId', input.grantId);
    checkPositive(input.amountFen);
    const { split, postings } = holdSplit(input, available);
    const post: PostInput = { ...input, type: 'hold', postings, insufficient: voucherInsufficientBalance };
    const checked = this.checkPost(post);
    const id = newId();
    const createdAt = this.clock?.now() ?? new Date();
    const write = ledgerWriteCtes(p, [{ id, programId: input.programId, type: 'hold', reference: input.reference, actorId: input.actorId, idempotencyKey: input.idempotencyKey, createdAt, postings: checked }]);
    const holdCte = `ledger_hold_row AS (
      INSERT INTO ledger_hold (id, program_id, grant_id, reference, amount_fen, open_fen, status, created_at, closed_at)
      SELECT id, ${p.add(input.programId, 'uuid')}, ${p.add(input.grantId, 'uuid')}, ${p.add(input.reference, 'varchar')}, ${p.add(input.amountFen.toString(), 'bigint')}, ${p.add(input.amountFen.toString(), 'bigint')}, 'open', ${p.add(createdAt.toISOString(), 'timestamptz')}, NULL
        FROM ledger_tx RETURNING id
    ), ledger_hold_parts AS (
      INSERT INTO ledger_hold_part (id, hold_id, position, source, amount_fen, open_fen)
      SELECT u.id, h.id, u.ord - 1, u.source, u.amount, u.amount
        FROM ledger_hold_row h, ${p.unnest('u', [
          ['id', split.map(() => newId()), 'uuid'],
          ['source', split.map((x) => x.key), 'varchar'],
          ['amount', split.map((x) => x.amountFen.toString()), 'bigint'],
        ])}
      RETURNING 1
    )`;
    const hold: HoldView = {
      id,
      programId: input.programId.toLowerCase(),
      grantId: input.grantId.toLowerCase(),
      reference: input.reference,
      amountFen: input.amountFen,
      openFen: input.amountFen,
      status: 'open',
      createdAt,
      closedAt: null,
      parts: split.map((x) => ({ source: x.key, amountFen: x.amountFen, openFen: x.amountFen })),
    };
    return {
      ctes: [write.sql, holdCte],
      select: `innoserve_refuse_unless(EXISTS (SELECT 1 FROM ledger_tx), 'LEDGER_IDEMPOTENCY_KEY_REUSED') AS ledger_written,
               innoserve_refuse_unless((SELECT count(*) FROM ledger_moved) = ${p.add(write.accounts.length, 'int')}, 'VOUCHER_INSUFFICIENT_BALANCE',
                 (SELECT string_agg(a, ',') FROM unnest(${p.add(write.accounts, 'text[]')}) a WHERE a NOT IN (SELECT account FROM ledger_moved))) AS ledger_moved`,
      refused: (e) => {
        const r = refusalOf(e);
        if (r?.code === 'LEDGER_IDEMPOTENCY_KEY_REUSED') return new LedgerIdempotencyKeyReusedError(input.idempotencyKey);
        if (r?.code === 'VOUCHER_INSUFFICIENT_BALANCE') return voucherInsufficientBalance(r.detail?.split(',')[0] || write.accounts[0]);
        return null;
      },
      hold,
    };
  }

  /**
   * grant held → grant available: the hold's recorded parts (all that is still held), or a part
   * of it split in proportion to what each source still holds (a refund after a dispute). The
   * hold closes as `released` when nothing is left.
   */
  async release(manager: EntityManager, input: ReleaseInput): Promise<PostedTransaction> {
    return this.settleHold(manager, 'release', input, input.amountFen);
  }

  /** grant held → payable:S: everything the hold still holds, part by part (claim approved). */
  async redeem(manager: EntityManager, input: HoldRefInput): Promise<PostedTransaction> {
    return this.settleHold(manager, 'redeem', input);
  }

  /** grant held → pool:S: everything the hold still holds, part by part (sanction). */
  async forfeit(manager: EntityManager, input: HoldRefInput): Promise<PostedTransaction> {
    return this.settleHold(manager, 'forfeit', input);
  }

  /**
   * grant available → pool:S for every part (grant expired). Returns null when nothing was
   * available. A release after expiry lapses at once: call release, then lapse, in one transaction.
   */
  async lapse(manager: EntityManager, input: GrantRefInput): Promise<PostedTransaction | null> {
    return this.drainGrant(manager, 'lapse', input);
  }

  /** grant available → pool:S for every part (sanction on a grant's free amount). Null when nothing was available. */
  async voidGrant(manager: EntityManager, input: GrantRefInput): Promise<PostedTransaction | null> {
    return this.drainGrant(manager, 'void', input);
  }

  /** payable:S → disbursed:S (a batch line paid). 409 LEDGER_INSUFFICIENT_BALANCE when less is payable. */
  async disburse(manager: EntityManager, input: SourceAmountInput): Promise<PostedTransaction> {
    return this.simple(manager, 'disburse', input);
  }

  /** disbursed:S → receivable:S (clawed back after payout). */
  async clawback(manager: EntityManager, input: SourceAmountInput): Promise<PostedTransaction> {
    return this.simple(manager, 'clawback', input);
  }

  /** payable:S → pool:S (an approved subsidy not yet paid, forfeited by a sanction). */
  async forfeitPayable(manager: EntityManager, input: SourceAmountInput): Promise<PostedTransaction> {
    return this.simple(manager, 'forfeit_payable', input);
  }

  /** pool:S → funding:S (closing the books: the unspent budget back to its source). */
  async returnToFunding(manager: EntityManager, input: SourceAmountInput): Promise<PostedTransaction> {
    return this.simple(manager, 'return', input);
  }

  /** receivable:S → pool:S (the clawed-back money came back). */
  async repaid(manager: EntityManager, input: SourceAmountInput): Promise<PostedTransaction> {
    return this.simple(manager, 'repaid', input);
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** The balance of one account of a program (0 when never used). */
  async balanceOf(manager: EntityManager, programId: string, account: string): Promise<Fen> {
    const rows = await manager.query<{ balance_fen: string }[]>('SELECT balance_fen::text AS balance_fen FROM ledger_balance WHERE program_id = $1 AND account = $2', [
      programId,
      account,
    ]);
    return rows[0] ? BigInt(rows[0].balance_fen) : 0n;
  }

  /** Every account of a program with its balance, ordered by account key. */
  async balancesByProgram(manager: EntityManager, programId: string): Promise<AccountBalance[]> {
    const rows = await manager.query<{ account: string; kind: AccountKind; source: string; grant_id: string | null; balance_fen: string }[]>(
      'SELECT account, kind, source, grant_id, balance_fen::text AS balance_fen FROM ledger_balance WHERE program_id = $1 ORDER BY account',
      [programId],
    );
    return rows.map((r) => ({ account: r.account, kind: r.kind, source: r.source, grantId: r.grant_id, balanceFen: BigInt(r.balance_fen) }));
  }

  /** A grant's available and held amounts, in total and per source (no lock: lock with a hold). */
  async grantBalance(manager: EntityManager, programId: string, grantId: string): Promise<GrantBalance> {
    const rows = await manager.query<{ kind: AccountKind; source: string; balance_fen: string }[]>(
      'SELECT kind, source, balance_fen::text AS balance_fen FROM ledger_balance WHERE program_id = $1 AND grant_id = $2 ORDER BY source, kind',
      [programId, grantId],
    );
    const parts = new Map<string, { source: string; availableFen: Fen; heldFen: Fen }>();
    for (const r of rows) {
      const p = parts.get(r.source) ?? { source: r.source, availableFen: 0n, heldFen: 0n };
      if (r.kind === 'grant_available') p.availableFen = BigInt(r.balance_fen);
      else p.heldFen = BigInt(r.balance_fen);
      parts.set(r.source, p);
    }
    const list = [...parts.values()];
    return {
      grantId: grantId.toLowerCase(),
      availableFen: list.reduce((s, p) => s + p.availableFen, 0n),
      heldFen: list.reduce((s, p) => s + p.heldFen, 0n),
      parts: list,
    };
  }

  async getHold(manager: EntityManager, holdId: string): Promise<HoldView | null> {
    if (!isUuid(holdId)) return null;
    const rows = await manager.query<HoldRow[]>(
      'SELECT id, program_id, grant_id, reference, amount_fen::text AS amount_fen, open_fen::text AS open_fen, status, created_at, closed_at FROM ledger_hold WHERE id = $1',
      [holdId],
    );
    return rows[0] ? this.holdView(manager, rows[0]) : null;
  }

  /** Open holds of a grant (oldest first). */
  async openHolds(manager: EntityManager, grantId: string): Promise<HoldView[]> {
    const rows = await manager.query<HoldRow[]>(
      `SELECT id, program_id, grant_id, reference, amount_fen::text AS amount_fen, open_fen::text AS open_fen, status, created_at, closed_at
         FROM ledger_hold WHERE grant_id = $1 AND status = 'open' ORDER BY created_at, id`,
      [grantId],
    );
    return Promise.all(rows.map((r) => this.holdView(manager, r)));
  }

  async findTransaction(manager: EntityManager, idempotencyKey: string): Promise<PostedTransaction | null> {
    const rows = await manager.query<TxRow[]>(
      'SELECT id, program_id, type, reference, actor_id, idempotency_key, created_at FROM ledger_transaction WHERE idempotency_key = $1',
      [idempotencyKey],
    );
    return rows[0] ? this.loadTransaction(manager, rows[0], true) : null;
  }

  async getTransaction(manager: EntityManager, id: string): Promise<PostedTransaction | null> {
    if (!isUuid(id)) return null;
    const rows = await manager.query<TxRow[]>('SELECT id, program_id, type, reference, actor_id, idempotency_key, created_at FROM ledger_transaction WHERE id = $1', [id]);
    return rows[0] ? this.loadTransaction(manager, rows[0], false) : null;
  }

  // ---- internals -----------------------------------------------------------------------------

  private checkPost(input: PostInput): CheckedPosting[] {
    checkCommand(input);
    checkUuid('programId', input.programId);
    return checkPostings(input.type, input.postings);
  }

  private async simple(manager: EntityManager, type: 'fund' | 'disburse' | 'clawback' | 'repaid' | 'forfeit_payable' | 'return', input: SourceAmountInput): Promise<PostedTransaction> {
    checkPositive(input.amountFen);
    const { from, to } = LEDGER_MOVES[type];
    const account = (kind: AccountKind): string => `${kind}:${input.source}`;
    return this.post(manager, {
      ...input,
      type,
      postings: [
        { account: account(from), amountFen: -input.amountFen },
        { account: account(to), amountFen: input.amountFen },
      ],
    });
  }

  private async drainGrant(manager: EntityManager, type: 'lapse' | 'void', input: GrantRefInput): Promise<PostedTransaction | null> {
    checkCommand(input);
    checkUuid('programId', input.programId);
    checkUuid('grantId', input.grantId);
    return manager.transaction(async (m) => {
      const available = await this.lockGrantAvailable(m, input.programId, input.grantId);
      const prior = await this.replay(m, input, type);
      if (prior) return prior;
      const postings = available
        .filter((r) => r.balanceFen > 0n)
        .flatMap((r) => [
          { account: Accounts.grantAvailable(input.grantId, r.source), amountFen: -r.balanceFen },
          { account: Accounts.pool(r.source), amountFen: r.balanceFen },
        ]);
      if (postings.length === 0) return null;
      const post: PostInput = { ...input, type, postings };
      return this.write(m, post, this.checkPost(post));
    });
  }

  private async settleHold(manager: EntityManager, type: 'release' | 'redeem' | 'forfeit', input: HoldRefInput, amountFen?: Fen): Promise<PostedTransaction> {
    checkCommand(input);
    checkUuid('holdId', input.holdId);
    if (amountFen !== undefined) checkPositive(amountFen);
    return manager.transaction(async (m) => {
      // the hold's row lock serialises everything done to it; read the key only after taking it
      const rows = await m.query<HoldRow[]>(
        'SELECT id, program_id, grant_id, reference, amount_fen::text AS amount_fen, open_fen::text AS open_fen, status, created_at, closed_at FROM ledger_hold WHERE id = $1 FOR UPDATE',
        [input.holdId],
      );
      const row = rows[0];
      if (!row) throw new NotFoundError('hold', { en: 'Held amount not found.', zh: '未找到该冻结记录。' });
      const prior = await this.replay(m, { ...input, programId: row.program_id }, type);
      if (prior) return prior;
      if (row.status !== 'open') throw new LedgerHoldClosedError(row.id, row.status);
      const hold = await this.holdView(m, row);
      const amount = amountFen ?? hold.openFen;
      if (amount > hold.openFen) throw new LedgerHoldExceededError(hold.id, hold.openFen);
      const moved =
        amount === hold.openFen
          ? hold.parts.map((p) => ({ key: p.source, amountFen: p.openFen }))
          : splitProportionally(
              amount,
              hold.parts.map((p) => ({ key: p.source, availableFen: p.openFen })),
            );
      const { to } = LEDGER_MOVES[type];
      const target = (source: string): string =>
        to === 'grant_available' ? Accounts.grantAvailable(hold.grantId, source) : `${to}:${source}`;
      const parts = moved.filter((p) => p.amountFen > 0n);
      const postings = parts.flatMap((p) => [
        { account: Accounts.grantHeld(hold.grantId, p.key), amountFen: -p.amountFen },
        { account: target(p.key), amountFen: p.amountFen },
      ]);
      const post: PostInput = { ...input, programId: hold.programId, type, postings };
      const tx = await this.write(m, post, this.checkPost(post));
      if (tx.replayed) return tx;
      await m.query(
        `UPDATE ledger_hold_part p SET open_fen = p.open_fen - u.amount
           FROM unnest($2::varchar[], $3::bigint[]) AS u(source, amount)
          WHERE p.hold_id = $1 AND p.source = u.source`,
        [hold.id, parts.map((p) => p.key), parts.map((p) => p.amountFen.toString())],
      );
      const open = hold.openFen - amount;
      const status: LedgerHoldStatus = open > 0n ? 'open' : type === 'release' ? 'released' : type === 'redeem' ? 'redeemed' : 'forfeited';
      await m.query('UPDATE ledger_hold SET open_fen = $2, status = $3, closed_at = $4 WHERE id = $1', [
        hold.id,
        open.toString(),
        status,
        open > 0n ? null : tx.createdAt,
      ]);
      return tx;
    });
  }

  /** Locks a grant's available rows (sorted) and reads them. */
  private async lockGrantAvailable(m: EntityManager, programId: string, grantId: string): Promise<{ source: string; balanceFen: Fen }[]> {
    const rows = await m.query<{ source: string; balance_fen: string }[]>(
      `SELECT source, balance_fen::text AS balance_fen FROM ledger_balance
        WHERE program_id = $1 AND grant_id = $2 AND kind = 'grant_available' ORDER BY account FOR UPDATE`,
      [programId, grantId],
    );
    return rows.map((r) => ({ source: r.source, balanceFen: BigInt(r.balance_fen) }));
  }

  /** The earlier transaction of this idempotency key, if any (checked to be the same movement). */
  private async replay(m: EntityManager, input: LedgerCommand & { programId: string }, type: LedgerTransactionType): Promise<PostedTransaction | null> {
    const prior = await this.findTransaction(m, input.idempotencyKey);
    if (prior) this.assertSameMovement(prior, { ...input, type });
    return prior;
  }

  private assertSameMovement(prior: PostedTransaction, input: { programId: string; type: LedgerTransactionType; reference: string }): void {
    if (prior.type !== input.type || prior.programId !== input.programId.toLowerCase() || prior.reference !== input.reference) {
      throw new LedgerIdempotencyKeyReusedError(prior.idempotencyKey);
    }
  }

  /**
   * Writes one transaction inside `m`'s transaction (the caller provides the savepoint) as one
   * statement (ledgerWriteCtes): header, entries and every balance move, so no round trip happens
   * while the contended balance rows are locked. A refused debit leaves the statement's other
   * moves in place until the caller's savepoint rolls them back, which the thrown error causes.
   */
  private async write(m: EntityManager, input: PostInput, postings: CheckedPosting[]): Promise<PostedTransaction> {
    const id = newId();
    const createdAt = this.clock?.now() ?? new Date();
    const p = new SqlParams();
    const ctes = ledgerWriteCtes(p, [{ id, programId: input.programId, type: input.type, reference: input.reference, actorId: input.actorId, idempotencyKey: input.idempotencyKey, createdAt, postings }]);
    const [row] = await m.query<{ id: string | null; moved: string[] }[]>(
      `WITH ${ctes.sql} SELECT (SELECT id FROM ledger_tx) AS id, ARRAY(SELECT account FROM ledger_moved)::text[] AS moved`,
      p.values,
    );
    if (row.id === null) {
      // a concurrent call with this key committed first (we waited on its unique key)
      const prior = await this.findTransaction(m, input.idempotencyKey);
      if (!prior) throw Object.assign(new Error('ledger idempotency key taken by an invisible transaction; retry'), { code: '40001' });
      this.assertSameMovement(prior, input);
      return prior;
    }
    const refused = ctes.accounts.find((a) => !row.moved.includes(a));
    if (refused !== undefined) throw (input.insufficient ?? ((a: string) => new LedgerInsufficientBalanceError(a)))(refused);
    return {
      id,
      programId: input.programId.toLowerCase(),
      type: input.type,
      reference: input.reference,
      actorId: input.actorId === null ? null : input.actorId.toLowerCase(),
      idempotencyKey: input.idempotencyKey,
      createdAt,
      postings: postings.map((x) => ({ account: x.account, amountFen: x.amountFen })),
      replayed: false,
    };
  }

  private async loadTransaction(m: EntityManager, row: TxRow, replayed: boolean): Promise<PostedTransaction> {
    const entries = await m.query<{ account: string; amount_fen: string }[]>(
      'SELECT account, amount_fen::text AS amount_fen FROM ledger_entry WHERE transaction_id = $1 ORDER BY position',
      [row.id],
    );
    return {
      id: row.id,
      programId: row.program_id,
      type: row.type,
      reference: row.reference,
      actorId: row.actor_id,
      idempotencyKey: row.idempotency_key,
      createdAt: row.created_at,
      postings: entries.map((e) => ({ account: e.account, amountFen: BigInt(e.amount_fen) })),
      replayed,
    };
  }

  private async requireHold(m: EntityManager, holdId: string): Promise<HoldView> {
    const hold = await this.getHold(m, holdId);
    if (!hold) throw new Error(`hold transaction ${holdId} has no hold row`);
    return hold;
  }

  private async holdView(m: EntityManager, row: HoldRow): Promise<HoldView> {
    const parts = await m.query<{ source: string; amount_fen: string; open_fen: string }[]>(
      'SELECT source, amount_fen::text AS amount_fen, open_fen::text AS open_fen FROM ledger_hold_part WHERE hold_id = $1 ORDER BY position',
      [row.id],
    );
    return {
      id: row.id,
      programId: row.program_id,
      grantId: row.grant_id,
      reference: row.reference,
      amountFen: BigInt(row.amount_fen),
      openFen: BigInt(row.open_fen),
      status: row.status,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      parts: parts.map((p) => ({ source: p.source, amountFen: BigInt(p.amount_fen), openFen: BigInt(p.open_fen) })),
    };
  }
}
