// What the documents add to the dashboard of any node and date: the share of cells that studied a document by its
// deadline (among deadlines passed by that date), and how many cells are late with one on that date. `compute` sums
// the per-cell counts by day kept by triggers (document_cell_days) over the cells under the node on the date; `raw`
// reads the dissemination rows themselves, as the reference.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import { pathOn, unitIdsUnderPathOn, unitIdsUnderStandingOn } from '../org/branch.js';
import { standingOn } from '../org/queries.js';

type Counts = { due: number; on_time: number; late_now: number };

const countsOver = (cells: SQL, d: SQL) => sql`
  SELECT coalesce(sum(c.due) FILTER (WHERE c.day < ${d}), 0)::int AS due,
         coalesce(sum(c.on_time) FILTER (WHERE c.day < ${d}), 0)::int AS on_time,
         coalesce(sum(c.late), 0)::int AS late_now
  FROM document_cell_days c
  WHERE c.day <= ${d} AND c.cell_id IN ${cells}`;

/**
 * ONE indexed statement over the per-cell counts the triggers keep (migration documents_triggers), over the cells
 * under the units that stood for the node on the date (org's standingOn: itself, or before it was formed the units
 * that became it — a new commune's predecessors, issue 16).
 */
async function studyCounts(exec: Executor, at: FigureAt): Promise<Counts> {
  const d = sql`${at.date}::date`;
  const r = await exec.execute<Counts>(countsOver(unitIdsUnderStandingOn(sql`${at.unitId}::uuid`, d), d));
  return r.rows[0]!;
}

/** The same for one node on many days, in ONE statement (a lateral sum per day, in their order). */
async function studyCountsByDay(exec: Executor, unitId: string, dates: string[]): Promise<Counts[]> {
  if (dates.length === 0) return [];
  const r = await exec.execute<Counts>(sql`
    SELECT s.* FROM unnest(${`{${dates.join(',')}}`}::date[]) WITH ORDINALITY AS t(d, ord)
    CROSS JOIN LATERAL (${countsOver(unitIdsUnderStandingOn(sql`${unitId}::uuid`, sql`t.d`), sql`t.d`)}) s ORDER BY t.ord`);
  return r.rows;
}

/** The units that stood for the node on the date (itself, or before it was formed its predecessors): raw reads their cells. */
async function standingIds(exec: Executor, at: FigureAt): Promise<string[]> {
  return (await exec.execute<{ id: string }>(sql`SELECT id FROM ${standingOn(sql`${at.unitId}::uuid`, sql`${at.date}::date`)} st`)).rows.map((r) => r.id);
}
const under = (path: string | null, ids: string[]) => ids.some((id) => path?.includes(`/${id}/`) ?? false);

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
    label: { vi: 'Chi bộ quán triệt văn bản đúng hạn (%)', en: 'Cells that studied documents on time (%)' },
    trend: 'pct',
    compute: async (exec, at) => {
      const c = await studyCounts(exec, at);
      return share(c.on_time, c.due);
    },
    computeMany: async (exec, units, date) => (await studyCountsMany(exec, units.map((u) => u.path), date)).map((c) => share(c.on_time, c.due)),
    trendMany: async (exec, { unitId, dates }) => (await studyCountsByDay(exec, unitId, dates)).map((c) => share(c.on_time, c.due)),
    raw: async (exec, at) => {
      const ids = await standingIds(exec, at);
      // Plainly: every study row, its cell's path on the date read row by row.
      const r = await exec.execute<{ deadline: string; studied_on: string | null; path: string | null }>(sql`
        SELECT d.deadline::text, dc.studied_on::text,
          ${pathOn(sql`dc.cell_id`, at.date)} AS path
        FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id`);
      const due = r.rows.filter((x) => under(x.path, ids) && x.deadline < at.date);
      return share(due.filter((x) => x.studied_on !== null && x.studied_on <= x.deadline).length, due.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'documents.lateCells',
    label: { vi: 'Lượt chi bộ chậm quán triệt văn bản', en: 'Cells late studying a document' },
    trend: 'count',
    compute: async (exec, at) => (await studyCounts(exec, at)).late_now,
    computeMany: async (exec, units, date) => (await studyCountsMany(exec, units.map((u) => u.path), date)).map((c) => c.late_now),
    trendMany: async (exec, { unitId, dates }) => (await studyCountsByDay(exec, unitId, dates)).map((c) => c.late_now),
    raw: async (exec, at) => {
      const ids = await standingIds(exec, at);
      const r = await exec.execute<{ deadline: string; studied_on: string | null; path: string | null }>(sql`
        SELECT d.deadline::text, dc.studied_on::text,
          ${pathOn(sql`dc.cell_id`, at.date)} AS path
        FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id`);
      return r.rows.filter((x) => under(x.path, ids) && x.deadline < at.date && (x.studied_on === null || x.studied_on > at.date)).length;
    },
    notifiesFigures: true,
  },
];
