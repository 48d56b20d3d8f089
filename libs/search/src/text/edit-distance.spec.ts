import { editDistance, typoBudget, typoDistance } from './edit-distance.js';

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

describe(typoDistance.name, () => {
  it('corrects the letters of a word with digits and never its digits', () => {
    expect(typoDistance('zephyrne65', 'zephyrine65')).toBe(1);
    expect(typoDistance('instorn5967', 'instron5967')).toBe(1);
    expect(typoDistance('zephyrine66', 'zephyrine65')).toBeNull();
    expect(typoDistance('instron5968', 'instron5967')).toBeNull();
    expect(typoDistance('zephyrine65', 'zephyrine650')).toBeNull();
  });

  it('never corrects a number, and gives a run of letters the budget of its own length', () => {
    expect(typoDistance('3920', '3921')).toBeNull();
    expect(typoDistance('3920', '3920')).toBe(0);
    expect(typoDistance('emv2000', 'emc2000')).toBeNull(); // three letters: no typo, as for the word emc
    expect(typoDistance('ab12zephyrne', 'ab12zephyrine')).toBe(1);
    expect(typoDistance('zephyrne', '65zephyrine')).toBeNull();
  });

  it('keeps the plain budget for words without digits', () => {
    expect(typoDistance('patnet', 'patent')).toBe(1);
    expect(typoDistance('pat', 'pot')).toBeNull();
    expect(typoDistance('simulaton', 'simulation')).toBe(1);
  });
});
