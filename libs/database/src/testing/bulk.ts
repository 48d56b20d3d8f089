/**
 * Bulk-loading helpers for generated data (benchmarks and the tests that reconcile over a generated
 * year): a seeded random source, so the same seed always yields the same rows, and an INSERT of
 * many plain rows per statement through json_to_recordset.
 */

/** A seeded PRNG (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Anything that runs a parameterised statement: a pg client, a TypeORM manager or query runner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Inserts `rows` into `table` in batches of `batch`. `defs` lists the columns written, each with its
 * type as json_to_recordset needs it ('id uuid, amount_fen bigint, …'); other keys of a row are
 * ignored and a missing key is written as NULL.
 */
export async function insertRows(q: Queryable, table: string, defs: string, rows: readonly Record<string, unknown>[], batch = 2000): Promise<void> {
  const cols = defs.split(',').map((d) => d.trim().split(/\s+/)[0]);
  const keep = (r: Record<string, unknown>) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null]));
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch).map(keep);
    await q.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM json_to_recordset($1::json) AS x(${defs})`, [JSON.stringify(chunk)]);
  }
}
