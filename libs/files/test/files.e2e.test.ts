/**
 * Uploads over HTTP (multipart, the file in `file`), checked by content; stored without partial
 * files; readable by the uploader and whom an access rule lets in, 404 for everyone else. The
 * FileStore contract runs on local disk and, when SeaweedFS is here, on a real S3 endpoint.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { FileAccessRegistry, LocalFileStore, S3FileStore, detectMime, type FileStore } from '@innoserve/files';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { registerAndLogin, type AuthSession } from '../../../test/support/auth.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

function multipart(parts: { field: string; name: string; type: string; bytes: Buffer }[]): { body: Buffer; type: string } {
  const boundary = `----innoserve${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"; filename="${p.name}"\r\nContent-Type: ${p.type}\r\n\r\n`), p.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

describe('files over HTTP', () => {
  let t: TestApp;
  let alice: AuthSession;
  let bob: AuthSession;
  beforeAll(async () => {
    t = await startTestApp({ env: { FILES_MAX_BYTES: '4096' } });
    alice = await registerAndLogin(t);
    bob = await registerAndLogin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (token: string, parts: Parameters<typeof multipart>[0]) => {
    const m = multipart(parts);
    return t.request('POST', '/api/v1/files', { token, rawBody: m.body, headers: { 'content-type': m.type } });
  };
  const filesDir = () => path.join(t.config.DATA_DIR, 'files');
  const storedCount = () => {
    const walk = (d: string): number => (existsSync(d) ? readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? walk(path.join(d, e.name)) : 1), 0) : 0);
    return walk(filesDir());
  };
  const rows = async () => (await t.app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM file_object'))[0].n;

  it('stores a PDF and a PNG by their content, and gives the uploader the same bytes back with a Chinese name', async () => {
    // as browsers send it: the name raw UTF-8 in the quoted filename, the type a guess
    const res = await upload(alice.token, [{ field: 'file', name: '检测报告.pdf', type: 'application/octet-stream', bytes: PDF }]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '检测报告.pdf', size: PDF.length, mime: 'application/pdf' });
    const back = await t.request('GET', `/api/v1/files/${res.body.id}`, { token: alice.token });
    expect(back.status).toBe(200);
    expect(Buffer.from(back.text).equals(PDF)).toBe(true);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(String(back.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('检测报告.pdf')}`);
    const png = await upload(alice.token, [{ field: 'file', name: 'scan.pdf', type: 'application/pdf', bytes: PNG }]);
    expect(png.body.mime).toBe('image/png'); // the name and the client's type do not decide
  });

  it('refuses a disallowed type (415), an oversize file (413), no file or two files (400), and a JSON body (415) — leaving no file and no row', async () => {
    const before = { files: storedCount(), rows: await rows() };
    const text = await upload(alice.token, [{ field: 'file', name: 'report.pdf', type: 'application/pdf', bytes: Buffer.from('just text pretending to be a PDF') }]);
    expect({ status: text.status, code: text.body.code }).toEqual({ status: 415, code: 'FILE_TYPE_NOT_ALLOWED' });
    const big = await upload(alice.token, [{ field: 'file', name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]) }]);
    expect({ status: big.status, code: big.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    const wrongField = await upload(alice.token, [{ field: 'document', name: 'a.pdf', type: 'application/pdf', bytes: PDF }]);
    expect(wrongField.status).toBe(400);
    const two = await upload(alice.token, [
      { field: 'file', name: 'a.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'file', name: 'b.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(two.status).toBe(400);
    const json = await t.request('POST', '/api/v1/files', { token: alice.token, body: { file: 'x' } });
    expect(json.status).toBe(415);
    // found by the fuzzer: no boundary, and a body that is not a form
    const noBoundary = await t.request('POST', '/api/v1/files', { token: alice.token, rawBody: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect(noBoundary.status).toBe(400);
    const garbage = await t.request('POST', '/api/v1/files', { token: alice.token, rawBody: '--b\r\nTrue--b--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=b' } });
    expect(garbage.status).toBe(400);
    for (const r of [text, big, wrongField, two, json, noBoundary, garbage]) expect(String(r.headers['content-type'])).toContain('application/problem+json');
    expect({ files: storedCount(), rows: await rows() }).toEqual(before);
  });

  it('refuses a multipart body on a route that takes JSON with 415 (a cross-site form post never reaches a command)', async () => {
    const m = multipart([{ field: 'file', name: 'a.pdf', type: 'application/pdf', bytes: PDF }]);
    const res = await t.request('POST', '/api/v1/auth/logout', { token: alice.token, rawBody: m.body, headers: { 'content-type': m.type } });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers 404 to anyone but the uploader, unless an access rule lets them in', async () => {
    const res = await upload(alice.token, [{ field: 'file', name: 'a.pdf', type: 'application/pdf', bytes: PDF }]);
    expect((await t.request('GET', `/api/v1/files/${res.body.id}`, { token: bob.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/files/${res.body.id}`)).status).toBe(401);
    t.app.get(FileAccessRegistry).register(async (_m, me, fileId) => me.userId === bob.userId && fileId === res.body.id);
    expect((await t.request('GET', `/api/v1/files/${res.body.id}`, { token: bob.token })).status).toBe(200);
  });
});

describe(detectMime.name, () => {
  it('tells OOXML and OFD zips apart by their first entries', () => {
    const zipEntry = (name: string) => {
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(Buffer.byteLength(name), 26);
      return Buffer.concat([header, Buffer.from(name)]);
    };
    expect(detectMime(Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('word/document.xml')]))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(detectMime(Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('xl/workbook.xml')]))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(detectMime(zipEntry('OFD.xml'))).toBe('application/ofd');
    expect(detectMime(zipEntry('other.txt'))).toBe('application/zip');
    // found in review: a truncated local header must not read past the end (was a RangeError → 500)
    expect(detectMime(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x01, 0x02, 0x03]))).toBe('application/zip');
    expect(detectMime(Buffer.from('GIF89a'))).toBeNull();
    expect(detectMime(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });
});

const S3 = process.env.INNOSERVE_TEST_S3_ENDPOINT;
if (!S3) process.stdout.write('files: the S3FileStore contract is SKIPPED: no SeaweedFS (weed) binary\n');

const stores: [string, () => FileStore][] = [['local disk', () => new LocalFileStore(path.join(process.env.TMPDIR ?? '/tmp', `innoserve-files-${randomUUID()}`))]];
if (S3) {
  stores.push(['S3 (SeaweedFS)', () => new S3FileStore({ bucket: process.env.INNOSERVE_TEST_S3_BUCKET!, region: 'us-east-1', endpoint: S3, forcePathStyle: true, accessKeyId: 'any', secretAccessKey: 'any' })]);
}

describe.each(stores)('the FileStore contract on %s', (_name, make) => {
  it('puts, gets the same bytes, overwrites atomically and deletes (deleting twice is fine)', async () => {
    const store = make();
    const key = `2026/12/${randomUUID()}`;
    await store.put(key, PDF, 'application/pdf');
    expect((await store.get(key)).equals(PDF)).toBe(true);
    await store.put(key, PNG, 'image/png');
    expect((await store.get(key)).equals(PNG)).toBe(true);
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toThrow();
  });
});
