import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/**
 * The headers @fastify/helmet sets for `options`, computed once. The plugin builds a new helmet
 * middleware (parsing the CSP directives again) on every request, although with these options
 * (no CSP nonces, no per-route settings) its headers depend on nothing in the request; the API
 * sets the same headers from this list instead (bootstrap.ts).
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<[string, string | string[]][]> {
  if (options.enableCSPNonces) throw new Error('CSP nonces differ per request: register @fastify/helmet itself');
  const probe = Fastify();
  try {
    await probe.register(helmet, options);
    let headers: [string, string | string[]][] = [];
    // runs after helmet's hooks, before anything else writes a header
    probe.addHook('onRequest', (_request, reply, done) => {
      headers = Object.entries(reply.raw.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]);
      done();
    });
    probe.get('/', (_request, reply) => reply.send(''));
    await probe.inject({ method: 'GET', url: '/' });
    if (!headers.length) throw new Error('@fastify/helmet set no headers');
    return headers;
  } finally {
    await probe.close();
  }
}
