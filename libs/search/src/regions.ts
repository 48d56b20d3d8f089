/**
 * Region semantics of search (docs/product.md: "the region filter means the offering's service
 * regions, and a city code covers its counties"):
 *
 * - filtering by a city (350500) finds offerings that serve the city itself or any region under
 *   it (350582 晋江市, the functional zone 350571 …);
 * - filtering by a county (350582) finds offerings that serve that county, and offerings that
 *   serve its whole city (or province): an offering serving 350500 serves 晋江 too;
 * - the region facet counts an offering under each region it serves and under their ancestors,
 *   so the count shown for 350500 is what filtering by 350500 finds (up to offerings serving the
 *   province as a whole).
 *
 * Ancestry comes from the reference regions (parent codes; functional zones included) and, for
 * a six-digit code the reference data does not list, from the GB/T 2260 code structure
 * (county 350582 → city 350500 → province 350000).
 */
import { REGIONS } from '@innoserve/reference';

const PARENT = new Map<string, string | null>(REGIONS.map((r) => [r.code, r.parentCode]));

function structuralParent(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return null;
  if (code.endsWith('00')) return `${code.slice(0, 2)}0000`;
  return `${code.slice(0, 4)}00`;
}

/** The ancestors of a region, nearest first, without the region itself. */
export function regionAncestors(code: string): string[] {
  const out: string[] = [];
  let current = code;
  for (let depth = 0; depth < 8; depth++) {
    const parent = PARENT.has(current) ? (PARENT.get(current) ?? null) : structuralParent(current);
    if (!parent || out.includes(parent)) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

/** The served regions and all their ancestors: what a region filter and the region facet match. */
export function regionCoverage(codes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const c of codes) {
    out.add(c);
    for (const a of regionAncestors(c)) out.add(a);
  }
  return [...out];
}
