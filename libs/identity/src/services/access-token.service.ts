import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock, InjectConfig, type AppConfig } from '@innoserve/core';

export const JWT_ISSUER = 'innoserve';
export const JWT_AUDIENCE = 'innoserve-api';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

/** Signs short-lived access tokens (HS256, JWT_SECRET); times come from the Clock. */
@Injectable()
export class AccessTokenService {
  private readonly jwt: JwtService;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.jwt = new JwtService({ secret: config.JWT_SECRET });
  }

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  sign(userId: string): string {
    const claims: AccessTokenClaims & { iat: number } = { sub: userId, typ: 'access', iat: this.nowSeconds() };
    return this.jwt.sign(claims, { algorithm: 'HS256', expiresIn: this.ttlSeconds, issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
  }

  nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
