import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '@innoserve/core';
import { POLICY_KEY, type RoutePolicy } from '../decorators.js';
import { staffCovers, type Principal } from '../principal.js';
import { BearerAuthenticator } from '../strategies/bearer-authenticator.js';

interface PolicyRequest {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  user?: Principal;
}

/**
 * The global access guard (APP_GUARD). Each route declares one policy:
 * - none: 403, and an error naming the route is logged (fail closed);
 * - @Public(): passes; a valid Bearer token still puts the principal on the request;
 * - @Authenticated(): needs a valid access token of an enabled user (else 401 UNAUTHENTICATED);
 * - @Staff(...roles): also needs a grant of one of the roles or super_admin (else 403).
 * Jurisdiction and organization checks belong to the services (principal.ts helpers).
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  private readonly logger = new Logger('PolicyGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<PolicyRequest>();
    if (!policy) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} (${req.method} ${req.url.split('?')[0]}) declares no access policy ` +
          `(@Public, @Authenticated or @Staff); refusing the request`,
      );
      throw new ForbiddenError();
    }
    switch (policy.kind) {
      case 'public': {
        if (this.bearer.hasBearer(req)) {
          const principal = await this.bearer.principalFor(req);
          if (principal) req.user = principal;
        }
        return true;
      }
      case 'authenticated':
        req.user = await this.require(req);
        return true;
      case 'staff': {
        const principal = await this.require(req);
        req.user = principal;
        if (!staffCovers(principal, policy.roles)) throw new ForbiddenError();
        return true;
      }
    }
  }

  private async require(req: PolicyRequest): Promise<Principal> {
    const principal = this.bearer.hasBearer(req) ? await this.bearer.principalFor(req) : null;
    if (!principal) throw new UnauthorizedError();
    return principal;
  }
}
