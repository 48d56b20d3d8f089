import { drawOrder, eligibilityErrors, fundingSourceErrors, groupCapOf, minFen, monthsBetween, sharesFor, type EligibilitySubject } from './program-rules.js';
import type { Eligibility, FundingSource } from './program-types.js';

const city: FundingSource = { key: 'city', name: '市', regionCode: null, shareBp: 5000 };
const jinjiang: FundingSource = { key: 'jinjiang', name: '晋江', regionCode: '350582', shareBp: 5000 };
const nanan: FundingSource = { key: 'nanan', name: '南安', regionCode: '350583', shareBp: 5000 };

describe('fundingSourceErrors', () => {
  it('accepts city + one pool per eligible county', () => {
    expect(fundingSourceErrors([city, jinjiang, nanan], ['350582', '350583'])).toEqual([]);
  });

  it('names an eligible region whose applicable shares do not sum to 10,000', () => {
    const errors = fundingSourceErrors([city, jinjiang], ['350582', '350583']);
    expect(errors.map((e) => e.message)).toEqual(['shares applicable to 350583 sum to 5000 bp, not 10000']);
  });

  it('checks the counties without a pool when a whole city or every region is eligible', () => {
    expect(fundingSourceErrors([city, jinjiang], ['350500']).map((e) => e.message)).toContain('shares applicable to other counties of 350500 sum to 5000 bp, not 10000');
    expect(fundingSourceErrors([city, jinjiang], []).map((e) => e.message)).toContain('shares applicable to any other region sum to 5000 bp, not 10000');
    expect(fundingSourceErrors([{ ...city, shareBp: 10_000 }], [])).toEqual([]);
  });

  it('refuses duplicate keys and pools of regions that are not eligible', () => {
    const fields = fundingSourceErrors([city, city, { ...jinjiang, regionCode: '350503' }], ['350582']).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['fundingSources.1.key', 'fundingSources.2.regionCode']));
  });
});

describe('sharesFor', () => {
  it('takes the city-wide sources and the pool of the enterprise region, in listed order', () => {
    expect(sharesFor([city, jinjiang, nanan], '350583')).toEqual([
      { key: 'city', shareBp: 5000 },
      { key: 'nanan', shareBp: 5000 },
    ]);
  });
});

describe('eligibilityErrors', () => {
  const rules: Eligibility = { sizeClasses: ['small'], regionCodes: ['350582'], requiredFlags: ['high_tech'], minMonthsRegistered: 12 };
  const ok: EligibilitySubject = {
    regionCode: '350582',
    establishedOn: '2025-03-10',
    blacklistedUntil: null,
    enterprise: { status: 'verified', sizeClass: 'small', techSmeNo: null, highTechCertNo: 'GR1', highTechCertExpiresOn: '2026-03-10' },
  };

  it('passes an enterprise meeting every rule (certificate valid through today, 12 months to the day)', () => {
    expect(eligibilityErrors(rules, ok, '2026-03-10')).toEqual([]);
  });

  it('names each failing rule', () => {
    const fields = eligibilityErrors(rules, { ...ok, regionCode: '350583', establishedOn: '2025-03-12', blacklistedUntil: '2026-03-10', enterprise: { ...ok.enterprise!, status: 'pending', sizeClass: 'large' } }, '2026-03-11').map(
      (e) => e.field,
    );
    expect(fields).toEqual(['verified', 'sizeClasses', 'regionCodes', 'requiredFlags.high_tech', 'minMonthsRegistered']);
  });

  it('treats a blacklisting through today as failing and a missing registration date as too young', () => {
    expect(eligibilityErrors({ ...rules, requiredFlags: [] }, { ...ok, blacklistedUntil: '2026-03-10', establishedOn: null }, '2026-03-10').map((e) => e.field)).toEqual([
      'blacklisted',
      'minMonthsRegistered',
    ]);
  });
});

describe('monthsBetween', () => {
  it('counts whole months', () => {
    expect(monthsBetween('2025-03-10', '2026-03-10')).toBe(12);
    expect(monthsBetween('2025-03-11', '2026-03-10')).toBe(11);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(0);
  });
});

describe('drawOrder', () => {
  const ids = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('is a permutation that the same seed reproduces, whatever the input order', () => {
    const a = drawOrder('seed-1', ids);
    expect([...a].sort()).toEqual(ids);
    expect(drawOrder('seed-1', [...ids].reverse())).toEqual(a);
  });

  it('differs with another seed', () => {
    expect(drawOrder('seed-2', ids)).not.toEqual(drawOrder('seed-1', ids));
  });
});

describe('groupCapOf', () => {
  const caps = { enterpriseAnnualCapFen: 100n, highTechAnnualCapFen: 300n };
  const cert = (expiresOn: string | null) => ({ highTechCertNo: 'GR2026', highTechCertExpiresOn: expiresOn });

  it('gives the high-tech cap when any enterprise of the group holds an unexpired certificate', () => {
    expect(groupCapOf(caps, [null, cert('2026-12-31')], '2026-06-01')).toBe(300n);
    expect(groupCapOf(caps, [cert(null)], '2026-06-01')).toBe(300n);
  });

  it('gives the base cap without a certificate, with an expired one, or without a higher high-tech cap', () => {
    expect(groupCapOf(caps, [null, { highTechCertNo: null, highTechCertExpiresOn: null }], '2026-06-01')).toBe(100n);
    expect(groupCapOf(caps, [cert('2026-05-31')], '2026-06-01')).toBe(100n);
    expect(groupCapOf({ enterpriseAnnualCapFen: 100n, highTechAnnualCapFen: null }, [cert(null)], '2026-06-01')).toBe(100n);
    expect(groupCapOf({ enterpriseAnnualCapFen: 100n, highTechAnnualCapFen: 100n }, [cert(null)], '2026-06-01')).toBe(100n);
  });
});

describe('minFen', () => {
  it('answers the smallest amount', () => {
    expect(minFen(5n, 3n, 9n)).toBe(3n);
    expect(minFen(7n)).toBe(7n);
  });
});
