import type { DataSource, EntitySubscriberInterface } from 'typeorm';

/**
 * Simulates a crash after a commit and before the HTTP answer: the first transaction whose commit
 * makes `committed()` true fails right after its COMMIT (a TypeORM afterTransactionCommit hook), as
 * a process killed at that instant would. Returns a function removing the hook.
 */
export function crashAfterCommit(db: DataSource, committed: () => Promise<boolean>): () => void {
  let fired = false;
  const hook: EntitySubscriberInterface = {
    async afterTransactionCommit() {
      if (fired || !(await committed())) return;
      fired = true;
      throw new Error('crashed after the commit');
    },
  };
  db.subscribers.push(hook);
  return () => db.subscribers.splice(db.subscribers.indexOf(hook), 1);
}
