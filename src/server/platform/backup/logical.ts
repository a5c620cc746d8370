// A logical backup of chibo's database: every table's rows, copied out of one snapshot while chibo serves, and the
// restore that puts them back exactly — for the embedded server and for DATABASE_URL alike (docs/decisions/0013-backups.md).
// PostgreSQL's COPY is the tool (the embedded package ships no pg_dump); the schema comes back from chibo's own
// migrations, replayed up to the level the backup was taken at, so a backup never carries DDL of its own.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrationsFolder } from '../db/index.js';

export const MANIFEST = 'manifest.json';
const FORMAT = 'chibo-logical-backup/1';
/** The schemas chibo's migrations make: its tables, and drizzle's record of the migrations applied. */
const SCHEMAS = ['public', 'drizzle'];

export interface TableEntry {
  name: string; // schema-qualified, quoted as PostgreSQL needs it
  file: string;
  rows: number;
  sha256: string; // of the uncompressed COPY text
}

export interface Manifest {
  format: typeof FORMAT;
  takenAt: string;
  serverVersion: string;
  /** How many of chibo's migrations the database had: the restore replays exactly these. */
  migrations: number;
  lastMigration: string;
  tables: TableEntry[];
  sequences: { name: string; value: string; isCalled: boolean }[];
}

export class BackupError extends Error {}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Counts rows (lines of COPY text: newlines inside values are escaped) and hashes the bytes as they pass. */
function meter() {
  const hash = createHash('sha256');
  let rows = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ rows, sha256: hash.digest('hex') }) };
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}
function journal(): Journal {
  return JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

/**
 * Copies every table of chibo's schemas out of one REPEATABLE READ snapshot (readers and writers go on; what
 * commits meanwhile is simply not in the backup) into `<into>/chibo-<time>/`: one gzipped COPY file per table and
 * a manifest with each file's row count and hash. The folder appears under its final name only when complete.
 */
export async function backupDatabase(url: string, into: string, now = new Date()): Promise<{ dir: string; manifest: Manifest }> {
  fs.mkdirSync(into, { recursive: true, mode: 0o700 });
  const dir = path.join(into, `chibo-${stamp(now)}`);
  if (fs.existsSync(dir)) throw new BackupError(`A backup named ${path.basename(dir)} already exists in ${into}`);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { mode: 0o700 });
  const client = await connect(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const version = (await client.query<{ v: string }>('SHOW server_version')).rows[0].v;
    const applied = await client.query<{ n: number; hash: string | null }>(
      `SELECT count(*)::int AS n, (SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1) AS hash FROM drizzle.__drizzle_migrations`,
    );
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = ANY($1) ORDER BY n.nspname, c.relname`,
      [SCHEMAS],
    );
    const sequences = await client.query<{ name: string; value: string; is_called: boolean }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS value, last_value IS NOT NULL AS is_called
         FROM pg_sequences WHERE schemaname = ANY($1) ORDER BY 1`,
      [SCHEMAS],
    );
    const entries: TableEntry[] = [];
    for (const [i, t] of tables.rows.entries()) {
      const file = `${String(i + 1).padStart(3, '0')}.copy.gz`;
      const m = meter();
      await pipeline(client.query(copyTo(`COPY ${t.name} TO STDOUT`)), m.stream, createGzip({ level: 6 }), fs.createWriteStream(path.join(partial, file), { mode: 0o600 }));
      entries.push({ name: t.name, file, ...m.result() });
    }
    await client.query('COMMIT');
    const jr = journal();
    const manifest: Manifest = {
      format: FORMAT,
      takenAt: now.toISOString(),
      serverVersion: version,
      migrations: applied.rows[0].n,
      lastMigration: jr.entries[applied.rows[0].n - 1]?.tag ?? '',
      tables: entries,
      sequences: sequences.rows.map((s) => ({ name: s.name, value: s.value ?? '1', isCalled: s.is_called })),
    };
    fs.writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    fs.renameSync(partial, dir);
    return { dir, manifest };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  } finally {
    await client.end();
  }
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`${dir} is not a chibo backup (no ${MANIFEST})`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== FORMAT) throw new BackupError(`${dir} is a backup of an unknown format (${String(manifest.format)})`);
  return manifest;
}

/** The SQL statements of chibo's first `count` migrations, in order (drizzle's files, split where drizzle splits). */
function migrationStatements(count: number): string[] {
  const entries = journal().entries.slice(0, count);
  if (entries.length < count)
    throw new BackupError(`The backup was taken at migration ${count}, but this chibo knows only ${entries.length}: restore it with a chibo at least as new`);
  return entries.flatMap((e) =>
    fs
      .readFileSync(path.join(migrationsFolder, `${e.tag}.sql`), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/**
 * Puts a backup back into the database of `url`, replacing what is there, in ONE transaction: either the database
 * is exactly the backup's afterwards, or (any error) exactly what it was. Refuses while other sessions use the
 * database (stop chibo first) unless `force`. Every file is checked against its row count and hash before commit.
 * Triggers stay off while the rows go in (`session_replication_role = replica`: the rows are already what the
 * triggers made, aggregates and the audit chain included), which needs a superuser, as the embedded server's is.
 */
export async function restoreDatabase(url: string, dir: string, opts: { force?: boolean } = {}): Promise<{ tables: number; rows: number }> {
  const manifest = readManifest(dir);
  for (const t of manifest.tables)
    if (!fs.existsSync(path.join(dir, t.file))) throw new BackupError(`The backup is incomplete: ${t.file} (${t.name}) is missing`);
  const statements = migrationStatements(manifest.migrations);
  const client = await connect(url);
  try {
    if (!opts.force) {
      const others = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      if (others.rows[0].n > 0)
        throw new BackupError(`${others.rows[0].n} other connection(s) use this database: stop chibo before restoring (or pass --force)`);
    }
    await client.query('BEGIN');
    for (const s of SCHEMAS) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await client.query('CREATE SCHEMA public');
    await client.query('CREATE SCHEMA drizzle');
    await client.query('CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)');
    for (const s of statements) await client.query(s);
    await client.query('SET LOCAL session_replication_role = replica');
    // What the migrations themselves put in (reference rows) is in the backup too: start from empty tables.
    if (manifest.tables.length) await client.query(`TRUNCATE ${manifest.tables.map((t) => t.name).join(', ')}`);
    let rows = 0;
    for (const t of manifest.tables) {
      const m = meter();
      await pipeline(fs.createReadStream(path.join(dir, t.file)), createGunzip(), m.stream, client.query(copyFrom(`COPY ${t.name} FROM STDIN`)));
      const got = m.result();
      if (got.rows !== t.rows || got.sha256 !== t.sha256)
        throw new BackupError(`The backup's file for ${t.name} is damaged (${got.rows} rows read, ${t.rows} expected)`);
      rows += got.rows;
    }
    for (const s of manifest.sequences) await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [s.name, s.value, s.isCalled]);
    await client.query('COMMIT');
    return { tables: manifest.tables.length, rows };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** One digest per table of chibo's schemas (the rows, in a stable order): equal digests, equal contents. */
export async function tableDigests(url: string): Promise<Record<string, string>> {
  const client = await connect(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = ANY($1) ORDER BY 1`,
      [SCHEMAS],
    );
    const out: Record<string, string> = {};
    for (const t of tables.rows) {
      const r = await client.query<{ d: string; n: number }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS d FROM ${t.name} x`);
      out[t.name] = `${r.rows[0].n}:${r.rows[0].d}`;
    }
    await client.query('COMMIT');
    return out;
  } finally {
    await client.end();
  }
}
