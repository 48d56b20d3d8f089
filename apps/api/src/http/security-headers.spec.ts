import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import { securityHeaders } from './security-headers.js';

const OPTIONS = { contentSecurityPolicy: { directives: { defaultSrc: [`'self'`], imgSrc: [`'self'`, 'data:'] } } };

describe(securityHeaders.name, () => {
  it('lists exactly the headers @fastify/helmet sends for the options', async () => {
    const app = Fastify();
    await app.register(helmet, OPTIONS);
    app.get('/', () => 'ok');
    const res = await app.inject({ method: 'GET', url: '/' });
    await app.close();
    const headers = Object.fromEntries(await securityHeaders(OPTIONS));
    expect(Object.keys(headers).length).toBeGreaterThan(5);
    for (const [name, value] of Object.entries(headers)) expect([name, res.headers[name]]).toEqual([name, value]);
    expect(headers['content-security-policy']).toContain(`img-src 'self' data:`);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses options whose headers differ per request (CSP nonces)', async () => {
    await expect(securityHeaders({ ...OPTIONS, enableCSPNonces: true })).rejects.toThrow(/nonce/i);
  });
});
