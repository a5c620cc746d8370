// The registry figures of a branch as of a date (see README.md for the exact definitions), read from the
// pre-aggregated tables (schema.ts; docs/decisions/0005-fast-figures.md): one indexed row per node, whatever the
// size of its branch. The same figures computed from the raw rows are in raw.ts — the reference the property test
// and the bench compare this with.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { childrenOn, standingInsteadOn, standingOn, versionsOn } from '../org/queries.js';
import { childFiguresVia, toBranchFigures, toFigures, type BranchFigures, type BranchRow, type ChildFigures, type Figures, type RawFigures } from './model.js';
import { rawFigures } from './raw.js';

export { averageAgeYears, FiguresSchema, oneDecimal, type BranchFigures, type ChildFigures, type Figures } from './model.js';
export { rawBranchFigures, rawChildFigures, rawFigures } from './raw.js';

const COUNT_COLUMNS = [
  'cells', 'members', 'full_members', 'cells_under_minimum', 'cells_without_secretary', 'secretaries', 'university', 'theory',
  'village_head', 'laptop', 'birth_sum', 'band_under35', 'band_from35to45', 'band_from46to60', 'band_over60',
] as const;
const COUNTS = sql.raw(COUNT_COLUMNS.join(', '));

/**
 * The counts of node `id` (an SQL expression) on `d`, as RawFigures columns: for a commune, province, … the
 * latest running-total row on or before `d`; for a cell, its segment in force on `d`. No row: all zero.
 */
function figuresAt(id: SQL, d: SQL): SQL {
  return sql`SELECT f.*, f.secretaries::bigint * (${d} - date '2000-01-01') - f.birth_sum AS age_days FROM (
      (SELECT ${COUNTS} FROM node_figures WHERE node_id = ${id} AND valid_from <= ${d} ORDER BY valid_from DESC LIMIT 1)
      UNION ALL
      (SELECT ${COUNTS} FROM cell_figure_segments
        WHERE cell_id = ${id} AND valid_from <= ${d} AND (valid_to IS NULL OR valid_to > ${d}) ORDER BY valid_from DESC LIMIT 1)
    ) f LIMIT 1`;
}

/**
 * figuresAt for the units that stood for `id` on `d` (org's standingOn): the node itself when it was in force, or
 * before it was formed the sum of the units that became it (a new commune before 01/07/2025: its predecessors).
 */
function figuresStanding(id: SQL, d: SQL): SQL {
  const sums = sql.raw(COUNT_COLUMNS.map((c) => `coalesce(sum(f.${c}), 0)::bigint AS ${c}`).join(', '));
  return sql`SELECT ${sums}, coalesce(sum(f.age_days), 0)::bigint AS age_days
    FROM ${standingOn(id, d)} AS st CROSS JOIN LATERAL (${figuresAt(sql`st.id`, d)}) f`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Figures of the branch whose path (as of `date`) is `path`: every cell in force on `date` whose path starts
 * with it. A cell's own path gives the figures of that one cell; '/' the whole registry (every root). Any other
 * path that does not end in a unit's id falls back to the raw computation.
 */
export async function computeFigures(exec: Executor, input: { path: string; date: string }): Promise<Figures> {
  const d = sql`${input.date}::date`;
  if (input.path === '/') {
    // The whole registry (the nation): the sum of the roots (provinces) in force on the date.
    const sums = sql.raw(COUNT_COLUMNS.map((c) => `sum(f.${c})::bigint AS ${c}`).join(', '));
    const { rows } = await exec.execute<RawFigures>(sql`
      SELECT ${sums}, sum(f.age_days)::bigint AS age_days
      FROM ${versionsOn(d)} v CROSS JOIN LATERAL (${figuresAt(sql`v.unit_id`, d)}) f
      WHERE v.parent_id IS NULL`);
    return toFigures(rows[0]);
  }
  const id = input.path.split('/').filter(Boolean).pop();
  if (!id || !UUID.test(id)) return rawFigures(exec, input);
  const { rows } = await exec.execute<RawFigures>(figuresStanding(sql`${id}::uuid`, d));
  return toFigures(rows[0]);
}

/**
 * The figures of a node and of each of its children as of `date`: one statement, one indexed row per unit.
 * `unit` is the node as of `date` (its id and its path on that day, e.g. from findUnit). Children are those in
 * force on `date`, in Vietnamese name order as the tree shows them; a child without cells gets zero figures.
 */
export async function computeBranchFigures(exec: Executor, input: { unit: { id: string; path: string }; date: string }): Promise<BranchFigures> {
  const { unit, date } = input;
  const d = sql`${date}::date`;
  const { rows } = await exec.execute<BranchRow>(sql`
    SELECT
      (SELECT row_to_json(t.*) FROM (${figuresStanding(sql`${unit.id}::uuid`, d)}) t) AS total,
      (SELECT coalesce(json_agg(json_build_object('unit', ch.unit,
                'raw', (SELECT row_to_json(t.*) FROM (${figuresAt(sql`ch.unit_id`, d)}) t))), '[]'::json)
         FROM (SELECT * FROM ${childrenOn(sql`${unit.id}`, d)} c UNION ALL SELECT * FROM ${standingInsteadOn(sql`${unit.id}`, d)} si) ch) AS children`);
  return toBranchFigures(rows[0]);
}

/**
 * Figures of every child of `parentId` as of `date` (see computeBranchFigures). An unknown parent, or one not in
 * force on `date`, has no children.
 */
export async function computeChildFigures(exec: Executor, input: { parentId: string; date: string }): Promise<ChildFigures[]> {
  return childFiguresVia(exec, input, computeBranchFigures);
}
