// What the meetings add to the dashboard of any node and date, over the 12 months up to that date: the share of
// regular meetings held in their planned month, the attendance rate, the share of scored meetings rated Good or
// better (the commune's review, else the cell's own score), and the action items overdue on the date. Each `compute`
// is ONE indexed sum over the per-cell counts by day the triggers keep (meeting_cell_days, migration
// meetings_triggers) for the cells under the node on the date (a moved cell counts where it is on that date, with
// its whole history, as the raw rows do); `raw` reads the meetings, attendance and items themselves.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import { pathOn, unitIdsUnderOn } from '../org/branch.js';

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
const yearBefore = (date: string) => sql`(${date}::date - interval '1 year')::date`;

type RawMeeting = {
  kind: string;
  status: string;
  planned_on: string;
  held_on: string | null;
  total: number | null;
  good: number;
  path: string | null;
};

async function rawMeetings(exec: Executor, at: FigureAt): Promise<RawMeeting[]> {
  const r = await exec.execute<RawMeeting>(sql`
    SELECT m.kind, m.status, m.planned_on::text, m.held_on::text, coalesce(m.review_total, m.self_total)::float8 AS total,
      (SELECT min_score FROM meeting_quality_bands b WHERE b.template = m.score_template AND b.code = 'good') AS good,
      ${pathOn(sql`m.cell_id`, at.date)} AS path
    FROM cell_meetings m`);
  return r.rows.filter((x) => x.path?.startsWith(at.path));
}

const monthOf = (d: string) => d.slice(0, 7);
const oneYearBefore = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;

export const meetingFigures: FigureProvider[] = [
  {
    key: 'meetings.heldOnSchedule',
    label: 'meetings.figures.heldOnSchedule',
    compute: async (exec, at) => {
      const r = await exec.execute<{ due: number; held: number }>(sql`
        SELECT coalesce(sum(c.due), 0)::int AS due, coalesce(sum(c.on_schedule), 0)::int AS held
        FROM meeting_cell_days c
        WHERE c.day >= ${yearBefore(at.date)} AND c.day < date_trunc('month', ${at.date}::date) AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`);
      return share(r.rows[0]!.held, r.rows[0]!.due);
    },
    raw: async (exec, at) => {
      const due = (await rawMeetings(exec, at)).filter((m) => m.kind === 'regular' && m.status !== 'cancelled' && m.planned_on >= oneYearBefore(at.date) && monthOf(m.planned_on) < monthOf(at.date));
      return share(due.filter((m) => m.status === 'held' && m.held_on! <= at.date && monthOf(m.held_on!) === monthOf(m.planned_on)).length, due.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'meetings.attendanceRate',
    label: 'meetings.figures.attendanceRate',
    compute: async (exec, at) => {
      const r = await exec.execute<{ n: number; present: number }>(sql`
        SELECT coalesce(sum(c.attended), 0)::int AS n, coalesce(sum(c.present), 0)::int AS present
        FROM meeting_cell_days c
        WHERE c.day <= ${at.date}::date AND c.day > ${yearBefore(at.date)} AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`);
      return share(r.rows[0]!.present, r.rows[0]!.n);
    },
    raw: async (exec, at) => {
      const r = await exec.execute<{ status: string; held_on: string | null; mstatus: string; path: string | null }>(sql`
        SELECT a.status, m.held_on::text, m.status AS mstatus, ${pathOn(sql`m.cell_id`, at.date)} AS path
        FROM meeting_attendance a JOIN cell_meetings m ON m.id = a.meeting_id`);
      const rows = r.rows.filter((x) => x.path?.startsWith(at.path) && x.mstatus === 'held' && x.held_on! <= at.date && x.held_on! > oneYearBefore(at.date));
      return share(rows.filter((x) => x.status === 'present').length, rows.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'meetings.goodOrBetter',
    label: 'meetings.figures.goodOrBetter',
    compute: async (exec, at) => {
      const r = await exec.execute<{ n: number; good: number }>(sql`
        SELECT coalesce(sum(c.scored), 0)::int AS n, coalesce(sum(c.good), 0)::int AS good
        FROM meeting_cell_days c
        WHERE c.day <= ${at.date}::date AND c.day > ${yearBefore(at.date)} AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`);
      return share(r.rows[0]!.good, r.rows[0]!.n);
    },
    raw: async (exec, at) => {
      const scored = (await rawMeetings(exec, at)).filter((m) => m.status === 'held' && m.total !== null && m.held_on! <= at.date && m.held_on! > oneYearBefore(at.date));
      return share(scored.filter((m) => m.total! >= m.good).length, scored.length);
    },
    notifiesFigures: true,
  },
  {
    key: 'meetings.overdueActionItems',
    label: 'meetings.figures.overdueActionItems',
    compute: async (exec, at) => {
      const r = await exec.execute<{ n: number }>(sql`
        SELECT coalesce(sum(c.overdue), 0)::int AS n FROM meeting_cell_days c
        WHERE c.day <= ${at.date}::date AND c.cell_id IN ${unitIdsUnderOn(at.path, at.date)}`);
      return r.rows[0]!.n;
    },
    raw: async (exec, at) => {
      const r = await exec.execute<{ due_on: string; status: string; done_on: string | null; path: string | null }>(sql`
        SELECT i.due_on::text, i.status, i.done_on::text, ${pathOn(sql`i.cell_id`, at.date)} AS path FROM meeting_action_items i`);
      return r.rows.filter((x) => x.path?.startsWith(at.path) && x.due_on < at.date && (x.status === 'open' || (x.status === 'done' && x.done_on! > at.date))).length;
    },
    notifiesFigures: true,
  },
];
