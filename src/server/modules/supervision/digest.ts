// An anonymous report's audit trail, a day at a time. An event written when the report arrives would sit in the
// hash chain between events stamped to the millisecond, and its position alone would tell the moment it came in
// (issue 15, defect 8). So an anonymous report and an anonymous reporter's answer write no event of their own:
// once their day is over, one event per handling commune and day counts them ("3 reports received, 1 answer"),
// dated that day, written in a pass that runs long after any of them. The cases themselves carry dates only.
// Named reports keep their event at the moment (a member reporting under their name is not hiding when).
import { sql } from 'drizzle-orm';
import { addDays } from '../../../domain/supervision.js';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import { lastEntityOf, recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { latestPaths } from '../org/tree.js';

export const DAY_ACTION = 'supervision.anonymous.day';
export const COUNT_ACTION = 'supervision.anonymous.count';
// One pass at a time: two processes (or the sweep and a test) must not count a day twice.
const DIGEST_LOCK = 7_202_512;

/**
 * Writes the counts of every whole day not yet counted, up to yesterday; returns the days counted. The first pass
 * on a database starts at the first day with anonymous activity.
 */
export async function digestAnonymousDays(db: Db, today = todayIso()): Promise<string[]> {
  const actor = systemActor('supervision.digest');
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DIGEST_LOCK})`);
    const last = await lastEntityOf(tx, DAY_ACTION);
    const first = last
      ? addDays(last, 1)
      : (
          await tx.execute<{ d: string | null }>(sql`
            SELECT LEAST(
              (SELECT MIN(received_on) FROM supervision_cases WHERE anonymous),
              (SELECT MIN(m.on) FROM supervision_messages m JOIN supervision_cases c ON c.id = m.case_id WHERE c.anonymous AND m.author = 'reporter'))::text AS d`)
        ).rows[0].d;
    if (!first || first >= today) return [];
    const yesterday = addDays(today, -1);
    const counts = await tx.execute<{ day: string; unit: string; received: number; answers: number }>(sql`
      SELECT day::text, unit, SUM(received)::int AS received, SUM(answers)::int AS answers FROM (
        SELECT received_on AS day, handling_unit_id AS unit, 1 AS received, 0 AS answers
          FROM supervision_cases WHERE anonymous AND received_on BETWEEN ${first} AND ${yesterday}
        UNION ALL
        SELECT m.on, c.handling_unit_id, 0, 1 FROM supervision_messages m JOIN supervision_cases c ON c.id = m.case_id
          WHERE c.anonymous AND m.author = 'reporter' AND m.on BETWEEN ${first} AND ${yesterday}
      ) x GROUP BY day, unit ORDER BY day, unit`);
    const paths = await latestPaths(tx, [...new Set(counts.rows.map((r) => r.unit))]);
    const days: string[] = [];
    for (let d = first; d <= yesterday; d = addDays(d, 1)) days.push(d);
    // Each day's events carry that day's date (midnight), never the moment of this pass.
    for (const day of days) {
      const events = counts.rows
        .filter((r) => r.day === day)
        .map((r) => ({ action: COUNT_ACTION, entityType: 'supervision_intake', entityId: r.unit, unitPath: paths.get(r.unit)?.path ?? null, after: { day, received: r.received, answers: r.answers } }));
      await recordAudit(tx, actor, [...events, { action: DAY_ACTION, entityType: 'day', entityId: day, after: { communes: events.length } }], { onDay: day });
    }
    return days;
  });
}
