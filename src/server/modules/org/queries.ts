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

/**
 * As `childrenOn`, for a unit not yet formed on `d`: the units that stood for it then (standingOn), which a page of
 * the unit on that date lists in place of its children (the old provinces of a new one). Empty when it stood itself.
 */
export const standingInsteadOn = (unitId: SQL, d: SQL): SQL => sql`(SELECT cv.unit_id, json_build_object(
      'id', u.id, 'code', u.code, 'kind', u.kind, 'cellKind', u.cell_kind, 'name', cv.name, 'parentId', cv.parent_id,
      'path', cv.path, 'depth', cv.depth, 'validFrom', u.valid_from, 'validTo', u.valid_to, 'closedReason', u.closed_reason,
      'versionId', cv.id, 'versionFrom', cv.valid_from) AS unit
    FROM org_unit_versions cv JOIN org_units u ON u.id = cv.unit_id
    WHERE cv.unit_id IN ${standingOn(unitId, d)} AND cv.unit_id <> ${unitId}::uuid AND ${inForce('cv', d)})`;

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

/** A unit's level for lineage: a ward stands for a commune and the other way round; a district closed into its province is not the province's predecessor. */
const level = (kind: SQL): SQL => sql`(CASE WHEN ${kind} IN ('commune', 'ward') THEN 'commune' ELSE ${kind} END)`;

/**
 * The paths (every version's) of the units of the same level that became the unit whose id is `unitId` — merged or
 * split into it, and those that became them, at any date — as a text[] SQL piece: the lineage a grant on the unit
 * may read (for a province: the old provinces, and with them everything that was under them).
 */
export const lineagePathsOf = (unitId: SQL): SQL => sql`(
  WITH RECURSIVE before_it(id) AS (
    SELECT p.id FROM org_units p, org_units self WHERE self.id = ${unitId} AND p.successor_ids @> ARRAY[self.id] AND ${level(sql`p.kind`)} = ${level(sql`self.kind`)}
    UNION SELECT p.id FROM org_units p JOIN before_it b ON p.successor_ids @> ARRAY[b.id] JOIN org_units bu ON bu.id = b.id AND ${level(sql`p.kind`)} = ${level(sql`bu.kind`)}
  )
  SELECT COALESCE(array_agg(DISTINCT v.path), '{}') FROM before_it b JOIN org_unit_versions v ON v.unit_id = b.id)`;

/**
 * The units that stood for the unit whose id is `unitId` on `d` (a date SQL), as a subquery of ids: the unit itself
 * when it was in force then; before it was formed, the units of its level that became it and were in force then
 * (their predecessors in turn, back to the ones in force). A new commune's figures for a date before the 2025
 * reform are its predecessors' then. Empty when none stood (a unit closed by `d`, or one formed from nothing).
 */
export const standingOn = (unitId: SQL, d: SQL): SQL => sql`(
  WITH RECURSIVE s(id, lvl, in_force, begun) AS (
    SELECT u.id, ${level(sql`u.kind`)}, ${inForceOn(sql`u.id`, d)}, u.valid_from <= ${d} FROM org_units u WHERE u.id = ${unitId}::uuid
    UNION
    SELECT p.id, s.lvl, ${inForceOn(sql`p.id`, d)}, p.valid_from <= ${d}
      FROM s JOIN org_units p ON p.successor_ids @> ARRAY[s.id] AND ${level(sql`p.kind`)} = s.lvl WHERE NOT s.begun
  ) SELECT id FROM s WHERE in_force)`;

const inForceOn = (unitId: SQL, d: SQL): SQL =>
  sql`EXISTS (SELECT 1 FROM org_unit_versions v WHERE v.unit_id = ${unitId} AND v.valid_from <= ${d} AND (v.valid_to IS NULL OR v.valid_to > ${d}))`;
/**
 * The units merged on `d` into another: `(from_id, to_id)` of each unit closed as merged that day with its successor
 * (a merge has one). For the modules whose records follow a merged cell to the cell it became (open cases, warnings).
 */
export const mergedOn = (d: SQL): SQL =>
  sql`(SELECT mu.id AS from_id, mu.successor_ids[1] AS to_id FROM org_units mu WHERE mu.closed_reason = 'merged' AND mu.valid_to = ${d})`;
