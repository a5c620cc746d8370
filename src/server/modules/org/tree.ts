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
  versionTo: orgUnitVersions.validTo,
};

export type UnitRow = {
  id: string;
  code: string | null;
  kind: 'province' | 'district' | 'commune' | 'ward' | 'cell';
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
  /** The end of the version read (null: open); absent where a reader did not ask for it. */
  versionTo?: string | null;
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

/** The unit's first version (its name, parent and path when it began), whatever the date. */
export async function firstVersion(exec: Executor, id: string): Promise<UnitRow | undefined> {
  const [first] = await exec
    .select(unitColumns)
    .from(orgUnitVersions)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitVersions.unitId))
    .where(eq(orgUnits.id, id))
    .orderBy(orgUnitVersions.validFrom)
    .limit(1);
  return first as UnitRow | undefined;
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

/** Conditions on the units `unitsAt` reads, for other modules (org's columns stay org's). */
export const unitWhere = {
  code: (code: string): SQL => eq(orgUnits.code, code),
  /** The children of `parentId`; with null, the roots. */
  parent: (parentId: string | null): SQL => (parentId ? eq(orgUnitVersions.parentId, parentId) : isNull(orgUnitVersions.parentId)),
  /** The cells whose path starts with `path`. */
  cellsUnder: (path: string): SQL => and(eq(orgUnits.kind, 'cell'), prefixMatch(orgUnitVersions.path, [path]))!,
};

/** The id of the unit with this official code (any date), for the command line. */
export async function unitIdByCode(exec: Executor, code: string): Promise<string | undefined> {
  // An old commune and the new one it went into may share a code (the reform kept some): the latest unit wins.
  const [unit] = await exec.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code)).orderBy(sql`${orgUnits.validTo} IS NULL DESC`, sql`${orgUnits.validFrom} DESC`).limit(1);
  return unit?.id;
}

/** Whether a province with one of these official codes exists (any date). */
export async function provinceWithCode(exec: Executor, codes: string[]): Promise<boolean> {
  const found = await exec.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.kind, 'province'), inArray(orgUnits.code, codes))).limit(1);
  return found.length > 0;
}

/** How many units the tree holds (any date): 0 on a fresh database. */
export async function unitCount(exec: Executor): Promise<number> {
  const [row] = await exec.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
  return row.n;
}

export const prefixMatch = (column: any, prefixes: string[]): SQL =>
  prefixes.length === 0 ? sql`false` : or(...prefixes.map((p) => sql`${column} LIKE ${escapeLike(p) + '%'}`))!;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The ids of a unit's children on a date (the communes of a province, the cells of a commune). */
export async function childIds(exec: Executor, parentId: string, date: string): Promise<string[]> {
  const rows = await unitsAt(exec, date, eq(orgUnitVersions.parentId, parentId));
  return rows.map((r) => r.id);
}
