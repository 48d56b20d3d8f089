/**
 * Meilisearch filter expressions, built from values that never change their structure: strings
 * are always double-quoted with backslash and quote escaped (Meilisearch ≥ 1.4 unescapes \\ and
 * \"), numbers must be finite, attribute names come from code and are checked. A value such as
 * `x" OR id EXISTS OR "` stays one quoted string.
 */
import type { NormalizedSearchQuery } from '../search-query.js';
import { regionAncestors } from '../regions.js';

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function attr(name: string): string {
  if (!ATTRIBUTE.test(name)) throw new RangeError(`not a filterable attribute name: ${name}`);
  return name;
}

/** A string literal: "…" with \ and " escaped. */
export function meiliString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function meiliNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}

function literal(value: string | number): string {
  return typeof value === 'number' ? meiliNumber(value) : meiliString(value);
}

export const meiliFilter = {
  /** attr = value (for an array attribute: contains value). */
  eq(name: string, value: string | number): string {
    return `${attr(name)} = ${literal(value)}`;
  },
  /** attr IN [values]; null for an empty list (no value can match). */
  in(name: string, values: readonly (string | number)[]): string | null {
    if (!values.length) return null;
    return `${attr(name)} IN [${values.map(literal).join(', ')}]`;
  },
  /** A numeric range; null when both bounds are absent. */
  range(name: string, bounds: { gte?: number | null; lte?: number | null }): string | null {
    const parts: string[] = [];
    if (bounds.gte !== undefined && bounds.gte !== null) parts.push(`${attr(name)} >= ${meiliNumber(bounds.gte)}`);
    if (bounds.lte !== undefined && bounds.lte !== null) parts.push(`${attr(name)} <= ${meiliNumber(bounds.lte)}`);
    return parts.length ? parts.join(' AND ') : null;
  },
  and(...parts: (string | null | undefined)[]): string | null {
    const kept = parts.filter((p): p is string => !!p);
    return kept.length ? kept.map((p) => (kept.length > 1 ? `(${p})` : p)).join(' AND ') : null;
  },
  or(...parts: (string | null | undefined)[]): string | null {
    const kept = parts.filter((p): p is string => !!p);
    return kept.length ? kept.map((p) => (kept.length > 1 ? `(${p})` : p)).join(' OR ') : null;
  },
};

/** The filter of a query over the Meilisearch document shape (see MeiliDocument). */
export function meiliFilterOf(q: NormalizedSearchQuery): string | undefined {
  const f = meiliFilter;
  const region = q.region ? f.or(f.eq('regionCoverage', q.region), f.in('regionCodes', regionAncestors(q.region))) : null;
  return (
    f.and(
      q.category ? f.eq('categoryPath', q.category) : null,
      q.providerType ? f.eq('providerTypes', q.providerType) : null,
      region,
      q.qualification ? f.eq('qualificationKinds', q.qualification) : null,
      q.program ? f.eq('programIds', q.program) : null,
      f.range('priceMaxFen', { gte: q.priceMinFen }),
      f.range('priceFen', { lte: q.priceMaxFen }),
      f.range('leadTimeDays', { lte: q.leadTimeMaxDays }),
    ) ?? undefined
  );
}
