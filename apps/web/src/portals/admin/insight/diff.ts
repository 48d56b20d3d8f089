// The difference between an audit entry's before and after: both flattened to dotted paths
// (nested objects and arrays of objects walked, arrays of plain values kept whole), each path
// marked added, removed, changed or unchanged.

export type DiffKind = 'added' | 'removed' | 'changed' | 'same';
export interface DiffRow {
  path: string;
  kind: DiffKind;
  before?: string;
  after?: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || typeof v !== 'object';

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (Array.isArray(value) && value.length > 0 && !value.every(isScalar)) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
    return;
  }
  out.set(prefix || '(value)', JSON.stringify(value) ?? 'null');
}

export function flat(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (value !== undefined && value !== null) flatten(value, '', out);
  return out;
}

export function diff(before: unknown, after: unknown): DiffRow[] {
  const b = flat(before);
  const a = flat(after);
  const paths = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return paths.map((path) => {
    const was = b.get(path);
    const is = a.get(path);
    const kind: DiffKind = was === undefined ? 'added' : is === undefined ? 'removed' : was === is ? 'same' : 'changed';
    return { path, kind, before: was, after: is };
  });
}
