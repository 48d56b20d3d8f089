import { BusinessRuleError, ConflictError, ValidationFailedError, msg } from '@innoserve/core';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** 400: the header is empty, too long, or has characters other than visible ASCII. */
export class InvalidIdempotencyKeyError extends ValidationFailedError {
  constructor() {
    super([{ field: IDEMPOTENCY_KEY_HEADER, message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
  }
}

/** 409: the first request with this key is still running. */
export class IdempotencyKeyInProgressError extends ConflictError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_IN_PROGRESS',
      msg('A request with this Idempotency-Key is still being processed; retry shortly.', '使用该幂等键的请求仍在处理中，请稍后重试。'),
    );
  }
}

/** 422: the key was already used for a different request. */
export class IdempotencyKeyReusedError extends BusinessRuleError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      msg('This Idempotency-Key was already used with a different request.', '该幂等键已用于另一个不同的请求。'),
    );
  }
}
