import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InjectConfig, TooManyRequestsError, type AppConfig } from '@innoserve/core';

/**
 * Per-client-address limit on every route (THROTTLE_PER_MINUTE, fixed one-minute windows,
 * in memory per process). Login and refresh have their own per-account limit in identity.
 * @nestjs/throttler is CommonJS and cannot load beside ESM NestJS 12 under Jest (require(esm)
 * cycle), so this small guard stands in for it.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = Date.now();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.THROTTLE_ENABLED) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const now = Date.now();
    this.sweep(now);
    const key = req.ip;
    const w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count++;
    if (w.count > this.config.THROTTLE_PER_MINUTE) throw new TooManyRequestsError((w.start + 60_000 - now) / 1000);
    return true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}
