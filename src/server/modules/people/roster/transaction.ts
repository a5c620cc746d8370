// A transaction held open across the batches of an import (drizzle's transaction() only lives inside one
// callback), on a connection of its own: the import writes into it while the file is still being read, then
// commits or rolls it back. Bulk rows go in with COPY, which PostgreSQL inserts several to a page write and
// without parsing array parameters: about half the time of INSERT … SELECT FROM unnest() for the audit trail.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { copyInto, copyLines, type CopyRows } from '../../../platform/copy.js';
import type { Db } from '../../../platform/db/index.js';

export interface OpenTransaction {
  tx: Db;
  copy: CopyRows;
  commit: () => Promise<void>;
  rollback: () => Promise<void>;
}

export async function openTransaction(db: Db): Promise<OpenTransaction> {
  const pool = (db as Db & { $client: unknown }).$client;
  if (!(pool instanceof pg.Pool)) throw new Error('openTransaction needs a database on a pg pool');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  let ended = false;
  const end = async (statement: 'COMMIT' | 'ROLLBACK') => {
    if (ended) return;
    ended = true;
    try {
      const result = await client.query(statement);
      // PostgreSQL answers COMMIT of a transaction a failed statement aborted with ROLLBACK, not an error.
      if (statement === 'COMMIT' && result.command !== 'COMMIT') throw new Error('The import transaction was aborted');
      client.release();
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
  };
  return {
    tx: drizzle(client),
    copy: async (table, columns, rows) => {
      if (rows.length === 0) return;
      await copyInto(client, table, columns, copyLines(rows));
    },
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK'),
  };
}
