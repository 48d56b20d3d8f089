import { deepestRule, ProgramCoverage, ruleSubsidizes } from './program-coverage.js';

const ROOT = 'aaaaaaaa-0000-4000-8000-000000000001';
const CHILD = 'aaaaaaaa-0000-4000-8000-000000000002';
const GRANDCHILD = 'aaaaaaaa-0000-4000-8000-000000000003';
const OTHER = 'bbbbbbbb-0000-4000-8000-000000000001';
const P1 = '11111111-0000-4000-8000-000000000000';
const P2 = '22222222-0000-4000-8000-000000000000';

const rule = (categoryId: string, ratioBp = 5000, perOrderCapFen = '1000000') => ({ categoryId, ratioBp, perOrderCapFen });

describe(ProgramCoverage.name, () => {
  it('covers a sub-category through a rule on an ancestor', () => {
    const c = new ProgramCoverage([{ programId: P1, rules: [rule(ROOT)] }]);
    expect(c.programsFor([GRANDCHILD, CHILD, ROOT])).toEqual([P1]);
    expect(c.programsFor([ROOT])).toEqual([P1]);
  });

  it('does not cover a category outside every rule', () => {
    const c = new ProgramCoverage([{ programId: P1, rules: [rule(CHILD)] }]);
    expect(c.programsFor([OTHER])).toEqual([]);
    expect(c.programsFor([ROOT])).toEqual([]);
  });

  it('lets the deepest rule decide: a deeper no-subsidy rule excludes what the parent rule covers', () => {
    const c = new ProgramCoverage([{ programId: P1, rules: [rule(ROOT), rule(CHILD, 0)] }]);
    expect(c.programsFor([GRANDCHILD, CHILD, ROOT])).toEqual([]);
    expect(c.programsFor([CHILD, ROOT])).toEqual([]);
    expect(c.programsFor([ROOT])).toEqual([P1]);
  });

  it('lets a deeper subsidising rule re-include what a no-subsidy parent rule excludes', () => {
    const c = new ProgramCoverage([{ programId: P1, rules: [rule(ROOT, 0), rule(CHILD, 3000)] }]);
    expect(c.programsFor([GRANDCHILD, CHILD, ROOT])).toEqual([P1]);
    expect(c.programsFor([ROOT])).toEqual([]);
  });

  it('answers every covering program, sorted by id, and nothing without programs', () => {
    const c = new ProgramCoverage([
      { programId: P2, rules: [rule(CHILD)] },
      { programId: P1, rules: [rule(ROOT)] },
    ]);
    expect(c.size).toBe(2);
    expect(c.programsFor([CHILD, ROOT])).toEqual([P1, P2]);
    expect(c.programsFor([ROOT])).toEqual([P1]);
    expect(new ProgramCoverage([]).programsFor([CHILD, ROOT])).toEqual([]);
  });

  it('matches category ids case-insensitively', () => {
    const c = new ProgramCoverage([{ programId: P1, rules: [rule(ROOT.toUpperCase())] }]);
    expect(c.programsFor([CHILD, ROOT])).toEqual([P1]);
  });
});

describe(deepestRule.name, () => {
  it('picks the rule nearest the category', () => {
    const rules = [rule(ROOT, 1000), rule(CHILD, 2000)];
    expect(deepestRule(rules, [GRANDCHILD, CHILD, ROOT])?.ratioBp).toBe(2000);
    expect(deepestRule(rules, [ROOT])?.ratioBp).toBe(1000);
    expect(deepestRule(rules, [OTHER])).toBeNull();
  });
});

describe(ruleSubsidizes.name, () => {
  it('is false for a ratio of 0 or a per-order cap of 0, true otherwise', () => {
    expect(ruleSubsidizes(rule(ROOT, 1, '1'))).toBe(true);
    expect(ruleSubsidizes(rule(ROOT, 0))).toBe(false);
    expect(ruleSubsidizes(rule(ROOT, 5000, '0'))).toBe(false);
  });
});
