import { createHash } from 'node:crypto';

/** Fixed namespace of service-category ids: every installation derives the same id from a code. */
export const CATEGORY_ID_NAMESPACE = '3b4b724c-114a-49b0-81dc-3930eb75cfea';

/** RFC 4122 version-5 (SHA-1, name-based) UUID. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new RangeError('namespace must be a UUID');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The id of the service category with this code. */
export function categoryIdOf(code: string): string {
  return uuidV5(code, CATEGORY_ID_NAMESPACE);
}
