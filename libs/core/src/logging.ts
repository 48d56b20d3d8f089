import type { LoggerService } from '@nestjs/common';
import pino, { type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from './config.js';

/** pino options: JSON in production, pretty in development, silent when asked. */
export function pinoOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', 'refreshToken'],
    ...(config.NODE_ENV === 'development' ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
  };
}

export function createPino(config: AppConfig): Logger {
  return pino(pinoOptions(config));
}

/** Nest's logger interface on top of the same pino instance Fastify logs requests with. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, ...rest: unknown[]): void {
    if (typeof message === 'object' && message !== null) this.logger.error(message, typeof rest[0] === 'string' ? rest[0] : '');
    else this.logger.error({ context: rest[rest.length - 1], stack: rest.length > 1 ? rest[0] : undefined }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
