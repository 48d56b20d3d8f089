import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, StaffRole } from './principal.js';

/**
 * Every route declares its access policy; the global PolicyGuard refuses any route that declares
 * none (fail closed), and a test walks every route to check it.
 */
export const POLICY_KEY = 'innoserve:policy';
export type RoutePolicy = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'staff'; roles: StaffRole[] };

/** No sign-in needed. */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies RoutePolicy);
/** Any signed-in user; the service checks organization membership and visibility. */
export const Authenticated = () => SetMetadata(POLICY_KEY, { kind: 'authenticated' } satisfies RoutePolicy);
/** Staff holding one of the roles (super_admin always passes); the service checks jurisdiction. */
export const Staff = (...roles: StaffRole[]) => SetMetadata(POLICY_KEY, { kind: 'staff', roles } satisfies RoutePolicy);

/** The authenticated principal (routes with @Authenticated or @Staff). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ user?: Principal }>();
  if (!req.user) throw new Error('CurrentUser used on a route without authentication');
  return req.user;
});
