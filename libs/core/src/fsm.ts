/**
 * State machines as data: a transitions table checked at construction, and guard hooks that can
 * veto a transition with a reason (after Vendure's order process).
 */
import { IllegalTransitionError } from './errors.js';

export interface Transition<S extends string, A extends string> {
  from: readonly S[];
  action: A;
  to: S;
}

export class StateMachine<S extends string, A extends string> {
  private readonly table = new Map<string, S>();

  constructor(
    readonly entity: string,
    readonly states: readonly S[],
    readonly transitions: readonly Transition<S, A>[],
  ) {
    const known = new Set<string>(states);
    for (const t of transitions) {
      if (!known.has(t.to)) throw new Error(`${entity} FSM: unknown target state ${t.to}`);
      for (const f of t.from) {
        if (!known.has(f)) throw new Error(`${entity} FSM: unknown source state ${f}`);
        const key = `${f}|${t.action}`;
        if (this.table.has(key)) throw new Error(`${entity} FSM: duplicate transition ${key}`);
        this.table.set(key, t.to);
      }
    }
  }

  can(from: S, action: A): boolean {
    return this.table.has(`${from}|${action}`);
  }

  /** The state after `action`, or an ILLEGAL_TRANSITION (409) error. */
  next(from: S, action: A): S {
    const to = this.table.get(`${from}|${action}`);
    if (to === undefined) throw new IllegalTransitionError(this.entity, from, action);
    return to;
  }

  actions(): A[] {
    return [...new Set(this.transitions.map((t) => t.action))];
  }
}
