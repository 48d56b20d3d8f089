import { BusinessRuleError, ConflictError, ForbiddenError, ValidationFailedError, msg, type FieldError } from '@innoserve/core';

export const quoteExpired = (validUntil: string | null): ConflictError =>
  new ConflictError('QUOTE_EXPIRED', msg('The quote has expired; ask the provider for a new one.', '报价已过有效期，请服务机构重新报价。'), { validUntil });

export const reasonRequired = (action: string): ValidationFailedError =>
  new ValidationFailedError([{ field: 'reason', message: `a reason is required to ${action}` }], msg(`A reason is required to ${action}.`, '请填写原因。'));

export const disputeWindowClosed = (until: string | null): ConflictError =>
  new ConflictError('DISPUTE_WINDOW_CLOSED', msg('The time to dispute this delivery has passed.', '验收异议期已过。'), { disputeUntil: until });

export const tooEarlyToAutoComplete = (until: string | null): ConflictError =>
  new ConflictError('AUTO_COMPLETE_NOT_DUE', msg('The enterprise may still accept or dispute the delivery.', '企业验收期尚未结束。'), { disputeUntil: until });

export const refundOutOfRange = (priceFen: bigint | null): BusinessRuleError =>
  new BusinessRuleError('REFUND_OUT_OF_RANGE', msg('The refund must be more than 0 and at most the contract price.', '退款金额须大于0且不超过合同金额。'), [
    { field: 'refundFen', message: `1…${priceFen ?? '?'}` },
  ]);

export const selfDealing = (): BusinessRuleError =>
  new BusinessRuleError('SELF_DEALING', msg('An enterprise cannot order from itself.', '企业不能向本机构下单。'), [{ field: 'enterpriseId', message: 'the same organization as the provider' }]);

export const bothSides = (): ForbiddenError =>
  new ForbiddenError(msg('You already act for the other party of this order.', '您已代表该订单的另一方操作，不能同时代表双方。'), 'CONFLICT_OF_INTEREST');

export const partyOnly = (side: 'enterprise' | 'provider'): ForbiddenError =>
  new ForbiddenError(
    side === 'enterprise' ? msg('Only the buying enterprise may do this.', '只有采购企业可以执行此操作。') : msg('Only the provider may do this.', '只有服务机构可以执行此操作。'),
    'FORBIDDEN',
  );

export const providerNotAdmitted = (): BusinessRuleError =>
  new BusinessRuleError('PROVIDER_NOT_ADMITTED', msg('The provider is not admitted (anymore).', '该服务机构不在入库状态。'));

export const offeringNotAvailable = (): BusinessRuleError =>
  new BusinessRuleError('OFFERING_NOT_AVAILABLE', msg('The offering is no longer listed.', '该服务产品已下架。'));

export const enterpriseNotVerified = (): BusinessRuleError =>
  new BusinessRuleError('ENTERPRISE_NOT_VERIFIED', msg('The enterprise has not been verified.', '企业尚未通过认定。'));

export const enterpriseBlacklisted = (until: string | null): BusinessRuleError =>
  new BusinessRuleError('ENTERPRISE_BLACKLISTED', msg('The enterprise is on the blacklist.', '企业已被列入黑名单。'), undefined, { until });

export const providerBlacklisted = (until: string | null): BusinessRuleError =>
  new BusinessRuleError('PROVIDER_BLACKLISTED', msg('The provider is on the blacklist.', '服务机构已被列入黑名单。'), undefined, { until });

export const quantityNotAllowed = (): BusinessRuleError =>
  new BusinessRuleError('QUANTITY_NOT_ALLOWED', msg('Only per-unit offerings take a quantity above 1.', '仅按件计价的服务可以选择数量。'), [{ field: 'quantity', message: 'must be 1' }]);

export const priceOutOfRange = (errors: FieldError[]): BusinessRuleError =>
  new BusinessRuleError('PRICE_OUT_OF_RANGE', msg('The price is outside what the offering allows.', '报价超出该服务产品的价格范围。'), errors);

export const validUntilInPast = (): BusinessRuleError =>
  new BusinessRuleError('QUOTE_VALIDITY_INVALID', msg('A quote must be valid until today or later (and at most 90 days).', '报价有效期须自今日起且不超过90天。'), [
    { field: 'validUntil', message: 'today … today + 90 days' },
  ]);

export const subsidyChanged = (preview: Record<string, unknown>): ConflictError =>
  new ConflictError('SUBSIDY_CHANGED', msg('The quote or the subsidy changed since you looked: check the new amounts.', '报价或补贴金额已变化，请确认新的金额。'), { subsidyPreview: preview });

export const nothingDue = (): ConflictError => new ConflictError('NOTHING_DUE', msg('Nothing is due on this order.', '该订单无需支付。'));

export const paymentExists = (): ConflictError =>
  new ConflictError('PAYMENT_EXISTS', msg('A payment of this order is already under way or done.', '该订单已有进行中或已完成的付款。'));

export const stripeNotOffered = (): BusinessRuleError =>
  new BusinessRuleError('PAYMENT_METHOD_UNAVAILABLE', msg('Card payment is not available for this provider.', '该服务机构暂不支持银行卡在线支付。'), [{ field: 'method', message: 'not available' }]);

export const payerMismatch = (expected: string): BusinessRuleError =>
  new BusinessRuleError('PAYER_MISMATCH', msg('The payer must be the enterprise itself (its registered name).', '付款人须为企业本身（与登记名称一致）。'), [
    { field: 'payerName', message: `must equal ${expected}` },
  ]);

export const paymentNotPending = (status: string): ConflictError =>
  new ConflictError('PAYMENT_NOT_PENDING', msg('This payment is not awaiting confirmation.', '该付款不处于待确认状态。'), { paymentStatus: status });

export const contestWindowClosed = (): ConflictError =>
  new ConflictError('CONTEST_WINDOW_CLOSED', msg('A confirmation can be contested within 7 days only.', '付款确认只能在7日内提出异议。'));

export const refundNotPending = (status: string): ConflictError =>
  new ConflictError('REFUND_NOT_PENDING', msg('This refund is not awaiting confirmation.', '该退款不处于待确认状态。'), { refundStatus: status });

export const reviewExists = (): ConflictError => new ConflictError('REVIEW_EXISTS', msg('This order has been reviewed already.', '该订单已评价。'));
