import { codeCovers, jurisdictionCovers, jurisdictionOf, staffCovers, type Principal } from './principal.js';

const principal = (staff: Principal['staff']): Principal => ({ userId: 'u', email: 'u@example.com', displayName: 'U', locale: 'zh', staff });

describe('codeCovers', () => {
  it('lets the city code cover its counties and functional zones', () => {
    expect(codeCovers('350500', '350582')).toBe(true);
    expect(codeCovers('350500', '350571')).toBe(true);
    expect(codeCovers('350500', '350572')).toBe(true);
  });

  it('lets a code cover itself', () => {
    expect(codeCovers('350582', '350582')).toBe(true);
    expect(codeCovers('350500', '350500')).toBe(true);
  });

  it('does not let a county cover its neighbour', () => {
    expect(codeCovers('350582', '350583')).toBe(false);
    expect(codeCovers('350582', '350500')).toBe(false);
  });

  it('does not let a city cover another city’s counties', () => {
    expect(codeCovers('350500', '350602')).toBe(false);
  });
});

describe('jurisdictionCovers', () => {
  it('covers a region when any of its codes does', () => {
    expect(jurisdictionCovers(['350582', '350583'], '350583')).toBe(true);
    expect(jurisdictionCovers(['350500'], '350571')).toBe(true);
  });

  it('covers nothing with an empty jurisdiction or the wrong counties', () => {
    expect(jurisdictionCovers([], '350582')).toBe(false);
    expect(jurisdictionCovers(['350582'], '350583')).toBe(false);
  });
});

describe('staffCovers', () => {
  it('needs one of the roles with a jurisdiction that covers the region', () => {
    const p = principal([{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    expect(staffCovers(p, ['county_reviewer'], '350582')).toBe(true);
    expect(staffCovers(p, ['county_reviewer'], '350583')).toBe(false);
    expect(staffCovers(p, ['program_officer'], '350582')).toBe(false);
    expect(staffCovers(p, ['county_reviewer'])).toBe(true);
  });

  it('lets a super-admin act in every role within its jurisdiction', () => {
    const p = principal([{ role: 'super_admin', regionCodes: ['350500'] }]);
    expect(staffCovers(p, ['finance_officer'], '350524')).toBe(true);
    expect(staffCovers(p, [], undefined)).toBe(true);
  });

  it('gives a user without staff grants nothing', () => {
    expect(staffCovers(principal([]), ['auditor'])).toBe(false);
  });
});

describe('jurisdictionOf', () => {
  it('collects the codes of the matching grants only', () => {
    const p = principal([
      { role: 'county_reviewer', regionCodes: ['350582', '350583'] },
      { role: 'auditor', regionCodes: ['350500'] },
    ]);
    expect(jurisdictionOf(p, ['county_reviewer']).sort()).toEqual(['350582', '350583']);
    expect(jurisdictionOf(p, ['program_officer'])).toEqual([]);
  });
});
