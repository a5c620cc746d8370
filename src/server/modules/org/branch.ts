// What other modules ask the tree about a branch: the cells under it on a date, and a unit as it stood on a date
// as a SQL piece to join. Other modules use these instead of naming org's tables.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { standingOn } from './queries.js';
import { escapeLike } from './tree.js';

export interface CellOnDate {
  id: string;
  name: string;
  path: string;
  parentId: string;
}

/** The cells under any of `paths` on `date` (a path is the branch itself included). */
export async function cellsUnder(exec: Executor, paths: string[], date: string): Promise<CellOnDate[]> {
  if (paths.length === 0) return [];
  const under = sql.join(
    paths.map((p) => sql`v.path LIKE ${escapeLike(p) + '%'}`),
    sql` OR `,
  );
  const r = await exec.execute<{ id: string; name: string; path: string; parent_id: string }>(sql`
    SELECT u.id, v.name, v.path, v.parent_id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
    WHERE u.kind = 'cell' AND v.valid_from <= ${date} AND (v.valid_to IS NULL OR v.valid_to > ${date}) AND (${under})`);
  return r.rows.map((x) => ({ id: x.id, name: x.name, path: x.path, parentId: x.parent_id }));
}

/**
 * Joins the unit whose id is `unitId` as it stood on `date` (its last version when it had closed by then) as
 * `alias` with columns name, path, parent_id; and its parent on that date as `${alias}_parent` (name, path).
 */
export function joinUnitOn(unitId: SQL, date: string, alias: string): SQL {
  const a = sql.raw(alias);
  const p = sql.raw(`${alias}_parent`);
  return sql`JOIN LATERAL (SELECT name, path, parent_id FROM org_unit_versions WHERE unit_id = ${unitId} AND valid_from <= ${date}::date ORDER BY valid_from DESC LIMIT 1) ${a} ON true
    LEFT JOIN LATERAL (SELECT name, path FROM org_unit_versions WHERE unit_id = ${a}.parent_id AND valid_from <= ${date}::date ORDER BY valid_from DESC LIMIT 1) ${p} ON true`;
}

/** A unit's latest path, as a scalar SQL piece (for a column holding a unit id). */
export const latestPathOf = (unitId: SQL): SQL => sql`(SELECT path FROM org_unit_versions WHERE unit_id = ${unitId} ORDER BY valid_from DESC LIMIT 1)`;

/** A unit's latest name, as a scalar SQL piece. */
export const latestNameOf = (unitId: SQL): SQL => sql`(SELECT name FROM org_unit_versions WHERE unit_id = ${unitId} ORDER BY valid_from DESC LIMIT 1)`;

/** True when the unit (a column holding its id) lay under `path` on `date`: an indexed look-up of its version then. */
export const underOn = (unitId: SQL, path: string, date: string): SQL =>
  sql`EXISTS (SELECT 1 FROM org_unit_versions v WHERE v.unit_id = ${unitId} AND v.valid_from <= ${date}::date AND (v.valid_to IS NULL OR v.valid_to > ${date}::date) AND v.path LIKE ${escapeLike(path) + '%'})`;

/** The unit's path on `date` (a date or a date column; null when it did not exist then), as a scalar SQL piece. */
export const pathOn = (unitId: SQL, date: string | SQL): SQL =>
  sql`(SELECT v.path FROM org_unit_versions v WHERE v.unit_id = ${unitId} AND v.valid_from <= ${date}::date AND (v.valid_to IS NULL OR v.valid_to > ${date}::date))`;

/** The name of a unit's parent in its latest version (a cell's commune), or null for the root. */
export async function latestParentNameOf(exec: Executor, unitId: string): Promise<string | null> {
  const r = await exec.execute<{ name: string }>(sql`
    SELECT p.name FROM (SELECT parent_id FROM org_unit_versions WHERE unit_id = ${unitId} ORDER BY valid_from DESC LIMIT 1) v
    JOIN LATERAL (SELECT name FROM org_unit_versions WHERE unit_id = v.parent_id ORDER BY valid_from DESC LIMIT 1) p ON true`);
  return r.rows[0]?.name ?? null;
}

/**
 * The ids of the units under `path` on `date` (the branch itself included), as a SQL subquery: `x.cell_id IN (…)`
 * lets the planner hash the branch once instead of probing the tree per row (figures over many rows).
 */
export const unitIdsUnderOn = (path: string, date: string): SQL =>
  sql`(SELECT v.unit_id FROM org_unit_versions v WHERE v.path LIKE ${escapeLike(path) + '%'} AND v.valid_from <= ${date}::date AND (v.valid_to IS NULL OR v.valid_to > ${date}::date))`;

/**
 * The versions under `path` in force on some day between `first` and `last` (both included), as a FROM item
 * (unit_id, valid_from, valid_to): one scan of the path index for several days at once; a caller keeps, for each of
 * its days d, the rows with valid_from <= d < valid_to (or no valid_to).
 */
export const unitIdsUnderSpan = (path: string, first: string, last: string): SQL =>
  sql`(SELECT v.unit_id, v.valid_from, v.valid_to FROM org_unit_versions v WHERE v.path LIKE ${escapeLike(path) + '%'} AND v.valid_from <= ${last}::date AND (v.valid_to IS NULL OR v.valid_to > ${first}::date))`;

/**
 * The same as a SQL piece over a path given as SQL (a column of a lateral list of branches). A LIKE with a pattern
 * that is not a constant cannot use the path index, so the prefix is a range in the index's own operators: a path
 * holds unit ids (hex digits and hyphens) and slashes, all below '~'.
 */
export const unitIdsUnderPathOn = (path: SQL, date: string): SQL =>
  sql`(SELECT v.unit_id FROM org_unit_versions v WHERE v.path ~>=~ ${path} AND v.path ~<~ (${path} || '~') AND v.valid_from <= ${date}::date AND (v.valid_to IS NULL OR v.valid_to > ${date}::date))`;

/**
 * The ids of the units under the units that stood for `unitId` on `d` (both SQL; org's `standingOn`: the unit
 * itself when in force then, before it was formed the units that became it), the branches themselves included, as
 * a SQL subquery: a new commune's cells on a day before the reform are its predecessors' cells then. Empty when
 * nothing stood. Path ranges as in `unitIdsUnderPathOn`, so `d` may be a column (a lateral list of days).
 */
export const unitIdsUnderStandingOn = (unitId: SQL, d: SQL): SQL =>
  sql`(SELECT v.unit_id FROM ${standingOn(unitId, d)} st
    JOIN org_unit_versions sv ON sv.unit_id = st.id AND sv.valid_from <= ${d} AND (sv.valid_to IS NULL OR sv.valid_to > ${d})
    JOIN org_unit_versions v ON v.path ~>=~ sv.path AND v.path ~<~ (sv.path || '~') AND v.valid_from <= ${d} AND (v.valid_to IS NULL OR v.valid_to > ${d}))`;

/**
 * For each of `dates` (YYYY-MM-DD), in their order: whether anything stood for the unit that day (itself or the
 * units that became it) and its own path then (null before it was formed or after it closed). ONE statement.
 */
export async function standingByDay(exec: Executor, unitId: string, dates: string[]): Promise<{ stood: boolean; path: string | null }[]> {
  if (dates.length === 0) return [];
  const r = await exec.execute<{ stood: boolean; path: string | null }>(sql`
    SELECT EXISTS (SELECT 1 FROM ${standingOn(sql`${unitId}::uuid`, sql`t.d`)} st) AS stood, ${pathOn(sql`${unitId}::uuid`, sql`t.d`)} AS path
    FROM unnest(${`{${dates.join(',')}}`}::date[]) WITH ORDINALITY AS t(d, ord) ORDER BY t.ord`);
  return r.rows.map((x) => ({ stood: x.stood, path: x.path }));
}
