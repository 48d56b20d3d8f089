/**
 * Configuration, validated once at boot. A wrong variable stops the process with one line naming
 * it. An empty variable counts as unset.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .string()
  .transform((v, ctx) => {
    const s = v.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(s)) return true;
    if (['0', 'false', 'no', 'off'].includes(s)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL (${protocols.join(' or ')})`);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(1, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().default('.data'),
  ADMIN_EMAIL: z.email('must be an e-mail address').optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ACCESS_TTL_SECONDS: int(60, 86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: int(1, 365).default(30),
  ADMISSION_NOTICE_DAYS: int(0, 365).default(7),
  ADMISSION_VALIDITY_MONTHS: int(1, 120).default(24),
  MEILI_HOST: url(['http:', 'https:']).optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_/, 'must start with sk_ or rk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, 'must start with whsec_').optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_/, 'must start with pk_').optional(),
  STRIPE_API_BASE: url(['http:', 'https:']).optional(),
  STRIPE_APPLICATION_FEE_BP: int(0, 10_000).default(0),
  PUBLIC_BASE_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).max(200).default('Innoserve 创新服务平台 <no-reply@innoserve.local>'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: url(['http:', 'https:']).optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  FILES_MAX_BYTES: int(1024, 1024 * 1024 * 1024).default(20 * 1024 * 1024),
  DEMO_SEED: bool.optional(),
  THROTTLE_ENABLED: bool.default(true),
  THROTTLE_AUTH_PER_MINUTE: int(1, 1_000_000).default(10),
  THROTTLE_PER_MINUTE: int(1, 100_000_000).default(1200),
  LOGIN_MAX_FAILURES: int(1, 1000).default(10),
  LOGIN_LOCKOUT_SECONDS: int(1, 86_400).default(900),
  CORS_ORIGINS: z.string().optional(),
  TRUST_PROXY: z.string().regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/, 'must be true, false, a hop count or a list of proxy addresses/CIDRs').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: int(1, 500).default(10),
  OUTBOX_LEASE_SECONDS: int(1, 3600).default(60),
});

type Raw = z.infer<typeof schema>;

export interface AppConfig extends Omit<Raw, 'DEMO_SEED' | 'JWT_SECRET' | 'TRUST_PROXY'> {
  DEMO_SEED: boolean;
  JWT_SECRET: string;
  corsOrigins: string[] | true;
  /** Fastify's trustProxy: off unless the api sits behind proxies named here (X-Forwarded-For is spoofable otherwise). */
  trustProxy: boolean | number | string[];
}

export class ConfigError extends Error {}

/** Known variables, documented in README; kept here so tests can check the README lists them. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export function parseConfig(env: Record<string, string | undefined>): Raw {
  const cleaned: Record<string, string> = {};
  for (const key of CONFIG_VARIABLES) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') cleaned[key] = v.trim();
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    const got = cleaned[name];
    const shown = got === undefined ? '' : ` (got "${/SECRET|PASSWORD|KEY/.test(name) ? '***' : got}")`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
  }
  return result.data;
}

/**
 * The full configuration: JWT_SECRET is required in production and otherwise generated once and
 * kept under DATA_DIR, so tokens survive restarts in development.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw = parseConfig(env);
  if (raw.NODE_ENV === 'production' && raw.DEMO_SEED === true) {
    throw new ConfigError('Invalid configuration: DEMO_SEED cannot be on in production (the demo accounts share a published password)');
  }
  if (raw.STRIPE_SECRET_KEY && !raw.STRIPE_WEBHOOK_SECRET) {
    // a card payment is known to have succeeded from Stripe's signed webhook: without its secret every event would be refused and paid orders would wait for the reconciliation
    throw new ConfigError('Invalid configuration: STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY (card payments are confirmed by the signed webhook)');
  }
  if (raw.STRIPE_PUBLISHABLE_KEY && !raw.STRIPE_SECRET_KEY) {
    throw new ConfigError('Invalid configuration: STRIPE_PUBLISHABLE_KEY is for the browser side of STRIPE_SECRET_KEY; set both or neither');
  }
  let secret = raw.JWT_SECRET;
  if (!secret) {
    if (raw.NODE_ENV === 'production') throw new ConfigError('Invalid configuration: JWT_SECRET is required in production');
    const file = path.resolve(raw.DATA_DIR, 'jwt-secret');
    if (existsSync(file)) secret = readFileSync(file, 'utf8').trim();
    else {
      secret = randomBytes(48).toString('base64url');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, secret + '\n', { mode: 0o600 });
    }
  }
  const corsOrigins = raw.CORS_ORIGINS
    ? raw.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean)
    : raw.NODE_ENV === 'production'
      ? []
      : true;
  const tp = raw.TRUST_PROXY;
  const trustProxy =
    tp === undefined || tp === 'false' ? false : tp === 'true' ? true : /^\d+$/.test(tp) ? Number(tp) : tp.split(',').map((s) => s.trim()).filter(Boolean);
  const { TRUST_PROXY: _tp, ...rest } = raw;
  return {
    ...rest,
    JWT_SECRET: secret,
    DEMO_SEED: raw.DEMO_SEED ?? (raw.DATABASE_URL === undefined && raw.NODE_ENV !== 'production'),
    corsOrigins: corsOrigins,
    trustProxy,
  };
}

/** Entry points call this: on a bad variable, print one line and exit 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      process.exit(1);
    }
    throw e;
  }
}
