/**
 * State machines as data (after Vendure's order process): a transitions table that names, per
 * row, the actor kinds allowed to take it and the guards that may veto it. The table is checked
 * when the machine is built, so a typo fails at boot (and in the machine's spec), not in a request.
 *
 * How to define one (see libs/core/README.md for the whole recipe):
 *
 *   export const orderMachine = defineMachine({
 *     entity: 'order',
 *     states: ORDER_STATUSES,
 *     actions: ORDER_ACTIONS,
 *     actors: ['enterprise', 'provider', 'program_officer', 'system'],
 *     guards: {
 *       quoteValid: (c: OrderContext) => (c.now < c.quoteValidUntil ? null : quoteExpired(c.quoteValidUntil)),
 *     },
 *     transitions: [
 *       { from: 'requested', action: 'quote', by: ['provider'], to: 'quoted' },
 *       { from: 'quoted', action: 'accept', by: ['enterprise'], to: 'contracted', guards: ['quoteValid'] },
 *       { from: ['requested', 'quoted', 'contracted', 'paid'], action: 'cancel', by: ['enterprise', 'provider'], to: 'cancelled' },
 *     ],
 *   });
 *
 * which reads like docs/product.md: `quoted --accept (enterprise; quoteValid)--> contracted`
 * (`orderMachine.describe()` prints exactly these lines).
 *
 * The check order of `transition()` is fixed, and the spec helper (`@innoserve/core/testing`,
 * `describeMachine`) walks every (state, action, actor) triple against it:
 *  1. an actor kind that may take the action in no row: 403 FORBIDDEN, whatever the state
 *     (visibility, 404, is the service's business before it calls the machine);
 *  2. no row for (state, action): 409 ILLEGAL_TRANSITION;
 *  3. the row exists but not for this actor: 403 FORBIDDEN;
 *  4. the row's guards in order: the first veto is thrown as it is (its own code, 400/409/422);
 *  5. otherwise the target state.
 *
 * Guards are pure, synchronous functions of a context object that the service builds (from rows it
 * has locked, and the Clock), so they are testable without a database and cannot do I/O.
 */
import { DomainError, ForbiddenError, IllegalTransitionError, msg, zhEntity } from './errors.js';

/** A guard's answer: null lets the transition pass; a DomainError (400, 409 or 422) vetoes it. */
export type Guard<C> = (context: C, transition: { from: string; action: string; to: string }) => DomainError | null;

/** One row of the table: `from --action (by; guards)--> to`. */
export interface TransitionRow<S extends string, A extends string, R extends string, G extends string> {
  from: S | readonly S[];
  action: A;
  /** The actor kinds that may take it (any one of them suffices). */
  by: readonly R[];
  to: S;
  /** Guard names (keys of the definition's `guards`), checked in this order. */
  guards?: readonly G[];
}

export interface MachineDefinition<S extends string, A extends string, R extends string, C, G extends string> {
  /** The entity's name in messages ("enterprise", "order"); zhEntity translates it. */
  entity: string;
  states: readonly S[];
  actions: readonly A[];
  actors: readonly R[];
  guards?: { readonly [K in G]: Guard<C> };
  transitions: readonly TransitionRow<S, A, R, G>[];
}

/** The statuses a guard may veto with: a malformed command (400), the current state (409), a business rule (422). */
const VETO_STATUSES = new Set([400, 409, 422]);

interface Edge<S extends string, R extends string, G extends string> {
  to: S;
  by: ReadonlySet<R>;
  guards: readonly G[];
}

/** Extra arguments of `transition`: the context when the machine has guards that read one. */
export type ContextArgs<C> = [C] extends [void] ? [context?: C] : [context: C];

export class StateMachine<S extends string, A extends string, R extends string, C = void, G extends string = string> {
  readonly entity: string;
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly actors: readonly R[];
  readonly rows: readonly TransitionRow<S, A, R, G>[];
  readonly guardNames: readonly G[];
  private readonly guards: { readonly [K in G]: Guard<C> };
  private readonly table = new Map<string, Edge<S, R, G>>();
  private readonly actionActors = new Map<A, Set<R>>();

  constructor(def: MachineDefinition<S, A, R, C, G>) {
    const fail = (what: string): never => {
      throw new Error(`${def.entity} state machine: ${what}`);
    };
    this.entity = def.entity;
    this.states = def.states;
    this.actions = def.actions;
    this.actors = def.actors;
    this.rows = def.transitions;
    this.guards = def.guards ?? ({} as { readonly [K in G]: Guard<C> });
    this.guardNames = Object.keys(this.guards) as G[];

    for (const [kind, list] of [
      ['state', def.states],
      ['action', def.actions],
      ['actor', def.actors],
    ] as const) {
      const seen = new Set<string>();
      for (const x of list) {
        if (seen.has(x)) fail(`duplicate ${kind} ${x}`);
        seen.add(x);
      }
    }
    const states = new Set<string>(def.states);
    const actions = new Set<string>(def.actions);
    const actors = new Set<string>(def.actors);
    const usedGuards = new Set<string>();
    for (const row of def.transitions) {
      if (!actions.has(row.action)) fail(`unknown action ${row.action}`);
      if (!states.has(row.to)) fail(`unknown target state ${row.to} of ${row.action}`);
      if (row.by.length === 0) fail(`no actor may take ${row.action}`);
      for (const a of row.by) if (!actors.has(a)) fail(`unknown actor ${a} on ${row.action}`);
      for (const g of row.guards ?? []) {
        if (!Object.hasOwn(this.guards, g)) fail(`unknown guard ${g} on ${row.action}`);
        usedGuards.add(g);
      }
      const froms: readonly S[] = typeof row.from === 'string' ? [row.from] : row.from;
      if (froms.length === 0) fail(`no source state for ${row.action}`);
      for (const f of froms) {
        if (!states.has(f)) fail(`unknown source state ${f} of ${row.action}`);
        const key = `${f}|${row.action}`;
        if (this.table.has(key)) fail(`duplicate transition ${f} --${row.action}-->`);
        this.table.set(key, { to: row.to, by: new Set(row.by), guards: row.guards ?? [] });
      }
      const who = this.actionActors.get(row.action) ?? new Set<R>();
      for (const a of row.by) who.add(a);
      this.actionActors.set(row.action, who);
    }
    // a guard that no row names would never run: the rule it carries is silently off
    for (const g of this.guardNames) if (!usedGuards.has(g)) fail(`guard ${g} is on no transition`);
    for (const a of def.actions) if (!this.actionActors.has(a)) fail(`action ${a} is in no transition`);
  }

  /** Whether the table has a row for (from, action), whoever acts and whatever the guards say. */
  can(from: S, action: A): boolean {
    return this.table.has(`${from}|${action}`);
  }

  /** The actor kinds that may take `action` from some state. */
  actorsOf(action: A): R[] {
    return [...(this.actionActors.get(action) ?? [])];
  }

  /** 403 when none of `actors` may take `action` from any state (step 1, before the state is looked at). */
  authorize(action: A, actors: readonly R[]): void {
    const who = this.actionActors.get(action);
    if (!actors.some((a) => who?.has(a))) throw this.forbidden(action);
  }

  /**
   * The state after `actors` take `action` from `from`, or the first error in the documented order:
   * 403 FORBIDDEN, 409 ILLEGAL_TRANSITION, 403 FORBIDDEN (row not for this actor), a guard's veto.
   */
  transition(from: S, action: A, actors: readonly R[], ...context: ContextArgs<C>): S {
    this.authorize(action, actors);
    const edge = this.table.get(`${from}|${action}`);
    if (!edge) throw new IllegalTransitionError(this.entity, from, action);
    if (!actors.some((a) => edge.by.has(a))) throw this.forbidden(action);
    const veto = this.vetoOf(from, action, ...context);
    if (veto) throw veto.error;
    return edge.to;
  }

  /** The first guard (by name) that vetoes (from, action) under `context`, or null; no actor check. */
  vetoOf(from: S, action: A, ...context: ContextArgs<C>): { guard: G; error: DomainError } | null {
    const edge = this.table.get(`${from}|${action}`);
    if (!edge) return null;
    for (const g of edge.guards) {
      const error = this.guards[g](context[0] as C, { from, action, to: edge.to });
      if (error === null) continue;
      if (!VETO_STATUSES.has(error.status)) throw new Error(`${this.entity} state machine: guard ${g} vetoed with ${error.status}; guards answer 400, 409 or 422`);
      return { guard: g, error };
    }
    return null;
  }

  /** The table as lines in docs/product.md's notation, one per row: `a/b --action (actor, actor; guard)--> c`. */
  describe(): string[] {
    return this.rows.map((r) => {
      const from = typeof r.from === 'string' ? r.from : (r.from as readonly string[]).join('/');
      const guards = r.guards?.length ? `; ${r.guards.join(', ')}` : '';
      return `${from} --${r.action} (${r.by.join(', ')}${guards})--> ${r.to}`;
    });
  }

  private forbidden(action: A): ForbiddenError {
    return new ForbiddenError(msg(`You may not ${action} this ${this.entity}.`, `您无权对该${zhEntity(this.entity)}执行“${action}”操作。`));
  }
}

/**
 * Builds a machine, inferring states, actions, actors, guard names and the context type from the
 * definition; `NoInfer` keeps a typo in a row a type error instead of a new state.
 */
export function defineMachine<const S extends string, const A extends string, const R extends string, C = void, const G extends string = never>(def: {
  entity: string;
  states: readonly S[];
  actions: readonly A[];
  actors: readonly R[];
  guards?: { readonly [K in G]: Guard<C> };
  transitions: readonly TransitionRow<NoInfer<S>, NoInfer<A>, NoInfer<R>, NoInfer<G>>[];
}): StateMachine<S, A, R, C, G> {
  return new StateMachine<S, A, R, C, G>(def);
}
