import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/** One open unit of work: its manager, while its transaction has not ended. */
interface Unit {
  readonly manager: EntityManager;
  open: boolean;
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
   * The manager of the unit of work running now, else the DataSource's (autocommit): for a read
   * that must see what the command has written so far.
   */
  get manager(): EntityManager {
    const unit = ambient.getStore();
    return unit?.open ? unit.manager : this.dataSource.manager;
  }

  private async once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const unit: Unit = { manager: runner.manager, open: true, afterCommit: [] };
    let result: T;
    try {
      await runner.startTransaction();
      result = await ambient.run(unit, () => work(runner.manager));
      unit.open = false;
      await runner.commitTransaction();
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
