import { ValidationFailedError } from '@innoserve/core';
import { allRegionCodes, normalizeStaffGrants } from './staff-grants.js';

describe(normalizeStaffGrants.name, () => {
  it('sorts and de-duplicates region codes and orders roles', () => {
    expect(
      normalizeStaffGrants([
        { role: 'auditor', regionCodes: ['350583', '350582', '350583'] },
        { role: 'county_reviewer', regionCodes: ['350582'] },
      ]),
    ).toEqual([
      { role: 'county_reviewer', regionCodes: ['350582'] },
      { role: 'auditor', regionCodes: ['350582', '350583'] },
    ]);
  });

  it('refuses unknown roles, repeated roles, empty jurisdictions and malformed codes', () => {
    const bad = (grants: { role: string; regionCodes: string[] }[]) => () => normalizeStaffGrants(grants);
    expect(bad([{ role: 'mayor', regionCodes: ['350500'] }])).toThrow(ValidationFailedError);
    expect(bad([{ role: 'auditor', regionCodes: ['350500'] }, { role: 'auditor', regionCodes: ['350582'] }])).toThrow(ValidationFailedError);
    expect(bad([{ role: 'auditor', regionCodes: [] }])).toThrow(ValidationFailedError);
    expect(bad([{ role: 'auditor', regionCodes: ['35050'] }])).toThrow(ValidationFailedError);
    expect(bad([{ role: 'auditor', regionCodes: ['35O500'] }])).toThrow(ValidationFailedError);
  });

  it('names the offending field', () => {
    try {
      normalizeStaffGrants([{ role: 'auditor', regionCodes: ['350500'] }, { role: 'auditor', regionCodes: ['abc'] }]);
      throw new Error('expected a validation error');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailedError);
      expect((e as ValidationFailedError).errors?.map((x) => x.field)).toEqual(['roles.1.role', 'roles.1.regionCodes']);
    }
  });
});

describe(allRegionCodes.name, () => {
  it('unites the codes of every grant', () => {
    expect(allRegionCodes([{ role: 'auditor', regionCodes: ['350582'] }, { role: 'city_reviewer', regionCodes: ['350500', '350582'] }])).toEqual(['350500', '350582']);
  });
});
