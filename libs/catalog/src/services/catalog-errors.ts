import { BusinessRuleError, ForbiddenError, ValidationFailedError, msg } from '@innoserve/core';

export const providerNotAdmitted = (): BusinessRuleError =>
  new BusinessRuleError('PROVIDER_NOT_ADMITTED', msg('Only admitted providers may list offerings.', '只有已入库的服务机构可以发布服务产品。'));

export const unknownCategory = (): BusinessRuleError =>
  new BusinessRuleError('UNKNOWN_CATEGORY', msg('The service category does not exist.', '服务类别不存在。'), [{ field: 'categoryId', message: 'unknown category' }]);

export const categoryNotAdmitted = (): BusinessRuleError =>
  new BusinessRuleError(
    'CATEGORY_NOT_ADMITTED',
    msg('The provider is not admitted in this service category.', '该服务机构未获准在此服务类别下提供服务。'),
    [{ field: 'categoryId', message: 'not an admitted category of the provider (nor a sub-category of one)' }],
  );

export const unknownRegions = (codes: string[]): BusinessRuleError =>
  new BusinessRuleError(
    'UNKNOWN_REGION',
    msg(`Unknown region code(s): ${codes.join(', ')}.`, `行政区划代码不存在：${codes.join('、')}。`),
    codes.map((c) => ({ field: 'regionCodes', message: `unknown region ${c}` })),
  );

export const qualificationNotHeld = (kinds: string[]): BusinessRuleError =>
  new BusinessRuleError(
    'QUALIFICATION_NOT_HELD',
    msg(`The provider does not hold a valid ${kinds.join(', ')} qualification.`, `服务机构未持有有效的资质：${kinds.join('、')}。`),
    kinds.map((k) => ({ field: 'qualificationKinds', message: `${k} is not held or has expired` })),
  );

export const conflictOfInterest = (): ForbiddenError =>
  new ForbiddenError(msg('You are a member of this provider and cannot moderate its offerings.', '您是该服务机构的成员，需回避，不能审核其服务产品。'), 'CONFLICT_OF_INTEREST');

export const reasonRequired = (decision: string): ValidationFailedError =>
  new ValidationFailedError([{ field: 'reason', message: `a reason is required to ${decision}` }], msg(`A reason is required to ${decision}.`, '请填写理由。'));

export const membersOnly = (): ForbiddenError =>
  new ForbiddenError(msg('Only members of the provider may do this.', '只有该服务机构的成员可以执行此操作。'));
