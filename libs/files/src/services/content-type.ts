/**
 * What a file is, from its first bytes (magic numbers), never from its name or the client's
 * Content-Type. ZIP-based formats are told apart by the names of their first entries.
 */
export const ALLOWED_MIME_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/ofd',
  'application/zip',
] as const;
export type AllowedMime = (typeof ALLOWED_MIME_TYPES)[number];

const starts = (b: Buffer, bytes: number[], at = 0): boolean => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);

/** The allowed type of these bytes, or null. */
export function detectMime(b: Buffer): AllowedMime | null {
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return zipKind(b);
  return null;
}

/** Office Open XML and OFD (the e-fapiao format) are ZIPs; the local file headers name their parts. */
function zipKind(b: Buffer): AllowedMime {
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < 8 && starts(b, [0x50, 0x4b, 0x03, 0x04], at); i++) {
    if (b.length < at + 30) break; // a truncated local header: plain ZIP, never a read past the end
    const nameLen = b.readUInt16LE(at + 26);
    const extraLen = b.readUInt16LE(at + 28);
    const compressed = b.readUInt32LE(at + 18);
    names.push(b.toString('latin1', at + 30, Math.min(b.length, at + 30 + nameLen)));
    const flags = b.readUInt16LE(at + 6);
    if (flags & 0x08) break; // sizes after the data: stop here
    at += 30 + nameLen + extraLen + compressed;
  }
  if (names.some((n) => n.startsWith('word/'))) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.some((n) => n.startsWith('xl/'))) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (names.some((n) => n === 'OFD.xml' || n.toLowerCase() === 'ofd.xml')) return 'application/ofd';
  return 'application/zip';
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 200);
}
