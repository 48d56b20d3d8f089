import { OFFERING_STATUSES } from './offering-state-machine.js';
import { heldQualificationKinds, isSearchable, missingQualificationKinds } from './searchability.js';

const TODAY = '2026-11-24';
const admitted = (qualifications: { kind: string; expiresOn: string | null }[] = []) => ({ admissionStatus: 'admitted', qualifications });
const published = (qualificationKinds: string[] = []) => ({ status: 'published', qualificationKinds });

describe('isSearchable', () => {
  it.each(OFFERING_STATUSES.map((s) => [s, s === 'published']))('an offering that is %s is searchable: %s', (status, expected) => {
    expect(isSearchable({ status, qualificationKinds: [] }, admitted(), TODAY)).toBe(expected);
  });

  it.each([
    ['admitted', true],
    ['suspended', false],
    ['expired', false],
    ['delisted', false],
    ['applied', false],
    ['in_notice', false],
    ['rejected', false],
  ])('a published offering of a provider that is %s is searchable: %s', (admissionStatus, expected) => {
    expect(isSearchable(published(), { admissionStatus, qualifications: [] }, TODAY)).toBe(expected);
  });

  it('is not searchable without a provider profile', () => {
    expect(isSearchable(published(), null, TODAY)).toBe(false);
  });

  it.each([
    ['held without expiry', [{ kind: 'CNAS', expiresOn: null }], true],
    ['held, expiring later', [{ kind: 'CNAS', expiresOn: '2027-01-01' }], true],
    ['held, last valid day today', [{ kind: 'CNAS', expiresOn: TODAY }], true],
    ['held, expired yesterday', [{ kind: 'CNAS', expiresOn: '2026-11-23' }], false],
    ['expired, but another certificate of the kind is valid', [{ kind: 'CNAS', expiresOn: '2020-01-01' }, { kind: 'CNAS', expiresOn: null }], true],
    ['not held (another kind)', [{ kind: 'CMA', expiresOn: null }], false],
    ['not held at all', [], false],
  ])('a published offering naming CNAS whose provider has it %s is searchable: %s', (_what, qualifications, expected) => {
    expect(isSearchable(published(['CNAS']), admitted(qualifications), TODAY)).toBe(expected);
  });

  it('needs every named qualification, not just one', () => {
    const provider = admitted([{ kind: 'CMA', expiresOn: null }]);
    expect(isSearchable(published(['CMA', 'CNAS']), provider, TODAY)).toBe(false);
    expect(missingQualificationKinds(['CMA', 'CNAS'], provider, TODAY)).toEqual(['CNAS']);
    expect(isSearchable(published(['CMA']), provider, TODAY)).toBe(true);
  });

  it('lists held kinds once, sorted, without the expired ones', () => {
    expect(
      heldQualificationKinds(
        admitted([
          { kind: 'CNAS', expiresOn: null },
          { kind: 'CMA', expiresOn: '2030-01-01' },
          { kind: 'CMA', expiresOn: '2031-01-01' },
          { kind: 'PATENT_AGENCY', expiresOn: '2001-01-01' },
        ]),
        TODAY,
      ),
    ).toEqual(['CMA', 'CNAS']);
  });
});
