/** The organizations lib's stable error codes, with messages in both languages. */
import { BusinessRuleError, ConflictError, ForbiddenError, ValidationFailedError, msg } from '@innoserve/core';

export const usccTaken = (): ConflictError =>
  new ConflictError(
    'USCC_TAKEN',
    msg(
      'An organization with this unified social credit code is already registered by someone else. Ask its owner to add you as a member.',
      '该统一社会信用代码已被其他用户注册。请联系该组织的管理员将您添加为成员。',
    ),
  );

export const alreadyRegistered = (profile: 'enterprise' | 'provider'): ConflictError =>
  new ConflictError(
    'ALREADY_REGISTERED',
    profile === 'enterprise'
      ? msg('This organization is already registered as an enterprise.', '该组织已注册为企业。')
      : msg('This organization has already applied as a provider.', '该组织已申请服务机构入库。'),
  );

export const unknownRegion = (code: string, field = 'regionCode'): BusinessRuleError =>
  new BusinessRuleError('UNKNOWN_REGION', msg(`Unknown region code ${code}.`, `行政区划代码 ${code} 不存在。`), [
    { field, message: `unknown region code ${code}` },
  ]);

export const unknownCategories = (ids: string[]): BusinessRuleError =>
  new BusinessRuleError('UNKNOWN_CATEGORY', msg(`Unknown service category: ${ids.join(', ')}.`, `服务类别不存在：${ids.join('、')}。`), [
    { field: 'categoryIds', message: `unknown category id(s): ${ids.join(', ')}` },
  ]);

export const bankAccountNameMismatch = (name: string): BusinessRuleError =>
  new BusinessRuleError(
    'BANK_ACCOUNT_NAME_MISMATCH',
    msg(
      `The bank account name must equal the organization's registered name (${name}).`,
      `银行账户名称必须与组织登记名称（${name}）一致。`,
    ),
    [{ field: 'bankAccount.accountName', message: 'must equal the organization name' }],
  );

export const conflictOfInterest = (): ForbiddenError =>
  new ForbiddenError(
    msg('You are a member of this organization and cannot decide on it.', '您是该组织的成员，需回避，不能对其作出审核决定。'),
    'CONFLICT_OF_INTEREST',
  );

export const reasonRequired = (what: string): ValidationFailedError =>
  new ValidationFailedError([{ field: 'reason', message: `a reason is required to ${what}` }], msg(`A reason is required to ${what}.`, '请填写理由。'));

export const fieldRequired = (field: string, when: string): ValidationFailedError =>
  new ValidationFailedError([{ field, message: `${field} is required ${when}` }]);

export const changeRequestRequired = (): ConflictError =>
  new ConflictError(
    'CHANGE_REQUEST_REQUIRED',
    msg(
      'This organization is an admitted provider: change its identity through PATCH /providers/:id, which creates a change request for a program officer.',
      '该组织为已入库服务机构，身份信息变更须通过服务机构变更申请（PATCH /providers/:id），经项目主管审核。',
    ),
  );

export const changeRequestPending = (): ConflictError =>
  new ConflictError(
    'CHANGE_REQUEST_PENDING',
    msg('A change request for this provider is already waiting for a decision.', '该服务机构已有待审核的变更申请。'),
  );

export const underReview = (status: string) =>
  new ConflictError(
    'APPLICATION_UNDER_REVIEW',
    msg(
      `The admission application is ${status === 'in_notice' ? 'in its public notice' : 'under review'}: its identity and scope cannot change until the decision.`,
      `入库申请${status === 'in_notice' ? '正在公示' : '正在审核'}，在作出决定前不能修改主体信息和服务范围。`,
    ),
    { admissionStatus: status },
  );
