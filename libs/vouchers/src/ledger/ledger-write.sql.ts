import { newId } from '@innoserve/core';
import type { SqlParams } from '@innoserve/database';
import type { CheckedPosting, LedgerTransactionType } from './ledger-moves.js';

/** One balanced transaction, checked (checkPostings), ready to be written. */
export interface LedgerWrite {
  id: string;
  programId: string;
  type: LedgerTransactionType;
  reference: string;
  actorId: string | null;
  idempotencyKey: string;
  createdAt: Date;
  postings: readonly CheckedPosting[];
}

export interface LedgerWriteCtes {
  /** CTE definitions to put after WITH (comma-separated, no trailing comma); `ledger_tx` (the headers' ids, none on a replay) and `ledger_moved` (accounts moved) are for the caller. */
  sql: string;
  /** The distinct accounts moved, in the order their balance rows are locked (sorted by key). */
  accounts: string[];
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The whole ledger write — one transaction, or several of one program written together (a batch of
 * grants) — as CTEs of one statement, so the contended balance rows are locked for as short a time
 * as possible and no round trip happens while they are held:
 * - `ledger_tx`: the headers; `ON CONFLICT (idempotency_key) DO NOTHING`, so a replay writes nothing;
 * - `ledger_entries`: the postings of each header written, in the given order;
 * - `ledger_locked`: every existing balance row of the write locked (FOR UPDATE) in key order,
 *   before any is changed — the moves below wait for it — so concurrent writers always lock rows in
 *   one order and never deadlock on each other. Only when every header was written: with several
 *   transactions, a replay of any one moves no balance at all (and the caller must refuse);
 * - the moves of one account are summed over the transactions (a batch debits a pool once);
 * - `ledger_debited`: debits of accounts that must not go negative, as one conditional UPDATE
 *   (`balance + amount >= 0`) of the existing rows; an account without a row has nothing to give;
 * - `ledger_credited`: every other move (credits, debits of funding accounts, which may go
 *   negative) as an upsert in sorted key order, creating the row with its amount;
 * - `ledger_moved`: the accounts moved. Fewer than `accounts` means a debit was refused, and the
 *   caller must roll the statement back (an error in its transaction, or innoserve_refuse_unless).
 * The CHECK on ledger_balance stays the last line of defence.
 */
export function ledgerWriteCtes(p: SqlParams, writes: readonly LedgerWrite[]): LedgerWriteCtes {
  if (writes.length === 0) throw new RangeError('nothing to write');
  const programId = writes[0].programId.toLowerCase();
  if (writes.some((w) => w.programId.toLowerCase() !== programId)) throw new RangeError('the transactions of one write belong to one program');
  // each account's moves summed over the transactions, in key order
  const moves = new Map<string, CheckedPosting>();
  for (const w of writes) {
    for (const x of w.postings) {
      const prior = moves.get(x.account);
      moves.set(x.account, prior ? { ...prior, amountFen: prior.amountFen + x.amountFen } : x);
    }
  }
  const sorted = [...moves.values()].sort((a, b) => byKey(a.account, b.account));
  // Debits of accounts that must not go negative: a conditional UPDATE of the existing row (none:
  // nothing to give). The rest (credits, and debits of accounts that may go negative) are upserts;
  // their proposed rows always pass the CHECK, which PostgreSQL applies before ON CONFLICT.
  const debits = sorted.filter((x) => x.amountFen < 0n && !x.parsed.mayGoNegative);
  const upserts = sorted.filter((x) => !(x.amountFen < 0n && !x.parsed.mayGoNegative));
  const entries = writes.flatMap((w) => w.postings.map((x, position) => ({ transactionId: w.id, position, account: x.account, amountFen: x.amountFen })));
  const program = p.add(programId, 'uuid');
  const sql = `ledger_tx AS (
    INSERT INTO ledger_transaction (id, program_id, type, reference, actor_id, idempotency_key, created_at)
    SELECT u.id, ${program}, u.type, u.reference, u.actor_id, u.idempotency_key, u.created_at
      FROM ${p.unnest('u', [
        ['id', writes.map((w) => w.id), 'uuid'],
        ['type', writes.map((w) => w.type), 'varchar'],
        ['reference', writes.map((w) => w.reference), 'varchar'],
        ['actor_id', writes.map((w) => w.actorId), 'uuid'],
        ['idempotency_key', writes.map((w) => w.idempotencyKey), 'varchar'],
        ['created_at', writes.map((w) => w.createdAt.toISOString()), 'timestamptz'],
      ])}
     ORDER BY u.ord
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id
  ), ledger_entries AS (
    INSERT INTO ledger_entry (id, transaction_id, position, program_id, account, amount_fen)
    SELECT u.id, u.transaction_id, u.position, ${program}, u.account, u.amount
      FROM ${p.unnest('u', [
        ['id', entries.map(() => newId()), 'uuid'],
        ['transaction_id', entries.map((x) => x.transactionId), 'uuid'],
        ['position', entries.map((x) => x.position), 'int'],
        ['account', entries.map((x) => x.account), 'varchar'],
        ['amount', entries.map((x) => x.amountFen.toString()), 'bigint'],
      ])}
     WHERE u.transaction_id IN (SELECT id FROM ledger_tx)
     ORDER BY u.ord
    RETURNING 1
  ), ledger_locked AS (
    SELECT x.account FROM ledger_balance x
     WHERE x.program_id = ${program} AND x.account = ANY(${p.add(
       sorted.map((x) => x.account),
       'varchar[]',
     )}) AND (SELECT count(*) FROM ledger_tx) = ${p.add(writes.length, 'int')}
     ORDER BY x.account
       FOR UPDATE
  ), ledger_debited AS (
    UPDATE ledger_balance b SET balance_fen = b.balance_fen + u.amount
      FROM ledger_locked l, ${p.unnest('u', [
        ['account', debits.map((x) => x.account), 'varchar'],
        ['amount', debits.map((x) => x.amountFen.toString()), 'bigint'],
      ])}
     WHERE u.account = l.account
       AND b.program_id = ${program} AND b.account = l.account AND b.balance_fen + u.amount >= 0
    RETURNING b.account
  ), ledger_credited AS (
    INSERT INTO ledger_balance AS b (id, program_id, account, kind, source, grant_id, may_go_negative, balance_fen)
    SELECT u.id, ${program}, u.account, u.kind, u.source, u.grant_id, u.may_go_negative, u.amount
      FROM (SELECT count(*) AS n FROM ledger_tx) AS written, (SELECT count(*) FROM ledger_locked) AS all_locked, ${p.unnest('u', [
        ['id', upserts.map(() => newId()), 'uuid'],
        ['account', upserts.map((x) => x.account), 'varchar'],
        ['kind', upserts.map((x) => x.parsed.kind), 'varchar'],
        ['source', upserts.map((x) => x.parsed.source), 'varchar'],
        ['grant_id', upserts.map((x) => x.parsed.grantId), 'uuid'],
        ['may_go_negative', upserts.map((x) => x.parsed.mayGoNegative), 'boolean'],
        ['amount', upserts.map((x) => x.amountFen.toString()), 'bigint'],
      ])}
     WHERE written.n = ${p.add(writes.length, 'int')}
     ORDER BY u.ord
    ON CONFLICT (program_id, account) DO UPDATE SET balance_fen = b.balance_fen + EXCLUDED.balance_fen
    RETURNING b.account
  ), ledger_moved AS (
    SELECT account FROM ledger_debited UNION ALL SELECT account FROM ledger_credited
  )`;
  return { sql, accounts: sorted.map((x) => x.account) };
}
