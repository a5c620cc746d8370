// Reminders of a case's deadline: to acknowledge a received case, to conclude an accepted one — 3 days before and on
// the day, to its handlers, never to the people of the cell it is about (notifyHandlers). Dated by the day only, as
// everything about an anonymous report is.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { reminderWindow, remindOf } from '../../platform/reminders.js';
import { unitVersion } from '../org/queries.js';
import { notifyHandlers } from './notices.js';

export async function caseReminders(tx: Executor, today: string): Promise<number> {
  const w = reminderWindow(today);
  const { rows } = await tx.execute<{ id: string; number: number; route: 'commune' | 'inspection'; cell_id: string; subject_person_id: string | null; due: string; step: string; path: string }>(sql`
    SELECT c.id, c.number, c.route, c.cell_id, c.subject_person_id, hv.path,
      CASE WHEN c.status = 'received' THEN c.acknowledge_by ELSE c.conclude_by END::text AS due,
      CASE WHEN c.status = 'received' THEN 'case.acknowledge' ELSE 'case.conclude' END AS step
    FROM supervision_cases c
    JOIN LATERAL ${unitVersion(sql`c.handling_unit_id`, ['path'])} hv ON true
    WHERE (c.status = 'received' AND c.acknowledge_by BETWEEN ${w.from}::date AND ${w.to}::date)
       OR (c.status IN ('accepted', 'verifying') AND c.conclude_by BETWEEN ${w.from}::date AND ${w.to}::date)`);
  let sent = 0;
  for (const r of rows) {
    const n = remindOf({ key: `case:${r.id}:${r.step}`, what: r.step, due: r.due, today, params: { number: r.number }, link: `/supervision/${r.id}` });
    if (!n) continue;
    sent += await notifyHandlers(tx, {
      ...n,
      c: { id: r.id, route: r.route, cellId: r.cell_id, subjectPersonId: r.subject_person_id },
      unitPath: r.path,
      dateOnly: true,
    });
  }
  return sent;
}
