import { describeMachine } from './testing/index.js';
import { ConflictError, ForbiddenError, IllegalTransitionError, msg } from './errors.js';
import { StateMachine, defineMachine, type MachineDefinition } from './fsm.js';

/** A slice of the order machine (docs/product.md), the shape orders will take. */
interface QuoteContext {
  now: Date;
  validUntil: Date;
}

const quoteExpired = (validUntil: Date) =>
  new ConflictError('QUOTE_EXPIRED', msg(`The quote was valid until ${validUntil.toISOString()}.`, `报价已于 ${validUntil.toISOString()} 过期。`), { validUntil: validUntil.toISOString() });

const orderMachine = defineMachine({
  entity: 'order',
  states: ['requested', 'quoted', 'contracted', 'cancelled'],
  actions: ['quote', 'accept', 'cancel'],
  actors: ['enterprise', 'provider', 'program_officer'],
  guards: {
    quoteValid: (c: QuoteContext) => (c.now.getTime() <= c.validUntil.getTime() ? null : quoteExpired(c.validUntil)),
  },
  transitions: [
    { from: ['requested', 'quoted'], action: 'quote', by: ['provider'], to: 'quoted' },
    { from: 'quoted', action: 'accept', by: ['enterprise'], to: 'contracted', guards: ['quoteValid'] },
    { from: ['requested', 'quoted', 'contracted'], action: 'cancel', by: ['enterprise', 'provider'], to: 'cancelled' },
  ],
});

const valid: QuoteContext = { now: new Date('2026-01-01T00:00:00Z'), validUntil: new Date('2026-01-08T00:00:00Z') };

describeMachine(orderMachine, {
  table: [
    'requested/quoted --quote (provider)--> quoted',
    'quoted --accept (enterprise; quoteValid)--> contracted',
    'requested/quoted/contracted --cancel (enterprise, provider)--> cancelled',
  ],
  context: valid,
  vetoes: [{ guard: 'quoteValid', from: 'quoted', action: 'accept', context: { ...valid, now: new Date('2026-01-09T00:00:00Z') }, status: 409, code: 'QUOTE_EXPIRED' }],
});

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe(StateMachine.name, () => {
  const late = { ...valid, now: new Date('2026-02-01T00:00:00Z') };

  it('checks the actor first, then the state, then the guards', () => {
    // the program officer may never accept: 403 even where accept is illegal and the quote expired
    expect(caught(() => orderMachine.transition('cancelled', 'accept', ['program_officer'], late))).toBeInstanceOf(ForbiddenError);
    // the enterprise may accept, but not a cancelled order: 409 before the guard
    expect(caught(() => orderMachine.transition('cancelled', 'accept', ['enterprise'], late))).toBeInstanceOf(IllegalTransitionError);
    // the right state, an expired quote: the guard's own code, with its extra fields
    expect(caught(() => orderMachine.transition('quoted', 'accept', ['enterprise'], late))).toMatchObject({
      status: 409,
      code: 'QUOTE_EXPIRED',
      extra: { validUntil: '2026-01-08T00:00:00.000Z' },
      messages: { zh: expect.stringContaining('报价已于') as unknown },
    });
    expect(orderMachine.transition('quoted', 'accept', ['enterprise'], valid)).toBe('contracted');
  });

  it('prints its table in docs/product.md notation', () => {
    expect(orderMachine.describe()).toEqual([
      'requested/quoted --quote (provider)--> quoted',
      'quoted --accept (enterprise; quoteValid)--> contracted',
      'requested/quoted/contracted --cancel (enterprise, provider)--> cancelled',
    ]);
  });

  it('refuses a guard that answers with a status other than 400, 409 or 422', () => {
    const m = defineMachine({
      entity: 'order',
      states: ['a', 'b'],
      actions: ['go'],
      actors: ['x'],
      guards: { wrong: () => new ForbiddenError() },
      transitions: [{ from: 'a', action: 'go', by: ['x'], to: 'b', guards: ['wrong'] }],
    });
    expect(() => m.transition('a', 'go', ['x'], undefined)).toThrow(/guard wrong vetoed with 403/);
  });

  describe('validates the table at construction', () => {
    type Def = MachineDefinition<string, string, string, unknown, string>;
    const base: Def = {
      entity: 'thing',
      states: ['a', 'b'],
      actions: ['go'],
      actors: ['x'],
      guards: { ok: () => null },
      transitions: [{ from: 'a', action: 'go', by: ['x'], to: 'b', guards: ['ok'] }],
    };
    const build = (patch: Partial<Def>) => () => new StateMachine({ ...base, ...patch });

    it('accepts a sound table', () => {
      expect(build({})).not.toThrow();
    });

    it.each<[string, Partial<Def>, RegExp]>([
      ['an unknown source state', { transitions: [{ from: 'z', action: 'go', by: ['x'], to: 'b', guards: ['ok'] }] }, /unknown source state z/],
      ['an unknown target state', { transitions: [{ from: 'a', action: 'go', by: ['x'], to: 'z', guards: ['ok'] }] }, /unknown target state z/],
      ['an unknown action', { transitions: [{ from: 'a', action: 'fly', by: ['x'], to: 'b', guards: ['ok'] }] }, /unknown action fly/],
      ['an unknown actor', { transitions: [{ from: 'a', action: 'go', by: ['y'], to: 'b', guards: ['ok'] }] }, /unknown actor y/],
      ['a row nobody may take', { transitions: [{ from: 'a', action: 'go', by: [], to: 'b', guards: ['ok'] }] }, /no actor may take go/],
      ['a guard that is not defined', { transitions: [{ from: 'a', action: 'go', by: ['x'], to: 'b', guards: ['ok', 'nope'] }] }, /unknown guard nope/],
      ['a guard on no transition', { guards: { ok: () => null, orphan: () => null } }, /guard orphan is on no transition/],
      [
        'a duplicate (state, action)',
        {
          transitions: [
            { from: 'a', action: 'go', by: ['x'], to: 'b', guards: ['ok'] },
            { from: ['b', 'a'], action: 'go', by: ['x'], to: 'a' },
          ],
        },
        /duplicate transition a --go-->/,
      ],
      ['an action in no transition', { actions: ['go', 'stay'] }, /action stay is in no transition/],
      ['a duplicate state', { states: ['a', 'b', 'a'] }, /duplicate state a/],
      ['a duplicate actor', { actors: ['x', 'x'] }, /duplicate actor x/],
    ])('refuses %s', (_what, patch, message) => {
      expect(build(patch)).toThrow(message);
    });
  });
});
