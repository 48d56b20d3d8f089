import { BusinessRuleError, ConflictError, ForbiddenError, ValidationFailedError, msg, type FieldError } from '@innoserve/core';

export const reasonRequired = (action: string): ValidationFailedError =>
  new ValidationFailedError([{ field: 'reason', message: `a reason is required to ${action}` }], msg(`A reason is required to ${action} a claim.`, '请填写原因。'));

export const approverRepeats = (): ForbiddenError =>
  new ForbiddenError(msg('You already approved this claim at an earlier level: each approval is by a different person.', '您已在前一级审核通过该申请：每一级审核须由不同人员完成。'), 'APPROVER_NOT_DISTINCT');

export const conflictOfInterest = (): ForbiddenError =>
  new ForbiddenError(msg('You belong to a party of this claim and may not review it.', '您是该申请当事方的成员，不得审核。'), 'CONFLICT_OF_INTEREST');

export const claimExists = (claimId: string): ConflictError =>
  new ConflictError('CLAIM_EXISTS', msg('This order already has a claim.', '该订单已有补贴申请。'), { claimId });

export const invoiceAlreadyClaimed = (): ConflictError =>
  new ConflictError('INVOICE_ALREADY_CLAIMED', msg('This fapiao (code and number) already backs another claim.', '该发票（代码、号码）已用于其他补贴申请。'));

export const invoiceMismatch = (errors: FieldError[]): BusinessRuleError =>
  new BusinessRuleError('INVOICE_MISMATCH', msg(`The fapiao does not match the order: ${errors.map((e) => e.field).join(', ')}.`, `发票信息与订单不符：${errors.map((e) => e.field).join('、')}。`), errors);

export const notClaimable = (why: string, zh: string, extra?: Record<string, unknown>): BusinessRuleError =>
  new BusinessRuleError('ORDER_NOT_CLAIMABLE', msg(`This order cannot be claimed: ${why}.`, `该订单不能申请补贴：${zh}。`), [{ field: 'orderId', message: why }], extra);

export const claimDeadlinePassed = (deadlineOn: string): BusinessRuleError =>
  new BusinessRuleError('CLAIM_DEADLINE_PASSED', msg(`The claim deadline (${deadlineOn}) has passed.`, `补贴申请期限（${deadlineOn}）已过。`), [{ field: 'orderId', message: 'claim deadline passed' }], { deadlineOn });

export const notClaimant = (): ForbiddenError =>
  new ForbiddenError(msg('Only the claimant of this order may claim its subsidy (the provider under 通兑, the enterprise under 通用).', '仅该订单的申领方可申请补贴（通兑为服务机构，通用为企业）。'), 'NOT_CLAIMANT');

export const claimNotEditable = (status: string): ConflictError =>
  new ConflictError('CLAIM_NOT_EDITABLE', msg('The claim can be changed only while it is returned for revision.', '仅退回修改的申请可以修改。'), { claimStatus: status });

export const wrongLevel = (level: string): ForbiddenError =>
  new ForbiddenError(msg(`This claim waits for a ${level} review, which your role does not cover.`, `该申请处于${level === 'county' ? '区县' : '市级'}审核阶段，您的角色无权审核。`), 'WRONG_REVIEW_LEVEL');

export const claimBlocked = (why: 'refund_failed' | 'payment_reversed' | 'payment_contested'): ConflictError =>
  new ConflictError(
    'CLAIM_BLOCKED',
    why === 'refund_failed'
      ? msg('A refund of this order failed and waits for staff: the claim waits too.', '该订单的一笔退款失败，待工作人员处理后方可继续。')
      : why === 'payment_contested'
        ? msg('The payment of this order is contested: the claim waits until it is settled.', '该订单的付款存在争议，待处理后方可继续。')
        : msg('Money of this order went back to the payer after the fact (a refund or chargeback): staff must settle it first.', '该订单的付款事后被退回（退款或拒付），须由工作人员先行处理。'),
    { reason: why },
  );
