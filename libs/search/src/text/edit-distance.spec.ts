import { editDistance, typoBudget } from './edit-distance.js';

describe(editDistance.name, () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('patnet', 'patent')).toBe(1);
    expect(editDistance('tesitng', 'testing')).toBe(1);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('paten', 'patent')).toBe(1);
    expect(editDistance('pattent', 'patent')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('stops early beyond the budget', () => {
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe(typoBudget.name, () => {
  it('allows no typo below 5 letters, one from 5, two from 9', () => {
    expect([4, 5, 8, 9].map(typoBudget)).toEqual([0, 1, 1, 2]);
  });
});
