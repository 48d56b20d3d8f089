import type { EntityManager } from 'typeorm';
import { suppress } from './suppression.js';

export interface PublicStatistics {
  /** Money and activity per program that has opened: aggregates over many enterprises only. */
  programs: { programId: string; name: string; fiscalYear: number; status: string; grantedFen: number | null; disbursedFen: number | null; ordersCompleted: number | null; enterprisesServed: number | null }[];
  /** Enterprises served per county and top-level category; null where fewer than 3 (or a complementary cell). */
  enterprisesByCountyAndCategory: { regionCode: string; regionName: string; category: string; categoryName: string; enterprises: number | null }[];
  /** The threshold: no published figure identifies an enterprise with fewer than this many in its cell. */
  minimumCell: number;
}

const K = 3;

/**
 * The transparency page's figures (open to anyone): per program, totals only when at least three
 * enterprises are behind them; per county and category, enterprises served with small cells and
 * their complements hidden.
 */
export async function publicStatistics(managers: EntityManager | readonly EntityManager[]): Promise<PublicStatistics> {
  // given several managers (one snapshot on several connections), the statements run side by side
  const ms = (Array.isArray(managers) ? managers : [managers]) as readonly EntityManager[];
  // the programs' money and their activity are separate statements (on separate connections when there are three)
  const programsQ = ms[0].query<{ id: string; name: string; fiscal_year: number; status: string; granted: string; disbursed: string; grantees: string }[]>(
    `SELECT p.id, p.name, p.fiscal_year, p.status,
            COALESCE((SELECT SUM(-e.amount_fen) FROM ledger_balance b JOIN ledger_entry e ON e.program_id = b.program_id AND e.account = b.account JOIN ledger_transaction t ON t.id = e.transaction_id
                       WHERE b.program_id = p.id AND b.kind = 'pool' AND t.type = 'grant'), 0)::text AS granted,
            COALESCE((SELECT SUM(b.balance_fen) FROM ledger_balance b WHERE b.program_id = p.id AND b.kind = 'disbursed'), 0)::text AS disbursed,
            (SELECT count(DISTINCT g.enterprise_id) FROM voucher_grant g WHERE g.program_id = p.id)::text AS grantees
       FROM voucher_program p WHERE p.status IN ('open','closed','archived') ORDER BY p.fiscal_year DESC, p.name`,
  );
  const activityQ = ms[Math.min(1, ms.length - 1)].query<{ id: string; orders: string; served: string }[]>(
    `SELECT p.id,
            (SELECT count(*) FROM service_order o WHERE o.program_id = p.id AND o.status IN ('completed','refunded'))::text AS orders,
            (SELECT count(DISTINCT o.enterprise_id) FROM service_order o WHERE o.program_id = p.id AND o.status IN ('completed','refunded'))::text AS served
       FROM voucher_program p WHERE p.status IN ('open','closed','archived')`,
  );
  const cellsQ = ms[ms.length - 1].query<{ region_code: string; region_name: string | null; category: string; category_name: string | null; enterprises: string }[]>(
    // the distinct (county, category, enterprise) triples first (hashed), then counted per cell: a
    // count(DISTINCT …) would sort a year of orders by their text keys
    `WITH cells AS (
       SELECT region_code, category, count(*) AS enterprises
         FROM (SELECT DISTINCT o.region_code, split_part(c.path, '/', 1) AS category, o.enterprise_id
                 FROM service_order o JOIN service_category c ON c.id = o.category_id
                WHERE o.status IN ('completed','refunded') AND o.program_id IS NOT NULL) AS triples
        GROUP BY 1, 2)
     SELECT x.region_code, r.name_zh AS region_name, x.category, root.name_zh AS category_name, x.enterprises::text AS enterprises
       FROM cells x
       LEFT JOIN service_category root ON root.code = x.category
       LEFT JOIN region r ON r.code = x.region_code
      ORDER BY 1, 3`,
  );
  const [programs, activity, cells] = await Promise.all([programsQ, activityQ, cellsQ]);
  const activityOf = new Map(activity.map((a) => [a.id, a]));
  const hidden = suppress(cells.map((c) => ({ row: c.region_code, col: c.category, count: Number(c.enterprises) })), K);
  return {
    programs: programs.map((program) => {
      const p = { ...program, ...activityOf.get(program.id)! };
      // a program's money speaks of its grantees, its activity of the enterprises served: each shown only over three or more
      const money = Number(p.grantees) >= K;
      const activity = Number(p.served) >= K;
      return {
        programId: p.id,
        name: p.name,
        fiscalYear: p.fiscal_year,
        status: p.status,
        grantedFen: money ? Number(p.granted) : null,
        disbursedFen: money && activity ? Number(p.disbursed) : null,
        ordersCompleted: activity ? Number(p.orders) : null,
        enterprisesServed: activity ? Number(p.served) : null,
      };
    }),
    enterprisesByCountyAndCategory: cells.map((c) => ({
      regionCode: c.region_code,
      regionName: c.region_name ?? c.region_code,
      category: c.category,
      categoryName: c.category_name ?? c.category,
      enterprises: hidden.has(`${c.region_code}\u0000${c.category}`) ? null : Number(c.enterprises),
    })),
    minimumCell: K,
  };
}
