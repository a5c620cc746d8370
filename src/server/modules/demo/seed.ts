// Loads the demo data into the database: one transaction, COPY in batches, one audit event.
// Generation of the next communes overlaps with the COPY of the previous batch (the server works while we compute).
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../platform/db/index.js';
import { withBulkWrites } from '../../platform/db/bulk.js';
import { recordAudit, type AuditInput } from '../../platform/audit/audit.js';
import { copyInto } from '../../platform/copy.js';
import { systemActor } from '../../platform/access.js';
import { conflict } from '../../platform/errors.js';
import { orgBulkTables } from '../org/bulk.js';
import { applyReformHistory } from '../org/reform.js';
import { provinceWithCode } from '../org/tree.js';
import { peopleBulkTables } from '../people/bulk.js';
import { applyPeopleHistory } from '../people/demo.js';
import { usersBulkTables } from '../users/bulk.js';
import { hashPassword } from '../users/passwords.js';
import { takenUsername } from '../users/queries.js';
import { DEMO_PASSWORD, DEMO_USERNAMES, type DemoLoginInfo } from './logins.js';
import { DEMO_REFERENCE_DATE, type DemoLogin, type DemoOptions, type DemoRows, type DemoUnitInfo } from './generator.js';
import { addSeedCounts, prepareDemo, zeroSeedCounts, type DemoSeedCounts, type PreparedBatch, type PreparedTable } from './prepare.js';

export { DEMO_PASSWORD, DEMO_USERNAMES, demoLogins, type DemoLoginInfo } from './logins.js';
export type { DemoSeedCounts } from './prepare.js';

export interface SeedDemoOptions extends Omit<DemoOptions, 'passwordHash'> {
  /** Rows buffered before they are sent (default 4000 × 4). */
  batchRows?: number;
  log?: (message: string) => void;
  /**
   * The rows, already prepared (prepareDemo with the same options and a password hash of DEMO_PASSWORD) — e.g. by
   * the worker `chibo start` launches while the database starts (worker.ts). Default: prepared here, as we go.
   */
  source?: AsyncIterable<PreparedBatch> | Iterable<PreparedBatch>;
  /** Also load the old tree (provinces → districts → communes from 2020) and the 2025 reform; default true. */
  oldTree?: boolean;
}

export interface SeedDemoResult {
  logins: DemoLoginInfo[];
  counts: DemoSeedCounts;
  provinceId: string;
  /** What people's demo history made (congresses, late terms, mid-term replacements, leavings, moves). */
  history: Record<string, number>;
  /** Wall-clock time of the whole seed, ms. */
  ms: number;
}

// Each owner's tables as it offers them to a bulk load (its bulk.ts): the seed writes no table an owner did not list.
const TABLES: Record<keyof DemoRows, PgTable> = { ...orgBulkTables, ...peopleBulkTables, ...usersBulkTables };

/** COPY of one table's prepared text (prepare.ts): PostgreSQL fills pages several rows at a time and parses no parameters. */
async function copyPrepared(client: pg.PoolClient, prepared: PreparedTable): Promise<void> {
  const table = TABLES[prepared.table];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const names = prepared.fields.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`No column ${key} in ${getTableName(table)}`);
    return `"${column.name}"`;
  });
  const { text } = prepared;
  const chunk = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  await copyInto(client, `"${getTableName(table)}"`, names, [chunk]);
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
  const source = opts.source ?? prepareDemo({ ...opts, provinceCodes, batchRows, passwordHash: await hashPassword(DEMO_PASSWORD) });

  // One connection of the pool for the whole seed: COPY streams through it, inside the seed's transaction.
  const pool = (db as Db & { $client: unknown }).$client;
  if (!(pool instanceof pg.Pool)) throw new Error('seedDemo needs a database on a pg pool');
  const client = await pool.connect();
  try {
    const result = await drizzle(client).transaction((tx) => load(tx, client));
    client.release();
    return result;
  } catch (err) {
    client.release(err as Error); // not back to the pool: a COPY may have been cut off
    throw err;
  }

  async function load(tx: Tx, client: pg.PoolClient): Promise<SeedDemoResult> {
    if (await provinceWithCode(tx, provinceCodes)) throw conflict('The demo province is already in the database');
    const taken = await takenUsername(tx, DEMO_USERNAMES);
    if (taken) throw conflict(`The demo account ${taken} already exists`);

    const counts = zeroSeedCounts();
    // The generated rows are consistent by construction (generator tests): where the database lets us (a superuser,
    // as the embedded server's user is: platform/db/bulk.ts), the load skips the per-row foreign-key checks and the figures triggers —
    // about a third of a fresh `npm start` — and the figures of the new cells are built once at the end; into empty
    // tables (a fresh database) it also loads without their secondary indexes and builds them once at the end.
    const { bulk, result: { cellIds, firstProvince, logins, historyEvents, peopleHistory } } = await withBulkWrites(tx, async (bulk) => {
      const rebuild = bulk ? await dropEmptyTablesIndexes(tx, Object.values(TABLES)) : [];
      const cellIds: string[] = [];
      let inflight: Promise<void> | null = null;
      let firstProvince: DemoUnitInfo | undefined;
      let logins: DemoLogin[] = [];
      // The COPY of one batch overlaps the preparation of the next (here, or in the worker); at most one batch in flight.
      for await (const batch of source) {
        if (inflight) await inflight;
        firstProvince ??= batch.firstProvince;
        if (batch.logins) logins = batch.logins;
        addSeedCounts(counts, batch.counts);
        for (const id of batch.cellIds) cellIds.push(id);
        inflight = (async () => {
          for (const table of batch.tables) await copyPrepared(client, table);
        })();
        inflight.catch(() => {}); // observed when awaited; this only prevents an "unhandled rejection" in between
        if (batch.tables.length > 0) log(`demo seed: ${batch.communesDone} communes, ${counts.people} people`);
      }
      if (inflight) await inflight;
      if (!firstProvince) throw new Error('No province was generated');
      log(`demo seed: rows loaded at ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (bulk) {
        for (const statement of rebuild) await tx.execute(sql.raw(statement));
        log(`demo seed: ${rebuild.length} indexes and constraints built at ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      // The tree before the 2025 reform (issue 16): org's loader, in this transaction, for each demo province — with
      // the triggers still off where they are, so the figures below are built once over the cells' whole history.
      const historyEvents: AuditInput[] = [];
      if (opts.oldTree ?? true) {
        for (const code of provinceCodes) {
          const { result, events } = await applyReformHistory(tx, { provinceCode: code, onlyPresentCommunes: true });
          historyEvents.push(...events);
          log(`demo seed: the old tree of ${code} (${result.provinces} provinces, ${result.districts} districts, ${result.communes} communes, ${result.cells} cells) at ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
      }
      // The cells' congresses and the members' five years (people's demo history), on the tree just completed — before
      // the figures are built, so they are built once over it.
      let peopleHistory: Record<string, number> = {};
      if (opts.oldTree ?? true) {
        peopleHistory = await applyPeopleHistory(tx, firstProvince.id);
        log(`demo seed: congresses and members' history ${JSON.stringify(peopleHistory)} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      return { cellIds, firstProvince, logins, historyEvents, peopleHistory };
    });
    if (bulk) {
      await tx.execute(sql`SELECT figures_refresh(${sql.param(cellIds)}::uuid[])`);
      // The rows went in with triggers off, the change feed's too: running chibo processes drop every cached answer.
      await tx.execute(sql`SELECT pg_notify('chibo_changes', 'all:*')`);
    }

    await recordAudit(tx, systemActor('demo-seed'), historyEvents);
    await recordAudit(tx, systemActor('demo-seed'), {
      action: 'demo.seed',
      entityType: 'org_unit',
      entityId: firstProvince.id,
      unitPath: firstProvince.path,
      after: { counts, history: peopleHistory },
    });
    const ms = Date.now() - started;
    log(`demo seed: done in ${(ms / 1000).toFixed(1)} s`);
    return {
      logins: logins.map((l) => ({ role: l.role, username: l.username, password: DEMO_PASSWORD, unitName: l.unitName })),
      counts,
      provinceId: firstProvince.id,
      history: peopleHistory,
      ms,
    };
  }
}

export { DEMO_REFERENCE_DATE };

