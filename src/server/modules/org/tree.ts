// Reading the tree as of a date. A version is in force on day D when valid_from <= D < valid_to (open end = null).
import { and, eq, inArray, isNull, gt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { orgUnits, orgUnitVersions } from './schema.js';

export const inForce = (table: { validFrom: any; validTo: any }, date: string): SQL =>
  and(lte(table.validFrom, date), or(isNull(table.validTo), gt(table.validTo, date)))!;

export const unitColumns = {
  id: orgUnits.id,
  code: orgUnits.code,
  kind: orgUnits.kind,
  cellKind: orgUnits.cellKind,
  name: orgUnitVersions.name,
  parentId: orgUnitVersions.parentId,
  path: orgUnitVersions.path,
  depth: orgUnitVersions.depth,
  validFrom: orgUnits.validFrom,
  validTo: orgUnits.validTo,
  closedReason: orgUnits.closedReason,
  versionId: orgUnitVersions.id,
  versionFrom: orgUnitVersions.validFrom,
};

export type UnitRow = {
  id: string;
  code: string | null;
  kind: 'province' | 'commune' | 'ward' | 'cell';
  cellKind: string | null;
  name: string;
  parentId: string | null;
  path: string;
  depth: number;
  validFrom: string;
  validTo: string | null;
  closedReason: string | null;
  versionId: string;
  versionFrom: string;
};

export function unitsAt(exec: Executor, date: string, where?: SQL) {
  return exec
    .select(unitColumns)
    .from(orgUnitVersions)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitVersions.unitId))
    .where(and(inForce(orgUnitVersions, date), where));
}

/** The unit as it stood on `date`; for a closed unit asked after its end, its last version. */
export async function findUnit(exec: Executor, id: string, date: string): Promise<UnitRow | undefined> {
  const [row] = await unitsAt(exec, date, eq(orgUnits.id, id));
  if (row) return row as UnitRow;
  const [last] = await exec
    .select(unitColumns)
    .from(orgUnitVersions)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitVersions.unitId))
    .where(and(eq(orgUnits.id, id), lte(orgUnitVersions.validFrom, date)))
    .orderBy(sql`${orgUnitVersions.validFrom} DESC`)
    .limit(1);
  return last as UnitRow | undefined;
}

/** Current (latest) paths of units, for role grants and audit. */
export async function latestPaths(exec: Executor, unitIds: string[]): Promise<Map<string, { path: string; name: string; kind: string }>> {
  if (unitIds.length === 0) return new Map();
  const rows = await exec
    .selectDistinctOn([orgUnitVersions.unitId], { id: orgUnitVersions.unitId, path: orgUnitVersions.path, name: orgUnitVersions.name, kind: orgUnits.kind })
    .from(orgUnitVersions)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitVersions.unitId))
    .where(inArray(orgUnitVersions.unitId, unitIds))
    .orderBy(orgUnitVersions.unitId, sql`${orgUnitVersions.validFrom} DESC`);
  return new Map(rows.map((r) => [r.id, { path: r.path, name: r.name, kind: r.kind }]));
}

export const prefixMatch = (column: any, prefixes: string[]): SQL =>
  prefixes.length === 0 ? sql`false` : or(...prefixes.map((p) => sql`${column} LIKE ${escapeLike(p) + '%'}`))!;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL joining a unit's latest version as `alias` (name, path) and its identity as `${alias}_unit` (kind). */
export const joinLatestVersion = (unitIdColumn: SQL, alias: string): SQL =>
  sql`JOIN org_units ${sql.raw(`${alias}_unit`)} ON ${sql.raw(`${alias}_unit`)}.id = ${unitIdColumn}
      JOIN LATERAL (SELECT path, name FROM org_unit_versions WHERE unit_id = ${unitIdColumn} ORDER BY valid_from DESC LIMIT 1) ${sql.raw(alias)} ON true`;
