import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parseConfig } from './config.js';

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('.data');
    expect(c.ADMISSION_NOTICE_DAYS).toBe(7);
    expect(c.THROTTLE_ENABLED).toBe(true);
    expect(c.THROTTLE_AUTH_PER_MINUTE).toBe(10);
    expect(c.THROTTLE_PER_MINUTE).toBe(1200);
  });

  it('stops with one line naming the bad variable', () => {
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(new ConfigError('Invalid configuration: PORT must be a whole number (got "abc")'));
    expect(() => parseConfig({ THROTTLE_ENABLED: 'maybe' })).toThrow(/^Invalid configuration: THROTTLE_ENABLED must be true or false/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^Invalid configuration: DATABASE_URL must be a URL/);
    expect(() => parseConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD must be at least 10 characters \(got "\*\*\*"\)/);
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ PORT: '', ADMISSION_NOTICE_DAYS: '  ' }).PORT).toBe(3000);
  });

  it('allows a zero-day admission notice', () => {
    expect(parseConfig({ ADMISSION_NOTICE_DAYS: '0' }).ADMISSION_NOTICE_DAYS).toBe(0);
  });

  it('requires JWT_SECRET in production and keeps a generated one under DATA_DIR in development', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow(/JWT_SECRET is required in production/);
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(b.JWT_SECRET).toBe(a.JWT_SECRET);
  });

  it('refuses the demo seed in production and leaves it off there by default', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const prod = { NODE_ENV: 'production', DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...prod, DEMO_SEED: 'true' })).toThrow(/DEMO_SEED cannot be on in production/);
    expect(loadConfig(prod).DEMO_SEED).toBe(false);
  });

  it('refuses a Stripe key without the webhook secret that confirms its payments', () => {
    const base = { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'cfg-')), JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY/);
    expect(loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).STRIPE_WEBHOOK_SECRET).toBe('whsec_x');
  });

  it('trusts no proxy unless told which', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    expect(loadConfig({ DATA_DIR: dir }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('seeds demo data by default only with the embedded database', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    expect(loadConfig({ DATA_DIR: dir }).DEMO_SEED).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://u:p@h/db' }).DEMO_SEED).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://u:p@h/db', DEMO_SEED: 'true' }).DEMO_SEED).toBe(true);
  });
});
