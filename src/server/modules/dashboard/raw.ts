// The registry figures computed from the raw registry rows (see README.md for the exact definitions): the
// reference the pre-aggregated fast path (figures.ts) is tested and benchmarked against. Everything is set-based:
// one statement for a node, one statement for a node and all its children (each cell grouped by the child's segment
// of its path), whatever the size of the branch — ~120–400 ms for a province of 130k members.
import { sql, type SQL } from 'drizzle-orm';
import { ageBands, ELEMENTARY_OR_HIGHER, MIN_FULL_MEMBERS, UNIVERSITY_OR_HIGHER } from '../../../domain/enums.js';
import type { Executor } from '../../platform/db/index.js';
import { childrenOn, unitsOn } from '../org/queries.js';
import { escapeLike } from '../org/tree.js';
import { holdsLaptop, holdsPost, membershipsOn, persons, secretaryTermsOn } from '../people/queries.js';
import { childFiguresVia, toBranchFigures, toFigures, type BranchFigures, type BranchRow, type ChildFigures, type Figures, type RawFigures } from './model.js';


const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * The aggregation both entry points share, as CTEs ending in `f`: the cells in force on `date` whose path starts
 * with `path` (a literal prefix, so the planner sees how few rows a commune has and uses the indexes), grouped by
 * `groupKey` — plus, with `total`, one more row with grp NULL for the whole branch (GROUPING SETS).
 */
function figuresCtes(path: string, date: string, opts: { groupKey: SQL; total: boolean }): SQL {
  const d = sql`${date}::date`;
  // Completed years on D, exactly like ageOn(): a 29 February birthday is completed on 1 March.
  const age = sql`(extract(year from ${d})::int - extract(year from p.birth_date)::int
      - CASE WHEN to_char(p.birth_date, 'MMDD') > to_char(${d}, 'MMDD') THEN 1 ELSE 0 END)`;
  const bandColumns = sql.join(
    ageBands.map((b) => sql`count(*) FILTER (WHERE s.age BETWEEN ${b.min} AND ${b.max}) AS ${sql.identifier(`band_${b.key}`)}`),
    sql`,\n      `,
  );
  const groupBy = (col: string) => (opts.total ? sql`GROUP BY GROUPING SETS ((${sql.raw(col)}), ())` : sql`GROUP BY ${sql.raw(col)}`);
  return sql`
    cells AS MATERIALIZED (
      SELECT v.unit_id AS id, ${opts.groupKey} AS grp
      FROM ${unitsOn(d)} v
      WHERE v.path LIKE ${escapeLike(path) + '%'} AND v.kind = 'cell'
    ),
    per_cell AS (
      SELECT c.id, c.grp,
        count(m.id) AS members,
        count(m.id) FILTER (WHERE p.official_on <= ${d}) AS full_members
      FROM cells c
      LEFT JOIN ${membershipsOn(d)} m ON m.unit_id = c.id
      LEFT JOIN ${persons} p ON p.id = m.person_id
      GROUP BY c.id, c.grp
    ),
    secs AS MATERIALIZED (
      SELECT c.grp, c.id AS cell_id, ${age} AS age, (${d} - p.birth_date) AS age_days,
        p.education IN (${list(UNIVERSITY_OR_HIGHER)}) AS university,
        p.theory_level IN (${list(ELEMENTARY_OR_HIGHER)}) AS theory,
        ${holdsPost(sql`t.person_id`, 'village_head', d)} AS village_head,
        ${holdsLaptop(sql`t.person_id`, d)} AS laptop
      FROM cells c
      JOIN ${secretaryTermsOn(d)} t ON t.unit_id = c.id
      JOIN ${persons} p ON p.id = t.person_id
    ),
    cell_agg AS (
      SELECT pc.grp,
        count(*) AS cells,
        sum(pc.members) AS members,
        sum(pc.full_members) AS full_members,
        count(*) FILTER (WHERE pc.full_members < ${MIN_FULL_MEMBERS}) AS cells_under_minimum,
        count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM secs s WHERE s.cell_id = pc.id)) AS cells_without_secretary
      FROM per_cell pc
      ${groupBy('pc.grp')}
    ),
    sec_agg AS (
      SELECT s.grp,
        count(*) AS secretaries,
        count(*) FILTER (WHERE s.university) AS university,
        count(*) FILTER (WHERE s.theory) AS theory,
        count(*) FILTER (WHERE s.village_head) AS village_head,
        count(*) FILTER (WHERE s.laptop) AS laptop,
        sum(s.age_days) AS age_days,
        ${bandColumns}
      FROM secs s
      ${groupBy('s.grp')}
    ),
    f AS (
      SELECT ca.*, sa.secretaries, sa.university, sa.theory, sa.village_head, sa.laptop, sa.age_days,
        ${sql.join(ageBands.map((b) => sql`sa.${sql.identifier(`band_${b.key}`)}`), sql`, `)}
      FROM cell_agg ca
      LEFT JOIN sec_agg sa ON sa.grp IS NOT DISTINCT FROM ca.grp
    )`;
}

/**
 * Figures of the branch whose path (as of `date`) is `path`: every cell in force on `date` whose path starts
 * with it. A cell's own path gives the figures of that one cell. One statement.
 */
export async function rawFigures(exec: Executor, input: { path: string; date: string }): Promise<Figures> {
  const ctes = figuresCtes(input.path, input.date, { groupKey: sql`0`, total: false });
  const { rows } = await exec.execute<RawFigures>(sql`WITH ${ctes} SELECT * FROM f`);
  return toFigures(rows[0]);
}


/**
 * The figures of a node and of each of its children as of `date`, in ONE statement whatever the size of the
 * branch: each cell counts in the child whose id is the path segment right after the node's path
 * ('/…/node/<child>/…'), and GROUPING SETS adds the node's own total. `unit` is the node as of `date`
 * (its id and its path on that day, e.g. from findUnit). Children are those in force on `date`, in Vietnamese
 * name order as the tree shows them; a child without cells gets zero figures.
 */
export async function rawBranchFigures(exec: Executor, input: { unit: { id: string; path: string }; date: string }): Promise<BranchFigures> {
  const { unit, date } = input;
  const d = sql`${date}::date`;
  const ctes = figuresCtes(unit.path, date, {
    groupKey: sql`split_part(substr(v.path, ${unit.path.length + 1}), '/', 1)`,
    total: true,
  });
  const { rows } = await exec.execute<BranchRow>(sql`
    WITH ${ctes}
    SELECT
      (SELECT row_to_json(t.*) FROM f t WHERE t.grp IS NULL) AS total,
      (SELECT coalesce(json_agg(json_build_object('unit', ch.unit, 'raw', row_to_json(f.*))), '[]'::json)
         FROM ${childrenOn(sql`${unit.id}`, d)} ch
         LEFT JOIN f ON f.grp = ch.unit_id::text) AS children`);
  return toBranchFigures(rows[0]);
}

/**
 * Figures of every child of `parentId` as of `date` (see computeBranchFigures): one indexed look-up of the
 * parent's path on that date, then one statement for all the children. An unknown parent, or one not in force
 * on `date`, has no children.
 */
export async function rawChildFigures(exec: Executor, input: { parentId: string; date: string }): Promise<ChildFigures[]> {
  return childFiguresVia(exec, input, rawBranchFigures);
}
