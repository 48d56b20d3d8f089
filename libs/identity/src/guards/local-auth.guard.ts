import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { UnauthorizedError } from '@innoserve/core';
import { LoginDto } from '../dto/login.dto.js';
import type { AppUser } from '../entities/app-user.entity.js';
import { LocalStrategy } from '../strategies/local.strategy.js';
import { authenticateWith } from '../strategies/passport-authenticate.js';
import { validateBody } from './validate-body.js';

/** The request of a signed-in login: passport puts the checked user here. */
export interface LoginRequest {
  body: unknown;
  user?: AppUser;
}

/** Checks the login body (400 when malformed), then e-mail and password with passport-local. */
@Injectable()
export class LocalAuthGuard implements CanActivate {
  constructor(private readonly strategy: LocalStrategy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<LoginRequest>();
    await validateBody(LoginDto, req.body);
    const { user } = await authenticateWith<AppUser>(this.strategy, req);
    if (!user) throw new UnauthorizedError();
    req.user = user;
    return true;
  }
}
