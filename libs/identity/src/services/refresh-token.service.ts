import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { Clock, InjectConfig, addDays, type AppConfig } from '@innoserve/core';
import { RefreshToken } from '../entities/refresh-token.entity.js';

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type RotationOutcome =
  | { kind: 'rotated'; userId: string; refreshToken: string }
  | { kind: 'unknown' | 'reused' | 'revoked' | 'expired' | 'denied' };

/** Refresh-token families: issue, rotate (detecting reuse), revoke. Writes run in the caller's transaction. */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Issues a token for the user, starting a new family unless one is given. Returns the token itself. */
  async issue(manager: EntityManager, userId: string, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await manager.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: hashRefreshToken(token),
      expiresAt: addDays(now, this.config.REFRESH_TOKEN_TTL_DAYS),
      usedAt: null,
      revokedAt: null,
    });
    return token;
  }

  /** Locks the presented token's row (FOR UPDATE), so two rotations of one token serialize. */
  findForUpdate(manager: EntityManager, token: string): Promise<RefreshToken | null> {
    return manager
      .createQueryBuilder(RefreshToken, 'r')
      .where('r.tokenHash = :hash', { hash: hashRefreshToken(token) })
      .setLock('pessimistic_write')
      .getOne();
  }

  /**
   * Rotates a locked, live token: marks it used and issues the next of its family. A token that was
   * already used means a copy is in someone else's hands: the whole family is revoked.
   * `mayContinue` is asked before rotating (is the user still allowed in?).
   */
  async rotate(manager: EntityManager, row: RefreshToken | null, mayContinue: (userId: string) => Promise<boolean>): Promise<RotationOutcome> {
    if (!row) return { kind: 'unknown' };
    const now = this.clock.now();
    if (row.usedAt) {
      await this.revokeFamily(manager, row.familyId);
      return { kind: 'reused' };
    }
    if (row.revokedAt) return { kind: 'revoked' };
    if (row.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
    if (!(await mayContinue(row.userId))) {
      await this.revokeFamily(manager, row.familyId);
      return { kind: 'denied' };
    }
    await manager.update(RefreshToken, { id: row.id }, { usedAt: now });
    const refreshToken = await this.issue(manager, row.userId, row.familyId);
    return { kind: 'rotated', userId: row.userId, refreshToken };
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<number> {
    const r = await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return r.affected ?? 0;
  }

  async revokeAllOf(manager: EntityManager, userId: string): Promise<number> {
    const r = await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return r.affected ?? 0;
  }

  /** Revokes the family of `token` if it belongs to the user; false when it does not. */
  async revokeFamilyOfToken(manager: EntityManager, userId: string, token: string): Promise<boolean> {
    const row = await manager.findOne(RefreshToken, { where: { tokenHash: hashRefreshToken(token), userId } });
    if (!row) return false;
    await this.revokeFamily(manager, row.familyId);
    return true;
  }
}
