import {
  isProviderType,
  isQualificationKind,
  PROVIDER_TYPE_LABELS,
  PROVIDER_TYPES,
  QUALIFICATION_KIND_LABELS,
  QUALIFICATION_KINDS,
  QUALIFICATION_PROVIDER_TYPES,
} from './provider-types.js';

describe('provider types and qualification kinds', () => {
  it('lists the seven provider types of the API', () => {
    expect([...PROVIDER_TYPES]).toEqual(['tech_transfer', 'incubator', 'ip_service', 'testing_lab', 'rd_design', 'pilot_scale', 'consulting']);
  });

  it('labels every provider type and qualification kind in both languages', () => {
    for (const t of PROVIDER_TYPES) {
      expect(PROVIDER_TYPE_LABELS[t].zh).toMatch(/\p{Script=Han}/u);
      expect(PROVIDER_TYPE_LABELS[t].en).toMatch(/[A-Za-z]/);
    }
    for (const k of QUALIFICATION_KINDS) {
      expect(QUALIFICATION_KIND_LABELS[k].zh).toMatch(/\p{Script=Han}/u);
      expect(QUALIFICATION_KIND_LABELS[k].en).toMatch(/[A-Za-z]/);
      expect(QUALIFICATION_PROVIDER_TYPES[k].every(isProviderType)).toBe(true);
    }
    expect(Object.keys(PROVIDER_TYPE_LABELS)).toHaveLength(PROVIDER_TYPES.length);
    expect(Object.keys(QUALIFICATION_KIND_LABELS)).toHaveLength(QUALIFICATION_KINDS.length);
  });

  it('recognizes only known values', () => {
    expect(isProviderType('testing_lab')).toBe(true);
    expect(isProviderType('bank')).toBe(false);
    expect(isQualificationKind('CNAS')).toBe(true);
    expect(isQualificationKind('cnas')).toBe(false);
    expect(isQualificationKind(undefined)).toBe(false);
  });
});
