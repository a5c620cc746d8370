// What org offers other modules as SQL pieces, to inline in their own statements (no extra round trip, the same
// plan as writing the join out): the tree's tables are named here and in org's own files only. The typed reads
// (findUnit, unitsAt, latestPaths, prefixMatch) are in tree.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';

/** Columns of a version: unit_id, name, name_folded, parent_id, path ('/root/…/self/'), depth, valid_from, valid_to. */
type VersionColumn = 'unit_id' | 'name' | 'name_folded' | 'parent_id' | 'path' | 'depth' | 'valid_from' | 'valid_to';

const inForce = (alias: string, d: SQL) =>
  sql`${sql.raw(alias)}.valid_from <= ${d} AND (${sql.raw(alias)}.valid_to IS NULL OR ${sql.raw(alias)}.valid_to > ${d})`;

/**
 * The unit's version as of `asOf` (an SQL date; default: its latest), as a one-row subquery of `columns`: use it as
 * `JOIN LATERAL ${unitVersion(...)} v ON true` or, with one column, as a scalar `(…) AS name`. For a closed unit asked
 * after its end, its last version.
 */
export function unitVersion(unitId: SQL, columns: VersionColumn[], asOf?: SQL): SQL {
  const cols = sql.raw(columns.map((c) => `ov.${c}`).join(', '));
  return sql`(SELECT ${cols} FROM org_unit_versions ov WHERE ov.unit_id = ${unitId}${asOf ? sql` AND ov.valid_from <= ${asOf}` : sql``}
    ORDER BY ov.valid_from DESC LIMIT 1)`;
}

/** A unit's name as of day `asOf` (its version then), as a scalar SQL piece: a cell's parent named beside it. */
export const nameAsOf = (unitId: SQL, asOf: SQL): SQL =>
  sql`(SELECT ov.name FROM org_unit_versions ov WHERE ov.unit_id = ${unitId} AND ov.valid_from <= ${asOf} ORDER BY ov.valid_from DESC LIMIT 1)`;

/** The versions in force on day `d` (an SQL date), as a FROM item with the version columns (VersionColumn). */
export const versionsOn = (d: SQL): SQL => sql`(SELECT * FROM org_unit_versions ov WHERE ${inForce('ov', d)})`;

/** The versions still open (no end date: each unit's latest, unless closed), as a FROM item with the version columns. */
export const openVersions: SQL = sql`(SELECT * FROM org_unit_versions ov WHERE ov.valid_to IS NULL)`;

/** Every version a unit ever had (any date), as a FROM item with the version columns. */
export const allVersions: SQL = sql`(SELECT * FROM org_unit_versions)`;

/** The units in force on day `d` with their version then: the version columns and the unit's kind, code, cell_kind. */
export const unitsOn = (d: SQL): SQL =>
  sql`(SELECT ov.*, ou.kind, ou.code, ou.cell_kind FROM org_unit_versions ov JOIN org_units ou ON ou.id = ov.unit_id WHERE ${inForce('ov', d)})`;

/**
 * The children of `parentId` in force on `d` as a FROM item: unit_id, and unit — the child as the tree presents it
 * (tree.ts' UnitRow), as JSON.
 */
export const childrenOn = (parentId: SQL, d: SQL): SQL => sql`(SELECT cv.unit_id, json_build_object(
      'id', u.id, 'code', u.code, 'kind', u.kind, 'cellKind', u.cell_kind, 'name', cv.name, 'parentId', cv.parent_id,
      'path', cv.path, 'depth', cv.depth, 'validFrom', u.valid_from, 'validTo', u.valid_to, 'closedReason', u.closed_reason,
      'versionId', cv.id, 'versionFrom', cv.valid_from) AS unit
    FROM org_unit_versions cv JOIN org_units u ON u.id = cv.unit_id
    WHERE cv.parent_id = ${parentId} AND ${inForce('cv', d)})`;

/** A unit's identity, whatever the date: id, code, kind, cell_kind, valid_from, valid_to (its lifetime). */
export const unitIdentities: SQL = sql`(SELECT id, code, kind, cell_kind, valid_from, valid_to FROM org_units)`;

/** `versionsOn` as plain SQL text, for statements built as text (COPY … TO): `d` is an SQL date literal. */
export const versionsOnText = (d: string): string =>
  `(SELECT * FROM org_unit_versions ov WHERE ov.valid_from <= ${d} AND (ov.valid_to IS NULL OR ov.valid_to > ${d}))`;

/** `unitIdentities` as plain SQL text. */
export const unitIdentitiesText = '(SELECT id, code, kind, cell_kind, valid_from, valid_to FROM org_units)';

/** SQL joining a unit's latest version as `alias` (name, path) and its identity as `${alias}_unit` (kind). */
export const joinLatestVersion = (unitIdColumn: SQL, alias: string): SQL =>
  sql`JOIN org_units ${sql.raw(`${alias}_unit`)} ON ${sql.raw(`${alias}_unit`)}.id = ${unitIdColumn}
      JOIN LATERAL ${unitVersion(unitIdColumn, ['path', 'name'])} ${sql.raw(alias)} ON true`;

/** Current (latest) names of units. */
export async function latestNames(exec: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await exec.execute<{ unit_id: string; name: string }>(sql`
    SELECT DISTINCT ON (unit_id) unit_id, name FROM org_unit_versions
    WHERE unit_id IN (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)}) ORDER BY unit_id, valid_from DESC`);
  return new Map(rows.rows.map((r) => [r.unit_id, r.name]));
}

/**
 * The units merged on `d` into another: `(from_id, to_id)` of each unit closed as merged that day with its successor
 * (a merge has one). For the modules whose records follow a merged cell to the cell it became (open cases, warnings).
 */
export const mergedOn = (d: SQL): SQL =>
  sql`(SELECT mu.id AS from_id, mu.successor_ids[1] AS to_id FROM org_units mu WHERE mu.closed_reason = 'merged' AND mu.valid_to = ${d})`;
