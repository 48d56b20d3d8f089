/**
 * Numbered parameters for a statement assembled from pieces owned by different libs (e.g. a
 * ledger posting and an audit entry inside one vouchers statement): each piece asks for its
 * placeholders here, so numbering never collides and values never enter the SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder for `value`, with an optional cast (`$3::uuid[]`). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  /**
   * `unnest($1::t1[], $2::t2[], …) WITH ORDINALITY AS alias(c1, c2, …, ord)`: one row per index of
   * the given columns (each `[name, values, element type]`, all of one length), numbered from 1 in
   * `ord` — for a statement that writes or reads many rows at once.
   */
  unnest(alias: string, columns: readonly (readonly [name: string, values: readonly unknown[], type: string])[]): string {
    const length = columns[0]?.[1].length ?? 0;
    if (columns.some(([, values]) => values.length !== length)) throw new RangeError(`unnest ${alias}: columns of different lengths`);
    const arrays = columns.map(([, values, type]) => this.add(values, `${type}[]`)).join(', ');
    return `unnest(${arrays}) WITH ORDINALITY AS ${alias}(${[...columns.map(([name]) => name), 'ord'].join(', ')})`;
  }
}

/** SQLSTATE of `innoserve_refuse_unless` (RAISE EXCEPTION's default, P0001) with the refusal code as the message. */
export const REFUSAL_SQLSTATE = 'P0001';

/**
 * The refusal code raised inside a statement by `innoserve_refuse_unless(ok, code, detail)` (see
 * the RefuseUnless migration): the whole statement, and with it its transaction, is rolled back.
 * Null for any other error.
 */
export function refusalOf(e: unknown): { code: string; detail: string | null } | null {
  const err = e as { code?: string; message?: string; detail?: string; driverError?: { code?: string; message?: string; detail?: string } };
  const d = err?.driverError ?? err;
  if (d?.code !== REFUSAL_SQLSTATE || typeof d.message !== 'string' || !/^[A-Z][A-Z_]+$/.test(d.message)) return null;
  return { code: d.message, detail: d.detail ?? null };
}
