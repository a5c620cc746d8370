// The demo rows ready for COPY: the generator's batches buffered to ~16,000 rows and written out as COPY text, one
// text a table, with the counts, the new cells and the logins the seed needs. Pure and synchronous like the generator,
// so it runs the same in the seed's thread or in a worker (worker.ts) while the database starts.
import { DEMO_TABLE_ORDER, generateDemo, type DemoLogin, type DemoOptions, type DemoRows, type DemoUnitInfo } from './generator.js';
import { copyValue } from '../../platform/copy.js';

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

export const zeroSeedCounts = (): DemoSeedCounts => ({
  provinces: 0, communes: 0, cells: 0, orgUnitVersions: 0, people: 0, activeMembers: 0, memberships: 0,
  positionTerms: 0, concurrentPosts: 0, equipmentIssues: 0, users: 0, roleGrants: 0,
});

/** One table's rows as COPY text: `fields` are the drizzle keys of the columns, in the order of the text's fields. */
export interface PreparedTable {
  table: keyof DemoRows;
  fields: string[];
  /** A string here; UTF-8 bytes when it comes from the worker (transferred, not copied). */
  text: string | Uint8Array;
}

export interface PreparedBatch {
  /** In DEMO_TABLE_ORDER (foreign-key order); tables without rows left out. */
  tables: PreparedTable[];
  /** What this batch adds. */
  counts: DemoSeedCounts;
  cellIds: string[];
  /** Communes generated so far (for progress lines). */
  communesDone: number;
  firstProvince?: DemoUnitInfo;
  logins?: DemoLogin[];
}

/** COPY text of rows, the fields of the first row (drizzle's insert objects all carry the same keys). */
function copyText(table: keyof DemoRows, rows: object[]): PreparedTable {
  const fields = Object.keys(rows[0]);
  let text = '';
  for (const r of rows as Record<string, unknown>[]) {
    for (let k = 0; k < fields.length; k++) text += (k === 0 ? '' : '\t') + copyValue(r[fields[k]]);
    text += '\n';
  }
  return { table, fields, text };
}

const emptyRows = (): DemoRows => ({
  orgUnits: [], orgUnitVersions: [], people: [], memberships: [], positionTerms: [], concurrentPosts: [], equipmentIssues: [], users: [], roleGrants: [],
});

/** The generator's output (generateDemo(options)) in batches of about `batchRows` × 4 rows, as COPY text. */
export function* prepareDemo(options: DemoOptions & { batchRows?: number }): Generator<PreparedBatch> {
  const limit = (options.batchRows ?? 4000) * 4;
  let rows = emptyRows();
  let buffered = 0;
  let batch: Omit<PreparedBatch, 'tables'> = { counts: zeroSeedCounts(), cellIds: [], communesDone: 0 };
  let communesDone = 0;
  const out = (): PreparedBatch => {
    const tables = DEMO_TABLE_ORDER.filter((key) => rows[key].length > 0).map((key) => copyText(key, rows[key]));
    const done = { ...batch, tables, communesDone };
    rows = emptyRows();
    buffered = 0;
    batch = { counts: zeroSeedCounts(), cellIds: [], communesDone };
    return done;
  };
  for (const b of generateDemo(options)) {
    const counts = batch.counts;
    if (b.scope === 'province') batch.firstProvince ??= b.unit;
    if (b.logins) batch.logins = b.logins;
    for (const key of DEMO_TABLE_ORDER) {
      for (const r of b[key]) (rows[key] as object[]).push(r);
      buffered += b[key].length;
    }
    for (const u of b.orgUnits) {
      if (u.kind === 'province') counts.provinces++;
      else if (u.kind === 'commune' || u.kind === 'ward') counts.communes++;
      else if (u.kind === 'cell') {
        counts.cells++;
        if (u.id) batch.cellIds.push(u.id);
      }
    }
    counts.orgUnitVersions += b.orgUnitVersions.length;
    counts.people += b.people.length;
    for (const p of b.people) if (p.status === 'active') counts.activeMembers++;
    counts.memberships += b.memberships.length;
    counts.positionTerms += b.positionTerms.length;
    counts.concurrentPosts += b.concurrentPosts.length;
    counts.equipmentIssues += b.equipmentIssues.length;
    counts.users += b.users.length;
    counts.roleGrants += b.roleGrants.length;
    if (b.scope === 'commune') communesDone++;
    if (buffered >= limit) yield out();
  }
  yield out();
}

export function addSeedCounts(total: DemoSeedCounts, add: DemoSeedCounts): void {
  for (const k of Object.keys(total) as (keyof DemoSeedCounts)[]) total[k] += add[k];
}
