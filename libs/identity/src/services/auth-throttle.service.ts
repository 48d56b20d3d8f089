import { Injectable } from '@nestjs/common';
import { Clock, InjectConfig, TooManyRequestsError, msg, type AppConfig } from '@innoserve/core';
import { FixedWindowLimiter } from '../fixed-window-limiter.js';

export type AuthAction = 'login' | 'refresh';

/**
 * Per-account limit on login and refresh (THROTTLE_AUTH_PER_MINUTE when THROTTLE_ENABLED), fixed
 * one-minute windows in memory per process.
 */
@Injectable()
export class AuthThrottle {
  private readonly limiters: Record<AuthAction, FixedWindowLimiter>;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.limiters = {
      login: new FixedWindowLimiter(config.THROTTLE_AUTH_PER_MINUTE),
      refresh: new FixedWindowLimiter(config.THROTTLE_AUTH_PER_MINUTE),
    };
  }

  /** Counts an attempt for the account; 429 with Retry-After when it is over the limit. */
  hit(action: AuthAction, account: string): void {
    if (!this.config.THROTTLE_ENABLED) return;
    const wait = this.limiters[action].hit(account, this.clock.now().getTime());
    if (wait !== null) {
      throw new TooManyRequestsError(wait, msg('Too many attempts for this account; try again later.', '该账号尝试次数过多，请稍后再试。'));
    }
  }
}
