import { Injectable } from '@nestjs/common';
import type { Principal } from '../principal.js';
import { AccessTokenService } from '../services/access-token.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { authenticateWith } from './passport-authenticate.js';

/** Runs the JWT strategy on a request: the principal for its Bearer token, or null. */
@Injectable()
export class BearerAuthenticator {
  constructor(
    private readonly strategy: JwtStrategy,
    private readonly tokens: AccessTokenService,
  ) {}

  hasBearer(req: { headers: Record<string, unknown> }): boolean {
    const h = req.headers.authorization;
    return typeof h === 'string' && /^bearer\s+\S/i.test(h);
  }

  async principalFor(req: object): Promise<Principal | null> {
    const nowSeconds = this.tokens.nowSeconds();
    const base = (this.strategy as unknown as { _verifOpts: object })._verifOpts;
    const { user } = await authenticateWith<Principal>(this.strategy, req, (s) => {
      // expiry is judged against the application Clock (tests move it), not the wall clock
      s._verifOpts = { ...base, clockTimestamp: nowSeconds };
    });
    return user || null;
  }
}
