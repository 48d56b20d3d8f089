/**
 * API answers over 1 KB are sent compressed to a client that accepts it (brotli, else gzip), and
 * decode to exactly what an uncompressed request gets; small answers and clients that do not ask
 * stay plain.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from './support/app.js';

describe('response compression', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('compresses a large JSON answer with brotli or gzip, as accepted, to the same bytes', async () => {
    const plain = await t.request('GET', '/api/v1/regions');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);

    const br = await t.request('GET', '/api/v1/regions', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.bytes).toString('utf8')).toBe(plain.text);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);

    const gz = await t.request('GET', '/api/v1/regions', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).toString('utf8')).toBe(plain.text);
  });

  it('leaves a small answer plain', async () => {
    const res = await t.request('GET', '/health/live', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
