import passport from 'passport';

export interface AuthenticateResult<T> {
  user: T | false | null;
  info: unknown;
}

/**
 * Runs one passport strategy instance on a request and resolves with its verdict. Passport augments
 * the strategy object it is handed with per-request callbacks (success/fail/error), so each request
 * gets its own object derived from the shared instance; `prepare` may set per-request options on it.
 * Strategies are passed as instances, not looked up by name in passport's global registry, so two
 * applications in one process (tests) never use each other's strategies.
 */
const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(`passport failed: ${JSON.stringify(e)}`));

export function authenticateWith<T>(strategy: passport.Strategy, req: object, prepare?: (perRequest: Record<string, unknown>) => void): Promise<AuthenticateResult<T>> {
  const perRequest = Object.create(strategy) as passport.Strategy & Record<string, unknown>;
  prepare?.(perRequest);
  return new Promise((resolve, reject) => {
    const middleware = passport.authenticate(perRequest, { session: false }, (err: unknown, user: T | false | null, info: unknown) => {
      if (err) reject(asError(err));
      else resolve({ user, info });
    }) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
    middleware(req, {}, (err?: unknown) => (err ? reject(asError(err)) : resolve({ user: false, info: undefined })));
  });
}
