// A transaction held open across the batches of an import (drizzle's transaction() only lives inside one
// callback), on a connection of its own: the import writes into it while the file is still being read, then
// commits or rolls it back. Bulk rows go in with COPY, which PostgreSQL inserts several to a page write and
// without parsing array parameters: about half the time of INSERT … SELECT FROM unnest() for the audit trail.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CopyRows } from '../../../platform/audit/audit.js';
import type { Db } from '../../../platform/db/index.js';

export interface OpenTransaction {
  tx: Db;
  copy: CopyRows;
  commit: () => Promise<void>;
  rollback: () => Promise<void>;
}

/** A value in COPY's text format: \N is NULL; backslash, tab and line breaks are escaped. */
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyText = (v: string | number | null): string => {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : v;
};

/** COPY text of rows, 500 rows a chunk (joined, so each chunk is one flat string, not a rope of its values). */
function* copyLines(rows: (string | number | null)[][]): Generator<string> {
  for (let i = 0; i < rows.length; i += 500) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(i + 500, rows.length); j++) {
      const row = rows[j];
      const values: string[] = new Array(row.length);
      for (let k = 0; k < row.length; k++) values[k] = copyText(row[k]);
      lines.push(values.join('\t'));
    }
    lines.push('');
    yield lines.join('\n');
  }
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
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(copyLines(rows)), stream);
    },
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK'),
  };
}
