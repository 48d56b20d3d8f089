import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LEDGER_MOVES, LEDGER_TRANSACTION_TYPES } from './ledger-moves.js';

export interface LedgerVerification {
  ok: boolean;
  programs: number;
  transactions: number;
  entries: number;
  accounts: number;
  holds: number;
  problems: string[];
}

/** Rows listed per check; beyond that the check reports a count. */
const LIMIT = 100;

const MOVES_SQL = `(VALUES ${LEDGER_TRANSACTION_TYPES.map((t) => `('${t}', '${LEDGER_MOVES[t].from}', '${LEDGER_MOVES[t].to}')`).join(', ')}) AS mv(type, from_kind, to_kind)`;

interface Check {
  /** Selects one `problem` text column per offending row. */
  sql: string;
}

/**
 * Recomputes the ledger from its entries, in one read-only snapshot (so movements committing
 * meanwhile cannot make it disagree with itself): every transaction sums to zero and has postings,
 * each posting makes its type's move and each source balances on its own, every balance row equals
 * the sum of its entries, no account that must not go negative is negative, and every grant's held
 * amount equals what its open holds still hold.
 */
@Injectable()
export class LedgerVerifier {
  constructor(private readonly dataSource: DataSource) {}

  async verify(): Promise<LedgerVerification> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const [counts] = await m.query<{ programs: string; transactions: string; entries: string; accounts: string; holds: string }[]>(`
        SELECT (SELECT count(DISTINCT program_id) FROM ledger_balance)::text AS programs,
               (SELECT count(*) FROM ledger_transaction)::text AS transactions,
               (SELECT count(*) FROM ledger_entry)::text AS entries,
               (SELECT count(*) FROM ledger_balance)::text AS accounts,
               (SELECT count(*) FROM ledger_hold)::text AS holds`);
      const problems: string[] = [];
      for (const check of CHECKS) problems.push(...(await this.run(m, check)));
      return {
        ok: problems.length === 0,
        programs: Number(counts.programs),
        transactions: Number(counts.transactions),
        entries: Number(counts.entries),
        accounts: Number(counts.accounts),
        holds: Number(counts.holds),
        problems,
      };
    });
  }

  private async run(m: EntityManager, check: Check): Promise<string[]> {
    const rows = await m.query<{ problem: string; total: string }[]>(
      `SELECT problem, count(*) OVER ()::text AS total FROM (${check.sql}) AS c LIMIT ${LIMIT}`,
    );
    const out = rows.map((r) => r.problem);
    const total = rows[0] ? Number(rows[0].total) : 0;
    if (total > rows.length) out.push(`… and ${total - rows.length} more like the above`);
    return out;
  }
}

const CHECKS: Check[] = [
  {
    sql: `SELECT 'transaction ' || transaction_id || ' sums to ' || sum(amount_fen) || ' fen, not 0' AS problem
            FROM ledger_entry GROUP BY transaction_id HAVING sum(amount_fen) <> 0`,
  },
  {
    sql: `SELECT 'transaction ' || t.id || ' (' || t.type || ') has ' || count(e.id) || ' postings' AS problem
            FROM ledger_transaction t LEFT JOIN ledger_entry e ON e.transaction_id = t.id
           GROUP BY t.id, t.type HAVING count(e.id) < 2`,
  },
  {
    sql: `SELECT 'entry ' || e.id || ' belongs to program ' || e.program_id || ' but its transaction ' || t.id || ' to ' || t.program_id AS problem
            FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id WHERE e.program_id <> t.program_id`,
  },
  {
    sql: `SELECT 'entry ' || e.id || ' posts to ' || e.account || ', which has no balance row' AS problem
            FROM ledger_entry e LEFT JOIN ledger_balance b ON b.program_id = e.program_id AND b.account = e.account WHERE b.id IS NULL`,
  },
  {
    sql: `SELECT 'entry ' || e.id || ' of ' || t.type || ' ' || t.id || ' ' || CASE WHEN e.amount_fen < 0 THEN 'debits' ELSE 'credits' END
                 || ' ' || e.account || ' (' || b.kind || '); a ' || t.type || ' moves ' || mv.from_kind || ' → ' || mv.to_kind AS problem
            FROM ledger_entry e
            JOIN ledger_transaction t ON t.id = e.transaction_id
            JOIN ledger_balance b ON b.program_id = e.program_id AND b.account = e.account
            JOIN ${MOVES_SQL} ON mv.type = t.type
           WHERE (e.amount_fen < 0 AND b.kind <> mv.from_kind) OR (e.amount_fen > 0 AND b.kind <> mv.to_kind)`,
  },
  {
    sql: `SELECT 'transaction ' || e.transaction_id || ' moves ' || sum(e.amount_fen) || ' fen into source ' || b.source AS problem
            FROM ledger_entry e JOIN ledger_balance b ON b.program_id = e.program_id AND b.account = e.account
           GROUP BY e.transaction_id, b.source HAVING sum(e.amount_fen) <> 0`,
  },
  {
    sql: `SELECT 'account ' || b.account || ' of program ' || b.program_id || ' holds ' || b.balance_fen || ' fen but its entries sum to ' || coalesce(s.total, 0) AS problem
            FROM ledger_balance b
            LEFT JOIN (SELECT program_id, account, sum(amount_fen) AS total FROM ledger_entry GROUP BY program_id, account) s
                   ON s.program_id = b.program_id AND s.account = b.account
           WHERE b.balance_fen <> coalesce(s.total, 0)`,
  },
  {
    sql: `SELECT 'account ' || b.account || ' of program ' || b.program_id || ' (' || b.kind || ') is negative: ' || b.balance_fen || ' fen' AS problem
            FROM ledger_balance b WHERE b.kind <> 'funding' AND b.balance_fen < 0
          UNION ALL
          SELECT 'account ' || e.account || ' of program ' || e.program_id || ' would be negative by its entries: ' || sum(e.amount_fen) || ' fen' AS problem
            FROM ledger_entry e JOIN ledger_balance b ON b.program_id = e.program_id AND b.account = e.account
           WHERE b.kind <> 'funding' GROUP BY e.program_id, e.account HAVING sum(e.amount_fen) < 0
          UNION ALL
          SELECT 'account ' || b.account || ' of program ' || b.program_id || ' is marked ' || CASE WHEN b.may_go_negative THEN '' ELSE 'not ' END
                 || 'allowed to go negative' AS problem
            FROM ledger_balance b WHERE b.may_go_negative <> (b.kind = 'funding')`,
  },
  {
    sql: `SELECT 'grant ' || coalesce(b.grant_id, h.grant_id) || ' holds ' || coalesce(b.balance_fen, 0) || ' fen of source ' || coalesce(b.source, h.source)
                 || ' but its open holds ' || coalesce(h.open_fen, 0) AS problem
            FROM (SELECT program_id, grant_id, source, balance_fen FROM ledger_balance WHERE kind = 'grant_held') b
            FULL JOIN (SELECT hh.program_id, hh.grant_id, p.source, sum(p.open_fen) AS open_fen
                         FROM ledger_hold hh JOIN ledger_hold_part p ON p.hold_id = hh.id GROUP BY hh.program_id, hh.grant_id, p.source) h
                   ON h.program_id = b.program_id AND h.grant_id = b.grant_id AND h.source = b.source
           WHERE coalesce(b.balance_fen, 0) <> coalesce(h.open_fen, 0)`,
  },
  {
    sql: `SELECT 'hold ' || hh.id || ' records ' || hh.amount_fen || ' fen (' || hh.open_fen || ' open) but its parts ' || coalesce(sum(p.amount_fen), 0)
                 || ' (' || coalesce(sum(p.open_fen), 0) || ' open)' AS problem
            FROM ledger_hold hh LEFT JOIN ledger_hold_part p ON p.hold_id = hh.id
           GROUP BY hh.id HAVING hh.amount_fen <> coalesce(sum(p.amount_fen), 0) OR hh.open_fen <> coalesce(sum(p.open_fen), 0)`,
  },
  {
    sql: `SELECT 'hold ' || hh.id || ' has no hold transaction' AS problem
            FROM ledger_hold hh LEFT JOIN ledger_transaction t ON t.id = hh.id AND t.type = 'hold' WHERE t.id IS NULL`,
  },
];
