// Loads the demo data into the database: one transaction, COPY in batches, one audit event.
// Generation of the next communes overlaps with the COPY of the previous batch (the server works while we compute).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, eq, getTableColumns, getTableName, inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../platform/db/index.js';
import {
  concurrentPosts,
  equipmentIssues,
  memberships,
  orgUnits,
  orgUnitVersions,
  people,
  positionTerms,
  roleGrants,
  users,
} from '../../platform/db/schema.js';
import * as schema from '../../platform/db/schema.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { systemActor } from '../../platform/access.js';
import { conflict } from '../../platform/errors.js';
import { hashPassword } from '../users/passwords.js';
import { DEMO_PASSWORD, DEMO_USERNAMES, type DemoLoginInfo } from './logins.js';
import {
  DEMO_REFERENCE_DATE,
  DEMO_TABLE_ORDER,
  generateDemo,
  type DemoLogin,
  type DemoOptions,
  type DemoRows,
  type DemoUnitInfo,
} from './generator.js';

export { DEMO_PASSWORD, DEMO_USERNAMES, demoLogins, type DemoLoginInfo } from './logins.js';

export interface SeedDemoOptions extends Omit<DemoOptions, 'passwordHash'> {
  /** Rows buffered before they are sent (default 4000 × 4). */
  batchRows?: number;
  log?: (message: string) => void;
}

export interface DemoSeedCounts {
  provinces: number;
  communes: number;
  cells: number;
  orgUnitVersions: number;
  people: number;
  /** People with status 'active' (members today). */
  activeMembers: number;
  memberships: number;
  positionTerms: number;
  concurrentPosts: number;
  equipmentIssues: number;
  users: number;
  roleGrants: number;
}

export interface SeedDemoResult {
  logins: DemoLoginInfo[];
  counts: DemoSeedCounts;
  provinceId: string;
  /** Wall-clock time of the whole seed, ms. */
  ms: number;
}

const TABLES: Record<keyof DemoRows, PgTable> = {
  orgUnits,
  orgUnitVersions,
  people,
  memberships,
  positionTerms,
  concurrentPosts,
  equipmentIssues,
  users,
  roleGrants,
};

/** A value in COPY's text format: \N is NULL; an array is its literal with quoted elements; backslash, tab and line breaks escaped. */
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  let text: string;
  if (typeof v === 'string') text = v;
  else if (Array.isArray(v)) text = `{${v.map((e) => (e === null ? 'NULL' : `"${String(e).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
  else if (v instanceof Date) text = v.toISOString();
  else if (typeof v === 'object') text = JSON.stringify(v);
  else text = String(v);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

/**
 * COPY of one table's rows (the columns of the first row, as drizzle's insert objects name them), streamed in
 * chunks of 1,000 lines: PostgreSQL fills pages several rows at a time and parses no parameters — faster than
 * INSERT … SELECT FROM unnest() of arrays.
 */
async function copyRows(client: pg.PoolClient, table: PgTable, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]);
  const names = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`No column ${key} in ${getTableName(table)}`);
    return `"${column.name}"`;
  });
  function* chunks() {
    for (let i = 0; i < rows.length; i += 1000) {
      let text = '';
      for (const r of rows.slice(i, i + 1000) as Record<string, unknown>[]) {
        for (let k = 0; k < keys.length; k++) text += (k === 0 ? '' : '\t') + copyValue(r[keys[k]]);
        text += '\n';
      }
      yield text;
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY "${getTableName(table)}" (${names.join(', ')}) FROM STDIN`)));
}

/**
 * Drops the secondary indexes and the unique and exclusion constraints of the tables that are empty (a fresh
 * database), read generically from the catalog, and returns the statements that build them again — once, over all
 * the rows, far cheaper than keeping a GiST exclusion constraint or the trigram GIN index up to date row by row.
 * Primary keys, and any index a foreign key relies on, stay.
 */
async function dropEmptyTablesIndexes(tx: Tx, tables: PgTable[]): Promise<string[]> {
  const empty: string[] = [];
  for (const table of tables) {
    const [row] = (await tx.execute<{ used: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM ${table}) AS used`)).rows;
    if (!row.used) empty.push(getTableName(table));
  }
  if (empty.length === 0) return [];
  const { rows } = await tx.execute<{ drop: string; create: string }>(sql`
    SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS create
    FROM pg_constraint c
    WHERE c.conrelid = ANY (${sql.param(empty)}::regclass[]) AND c.contype IN ('u', 'x')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
    UNION ALL
    SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
    FROM pg_index i
    WHERE i.indrelid = ANY (${sql.param(empty)}::regclass[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`);
  for (const r of rows) await tx.execute(sql.raw(r.drop));
  return rows.map((r) => r.create);
}

/**
 * Generates the demo data (see generator.ts) and inserts it in ONE transaction, with one audit event
 * 'demo.seed' on the (first) province. Refuses to run when any demo province or demo username is already there.
 */
export async function seedDemo(db: Db, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const batchRows = opts.batchRows ?? 4000;
  const provinceCodes = opts.provinceCodes ?? ['08'];
  // One argon2 hash, shared by every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // One connection of the pool for the whole seed: COPY streams through it, inside the seed's transaction.
  const pool = (db as Db & { $client: unknown }).$client;
  if (!(pool instanceof pg.Pool)) throw new Error('seedDemo needs a database on a pg pool');
  const client = await pool.connect();
  try {
    const result = await drizzle(client, { schema }).transaction((tx) => load(tx, client));
    client.release();
    return result;
  } catch (err) {
    client.release(err as Error); // not back to the pool: a COPY may have been cut off
    throw err;
  }

  async function load(tx: Tx, client: pg.PoolClient): Promise<SeedDemoResult> {
    const existing = await tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.kind, 'province'), inArray(orgUnits.code, provinceCodes)))
      .limit(1);
    if (existing.length > 0) throw conflict('The demo province is already in the database');
    const taken = await tx.select({ username: users.username }).from(users).where(inArray(users.username, [...DEMO_USERNAMES])).limit(1);
    if (taken.length > 0) throw conflict(`The demo account ${taken[0].username} already exists`);

    const counts: DemoSeedCounts = {
      provinces: 0, communes: 0, cells: 0, orgUnitVersions: 0, people: 0, activeMembers: 0, memberships: 0,
      positionTerms: 0, concurrentPosts: 0, equipmentIssues: 0, users: 0, roleGrants: 0,
    };
    // The generated rows are consistent by construction (generator tests): where the database lets us (a superuser,
    // as the embedded server's user is), the load skips the per-row foreign-key checks and the figures triggers —
    // about a third of a fresh `npm start` — and the figures of the new cells are built once at the end; into empty
    // tables (a fresh database) it also loads without their secondary indexes and builds them once at the end.
    const [{ bulk }] = (await tx.execute<{ bulk: boolean }>(sql`SELECT rolsuper AS bulk FROM pg_roles WHERE rolname = current_user`)).rows;
    let rebuild: string[] = [];
    if (bulk) {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      rebuild = await dropEmptyTablesIndexes(tx, Object.values(TABLES));
    }
    const cellIds: string[] = [];
    let buffer: DemoRows = emptyBuffer();
    let buffered = 0;
    let inflight: Promise<void> | null = null;
    let firstProvince: DemoUnitInfo | undefined;
    let logins: DemoLogin[] = [];

    const flush = async () => {
      if (inflight) await inflight; // at most one insert round in flight: memory stays bounded
      const rows = buffer;
      buffer = emptyBuffer();
      buffered = 0;
      inflight = (async () => {
        for (const key of DEMO_TABLE_ORDER) await copyRows(client, TABLES[key], rows[key]);
      })();
      inflight.catch(() => {}); // observed when awaited; this only prevents an "unhandled rejection" in between
    };

    let communesDone = 0;
    for (const batch of generateDemo({ ...opts, provinceCodes, passwordHash })) {
      if (batch.scope === 'province' && !firstProvince) firstProvince = batch.unit;
      if (batch.logins) logins = batch.logins;
      for (const key of DEMO_TABLE_ORDER) {
        const rows = batch[key];
        if (rows.length === 0) continue;
        for (const r of rows) (buffer[key] as object[]).push(r);
        buffered += rows.length;
      }
      counts.provinces += batch.orgUnits.filter((u) => u.kind === 'province').length;
      counts.communes += batch.orgUnits.filter((u) => u.kind === 'commune' || u.kind === 'ward').length;
      for (const u of batch.orgUnits) if (u.kind === 'cell' && u.id) cellIds.push(u.id);
      counts.cells += batch.orgUnits.filter((u) => u.kind === 'cell').length;
      counts.orgUnitVersions += batch.orgUnitVersions.length;
      counts.people += batch.people.length;
      for (const p of batch.people) if (p.status === 'active') counts.activeMembers++;
      counts.memberships += batch.memberships.length;
      counts.positionTerms += batch.positionTerms.length;
      counts.concurrentPosts += batch.concurrentPosts.length;
      counts.equipmentIssues += batch.equipmentIssues.length;
      counts.users += batch.users.length;
      counts.roleGrants += batch.roleGrants.length;
      if (batch.scope === 'commune' && ++communesDone % 25 === 0) log(`demo seed: ${communesDone} communes, ${counts.people} people`);
      if (buffered >= batchRows * 4) await flush();
    }
    await flush();
    if (inflight) await inflight;
    if (!firstProvince) throw new Error('No province was generated');
    log(`demo seed: rows loaded at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (bulk) {
      for (const statement of rebuild) await tx.execute(sql.raw(statement));
      log(`demo seed: ${rebuild.length} indexes and constraints built at ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await tx.execute(sql`SET LOCAL session_replication_role = origin`);
      await tx.execute(sql`SELECT figures_refresh(${sql.param(cellIds)}::uuid[])`);
      // The rows went in with triggers off, the change feed's too: running chibo processes drop every cached answer.
      await tx.execute(sql`SELECT pg_notify('chibo_changes', 'all:*')`);
    }

    await recordAudit(tx, systemActor('demo-seed'), {
      action: 'demo.seed',
      entityType: 'org_unit',
      entityId: firstProvince.id,
      unitPath: firstProvince.path,
      after: { counts },
    });
    const ms = Date.now() - started;
    log(`demo seed: done in ${(ms / 1000).toFixed(1)} s`);
    return {
      logins: logins.map((l) => ({ role: l.role, username: l.username, password: DEMO_PASSWORD, unitName: l.unitName })),
      counts,
      provinceId: firstProvince.id,
      ms,
    };
  }
}

function emptyBuffer(): DemoRows {
  return { orgUnits: [], orgUnitVersions: [], people: [], memberships: [], positionTerms: [], concurrentPosts: [], equipmentIssues: [], users: [], roleGrants: [] };
}

export { DEMO_REFERENCE_DATE };
