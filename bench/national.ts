// The national dataset: the demo generator (deterministic) for all 34 provinces at national density — 3,321
// communes, ~69 cells a commune (~229,000 cells), ~24 current members a cell (~5.5 million) — streamed into
// PostgreSQL with COPY, then the pre-aggregated figures built province by province.
//
//   npx tsx bench/national.ts postgres://…/chibo_national     # load into that database (created and migrated)
//   BENCH_SCALE=national npx tsx bench/figures.ts             # loads it into a fresh embedded server, then measures
//   BENCH_PROVINCES=2 …                                       # only the first N provinces (a quick check of the path)
//
// The COPY connection runs with session_replication_role = replica: foreign keys and the figures triggers do not
// fire during the load (the generator's rows are consistent by construction; the figures are built afterwards
// with figures_refresh, as the migration does). That needs a superuser, which the embedded server's user is.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { DEMO_TABLE_ORDER, generateDemo, officialProvinces, type DemoRows } from '../src/server/modules/demo/generator.js';
import { orgBulkTables } from '../src/server/modules/org/bulk.js';
import { peopleBulkTables } from '../src/server/modules/people/bulk.js';
import { usersBulkTables } from '../src/server/modules/users/bulk.js';
import { ensureDatabase, migrateDatabase, openDatabase } from '../src/server/platform/db/index.js';
import { copyInto, copyValue } from '../src/server/platform/copy.js';

// Each owner's tables as it offers them to a bulk load (its bulk.ts), as the demo seed does.
const TABLES: Record<keyof DemoRows, PgTable> = { ...orgBulkTables, ...peopleBulkTables, ...usersBulkTables };

/** National density: 229k cells for 3,321 communes, 5.5 M current members (issue 5). */
export const NATIONAL = { cellsPerCommune: 69, membersPerCell: 24 };

/** COPY text of a batch of rows of one table, with the column list taken from the first row. */
function copyOf(table: PgTable, rows: object[]): { table: string; names: string[]; text: string[] } {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]);
  const names = keys.map((k) => {
    if (!columns[k]) throw new Error(`No column ${k} in ${getTableName(table)}`);
    return `"${columns[k].name}"`;
  });
  const text = rows.map((r) => keys.map((k) => copyValue((r as Record<string, unknown>)[k])).join('\t') + '\n');
  return { table: `"${getTableName(table)}"`, names, text };
}

async function copyRows(client: pg.Client, table: PgTable, rows: object[]) {
  if (rows.length === 0) return;
  const { table: name, names, text } = copyOf(table, rows);
  // chunks of ~1,000 lines: the stream keeps memory flat
  const chunks = function* () {
    for (let i = 0; i < text.length; i += 1000) yield text.slice(i, i + 1000).join('');
  };
  await copyInto(client, name, names, chunks());
}

export async function loadNational(url: string, log: (m: string) => void = console.log) {
  const started = performance.now();
  await ensureDatabase(url);
  const database = openDatabase(url, 1);
  await migrateDatabase(database.db);
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET session_replication_role = replica`);
  const counts: Record<string, number> = {};
  let buffer: DemoRows = empty();
  let buffered = 0;
  let inflight: Promise<void> | null = null;
  const flush = async () => {
    if (inflight) await inflight;
    const rows = buffer;
    buffer = empty();
    buffered = 0;
    inflight = (async () => {
      for (const key of DEMO_TABLE_ORDER) await copyRows(client, TABLES[key], rows[key]);
    })();
    inflight.catch(() => {});
  };
  // A subset keeps a check of the national code path to a minute instead of ~15.
  const subset = Number(process.env.BENCH_PROVINCES ?? 0);
  const provinceCodes = officialProvinces().map((p) => p.code).slice(0, subset > 0 ? subset : undefined);
  let communes = 0;
  for (const batch of generateDemo({ provinceCodes, ...NATIONAL, passwordHash: '!' })) {
    for (const key of DEMO_TABLE_ORDER) {
      const rows = batch[key];
      if (rows.length === 0) continue;
      for (const r of rows) (buffer[key] as object[]).push(r);
      buffered += rows.length;
      counts[key] = (counts[key] ?? 0) + rows.length;
    }
    if (batch.scope === 'commune' && ++communes % 250 === 0) log(`national: ${communes} communes, ${counts.people ?? 0} people, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (buffered >= 200_000) await flush();
  }
  await flush();
  if (inflight) await inflight;
  await client.query(`SET session_replication_role = origin`);
  const loadedMs = performance.now() - started;
  log(`national: generated and copied in ${(loadedMs / 1000).toFixed(0)} s — ${JSON.stringify(counts)}`);

  // The figures, one province at a time (each province's cells in one refresh).
  const t = performance.now();
  const { rows: provinces } = await client.query<{ id: string }>(`SELECT id FROM org_units WHERE kind = 'province' ORDER BY code`);
  for (const [i, p] of provinces.entries()) {
    await client.query(
      `SELECT figures_refresh(array_agg(DISTINCT v.unit_id)) FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
       WHERE u.kind = 'cell' AND v.path LIKE $1`,
      [`/${p.id}/%`],
    );
    if ((i + 1) % 5 === 0) log(`national: figures of ${i + 1}/${provinces.length} provinces, ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const figuresMs = performance.now() - t;
  log(`national: figures built in ${(figuresMs / 1000).toFixed(0)} s`);
  const v = performance.now();
  await client.query('VACUUM ANALYZE');
  const vacuumMs = performance.now() - v;
  const size = (await client.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s as string;
  await client.end();
  const totalMs = performance.now() - started;
  log(`national: ${(totalMs / 1000).toFixed(0)} s in all (VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(0)} s), database ${size}`);
  return { loadedMs, figuresMs, vacuumMs, totalMs, size, counts };
}

function empty(): DemoRows {
  return { orgUnits: [], orgUnitVersions: [], people: [], memberships: [], positionTerms: [], concurrentPosts: [], equipmentIssues: [], users: [], roleGrants: [] };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: npx tsx bench/national.ts <database url>');
    process.exit(2);
  }
  await loadNational(url);
}
