/**
 * The one spec every state machine gets: its table compared with the documented one, then every
 * (state, action, actor) triple walked through `transition()` — the allowed ones land in the
 * documented state, a wrong actor gets 403 before the state is looked at, an illegal pair 409
 * ILLEGAL_TRANSITION — and every guard tripped once with its own code (for every actor and state,
 * so the order 403 → 409 → veto is pinned under a vetoing context too).
 */
import { DomainError } from '../errors.js';
import type { ContextArgs, StateMachine } from '../fsm.js';

export interface MachineVetoCase<S extends string, A extends string, C, G extends string> {
  /** The guard expected to veto (each guard of the machine needs at least one case). */
  guard: G;
  from: S;
  action: A;
  /** A context that trips the guard and only it. */
  context: C;
  status: 400 | 409 | 422;
  code: string;
}

export interface MachineSpec<S extends string, A extends string, C, G extends string> {
  /**
   * The documented table, one line per row in docs/product.md's notation:
   * `applied/under_review --start-notice (program_officer)--> in_notice`, guards after a semicolon:
   * `in_notice --admit (program_officer; noticeEnded, noOpenObjection)--> admitted`.
   */
  table: readonly string[];
  /** A context under which no guard vetoes (omit when the machine has no context). */
  context?: C;
  vetoes?: readonly MachineVetoCase<S, A, C, G>[];
}

interface ParsedRow {
  from: string[];
  action: string;
  by: string[];
  guards: string[];
  to: string;
}

const LINE = /^(\S+) --(\S+) \(([^;)]*)(?:;\s*([^)]*))?\)--> (\S+)$/;

function parseLine(line: string): ParsedRow {
  const m = LINE.exec(line.trim());
  if (!m) throw new Error(`not a table line: ${line} (expected "from --action (actor, actor; guard)--> to")`);
  const list = (s: string | undefined): string[] =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return { from: m[1].split('/'), action: m[2], by: list(m[3]), guards: list(m[4]), to: m[5] };
}

type Outcome = { kind: 'to'; state: string } | { kind: 'error'; status: number; code: string };

function outcomeOf(run: () => string): Outcome {
  try {
    return { kind: 'to', state: run() };
  } catch (e) {
    if (e instanceof DomainError) return { kind: 'error', status: e.status, code: e.code };
    throw e;
  }
}

export function describeMachine<S extends string, A extends string, R extends string, C, G extends string>(machine: StateMachine<S, A, R, C, G>, spec: MachineSpec<S, A, C, G>): void {
  const rows = spec.table.map(parseLine);
  const documented = new Map<string, ParsedRow>();
  for (const r of rows) for (const f of r.from) documented.set(`${f}|${r.action}`, r);
  const mayAct = (action: string, actor: string): boolean => rows.some((r) => r.action === action && r.by.includes(actor));
  /** What the documented table says (state, action, actor) must give, guards passing. */
  const expected = (from: string, action: string, actor: string): Outcome => {
    if (!mayAct(action, actor)) return { kind: 'error', status: 403, code: 'FORBIDDEN' };
    const row = documented.get(`${from}|${action}`);
    if (!row) return { kind: 'error', status: 409, code: 'ILLEGAL_TRANSITION' };
    if (!row.by.includes(actor)) return { kind: 'error', status: 403, code: 'FORBIDDEN' };
    return { kind: 'to', state: row.to };
  };
  const ctx = (c: C | undefined): ContextArgs<C> => [c] as ContextArgs<C>;
  const triples = machine.states.flatMap((s) => machine.actions.flatMap((a) => machine.actors.map((r) => [s, a, r] as [S, A, R])));

  describe(`${machine.entity} state machine`, () => {
    it('has exactly the documented table', () => {
      expect([...machine.describe()].sort()).toEqual(spec.table.map((l) => l.trim().replace(/\s+/g, ' ')).sort());
    });

    it.each(triples)('from %s, %s by %s: lands where the table says, or 403 before 409', (from, action, actor) => {
      expect(outcomeOf(() => machine.transition(from, action, [actor], ...ctx(spec.context)))).toEqual(expected(from, action, actor));
    });

    it('gives 403 to a wrong actor whatever the state, before any state check', () => {
      for (const [from, action, actor] of triples) {
        if (mayAct(action, actor)) continue;
        expect({ from, action, actor, ...outcomeOf(() => machine.transition(from, action, [actor], ...ctx(spec.context))) }).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
    });

    it('takes a transition when any one of several actor kinds may', () => {
      for (const [from, action] of triples) {
        const row = documented.get(`${from}|${action}`);
        if (!row) continue;
        const others = machine.actors.filter((a) => !row.by.includes(a));
        const got = outcomeOf(() => machine.transition(from, action, [...others, row.by[0] as R], ...ctx(spec.context)));
        expect(got).toEqual({ kind: 'to', state: row.to });
      }
    });

    const vetoes = spec.vetoes ?? [];
    it('trips every guard of the machine in at least one case', () => {
      expect([...new Set(vetoes.map((v) => v.guard))].sort()).toEqual([...machine.guardNames].sort());
    });

    if (vetoes.length > 0) {
      it.each(vetoes.map((v) => [v.guard, v.from, v.action, v] as const))('guard %s vetoes %s --%s--> with its own code, after 403 and 409', (_g, _f, _a, v) => {
        const row = documented.get(`${v.from}|${v.action}`);
        expect(row?.guards).toContain(v.guard);
        expect(machine.vetoOf(v.from, v.action, ...ctx(v.context))?.guard).toBe(v.guard);
        for (const actor of machine.actors) {
          const got = outcomeOf(() => machine.transition(v.from, v.action, [actor], ...ctx(v.context)));
          const want: Outcome = row!.by.includes(actor) ? { kind: 'error', status: v.status, code: v.code } : expected(v.from, v.action, actor);
          expect({ actor, ...got }).toEqual({ actor, ...want });
        }
        // the same vetoing context changes nothing about illegal pairs: 409 (or 403) still comes first
        for (const s of machine.states) {
          if (documented.has(`${s}|${v.action}`)) continue;
          for (const actor of machine.actors) {
            expect(outcomeOf(() => machine.transition(s, v.action, [actor], ...ctx(v.context)))).toEqual(expected(s, v.action, actor));
          }
        }
      });
    }
  });
}
