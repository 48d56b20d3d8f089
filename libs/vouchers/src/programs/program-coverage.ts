/**
 * Which programs make an offering voucher-eligible (docs/product.md "Catalog and search"): an offering
 * is eligible in an open program when its category or an ancestor has a subsidy rule in that
 * program; the deepest rule applies, and no rule means no subsidy. A deepest rule that cannot
 * yield any subsidy (ratio 0 or per-order cap 0) excludes the sub-tree it sits on. Pure.
 */
import type { SubsidyRule } from './program-types.js';

/** A program's subsidy rules as coverage needs them. */
export interface ProgramRules {
  programId: string;
  rules: readonly Pick<SubsidyRule, 'categoryId' | 'ratioBp' | 'perOrderCapFen'>[];
}

/** The subsidy rule that applies to a category: the deepest one on its path, or null. */
export function deepestRule<R extends { categoryId: string }>(rules: readonly R[], pathDeepestFirst: readonly string[]): R | null {
  const byCategory = new Map(rules.map((r) => [r.categoryId.toLowerCase(), r]));
  for (const c of pathDeepestFirst) {
    const rule = byCategory.get(c.toLowerCase());
    if (rule) return rule;
  }
  return null;
}

/** Whether a rule can yield a subsidy at all (a rule of ratio 0 or cap 0 is a "no subsidy" rule). */
export function ruleSubsidizes(rule: Pick<SubsidyRule, 'ratioBp' | 'perOrderCapFen'>): boolean {
  return rule.ratioBp > 0 && capOf(rule.perOrderCapFen) !== 0n;
}

function capOf(v: string): bigint | null {
  try {
    return BigInt(v);
  } catch {
    return null;
  }
}

/**
 * The open programs' rules, indexed once, answering "which programs cover this category path"
 * for any number of offerings without another query.
 */
export class ProgramCoverage {
  private readonly programs: { programId: string; byCategory: Map<string, Pick<SubsidyRule, 'ratioBp' | 'perOrderCapFen'>> }[];

  constructor(programs: readonly ProgramRules[]) {
    this.programs = [...programs]
      .sort((a, b) => (a.programId < b.programId ? -1 : a.programId > b.programId ? 1 : 0))
      .map((p) => ({ programId: p.programId, byCategory: new Map(p.rules.map((r) => [r.categoryId.toLowerCase(), r])) }));
  }

  /** How many programs this coverage holds. */
  get size(): number {
    return this.programs.length;
  }

  /** Ids (sorted) of the programs in which an offering of this category path is voucher-eligible; the path is the category and its ancestors, deepest first. */
  programsFor(pathDeepestFirst: readonly string[]): string[] {
    const out: string[] = [];
    for (const p of this.programs) {
      for (const c of pathDeepestFirst) {
        const rule = p.byCategory.get(c.toLowerCase());
        if (!rule) continue;
        if (ruleSubsidizes(rule)) out.push(p.programId);
        break; // the deepest rule decides
      }
    }
    return out;
  }
}
