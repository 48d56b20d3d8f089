import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passportJwt from 'passport-jwt';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import type { Principal } from '../principal.js';
import { JWT_AUDIENCE, JWT_ISSUER, type AccessTokenClaims } from '../services/access-token.service.js';
import { PrincipalLoader } from '../services/principal-loader.service.js';

const { Strategy, ExtractJwt } = passportJwt;

export const JWT_STRATEGY = 'innoserve-jwt';

/** passport-jwt: verifies the Bearer access token, then loads the principal from the database. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly principals: PrincipalLoader,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // a KeyObject made once: given a string, jsonwebtoken would build one on every verification
      // (jsonwebtoken takes a KeyObject; passport-jwt's types only list string | Buffer)
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
  }

  async validate(payload: Partial<AccessTokenClaims & { exp: unknown; iat: unknown }>): Promise<Principal | null> {
    if (payload.typ !== 'access' || typeof payload.sub !== 'string') return null;
    // jsonwebtoken checks `exp` only when it is there: a token signed without one would never
    // expire. Every token we sign has both times, so one missing either is not ours.
    if (!Number.isFinite(payload.exp) || !Number.isFinite(payload.iat)) return null;
    return this.principals.load(payload.sub);
  }
}
