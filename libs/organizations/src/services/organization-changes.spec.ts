import { CONTACT_FIELDS, IDENTITY_FIELDS, PROVIDER_SCOPE_FIELDS, changedFields, identityPatchOf, jsonOf, type OrganizationIdentity, type ProviderScope } from './organization-changes.js';

const identity: OrganizationIdentity = {
  name: '晋江市示例科技有限公司',
  regionCode: '350582',
  legalRepresentative: '张三',
  establishedOn: '2015-06-01',
  bankAccount: { bankName: '工商银行', accountName: '晋江市示例科技有限公司', accountNo: '1408' },
  controllerGroup: null,
  shareholders: ['张三', '李四'],
};

describe(changedFields.name, () => {
  it('keeps only the fields that are sent and differ from the current values', () => {
    const patch = identityPatchOf({ name: identity.name, legalRepresentative: '王五', controllerGroup: null, bankAccount: { ...identity.bankAccount! } });
    expect(changedFields(identity, patch, IDENTITY_FIELDS)).toEqual({ legalRepresentative: '王五' });
  });

  it('treats a cleared nullable field as a change and an absent one as none', () => {
    expect(changedFields(identity, identityPatchOf({ establishedOn: null }), IDENTITY_FIELDS)).toEqual({ establishedOn: null });
    expect(changedFields(identity, identityPatchOf({}), IDENTITY_FIELDS)).toEqual({});
  });

  it('compares categories and types as sets but shareholders in order', () => {
    const scope: ProviderScope = { providerTypes: ['testing_lab', 'consulting'], categoryIds: ['a', 'b'], qualifications: [{ kind: 'CMA', number: '1', expiresOn: null, certificateFileId: null }] };
    expect(
      changedFields(scope, { providerTypes: ['consulting', 'testing_lab'], categoryIds: ['B', 'a'], qualifications: [{ kind: 'CMA', number: '1', expiresOn: null, certificateFileId: null }] }, PROVIDER_SCOPE_FIELDS),
    ).toEqual({});
    expect(changedFields(scope, { qualifications: [{ kind: 'CMA', number: '1', expiresOn: '2030-01-01', certificateFileId: null }] }, PROVIDER_SCOPE_FIELDS)).toHaveProperty('qualifications');
    expect(changedFields(identity, { shareholders: ['李四', '张三'] }, IDENTITY_FIELDS)).toEqual({ shareholders: ['李四', '张三'] });
  });

  it('ignores keys outside the list it is given', () => {
    expect(changedFields({ ...identity, registeredAddress: 'a', contactPhone: '1' }, { name: '新名称', contactPhone: '2' }, CONTACT_FIELDS)).toEqual({ contactPhone: '2' });
  });
});

describe(jsonOf.name, () => {
  it('turns bigint fen into JSON numbers', () => {
    expect(jsonOf({ annualRevenueFen: 1_200_000_000n, nested: { x: 1n } })).toEqual({ annualRevenueFen: 1_200_000_000, nested: { x: 1 } });
  });
});
