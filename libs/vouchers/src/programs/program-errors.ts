import { BusinessRuleError, ConflictError, ForbiddenError, msg, type FieldError } from '@innoserve/core';

export const programFrozen = (): ConflictError =>
  new ConflictError('PROGRAM_FROZEN', msg('Funding sources, shares and rules are frozen once the program has opened.', '项目开放后，资金来源、分担比例和规则不可修改。'));
export const programInvalid = (errors: FieldError[]): BusinessRuleError =>
  new BusinessRuleError('PROGRAM_INVALID', msg('The program settings break a rule.', '项目设置不符合规则。'), errors);
export const fundingSharesInvalid = (errors: FieldError[]): BusinessRuleError =>
  new BusinessRuleError('FUNDING_SHARES_INVALID', msg('The funding shares of every eligible region must sum to 10,000 bp.', '每个适用地区的资金分担比例之和必须为100%。'), errors);
export const outsideJurisdiction = (): ForbiddenError =>
  new ForbiddenError(msg('The issuing region is outside your jurisdiction.', '发放地区不在您的管辖范围内。'), 'OUTSIDE_JURISDICTION');
export const unknownSource = (key: string): BusinessRuleError =>
  new BusinessRuleError('UNKNOWN_FUNDING_SOURCE', msg(`The program has no funding source ${key}.`, `项目没有资金来源 ${key}。`), [{ field: 'sourceKey', message: 'unknown source' }]);
export const programNotOpen = (status: string): ConflictError =>
  new ConflictError('PROGRAM_NOT_OPEN', msg('The program is not open for applications.', '项目当前不接受申请。'), { programStatus: status });
export const outsideWindow = (opensOn: string, closesOn: string): BusinessRuleError =>
  new BusinessRuleError('OUTSIDE_APPLICATION_WINDOW', msg(`Applications are accepted from ${opensOn} to ${closesOn}.`, `申请时间为 ${opensOn} 至 ${closesOn}。`), undefined, { opensOn, closesOn });
export const notEligible = (errors: FieldError[]): BusinessRuleError =>
  new BusinessRuleError('PROGRAM_ELIGIBILITY', msg('The enterprise does not meet the program eligibility rules.', '企业不符合项目申报条件。'), errors);
export const applicationExists = (): ConflictError =>
  new ConflictError('APPLICATION_EXISTS', msg('The enterprise already has a live application to this program.', '该企业已有本项目的有效申请。'));
export const groupCapReached = (): BusinessRuleError =>
  new BusinessRuleError('GROUP_CAP_REACHED', msg("The group's annual cap in this program is used up.", '企业（集团）年度额度已用完。'));
export const grantAboveBound = (boundFen: bigint): BusinessRuleError =>
  new BusinessRuleError('GRANT_ABOVE_BOUND', msg('The amount exceeds min(requested, maxGrantFen, group cap left).', '核定金额超过上限。'), [{ field: 'amountFen', message: `at most ${boundFen}` }], {
    boundFen: Number(boundFen),
  });
export const applicationNotPending = (status: string): ConflictError =>
  new ConflictError('APPLICATION_NOT_PENDING', msg('The application was already decided.', '该申请已处理。'), { applicationStatus: status });
export const notReviewed = (): ConflictError =>
  new ConflictError('PROGRAM_NOT_REVIEWED', msg('Only reviewed programs take application decisions.', '仅审核制项目需要审核申请。'));
export const drawRefused = (why: string): ConflictError =>
  new ConflictError('PROGRAM_DRAW_REFUSED', msg(`The draw is not possible: ${why}.`, '当前不能抽签。'), { why });
export const providerCapReached = (): ConflictError =>
  new ConflictError('PROVIDER_CAP_REACHED', msg("The provider's annual cap in this program is used up.", '服务机构年度额度已用完。'));
export const programArchived = (): ConflictError =>
  new ConflictError('PROGRAM_ARCHIVED', msg('The program is archived: no more money moves into it.', '项目已归档，不能再拨入资金。'));
