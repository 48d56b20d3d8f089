import { SetMetadata } from '@nestjs/common';

export const SKIP_IDEMPOTENCY = 'innoserve:skip-idempotency';

/**
 * The route ignores Idempotency-Key: its answers must never be stored or replayed (routes that
 * hand out credentials, such as sign-in and token refresh).
 */
export const SkipIdempotency = () => SetMetadata(SKIP_IDEMPOTENCY, true);
