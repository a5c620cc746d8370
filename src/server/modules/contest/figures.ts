// What the contest adds to the dashboard of any node and date, for the contest of that date's year: how many cell
// secretaries under the node entered it (registered in its commune round), how many took the knowledge test, and how
// many won an award. `compute` sums the per-cell counts kept by triggers (contest_cell_stats, migration
// contest_triggers) over the cells under the node, by index; `raw` counts the candidates themselves.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import { pathOn, unitIdsUnderOn } from '../org/branch.js';

type Column = 'candidates' | 'tested' | 'awarded';
const yearOf = (date: string) => Number(date.slice(0, 4));

const compute = (column: Column) => async (exec: Executor, at: FigureAt) => {
  const r = await exec.execute<{ n: number }>(sql`
    SELECT coalesce(sum(s.${sql.raw(column)}), 0)::int AS n FROM contest_cell_stats s
    WHERE s.year = ${yearOf(at.date)} AND s.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`);
  return r.rows[0]!.n;
};

/** Plainly: every candidate of the year's contest, its cell's path on the date read row by row. */
const raw = (column: Column) => async (exec: Executor, at: FigureAt) => {
  const r = await exec.execute<{ level: string; tested: boolean; award: string | null; path: string | null }>(sql`
    SELECT r.level, EXISTS (SELECT 1 FROM contest_attempts a WHERE a.candidate_id = c.id) AS tested, c.award, ${pathOn(sql`c.cell_id`, at.date)} AS path
    FROM contest_candidates c JOIN contest_rounds r ON r.id = c.round_id JOIN contests k ON k.id = r.contest_id
    WHERE k.year = ${yearOf(at.date)}`);
  const under = r.rows.filter((x) => x.path?.startsWith(at.path));
  if (column === 'candidates') return under.filter((x) => x.level === 'commune').length;
  if (column === 'tested') return under.filter((x) => x.tested).length;
  return under.filter((x) => x.award !== null).length;
};

/** The figures' labels, the dashboard card's and the workbook column's. */
const LABELS: Record<Column, { vi: string; en: string }> = {
  candidates: { vi: 'Bí thư dự Hội thi Bí thư giỏi (năm)', en: 'Secretaries in the contest (year)' },
  tested: { vi: 'Lượt làm bài thi trắc nghiệm (năm)', en: 'Knowledge tests taken (year)' },
  awarded: { vi: 'Bí thư đạt giải Hội thi (năm)', en: 'Secretaries awarded in the contest (year)' },
};

const figure = (column: Column): FigureProvider => ({
  key: `contest.${column}`,
  label: LABELS[column],
  compute: compute(column),
  raw: raw(column),
  notifiesFigures: true,
});

export const contestFigures: FigureProvider[] = [figure('candidates'), figure('tested'), figure('awarded')];
