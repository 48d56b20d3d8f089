/**
 * The transaction types and the one move each may make (docs/product.md's table), and the checks every
 * posting list passes before it touches the database.
 *
 * Sign convention: a posting's amountFen is signed. Positive credits the account (its balance
 * grows), negative debits it (its balance shrinks); an account's balance is the sum of its
 * postings. A transaction's postings sum to zero.
 */
import type { Fen } from '@innoserve/core';
import { parseAccount, type AccountKind, type LedgerAccount } from './ledger-account.js';

export const LEDGER_TRANSACTION_TYPES = ['fund', 'grant', 'hold', 'release', 'redeem', 'disburse', 'lapse', 'forfeit', 'void', 'clawback', 'repaid', 'forfeit_payable', 'return'] as const;
export type LedgerTransactionType = (typeof LEDGER_TRANSACTION_TYPES)[number];

/** Money moves from `from` accounts to `to` accounts, within each funding source. */
export const LEDGER_MOVES: Readonly<Record<LedgerTransactionType, { from: AccountKind; to: AccountKind }>> = {
  fund: { from: 'funding', to: 'pool' },
  grant: { from: 'pool', to: 'grant_available' },
  hold: { from: 'grant_available', to: 'grant_held' },
  release: { from: 'grant_held', to: 'grant_available' },
  redeem: { from: 'grant_held', to: 'payable' },
  disburse: { from: 'payable', to: 'disbursed' },
  lapse: { from: 'grant_available', to: 'pool' },
  forfeit: { from: 'grant_held', to: 'pool' },
  void: { from: 'grant_available', to: 'pool' },
  clawback: { from: 'disbursed', to: 'receivable' },
  repaid: { from: 'receivable', to: 'pool' },
  /** A sanction on an approved subsidy not yet paid out (a held claim line forfeited): back to the source's pool. */
  forfeit_payable: { from: 'payable', to: 'pool' },
  /** Closing the books: what a source's pool has left after the last claim deadline goes back to the source. */
  return: { from: 'pool', to: 'funding' },
};

export interface LedgerPosting {
  /** An account key of the transaction's program (see Accounts). */
  account: string;
  /** Signed fen: + credits (balance grows), − debits (balance shrinks). Never zero. */
  amountFen: Fen;
}

export interface CheckedPosting extends LedgerPosting {
  parsed: LedgerAccount;
}

/** Thrown for postings that break the ledger's rules: a bug in the caller, never user input. */
export class LedgerPostingError extends Error {
  override name = 'LedgerPostingError';
}

export function isLedgerTransactionType(t: string): t is LedgerTransactionType {
  return (LEDGER_TRANSACTION_TYPES as readonly string[]).includes(t);
}

/**
 * Checks a transaction's postings: at least two, none zero, each account known and listed once,
 * the sum zero, debits only on the type's `from` kind and credits only on its `to` kind, each
 * funding source balanced on its own (money never crosses sources), and at most one grant.
 * Returns the postings with their parsed accounts, keys normalised.
 */
export function checkPostings(type: LedgerTransactionType, postings: readonly LedgerPosting[]): CheckedPosting[] {
  if (!isLedgerTransactionType(type)) throw new LedgerPostingError(`unknown transaction type ${String(type)}`);
  if (postings.length < 2) throw new LedgerPostingError('a transaction needs at least two postings');
  const move = LEDGER_MOVES[type];
  const seen = new Set<string>();
  const bySource = new Map<string, Fen>();
  const grants = new Set<string>();
  let total = 0n;
  const out: CheckedPosting[] = [];
  for (const p of postings) {
    if (typeof p.amountFen !== 'bigint') throw new LedgerPostingError(`amount of ${p.account} must be a bigint of fen`);
    if (p.amountFen === 0n) throw new LedgerPostingError(`zero posting on ${p.account}`);
    let parsed: LedgerAccount;
    try {
      parsed = parseAccount(p.account);
    } catch (e) {
      throw new LedgerPostingError((e as Error).message);
    }
    if (seen.has(parsed.key)) throw new LedgerPostingError(`${parsed.key} is posted twice`);
    seen.add(parsed.key);
    const expected = p.amountFen < 0n ? move.from : move.to;
    if (parsed.kind !== expected) {
      throw new LedgerPostingError(`a ${type} ${p.amountFen < 0n ? 'debits' : 'credits'} ${expected} accounts, not ${parsed.key}`);
    }
    if (parsed.grantId) grants.add(parsed.grantId);
    bySource.set(parsed.source, (bySource.get(parsed.source) ?? 0n) + p.amountFen);
    total += p.amountFen;
    out.push({ account: parsed.key, amountFen: p.amountFen, parsed });
  }
  if (total !== 0n) throw new LedgerPostingError(`postings sum to ${total}, not 0`);
  for (const [source, sum] of bySource) {
    if (sum !== 0n) throw new LedgerPostingError(`postings of source ${source} sum to ${sum}, not 0`);
  }
  if (grants.size > 1) throw new LedgerPostingError('a transaction moves money of one grant at most');
  return out;
}
