/**
 * Ledger accounts (docs/product.md "Ledger: accounts and transactions"). Every account lives in one
 * program (the program_id column); inside it an account is named by a key:
 *
 *   funding:S   pool:S   grant:G:S:available   grant:G:S:held   payable:S   disbursed:S   receivable:S
 *
 * S is a funding-source key (letters, digits, `_ . -`; no colon), G a grant id (uuid). Only
 * `funding:S`, the outside world, may go negative.
 */
import { isUuid } from '@innoserve/core';

export const ACCOUNT_KINDS = ['funding', 'pool', 'grant_available', 'grant_held', 'payable', 'disbursed', 'receivable'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface LedgerAccount {
  key: string;
  kind: AccountKind;
  source: string;
  /** Set for grant accounts only. */
  grantId: string | null;
  mayGoNegative: boolean;
}

const SOURCE_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export function isSourceKey(source: string): boolean {
  return SOURCE_RE.test(source);
}

function source(s: string): string {
  if (!SOURCE_RE.test(s)) throw new RangeError(`not a funding-source key: ${JSON.stringify(s)}`);
  return s;
}

function grant(g: string): string {
  if (!isUuid(g)) throw new RangeError(`not a grant id: ${JSON.stringify(g)}`);
  return g.toLowerCase();
}

/** Builders of account keys. */
export const Accounts = {
  funding: (s: string): string => `funding:${source(s)}`,
  pool: (s: string): string => `pool:${source(s)}`,
  grantAvailable: (grantId: string, s: string): string => `grant:${grant(grantId)}:${source(s)}:available`,
  grantHeld: (grantId: string, s: string): string => `grant:${grant(grantId)}:${source(s)}:held`,
  payable: (s: string): string => `payable:${source(s)}`,
  disbursed: (s: string): string => `disbursed:${source(s)}`,
  receivable: (s: string): string => `receivable:${source(s)}`,
};

export function mayGoNegative(kind: AccountKind): boolean {
  return kind === 'funding';
}

/** Parses an account key; throws a RangeError for anything that is not a known kind of account. */
export function parseAccount(key: string): LedgerAccount {
  const parts = key.split(':');
  const simple = (kind: AccountKind): LedgerAccount => ({ key: `${parts[0]}:${source(parts[1])}`, kind, source: parts[1], grantId: null, mayGoNegative: mayGoNegative(kind) });
  if (parts.length === 2) {
    switch (parts[0]) {
      case 'funding':
        return simple('funding');
      case 'pool':
        return simple('pool');
      case 'payable':
        return simple('payable');
      case 'disbursed':
        return simple('disbursed');
      case 'receivable':
        return simple('receivable');
    }
  }
  if (parts.length === 4 && parts[0] === 'grant' && (parts[3] === 'available' || parts[3] === 'held')) {
    const kind: AccountKind = parts[3] === 'available' ? 'grant_available' : 'grant_held';
    const g = grant(parts[1]);
    const s = source(parts[2]);
    return { key: `grant:${g}:${s}:${parts[3]}`, kind, source: s, grantId: g, mayGoNegative: false };
  }
  throw new RangeError(`not a ledger account: ${JSON.stringify(key)}`);
}
