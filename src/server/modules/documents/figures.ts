// What the documents add to the dashboard of any node and date: the share of cells that studied a document by its
// deadline (among deadlines passed by that date), and how many cells are late with one on that date. `compute` sums
// the per-cell counts by day kept by triggers (document_cell_days) over the cells under the node on the date; `raw`
// reads the dissemination rows themselves, as the reference.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import { pathOn, unitIdsUnderOn, unitIdsUnderPathOn } from '../org/branch.js';

type Counts = { due: number; on_time: number; late_now: number };

/** ONE indexed statement over the per-cell counts the triggers keep (migration documents_triggers). */
async function studyCounts(exec: Executor, at: FigureAt): Promise<Counts> {
  const r = await exec.execute<Counts>(sql`
    SELECT coalesce(sum(c.due) FILTER (WHERE c.day < ${at.date}::date), 0)::int AS due,
           coalesce(sum(c.on_time) FILTER (WHERE c.day < ${at.date}::date), 0)::int AS on_time,
           coalesce(sum(c.late), 0)::int AS late_now
    FROM document_cell_days c
    WHERE c.day <= ${at.date}::date AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`);
  return r.rows[0]!;
}

/** The same for many branches on one date, in ONE statement (a lateral sum per branch, in their order). */
async function studyCountsMany(exec: Executor, paths: string[], date: string): Promise<Counts[]> {
  if (paths.length === 0) return [];
  const r = await exec.execute<Counts>(sql`
    SELECT s.* FROM unnest(${`{${paths.map((p) => `"${p}"`).join(',')}}`}::text[]) WITH ORDINALITY AS u(path, ord)
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(c.due) FILTER (WHERE c.day < ${date}::date), 0)::int AS due,
             coalesce(sum(c.on_time) FILTER (WHERE c.day < ${date}::date), 0)::int AS on_time,
             coalesce(sum(c.late), 0)::int AS late_now
      FROM document_cell_days c
      WHERE c.day <= ${date}::date AND c.cell_id IN ${unitIdsUnderPathOn(sql`u.path`, date)}
    ) s ORDER BY u.ord`);
  return r.rows;
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

export const documentFigures: FigureProvider[] = [
  {
    key: 'documents.studiedOnTime',
    label: 'documents.figures.studiedOnTime',
    trend: 'pct',
    compute: async (exec, at) => {
      const c = await studyCounts(exec, at);
      return share(c.on_time, c.due);
    },
    computeMany: async (exec, units, date) => (await studyCountsMany(exec, units.map((u) => u.path), date)).map((c) => share(c.on_time, c.due)),
    raw: async (exec, at) => {
      // Plainly: every study row, its cell's path on the date read row by row.
      const r = await exec.execute<{ deadline: string; studied_on: string | null; path: string | null }>(sql`
        SELECT d.deadline::text, dc.studied_on::text,
          ${pathOn(sql`dc.cell_id`, at.date)} AS path
        FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id`);
      const due = r.rows.filter((x) => x.path?.startsWith(at.path) && x.deadline < at.date);
      return share(due.filter((x) => x.studied_on !== null && x.studied_on <= x.deadline).length, due.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'documents.lateCells',
    label: 'documents.figures.lateCells',
    trend: 'count',
    compute: async (exec, at) => (await studyCounts(exec, at)).late_now,
    computeMany: async (exec, units, date) => (await studyCountsMany(exec, units.map((u) => u.path), date)).map((c) => c.late_now),
    raw: async (exec, at) => {
      const r = await exec.execute<{ deadline: string; studied_on: string | null; path: string | null }>(sql`
        SELECT d.deadline::text, dc.studied_on::text,
          ${pathOn(sql`dc.cell_id`, at.date)} AS path
        FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id`);
      return r.rows.filter((x) => x.path?.startsWith(at.path) && x.deadline < at.date && (x.studied_on === null || x.studied_on > at.date)).length;
    },
    notifiesFigures: true,
  },
];
