// A transaction held open across the batches of an import (drizzle's transaction() only lives inside one
// callback): the import writes into it while the file is still being read, then commits or rolls it back.
import { TransactionRollbackError } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/index.js';

export interface OpenTransaction {
  tx: Tx;
  commit: () => Promise<void>;
  rollback: () => Promise<void>;
}

export function openTransaction(db: Db): Promise<OpenTransaction> {
  return new Promise((opened, failed) => {
    let decide!: (commit: boolean) => void;
    const decision = new Promise<boolean>((resolve) => (decide = resolve));
    const done = db.transaction(async (tx) => {
      opened({
        tx,
        commit: async () => {
          decide(true);
          await done;
        },
        rollback: async () => {
          decide(false);
          await done.catch((err) => {
            if (!(err instanceof TransactionRollbackError)) throw err;
          });
        },
      });
      if (!(await decision)) tx.rollback();
    });
    done.catch(failed); // BEGIN failed: nothing was opened (later failures reach commit/rollback instead)
  });
}
