import { Accounts, parseAccount } from './ledger-account.js';
import { LEDGER_MOVES, LEDGER_TRANSACTION_TYPES, LedgerPostingError, checkPostings } from './ledger-moves.js';

const G = '0b6f3c2e-5a47-4c3e-9d2f-1a2b3c4d5e6f';
const G2 = '1b6f3c2e-5a47-4c3e-9d2f-1a2b3c4d5e6f';

describe(parseAccount.name, () => {
  it('reads every kind of account the product names', () => {
    expect(parseAccount('funding:city')).toEqual({ key: 'funding:city', kind: 'funding', source: 'city', grantId: null, mayGoNegative: true });
    expect(parseAccount('pool:350521')).toMatchObject({ kind: 'pool', source: '350521', mayGoNegative: false });
    expect(parseAccount(`grant:${G}:city:available`)).toMatchObject({ kind: 'grant_available', grantId: G, source: 'city', mayGoNegative: false });
    expect(parseAccount(`grant:${G}:city:held`)).toMatchObject({ kind: 'grant_held', grantId: G, mayGoNegative: false });
    expect(parseAccount('payable:city').kind).toBe('payable');
    expect(parseAccount('disbursed:city').kind).toBe('disbursed');
    expect(parseAccount('receivable:city').kind).toBe('receivable');
  });

  it('normalises the grant id to lower case', () => {
    expect(parseAccount(`grant:${G.toUpperCase()}:city:held`).key).toBe(`grant:${G}:city:held`);
  });

  it('refuses unknown kinds and malformed keys', () => {
    for (const bad of ['cash:city', 'pool', 'pool:', 'pool:a:b', 'pool:有', `grant:${G}:city:spent`, 'grant:not-a-uuid:city:held', `grant:${G}:city`, '']) {
      expect(() => parseAccount(bad)).toThrow(RangeError);
    }
  });

  it('builds the same keys it reads', () => {
    expect(parseAccount(Accounts.grantAvailable(G, 'c')).key).toBe(Accounts.grantAvailable(G, 'c'));
    expect(() => Accounts.pool('a:b')).toThrow(RangeError);
    expect(() => Accounts.grantHeld('x', 'a')).toThrow(RangeError);
  });
});

describe(checkPostings.name, () => {
  it('accepts a balanced grant split over two sources', () => {
    const out = checkPostings('grant', [
      { account: 'pool:city', amountFen: -501n },
      { account: Accounts.grantAvailable(G, 'city'), amountFen: 501n },
      { account: 'pool:county', amountFen: -500n },
      { account: Accounts.grantAvailable(G, 'county'), amountFen: 500n },
    ]);
    expect(out.map((p) => p.parsed.kind)).toEqual(['pool', 'grant_available', 'pool', 'grant_available']);
  });

  it('has a move for every transaction type, and each accepts its own move', () => {
    const sample: Record<string, string> = {
      funding: 'funding:s',
      pool: 'pool:s',
      grant_available: Accounts.grantAvailable(G, 's'),
      grant_held: Accounts.grantHeld(G, 's'),
      payable: 'payable:s',
      disbursed: 'disbursed:s',
      receivable: 'receivable:s',
    };
    for (const type of LEDGER_TRANSACTION_TYPES) {
      const { from, to } = LEDGER_MOVES[type];
      expect(() => checkPostings(type, [{ account: sample[from], amountFen: -5n }, { account: sample[to], amountFen: 5n }])).not.toThrow();
      // and refuses the reverse move
      expect(() => checkPostings(type, [{ account: sample[from], amountFen: 5n }, { account: sample[to], amountFen: -5n }])).toThrow(LedgerPostingError);
    }
  });

  it('refuses unbalanced postings', () => {
    expect(() => checkPostings('fund', [{ account: 'funding:s', amountFen: -5n }, { account: 'pool:s', amountFen: 4n }])).toThrow(/sum to -1/);
  });

  it('refuses zero postings, a single posting and non-bigint amounts', () => {
    expect(() => checkPostings('fund', [{ account: 'funding:s', amountFen: 0n }, { account: 'pool:s', amountFen: 0n }])).toThrow(/zero posting/);
    expect(() => checkPostings('fund', [{ account: 'pool:s', amountFen: 0n }])).toThrow(/at least two/);
    expect(() => checkPostings('fund', [{ account: 'funding:s', amountFen: -5 as unknown as bigint }, { account: 'pool:s', amountFen: 5n }])).toThrow(/bigint/);
  });

  it('refuses unknown accounts, unknown types and an account posted twice', () => {
    expect(() => checkPostings('fund', [{ account: 'funding:s', amountFen: -5n }, { account: 'bank:s', amountFen: 5n }])).toThrow(/not a ledger account/);
    expect(() => checkPostings('mint' as never, [{ account: 'funding:s', amountFen: -5n }, { account: 'pool:s', amountFen: 5n }])).toThrow(/unknown transaction type/);
    expect(() =>
      checkPostings('fund', [
        { account: 'funding:s', amountFen: -5n },
        { account: 'pool:s', amountFen: 2n },
        { account: 'pool:s', amountFen: 3n },
      ]),
    ).toThrow(/posted twice/);
  });

  it('refuses money crossing from one source to another', () => {
    expect(() => checkPostings('grant', [{ account: 'pool:city', amountFen: -5n }, { account: Accounts.grantAvailable(G, 'county'), amountFen: 5n }])).toThrow(/source city/);
  });

  it('refuses a transaction touching two grants', () => {
    expect(() =>
      checkPostings('grant', [
        { account: 'pool:s', amountFen: -10n },
        { account: Accounts.grantAvailable(G, 's'), amountFen: 5n },
        { account: Accounts.grantAvailable(G2, 's'), amountFen: 5n },
      ]),
    ).toThrow(/one grant/);
  });
});
