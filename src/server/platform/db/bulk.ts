// The demo loaders' bulk-load switch, in one place: where the database lets us (a superuser, as the embedded server's
// user is), a bulk load sets `session_replication_role = replica` for the rest of its transaction, which skips the
// per-row foreign-key checks and every ordinary trigger (the figures', the change feed's). Only for rows that are
// consistent by construction (built from the rows just read), and the caller rebuilds afterwards whatever the skipped
// triggers would have kept (figures, the change feed's notice). Elsewhere (a managed database's ordinary user) the load
// runs with the checks and triggers on: slower, the same rows.
import { sql } from 'drizzle-orm';
import type { Executor } from './index.js';

/**
 * Runs `fn` inside the caller's transaction with the switch on where allowed, and off again after it (back to
 * `origin`, so the statements that follow fire their triggers). `fn` is told whether it is on (`bulk`), and so is the
 * caller: what it skipped is the caller's to rebuild. On an error the transaction is aborted anyway (SET LOCAL goes
 * with it).
 */
export async function withBulkWrites<T>(tx: Executor, fn: (bulk: boolean) => Promise<T>): Promise<{ bulk: boolean; result: T }> {
  const [{ bulk }] = (await tx.execute<{ bulk: boolean }>(sql`SELECT rolsuper AS bulk FROM pg_roles WHERE rolname = current_user`)).rows;
  if (bulk) await tx.execute(sql`SET LOCAL session_replication_role = replica`);
  const result = await fn(bulk);
  if (bulk) await tx.execute(sql`SET LOCAL session_replication_role = origin`);
  return { bulk, result };
}
