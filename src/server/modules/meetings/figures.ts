// What the meetings add to the dashboard of any node and date, over the 12 months up to that date: the share of
// regular meetings held in their planned month, the attendance rate, the share of scored meetings rated Good or
// better (the commune's review, else the cell's own score), and the action items overdue on the date. Each `compute`
// is ONE primary-key range over the node's own totals by day the triggers keep (meeting_node_days, migration
// meetings_node_days; a cell's own counts for a cell): at most ~366 rows whatever the size of the branch. A meeting counts where its cell was on the
// day it was due or held (decision 0005's rule: a cell that moves counts in its old commune before the move and in
// its new one after; history is never re-attributed), and an item overdue on D counts where its cell is on D.
// `raw` reads the meetings, attendance and items themselves, with the cell's path on those days.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import { pathOn } from '../org/branch.js';
import { standingOn } from '../org/queries.js';

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

type RawMeeting = {
  kind: string;
  status: string;
  planned_on: string;
  held_on: string | null;
  total: number | null;
  good: number;
  /** the cell's path on the planned day and on the held day */
  planned_path: string | null;
  held_path: string | null;
};

/** A node is on a cell's path of some day when its id is a step of it (the node's own path may differ that day). */
const hasNode = (path: string | null, unitIds: string[]) => unitIds.some((id) => path?.includes(`/${id}/`) ?? false);

/** The units that stood for the node on the asked day (itself, or before it was formed its predecessors then). */
async function standing(exec: Executor, at: FigureAt): Promise<string[]> {
  return (await exec.execute<{ id: string }>(sql`SELECT id FROM ${standingOn(sql`${at.unitId}::uuid`, sql`${at.date}::date`)} st`)).rows.map((r) => r.id);
}

async function rawMeetings(exec: Executor): Promise<RawMeeting[]> {
  const r = await exec.execute<RawMeeting>(sql`
    SELECT m.kind, m.status, m.planned_on::text, m.held_on::text, coalesce(m.review_total, m.self_total)::float8 AS total,
      (SELECT min_score FROM meeting_quality_bands b WHERE b.template = m.score_template AND b.code = 'good') AS good,
      ${pathOn(sql`m.cell_id`, sql`m.planned_on`)} AS planned_path, ${pathOn(sql`m.cell_id`, sql`m.held_on`)} AS held_path
    FROM cell_meetings m`);
  return r.rows;
}

const COLS = sql.raw('day, due, on_schedule, attended, present, scored, good, overdue, band1, band2, band3, band4');
/**
 * The node's totals over days: ONE statement, a range of the node totals' primary key — or, for a cell, of its own
 * counts' (the totals hold the units above the cells; one of the two ranges is empty).
 */
type Row = Record<string, number>;

/**
 * `compute`, `computeMany` and `trendMany` of a figure read from the node totals: `cols` sums the rows of `days(d)`
 * (`d` an SQL date) into the row `value` turns into the figure. The totals read are those of the units that stood
 * for the node on the day (org's standingOn: the node itself, or before it was formed the units that became it — a
 * new commune's predecessors, issue 16). Many units, or one unit on many days, are ONE statement too (a lateral
 * range per unit or day, in their order).
 */
function fromNodeSums(cols: string, days: (d: SQL) => SQL, value: (r: Row) => number | null): Pick<FigureProvider, 'compute' | 'computeMany' | 'trendMany'> {
  const sums = (id: SQL, d: SQL) => sql`
    SELECT ${sql.raw(cols)} FROM (
      SELECT ${COLS} FROM meeting_node_days WHERE node_id = ANY (ARRAY${standingOn(id, d)})
      UNION ALL SELECT ${COLS} FROM meeting_cell_days WHERE cell_id = ANY (ARRAY${standingOn(id, d)})
    ) c WHERE ${days(d)}`;
  const many = async (exec: Executor, unitIds: string[], date: string) => {
    if (unitIds.length === 0) return [];
    const r = await exec.execute<Row>(sql`
      SELECT s.* FROM unnest(${`{${unitIds.join(',')}}`}::uuid[]) WITH ORDINALITY AS asked(id, ord)
      CROSS JOIN LATERAL (${sums(sql`asked.id`, sql`${date}::date`)}) s ORDER BY asked.ord`);
    return r.rows.map(value);
  };
  return {
    compute: async (exec, at) => (await many(exec, [at.unitId], at.date))[0]!,
    computeMany: (exec, units, date) => many(exec, units.map((u) => u.unitId), date),
    trendMany: async (exec, { unitId, dates }) => {
      if (dates.length === 0) return [];
      const r = await exec.execute<Row>(sql`
        SELECT s.* FROM unnest(${`{${dates.join(',')}}`}::date[]) WITH ORDINALITY AS t(d, ord)
        CROSS JOIN LATERAL (${sums(sql`${unitId}::uuid`, sql`t.d`)}) s ORDER BY t.ord`);
      return r.rows.map(value);
    },
  };
}
const lastYear = (d: SQL) => sql`c.day <= ${d} AND c.day > (${d} - interval '1 year')::date`;

const monthOf = (d: string) => d.slice(0, 7);
const oneYearBefore = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;

/** The seeded 100-point template (42-HD) whose bands the quality distribution is drawn over: its codes, highest first. */
export const QUALITY_TEMPLATE = '42-HD';
export const QUALITY_BANDS = ['good', 'fair', 'average', 'weak'] as const;
const QUALITY_LABELS: Record<(typeof QUALITY_BANDS)[number], { vi: string; en: string }> = {
  good: { vi: 'Chất lượng Tốt (%)', en: 'Quality Good (%)' },
  fair: { vi: 'Chất lượng Khá (%)', en: 'Quality Fair (%)' },
  average: { vi: 'Chất lượng Trung bình (%)', en: 'Quality Average (%)' },
  weak: { vi: 'Chất lượng Kém (%)', en: 'Quality Weak (%)' },
};

/**
 * The share of the scored meetings of the 12 months up to the date whose score falls in `band` of the 42-HD template
 * (thresholds as data in meeting_quality_bands: a meeting is in the highest band whose minimum it reaches). The
 * counts keep each meeting under the rank of its band (band1 = the highest); the band's rank is read from the
 * thresholds in the same statement.
 */
function qualityBand(code: (typeof QUALITY_BANDS)[number]): FigureProvider {
  return {
    key: `meetings.quality.${code}`,
    label: QUALITY_LABELS[code],
    chart: 'meetings.figures.qualityChart',
    // the band's rank among the 42-HD thresholds: an uncorrelated subquery, computed once per statement
    ...fromNodeSums(
      `coalesce(sum(c.scored), 0)::int AS n,
       coalesce(sum(CASE (SELECT 1 + count(*)::int FROM meeting_quality_bands b WHERE b.template = '${QUALITY_TEMPLATE}'
           AND b.min_score > (SELECT min_score FROM meeting_quality_bands WHERE template = '${QUALITY_TEMPLATE}' AND code = '${code}'))
         WHEN 1 THEN c.band1 WHEN 2 THEN c.band2 WHEN 3 THEN c.band3 WHEN 4 THEN c.band4 ELSE 0 END), 0)::int AS k`,
      lastYear,
      (r) => share(r.k!, r.n!),
    ),
    raw: async (exec, at) => {
      const ids = await standing(exec, at);
      const bands = (await exec.execute<{ template: string; code: string; min_score: number }>(sql`SELECT template, code, min_score FROM meeting_quality_bands`)).rows;
      // a band's rank in its template: 1 + the bands with a higher minimum
      const rank = (template: string, min: number) => 1 + bands.filter((b) => b.template === template && b.min_score > min).length;
      const target = bands.find((b) => b.template === QUALITY_TEMPLATE && b.code === code);
      if (!target) return null;
      const r = await exec.execute<{ template: string; total: number; held_on: string; path: string | null }>(sql`
        SELECT m.score_template AS template, coalesce(m.review_total, m.self_total)::float8 AS total, m.held_on::text, ${pathOn(sql`m.cell_id`, sql`m.held_on`)} AS path
        FROM cell_meetings m WHERE m.status = 'held' AND coalesce(m.review_total, m.self_total) IS NOT NULL`);
      const scored = r.rows.filter((m) => hasNode(m.path, ids) && m.held_on <= at.date && m.held_on > oneYearBefore(at.date));
      const inBand = scored.filter((m) => {
        const own = bands.filter((b) => b.template === m.template && b.min_score <= m.total).sort((a, b) => b.min_score - a.min_score)[0];
        return own !== undefined && rank(own.template, own.min_score) === rank(QUALITY_TEMPLATE, target.min_score);
      });
      return share(inBand.length, scored.length);
    },
    notifiesFigures: true,
  };
}

export const meetingFigures: FigureProvider[] = [
  {
    key: 'meetings.heldOnSchedule',
    label: { vi: 'Sinh hoạt định kỳ đúng kỳ (%)', en: 'Regular meetings held on schedule (%)' },
    trend: 'pct',
    ...fromNodeSums(
      'coalesce(sum(c.due), 0)::int AS due, coalesce(sum(c.on_schedule), 0)::int AS held',
      (d) => sql`c.day >= (${d} - interval '1 year')::date AND c.day < date_trunc('month', ${d})`,
      (r) => share(r.held!, r.due!),
    ),
    raw: async (exec, at) => {
      const ids = await standing(exec, at);
      const due = (await rawMeetings(exec)).filter((m) => hasNode(m.planned_path, ids) && m.kind === 'regular' && m.status !== 'cancelled' && m.planned_on >= oneYearBefore(at.date) && monthOf(m.planned_on) < monthOf(at.date));
      return share(due.filter((m) => m.status === 'held' && m.held_on! <= at.date && monthOf(m.held_on!) === monthOf(m.planned_on)).length, due.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'meetings.attendanceRate',
    label: { vi: 'Tỷ lệ đảng viên dự họp (%)', en: 'Meeting attendance (%)' },
    trend: 'pct',
    ...fromNodeSums('coalesce(sum(c.attended), 0)::int AS n, coalesce(sum(c.present), 0)::int AS present', lastYear, (r) => share(r.present!, r.n!)),
    raw: async (exec, at) => {
      const ids = await standing(exec, at);
      const r = await exec.execute<{ status: string; held_on: string | null; mstatus: string; path: string | null }>(sql`
        SELECT a.status, m.held_on::text, m.status AS mstatus, ${pathOn(sql`m.cell_id`, sql`m.held_on`)} AS path
        FROM meeting_attendance a JOIN cell_meetings m ON m.id = a.meeting_id`);
      const rows = r.rows.filter((x) => hasNode(x.path, ids) && x.mstatus === 'held' && x.held_on! <= at.date && x.held_on! > oneYearBefore(at.date));
      return share(rows.filter((x) => x.status === 'present').length, rows.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'meetings.goodOrBetter',
    label: { vi: 'Kỳ họp đạt loại Tốt (%)', en: 'Meetings scored Good (%)' },
    trend: 'pct',
    ...fromNodeSums('coalesce(sum(c.scored), 0)::int AS n, coalesce(sum(c.good), 0)::int AS good', lastYear, (r) => share(r.good!, r.n!)),
    raw: async (exec, at) => {
      const ids = await standing(exec, at);
      const scored = (await rawMeetings(exec)).filter((m) => hasNode(m.held_path, ids) && m.status === 'held' && m.total !== null && m.held_on! <= at.date && m.held_on! > oneYearBefore(at.date));
      return share(scored.filter((m) => m.total! >= m.good).length, scored.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'meetings.overdueActionItems',
    label: { vi: 'Nhiệm vụ quá hạn', en: 'Meeting tasks overdue' },
    trend: 'count',
    ...fromNodeSums('coalesce(sum(c.overdue), 0)::int AS n', (d) => sql`c.day <= ${d}`, (r) => r.n!),
    raw: async (exec, at) => {
      const ids = await standing(exec, at);
      const r = await exec.execute<{ due_on: string; status: string; done_on: string | null; path: string | null }>(sql`
        SELECT i.due_on::text, i.status, i.done_on::text, ${pathOn(sql`i.cell_id`, at.date)} AS path FROM meeting_action_items i`);
      return r.rows.filter((x) => hasNode(x.path, ids) && x.due_on < at.date && (x.status === 'open' || (x.status === 'done' && x.done_on! > at.date))).length;
    },
    notifiesFigures: true,
  },
  ...QUALITY_BANDS.map(qualityBand),
];
