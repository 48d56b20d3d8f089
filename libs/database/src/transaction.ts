import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { DataSource, EntityManager, type QueryRunner } from 'typeorm';
import { preparedNameOf, queryPrepared } from './pg-pool.js';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/** One open unit of work: its manager, while its transaction has not ended. */
interface Unit {
  readonly manager: EntityManager;
  readonly runner: QueryRunner;
  open: boolean;
  /** The transaction ended with the last statement's round trip (commitWith): nothing is left to commit. */
  ended: boolean;
  /** What afterCommit registered: run once the transaction has committed, dropped when it rolls back. */
  readonly afterCommit: (() => void)[];
}

/**
 * The unit of work of the code running now. AsyncLocalStorage follows the awaits of everything
 * started inside TransactionRunner.run, so a service deep in a command joins the command's
 * transaction without a manager being passed down to it.
 */
const ambient = new AsyncLocalStorage<Unit>();

/**
 * The unit of work (libs/database/README.md, "Unit of work"): one transaction per command.
 *
 * The outermost run() opens the transaction and makes it the ambient unit of work for everything
 * `work` awaits; a run() inside it — however deep, in whichever lib — joins that transaction as a
 * savepoint instead of opening a second one, so the whole command commits or rolls back as one
 * (the Idempotency-Key interceptor stores the request's answer in the same transaction this way).
 * A joined run that fails rolls back to its savepoint and rethrows: a caller that catches the error
 * carries on with the rest intact. Serialization failures and deadlocks abort the whole transaction,
 * so only the outermost run retries, running all of `work` again; PostgreSQL decides the
 * interleaving and callers write their logic once.
 *
 * The steps of one unit run one after another (one connection): never run two of them in parallel.
 * Work that escapes the unit (a timer, a queue started inside it) finds it closed once the
 * transaction has ended and opens its own.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>, opts: { retries?: number } = {}): Promise<T> {
    const unit = ambient.getStore();
    if (unit?.open) return unit.manager.transaction(work);
    const retries = opts.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(work);
      } catch (e) {
        const code = pgCode(e);
        if (code && RETRYABLE.has(code) && attempt < retries) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
          continue;
        }
        throw e;
      }
    }
  }

  /** True inside a unit of work: a run() now joins it. */
  get inUnitOfWork(): boolean {
    return ambient.getStore()?.open === true;
  }

  /**
   * Calls `fn` once the unit of work running now has committed, or at once when none is open; never
   * when it rolls back. For in-process state that must follow committed data (a cache to drop):
   * dropping it earlier would let a concurrent read cache the rows as they were before the commit.
   * It may run needlessly (a joined run that failed and was caught): keep it cheap and harmless.
   * Never for side effects that must happen: those go through the outbox.
   */
  afterCommit(fn: () => void): void {
    const unit = ambient.getStore();
    if (unit?.open) unit.afterCommit.push(fn);
    else fn();
  }

  /**
   * Runs the last statement of a command (`m`: the unit's manager) as a prepared statement (as
   * `queryPrepared`) and, when this unit is the outermost, its COMMIT in the same round trip: the
   * two are written to the connection together (pipelined), so the row locks the statement takes
   * are held until the commit's WAL flush and no longer: not while its answer travels back and
   * waits for the event loop, and a COMMIT travels in. Nothing of the unit may run after it. When
   * the statement fails, PostgreSQL answers the COMMIT of the aborted transaction with a ROLLBACK:
   * nothing stays, and the error (a retryable one included) is thrown as from any statement. Inside
   * a joined run (a savepoint, e.g. a keyed request's unit) it only runs the statement, and the
   * outermost run commits as usual.
   */
  async commitWith<T>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
    const unit = ambient.getStore();
    const runner = m.queryRunner;
    // TypeORM's nesting depth (1: the outermost transaction, deeper: savepoints)
    const depth = (r: QueryRunner): { transactionDepth: number } => r as unknown as { transactionDepth: number };
    if (!unit?.open || unit.manager !== m || runner !== unit.runner || !runner.isTransactionActive || depth(runner).transactionDepth !== 1) return queryPrepared<T>(m, text, values);
    const client = (await runner.connect()) as pg.PoolClient & { pipeline: boolean };
    unit.open = false; // nothing joins it from here on
    client.pipeline = true;
    let results: [PromiseSettledResult<pg.QueryResult>, PromiseSettledResult<pg.QueryResult>];
    try {
      results = await Promise.allSettled([client.query({ name: preparedNameOf(text), text, values }), client.query('COMMIT')]);
    } finally {
      // both answers are in: the connection is idle again, and the server's transaction is over
      client.pipeline = false;
      unit.ended = true;
      (runner as { isTransactionActive: boolean }).isTransactionActive = false;
      depth(runner).transactionDepth = 0;
    }
    const [statement, commit] = results;
    if (statement.status === 'rejected') throw statement.reason;
    if (commit.status === 'rejected') throw commit.reason;
    if (commit.value.command !== 'COMMIT') throw new Error(`the transaction did not commit (${commit.value.command})`);
    return statement.value.rows as T[];
  }

  /**
   * The manager of the unit of work running now, else the DataSource's (autocommit): for a read
   * that must see what the command has written so far.
   */
  get manager(): EntityManager {
    const unit = ambient.getStore();
    return unit?.open ? unit.manager : this.dataSource.manager;
  }

  private async once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const unit: Unit = { manager: runner.manager, runner, open: true, ended: false, afterCommit: [] };
    let result: T;
    try {
      await runner.startTransaction();
      result = await ambient.run(unit, () => work(runner.manager));
      unit.open = false;
      if (!unit.ended) await runner.commitTransaction();
    } catch (e) {
      unit.open = false;
      if (runner.isTransactionActive) {
        try {
          await runner.rollbackTransaction();
        } catch {
          // the original error is the answer; a broken connection is discarded on release
        }
      }
      throw e;
    } finally {
      await runner.release();
    }
    for (const fn of unit.afterCommit) {
      try {
        fn();
      } catch (e) {
        // the command has committed: a failing hook must not make it look failed to its caller
        new Logger('TransactionRunner').error(`an afterCommit hook failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return result;
  }
}

/** The PostgreSQL error code of a driver error, if any. */
export function pgCode(e: unknown): string | undefined {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.driverError?.code ?? err?.code;
}

/** The constraint name of a unique/check violation, if any. */
export function pgConstraint(e: unknown): string | undefined {
  const err = e as { constraint?: string; driverError?: { constraint?: string } };
  return err?.driverError?.constraint ?? err?.constraint;
}
