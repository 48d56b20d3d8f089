import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { AuthController } from './controllers/auth.controller.js';
import { MeController } from './controllers/me.controller.js';
import { StaffAdminController } from './controllers/staff-admin.controller.js';
import { IDENTITY_ENTITIES } from './entities/index.js';
import { LocalAuthGuard } from './guards/local-auth.guard.js';
import { PolicyGuard } from './guards/policy.guard.js';
import { AccessTokenService } from './services/access-token.service.js';
import { AuthThrottle } from './services/auth-throttle.service.js';
import { AuthService } from './services/auth.service.js';
import { FirstAdminBootstrap } from './services/first-admin.bootstrap.js';
import { PasswordHasher } from './services/password-hasher.js';
import { PrincipalLoader } from './services/principal-loader.service.js';
import { ProfileService } from './services/profile.service.js';
import { RefreshTokenService } from './services/refresh-token.service.js';
import { StaffService } from './services/staff.service.js';
import { UsersService } from './services/users.service.js';
import { BearerAuthenticator } from './strategies/bearer-authenticator.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { LocalStrategy } from './strategies/local.strategy.js';

/**
 * Users, staff roles, sign-in (passport-local), access tokens (passport-jwt), refresh-token
 * families, and the global PolicyGuard that enforces each route's @Public/@Authenticated/@Staff.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), AuditModule],
  controllers: [AuthController, MeController, StaffAdminController],
  providers: [
    PasswordHasher,
    UsersService,
    StaffService,
    ProfileService,
    AuthService,
    AccessTokenService,
    RefreshTokenService,
    PrincipalLoader,
    AuthThrottle,
    JwtStrategy,
    LocalStrategy,
    BearerAuthenticator,
    LocalAuthGuard,
    FirstAdminBootstrap,
    { provide: APP_GUARD, useClass: PolicyGuard },
  ],
  exports: [UsersService, StaffService, AuthService, PrincipalLoader, BearerAuthenticator, PasswordHasher],
})
export class IdentityModule {}
