/**
 * The HTTP client MeilisearchEngine hands the official client instead of the global fetch:
 * node:http with keep-alive agents. Measured on Meilisearch 1.50.0 on this machine (2,000
 * offerings, the same 20-hit search, server `processingTimeMs` 0–1 ms): about 41 ms per call
 * through fetch (undici), 1.3 ms through node:http, 1 ms through curl. Every search and every
 * task poll of the outbox paid those 40 ms; bench/RESULTS.md has the before and after.
 *
 * Contract of the client's `httpClient` option: resolve to the parsed JSON body (undefined when
 * empty); on a non-2xx answer throw MeilisearchApiError, which the client and the engine's
 * isNotFound read like its own. The client's timeout arrives as `init.signal`.
 */
import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, type Config } from 'meilisearch';

type HttpClient = NonNullable<Config['httpClient']>;

export function nodeHttpClient(): HttpClient {
  const agents: Record<string, http.Agent> = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  return (input, init = {}) =>
    new Promise((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      // the client sends JSON text (or nothing); anything else is not a call this engine makes
      if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
        reject(new Error('nodeHttpClient sends string bodies only'));
        return;
      }
      const body = init.body ?? undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const request = url.protocol === 'https:' ? https.request : http.request;
      const req = request(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol], signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(parsed);
          else reject(new MeilisearchApiError(new Response(text, { status, statusText: res.statusMessage }), parsed as ConstructorParameters<typeof MeilisearchApiError>[1]));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}
