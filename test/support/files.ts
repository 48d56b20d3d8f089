/** Uploads for e2e tests: a small valid PDF through POST /api/v1/files, as the caller. */
import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';

const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

/** Uploads a PDF as `token`'s user; answers the file id. */
export async function uploadPdf(t: Pick<TestApp, 'request'>, token: string, name = 'document.pdf'): Promise<string> {
  const boundary = `----innoserve${randomUUID()}`;
  const body = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"`, 'Content-Type: application/pdf', '', PDF, `--${boundary}--`, ''].join('\r\n');
  const res = await t.request<{ id: string }>('POST', '/api/v1/files', { token, rawBody: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
  return res.body.id;
}
