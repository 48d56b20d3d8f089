import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, InjectConfig, TooManyRequestsError, UnauthorizedError, msg, type AppConfig } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import type { AppUser } from '../entities/app-user.entity.js';
import { AccessTokenService } from './access-token.service.js';
import { AuthThrottle } from './auth-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokenService } from './refresh-token.service.js';
import { UsersService, normalizeEmail } from './users.service.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  tokenType: 'Bearer';
}

const invalidCredentials = () =>
  new UnauthorizedError(msg('The e-mail address or password is wrong.', '邮箱或密码错误。'), 'INVALID_CREDENTIALS');
const accountDisabled = () => new UnauthorizedError(msg('This account is disabled.', '该账号已停用。'), 'ACCOUNT_DISABLED');
const locked = (until: Date, now: Date) =>
  new TooManyRequestsError(
    (until.getTime() - now.getTime()) / 1000,
    msg('Too many failed sign-ins for this account; try again later.', '该账号登录失败次数过多，请稍后再试。'),
  );

/** Sign-in, token issue and rotation, sign-out. */
@Injectable()
export class AuthService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly throttle: AuthThrottle,
  ) {}

  /**
   * Checks an e-mail and password (the passport-local verify step). Unknown e-mail and wrong
   * password answer alike; a locked account answers 429 even to the right password.
   */
  async validateCredentials(emailInput: string, password: string): Promise<AppUser> {
    const email = normalizeEmail(emailInput);
    this.throttle.hit('login', email);
    const user = await this.users.findByEmail(email);
    if (!user) {
      await this.hasher.verifyNothing(password);
      throw invalidCredentials();
    }
    // a disabled account says so without telling whether the password was right
    if (user.disabled) {
      await this.hasher.verifyNothing(password);
      throw accountDisabled();
    }
    const now = this.clock.now();
    // each attempt takes a slot before the (slow) password check, so a burst of concurrent
    // guesses gets no more than LOGIN_MAX_FAILURES checks before the lock
    await this.takeAttempt(user.id, now);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      await this.lockIfExhausted(user.id, now);
      throw invalidCredentials();
    }
    // a success clears the count, unless a concurrent failure has locked the account meanwhile
    const [cleared] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE app_user SET failed_login_count = 0, locked_until = NULL WHERE id = $1 AND locked_until IS NULL RETURNING id`,
      [user.id],
    );
    if (cleared.length === 0) throw locked(await this.lockEnd(user.id, now), now);
    return user;
  }

  /** Starts a session: an access token and the first refresh token of a new family. */
  async issueTokens(userId: string): Promise<TokenPair> {
    const refreshToken = await this.tx.run((m) => this.refreshTokens.issue(m, userId));
    return this.pair(userId, refreshToken);
  }

  async refresh(token: string): Promise<TokenPair> {
    const outcome = await this.tx.run(async (m) => {
      const row = await this.refreshTokens.findForUpdate(m, token);
      if (row) this.throttle.hit('refresh', row.userId); // throws before anything is written
      return this.refreshTokens.rotate(m, row, async (userId) => {
        const u = await this.users.findById(userId, m);
        return !!u && !u.disabled;
      });
    });
    switch (outcome.kind) {
      case 'rotated':
        return this.pair(outcome.userId, outcome.refreshToken);
      case 'reused':
        throw new UnauthorizedError(
          msg('This refresh token was already used; every session it belongs to has been signed out.', '该刷新令牌已被使用，相关会话已全部退出。'),
          'REFRESH_TOKEN_REUSED',
        );
      case 'denied':
        throw accountDisabled();
      case 'unknown':
      case 'revoked':
      case 'expired':
        throw new UnauthorizedError(msg('The refresh token is not valid; please sign in again.', '刷新令牌无效，请重新登录。'), 'INVALID_REFRESH_TOKEN');
    }
  }

  /** Revokes the family of the given refresh token (when it is the user's), or all of the user's sessions. */
  async logout(userId: string, refreshToken?: string): Promise<void> {
    await this.tx.run(async (m) => {
      if (refreshToken !== undefined) await this.refreshTokens.revokeFamilyOfToken(m, userId, refreshToken);
      else await this.refreshTokens.revokeAllOf(m, userId);
    });
  }

  private pair(userId: string, refreshToken: string): TokenPair {
    return { accessToken: this.tokens.sign(userId), refreshToken, expiresIn: this.tokens.ttlSeconds, tokenType: 'Bearer' };
  }

  /**
   * Counts the attempt with one conditional UPDATE before the password is checked: a lock that has
   * run out starts the count afresh; a locked account, or one whose attempts are all in flight,
   * answers 429.
   */
  private async takeAttempt(userId: string, now: Date): Promise<void> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE app_user
          SET failed_login_count = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_login_count + 1 END,
              locked_until = NULL
        WHERE id = $1
          AND (locked_until IS NULL OR locked_until <= $2::timestamptz)
          AND (locked_until IS NOT NULL OR failed_login_count < $3)
        RETURNING failed_login_count`,
      [userId, now, this.config.LOGIN_MAX_FAILURES],
    );
    if (rows.length === 0) throw locked(await this.lockEnd(userId, now), now);
  }

  /** After a failed check: the failure that used the last attempt locks the account. */
  private async lockIfExhausted(userId: string, now: Date): Promise<void> {
    const until = new Date(now.getTime() + this.config.LOGIN_LOCKOUT_SECONDS * 1000);
    await this.dataSource.query(
      `UPDATE app_user SET locked_until = $3::timestamptz WHERE id = $1 AND failed_login_count >= $2 AND locked_until IS NULL`,
      [userId, this.config.LOGIN_MAX_FAILURES, until],
    );
  }

  private async lockEnd(userId: string, now: Date): Promise<Date> {
    const current = await this.users.findById(userId);
    return current?.lockedUntil && current.lockedUntil > now ? current.lockedUntil : new Date(now.getTime() + this.config.LOGIN_LOCKOUT_SECONDS * 1000);
  }
}
