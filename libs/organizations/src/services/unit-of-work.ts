import type { EntityManager } from 'typeorm';
import type { TransactionRunner } from '@innoserve/database';
import type { Principal } from '@innoserve/identity';

/**
 * Runs `work` in the caller's transaction when one is given (another lib acting inside its own
 * command, e.g. a sanction), else in a new one.
 */
export function within<T>(tx: TransactionRunner, manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
  return manager ? work(manager) : tx.run(work);
}

/** A principal for a plain user id (seed and other libs acting for a user who is not staff). */
export function asPrincipal(p: Principal | string): Principal {
  return typeof p === 'string' ? { userId: p, email: '', displayName: '', locale: 'zh', staff: [] } : p;
}
