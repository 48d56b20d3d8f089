import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passportLocal from 'passport-local';
import type { AppUser } from '../entities/app-user.entity.js';
import { AuthService } from '../services/auth.service.js';

const { Strategy } = passportLocal;

export const LOCAL_STRATEGY = 'innoserve-local';

/** passport-local: e-mail and password from the login body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, LOCAL_STRATEGY) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  validate(email: string, password: string): Promise<AppUser> {
    return this.auth.validateCredentials(email, password);
  }
}
