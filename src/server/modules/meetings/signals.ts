// The cell meetings' early-warning signals (platform/signals.ts): regular meetings planned and not held, resolutions
// published late, action items past their due day. Read as they stood on the day asked (what was held, published or
// done by then), over the cells the tree held under the branch then. Evidence: the meetings (or the meetings of the
// items) by their planned or held day; a cell with no plan in chibo raises nothing (no evidence, no signal).
import { sql } from 'drizzle-orm';
import { addDays } from '../../../domain/supervision.js';
import { defaultMeetingRules } from '../../../domain/meetings.js';
import type { Executor } from '../../platform/db/index.js';
import { anyWindow, found, thresholdFinding, type SignalAt, type SignalFinding, type SignalProvider } from '../../platform/signals.js';
import { unitIdsUnderOn } from '../org/branch.js';

type Row = { cell_id: string; ids: string[]; days: string[] };

// Each reading walks the branch's cells and looks each one up in its (cell, day) index, in a LATERAL aggregate the
// planner cannot flatten: as an `IN (cells)` semi-join it scanned every meeting in the country (a province with no
// meetings took 1.0 s on the national dataset; 50–290 ms this way).

function findings(rows: Row[], at: SignalAt, extra: (r: Row) => Record<string, number | string> = () => ({})): SignalFinding[] {
  return found(
    rows.map((r) => {
      const pairs = r.ids.map((id, i) => ({ id, on: r.days[i] })).sort((a, b) => a.on.localeCompare(b.on));
      return thresholdFinding(at, { cellId: r.cell_id }, pairs.map((p) => ({ id: p.id, ref: p.on, on: p.on, href: `/meetings/${p.id}` })), { params: extra(r) });
    }),
  );
}

/** Regular meetings whose planned day (in the window, before the day asked) passed without their being held by then. */
async function regularMissed(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const from = addDays(at.date, -at.config.windowDays);
  const rows = await exec.execute<Row>(sql`
    SELECT c.unit_id AS cell_id, x.ids, x.days FROM ${unitIdsUnderOn(at.path, at.date)} c
    CROSS JOIN LATERAL (SELECT array_agg(m.id::text ORDER BY m.planned_on) AS ids, array_agg(m.planned_on::text ORDER BY m.planned_on) AS days
      FROM cell_meetings m WHERE m.cell_id = c.unit_id AND m.kind = 'regular'
        AND m.planned_on >= ${from}::date AND m.planned_on < ${at.date}::date
        AND (m.held_on IS NULL OR m.held_on > ${at.date}::date)) x
    WHERE x.ids IS NOT NULL`);
  return findings(rows.rows, at);
}

/** Meetings held in the window whose resolution was not published within the rule's days (by the day asked). */
async function resolutionsLate(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const from = addDays(at.date, -at.config.windowDays);
  const within = defaultMeetingRules.resolutionDaysAfter;
  const rows = await exec.execute<Row>(sql`
    SELECT c.unit_id AS cell_id, x.ids, x.days FROM ${unitIdsUnderOn(at.path, at.date)} c
    CROSS JOIN LATERAL (SELECT array_agg(m.id::text ORDER BY m.held_on) AS ids, array_agg(m.held_on::text ORDER BY m.held_on) AS days
      FROM cell_meetings m WHERE m.cell_id = c.unit_id AND m.held_on >= ${from}::date AND m.held_on <= ${at.date}::date
        AND m.held_on + ${within}::int < ${at.date}::date
        AND (m.resolution_published_on IS NULL OR m.resolution_published_on > m.held_on + ${within}::int)) x
    WHERE x.ids IS NOT NULL`);
  return findings(rows.rows, at, () => ({ days: within }));
}

/** Action items open on the day asked whose due day had passed. */
async function actionsOverdue(exec: Executor, at: SignalAt): Promise<SignalFinding[]> {
  const rows = await exec.execute<Row>(sql`
    SELECT c.unit_id AS cell_id, x.ids, x.days FROM ${unitIdsUnderOn(at.path, at.date)} c
    CROSS JOIN LATERAL (SELECT array_agg(a.meeting_id::text ORDER BY a.due_on) AS ids, array_agg(a.due_on::text ORDER BY a.due_on) AS days
      FROM meeting_action_items a JOIN cell_meetings m ON m.id = a.meeting_id
      WHERE a.cell_id = c.unit_id AND m.held_on <= ${at.date}::date AND a.due_on < ${at.date}::date
        AND (a.status = 'open' OR (a.status = 'done' AND a.done_on > ${at.date}::date))) x
    WHERE x.ids IS NOT NULL`);
  return findings(rows.rows, at);
}

export const meetingSignals: SignalProvider[] = [
  {
    key: 'meetings.regular_missed',
    reads: ['meeting'],
    unit: 'meetings',
    label: 'meetings.signals.regularMissed',
    defaults: { threshold: 2, windowDays: 120, enabled: true },
    bounds: { threshold: [1, 24], windowDays: [30, 730] },
    evaluate: regularMissed,
  },
  {
    key: 'meetings.resolutions_late',
    reads: ['meeting'],
    unit: 'meetings',
    label: 'meetings.signals.resolutionsLate',
    // Four in 180 days: of a cell's six monthly meetings, most resolutions late is a habit; one or two late is the
    // ordinary slip of a busy month (2 flagged 2,292 of the demo's 5,053 cells; 4 flags 234).
    defaults: { threshold: 4, windowDays: 180, enabled: true },
    bounds: { threshold: [1, 24], windowDays: [30, 730] },
    evaluate: resolutionsLate,
  },
  {
    key: 'meetings.actions_overdue',
    reads: ['meeting'],
    unit: 'items',
    label: 'meetings.signals.actionsOverdue',
    defaults: { threshold: 3, windowDays: 365, enabled: true },
    bounds: { threshold: [1, 100], windowDays: anyWindow },
    evaluate: actionsOverdue,
  },
];
