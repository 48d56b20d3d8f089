/**
 * Small, real documents for the demo: a one-page PDF whose page names what it stands for (the
 * business licence, a certificate), uploaded through FilesService like a user's upload.
 */
import { FilesService } from '@innoserve/files';
import type { Principal } from '@innoserve/identity';

/** A valid one-page PDF (Helvetica, ASCII text lines), with a correct cross-reference table. */
export function demoPdf(lines: readonly string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 14 Tf 60 ${760 - i * 24} Td (${l.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Uploads a demo document as `owner` (checked by content like any upload); answers the file id. */
export async function uploadDemoDocument(files: FilesService, owner: Principal, name: string, lines: readonly string[]): Promise<string> {
  return (await files.upload(owner, { name, bytes: demoPdf(['Innoserve demo document', ...lines]) })).id;
}
