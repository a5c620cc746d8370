// Loads the demo data into the database: one transaction, multi-row inserts in batches, one audit event.
// Generation of the next commune overlaps with the insert of the previous batch (the server works while we compute).
import { and, eq, getTableColumns, getTableName, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
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
import { recordAudit } from '../../platform/audit/audit.js';
import { systemActor } from '../../platform/access.js';
import { conflict } from '../../platform/errors.js';
import type { Role } from '../../../domain/enums.js';
import { hashPassword } from '../users/passwords.js';
import {
  DEMO_PASSWORD,
  DEMO_REFERENCE_DATE,
  DEMO_TABLE_ORDER,
  generateDemo,
  type DemoLogin,
  type DemoOptions,
  type DemoRows,
  type DemoUnitInfo,
} from './generator.js';

export { DEMO_PASSWORD } from './generator.js';

export interface SeedDemoOptions extends Omit<DemoOptions, 'passwordHash'> {
  /** Rows per INSERT statement (default 4000). */
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

export interface DemoLoginInfo {
  role: Role;
  username: string;
  password: string;
  unitName: string;
}

export interface SeedDemoResult {
  logins: DemoLoginInfo[];
  counts: DemoSeedCounts;
  provinceId: string;
  /** Wall-clock time of the whole seed, ms. */
  ms: number;
}

/** The usernames seedDemo creates. */
export const DEMO_USERNAMES = ['admin', 'canbo.xa', 'canbo.xa2', 'kiemtra', 'bithu', 'dangvien'] as const;

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

/**
 * One multi-row INSERT per batch of rows, sent as one array parameter per column
 * (INSERT … SELECT FROM unnest($1::uuid[], $2::text[], …)): a batch of any size stays far under pg's 65,535
 * bind parameters, and neither drizzle nor pg has to handle one placeholder per value — several times faster
 * than VALUES (…), (…) for the ~130k people of a province.
 */
async function insertRows(tx: Tx, table: PgTable, rows: object[], batchRows: number): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]);
  const specs = keys.map((key, i) => {
    const column = columns[key];
    if (!column) throw new Error(`No column ${key} in ${getTableName(table)}`);
    const type = column.getSQLType();
    const isArray = type.endsWith('[]');
    return { key, name: column.name, alias: `c${i}`, type, isArray };
  });
  const target = sql.raw(specs.map((c) => `"${c.name}"`).join(', '));
  const selected = sql.raw(specs.map((c) => (c.isArray ? `${c.alias}::${c.type}` : c.alias)).join(', '));
  const aliases = sql.raw(specs.map((c) => c.alias).join(', '));
  for (let i = 0; i < rows.length; i += batchRows) {
    const chunk = rows.slice(i, i + batchRows) as Record<string, unknown>[];
    const arrays = specs.map((c) => {
      const values = chunk.map((r) => r[c.key] ?? null);
      // An array column travels as the text of its array literal, cast back per row.
      if (c.isArray) return sql`${sql.param(values.map((v) => (v === null ? null : `{${(v as unknown[]).join(',')}}`)))}::text[]`;
      return sql`${sql.param(values)}::${sql.raw(c.type)}[]`;
    });
    await tx.execute(sql`INSERT INTO ${table} (${target}) SELECT ${selected} FROM unnest(${sql.join(arrays, sql`, `)}) AS t(${aliases})`);
  }
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

  return db.transaction(async (tx) => {
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
    // about a third of a fresh `npm start` — and the figures of the new cells are built once at the end.
    const [{ bulk }] = (await tx.execute<{ bulk: boolean }>(sql`SELECT rolsuper AS bulk FROM pg_roles WHERE rolname = current_user`)).rows;
    if (bulk) await tx.execute(sql`SET LOCAL session_replication_role = replica`);
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
        for (const key of DEMO_TABLE_ORDER) await insertRows(tx, TABLES[key], rows[key], batchRows);
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
    if (bulk) {
      await tx.execute(sql`SET LOCAL session_replication_role = origin`);
      await tx.execute(sql`SELECT figures_refresh(${sql.param(cellIds)}::uuid[])`);
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
  });
}

function emptyBuffer(): DemoRows {
  return { orgUnits: [], orgUnitVersions: [], people: [], memberships: [], positionTerms: [], concurrentPosts: [], equipmentIssues: [], users: [], roleGrants: [] };
}

/** The demo accounts present in the database, with their role, unit (current name) and the demo password. */
export async function demoLogins(db: Db): Promise<DemoLoginInfo[]> {
  const rows = await db
    .select({ username: users.username, role: roleGrants.role, unitName: orgUnitVersions.name })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .innerJoin(
      orgUnitVersions,
      and(
        eq(orgUnitVersions.unitId, roleGrants.unitId),
        lte(orgUnitVersions.validFrom, sql`CURRENT_DATE`),
        or(isNull(orgUnitVersions.validTo), gt(orgUnitVersions.validTo, sql`CURRENT_DATE`)),
      ),
    )
    .where(inArray(users.username, [...DEMO_USERNAMES]));
  const order = (u: string) => DEMO_USERNAMES.indexOf(u as (typeof DEMO_USERNAMES)[number]);
  return rows
    .sort((a, b) => order(a.username) - order(b.username))
    .map((r) => ({ role: r.role, username: r.username, password: DEMO_PASSWORD, unitName: r.unitName }));
}

export { DEMO_REFERENCE_DATE };
