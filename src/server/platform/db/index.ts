// The database: a pg pool, the typed drizzle client, migrations, and the one way to run a write.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { openReplicas, type ReadOptions } from './replicas.js';

// DATE columns stay 'YYYY-MM-DD' strings: a calendar day has no time zone to shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// COUNT(*) and SUM() come back as int8/numeric: small enough to be numbers here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

// Built without a schema: every query names its tables through the owning module's drizzle objects or SQL pieces
// (no relational `db.query.*`), so the platform needs to know no module's tables. drizzle-kit finds the schema
// files itself (drizzle.config.ts).
export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  /** Where the primary is (the change feed opens its own connection there). */
  url: string;
  /** The primary: every write, and every read that must see the latest commit. */
  db: Db;
  pool: pg.Pool;
  /** For reads that may be a moment stale: a replica that fits (replicas.ts), else `db`. */
  read: (opts?: ReadOptions) => Promise<Db>;
  /** Whether DATABASE_REPLICA_URL named any: without replicas there is no WAL position to hand out. */
  replicated: boolean;
  close: () => Promise<void>;
}

export function openDatabase(url: string, max = 10, opts: { onQuery?: (sql: string) => void; replicaUrls?: string[] } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on('error', () => {}); // an idle client losing its server is reported by the next query instead
  const logger = opts.onQuery ? { logQuery: (query: string) => opts.onQuery!(query) } : undefined;
  const db = drizzle(pool, { logger });
  const replicas = openReplicas(opts.replicaUrls ?? [], db, max, logger);
  return {
    url,
    db,
    pool,
    read: replicas.read,
    replicated: (opts.replicaUrls ?? []).length > 0,
    close: async () => {
      await Promise.all([pool.end(), replicas.close()]);
    },
  };
}

/**
 * The primary's WAL position now, for the read-your-writes cookie. The insert position, not the write position:
 * with synchronous_commit off a commit record may still be in WAL buffers, past what has been written out.
 */
export async function walPosition(db: Db): Promise<string> {
  const { rows } = await db.execute<{ lsn: string }>(sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
  return rows[0].lsn;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}

/** Creates the database named in `url` on its server if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
