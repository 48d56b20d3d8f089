import { jest } from '@jest/globals';
import { Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '@innoserve/core';
import { Authenticated, Public, Staff } from '../decorators.js';
import type { Principal } from '../principal.js';
import type { BearerAuthenticator } from '../strategies/bearer-authenticator.js';
import { PolicyGuard } from './policy.guard.js';

class SampleController {
  @Public() open() {}
  @Authenticated() mine() {}
  @Staff('finance_officer') money() {}
  forgotten() {}
}

@Staff('auditor')
class AuditorController {
  read() {}
  @Public() overridden() {}
}

const user = (staff: Principal['staff'] = []): Principal => ({ userId: 'u1', email: 'a@example.com', displayName: 'A', locale: 'zh', staff });

function contextFor(cls: new () => object, method: string, headers: Record<string, string> = {}) {
  const req: { method: string; url: string; headers: Record<string, string>; user?: Principal } = { method: 'GET', url: `/x/${method}?q=1`, headers };
  const ctx = {
    getHandler: () => (cls.prototype as Record<string, unknown>)[method],
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, req };
}

function guardWith(principal: Principal | null) {
  const bearer = {
    hasBearer: (req: { headers: Record<string, unknown> }) => typeof req.headers.authorization === 'string',
    principalFor: jest.fn(async () => principal),
  };
  return { guard: new PolicyGuard(new Reflector(), bearer as unknown as BearerAuthenticator), bearer };
}

const bearer = { authorization: 'Bearer t' };

describe(PolicyGuard.name, () => {
  it('refuses a route without a policy and logs which route it was', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { guard } = guardWith(user());
    await expect(guard.canActivate(contextFor(SampleController, 'forgotten', bearer).ctx)).rejects.toBeInstanceOf(ForbiddenError);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('SampleController.forgotten (GET /x/forgotten)'));
    error.mockRestore();
  });

  it('lets anyone through a public route without looking at tokens', async () => {
    const { guard, bearer: b } = guardWith(null);
    await expect(guard.canActivate(contextFor(SampleController, 'open').ctx)).resolves.toBe(true);
    expect(b.principalFor).not.toHaveBeenCalled();
  });

  it('still attaches the user on a public route when a valid token comes along', async () => {
    const { guard } = guardWith(user());
    const { ctx, req } = contextFor(SampleController, 'open', bearer);
    await guard.canActivate(ctx);
    expect(req.user?.userId).toBe('u1');
  });

  it('ignores an invalid token on a public route', async () => {
    const { guard } = guardWith(null);
    const { ctx, req } = contextFor(SampleController, 'open', bearer);
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(req.user).toBeUndefined();
  });

  it('answers 401 on an authenticated route without a valid token', async () => {
    await expect(guardWith(null).guard.canActivate(contextFor(SampleController, 'mine', bearer).ctx)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(guardWith(user()).guard.canActivate(contextFor(SampleController, 'mine').ctx)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('puts the principal on the request of an authenticated route', async () => {
    const { ctx, req } = contextFor(SampleController, 'mine', bearer);
    await expect(guardWith(user()).guard.canActivate(ctx)).resolves.toBe(true);
    expect(req.user?.userId).toBe('u1');
  });

  it('lets staff routes through only to the named roles and super-admins', async () => {
    const money = () => contextFor(SampleController, 'money', bearer).ctx;
    await expect(guardWith(user()).guard.canActivate(money())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(guardWith(user([{ role: 'auditor', regionCodes: ['350500'] }])).guard.canActivate(money())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(guardWith(user([{ role: 'finance_officer', regionCodes: ['350582'] }])).guard.canActivate(money())).resolves.toBe(true);
    await expect(guardWith(user([{ role: 'super_admin', regionCodes: ['350500'] }])).guard.canActivate(money())).resolves.toBe(true);
    await expect(guardWith(null).guard.canActivate(money())).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('reads a class-level policy and lets a method-level one override it', async () => {
    await expect(guardWith(user()).guard.canActivate(contextFor(AuditorController, 'read', bearer).ctx)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(guardWith(null).guard.canActivate(contextFor(AuditorController, 'overridden').ctx)).resolves.toBe(true);
  });
});
