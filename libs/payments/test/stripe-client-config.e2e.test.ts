/**
 * The browser learns whether it can pay by card, and with which publishable key, from the API at
 * run time (GET /api/v1/payments/stripe/config): one setting drives the API, the CSP and the web app.
 */
import { ConfigError, loadConfig } from '@innoserve/core';
import { startTestApp } from '../../../test/support/app.js';

describe('GET /api/v1/payments/stripe/config', () => {
  it('is 404 STRIPE_NOT_CONFIGURED without Stripe, and the publishable key with it', async () => {
    const plain = await startTestApp();
    try {
      const res = await plain.request('GET', '/api/v1/payments/stripe/config');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('STRIPE_NOT_CONFIGURED');
    } finally {
      await plain.close();
    }
    const stripe = await startTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_test', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' } });
    try {
      const res = await stripe.request('GET', '/api/v1/payments/stripe/config');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ publishableKey: 'pk_test_abc' });
      // and the app's pages may load Stripe.js (the CSP names it only when Stripe is configured)
      expect(String(res.headers['content-security-policy'])).toContain('https://js.stripe.com');
    } finally {
      await stripe.close();
    }
  });

  it('refuses a publishable key without the secret key at start', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' })).toThrow(ConfigError);
  });
});
