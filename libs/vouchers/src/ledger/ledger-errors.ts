import { BusinessRuleError, ConflictError, msg, type DomainError } from '@innoserve/core';

/**
 * A debit the account cannot cover. The ledger's generic answer; the typed helpers answer with the
 * product's codes (PROGRAM_BUDGET_EXHAUSTED for a grant, VOUCHER_INSUFFICIENT_BALANCE for a hold),
 * and post() takes an `insufficient` factory so callers decide.
 */
export class LedgerInsufficientBalanceError extends ConflictError {
  constructor(readonly account: string) {
    super('LEDGER_INSUFFICIENT_BALANCE', msg('The account does not hold enough for this movement.', '账户余额不足，无法完成该资金划转。'), { account });
  }
}

export function programBudgetExhausted(account: string): DomainError {
  return new ConflictError(
    'PROGRAM_BUDGET_EXHAUSTED',
    msg('The program budget cannot cover this grant.', '项目预算不足，无法发放该额度。'),
    { account },
  );
}

export function voucherInsufficientBalance(account: string): DomainError {
  return new ConflictError(
    'VOUCHER_INSUFFICIENT_BALANCE',
    msg('The voucher balance is not enough for this amount.', '创新券可用余额不足。'),
    { account },
  );
}

/** The same idempotency key was used for a different movement. */
export class LedgerIdempotencyKeyReusedError extends ConflictError {
  constructor(readonly idempotencyKey: string) {
    super(
      'LEDGER_IDEMPOTENCY_KEY_REUSED',
      msg('This idempotency key was already used for a different ledger movement.', '该幂等键已用于另一笔资金划转。'),
      { idempotencyKey },
    );
  }
}

/** Release, redeem or forfeit of a hold that is no longer open. */
export class LedgerHoldClosedError extends ConflictError {
  constructor(holdId: string, status: string) {
    super('LEDGER_HOLD_CLOSED', msg(`The held amount was already ${status}.`, '该冻结金额已处理，不能再次操作。'), { holdId, status });
  }
}

/** A partial release of more than the hold still holds. */
export class LedgerHoldExceededError extends BusinessRuleError {
  constructor(holdId: string, openFen: bigint) {
    super('LEDGER_HOLD_EXCEEDED', msg('The amount exceeds what is still held.', '金额超过当前冻结余额。'), undefined, {
      holdId,
      openFen: openFen.toString(),
    });
  }
}
