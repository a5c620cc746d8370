// Reminders of an open review cycle's steps, 3 days before each due date and on the day: members who have not
// assessed themselves (one statement for the whole cycle), each cell's appraisers while a member of the cell waits for
// the cell's appraisal, each commune's deciders while a rating waits for its decision.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { notify } from '../../platform/notifications/notify.js';
import { reminderWindow, remindOf } from '../../platform/reminders.js';
import { accountsOfPersons, accountsOverPath } from '../users/queries.js';
import { reviewPolicy } from './policy.js';

const rolesOf = (action: keyof typeof reviewPolicy) => reviewPolicy[action].map((r) => r.role);

export async function reviewReminders(tx: Executor, today: string): Promise<number> {
  const w = reminderWindow(today);
  const inWindow = (col: string) => sql`${sql.raw(col)} BETWEEN ${w.from}::date AND ${w.to}::date`;
  let sent = 0;
  // Self-assessment: the members of the cycle who have none yet.
  const self = await tx.execute<{ id: string; title: string; due: string }>(sql`
    SELECT id, title, self_due::text AS due FROM review_cycles WHERE status = 'open' AND ${inWindow('self_due')}`);
  for (const c of self.rows) {
    const n = remindOf({ key: `review.self:${c.id}`, what: 'review.self', due: c.due, today, params: { cycle: c.title }, link: `/review?cycle=${c.id}&step=self` });
    if (n)
      sent += await notify(tx, {
        ...n,
        recipients: accountsOfPersons(sql`SELECT p.person_id FROM review_participants p WHERE p.cycle_id = ${c.id} AND p.person_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM review_self_assessments s WHERE s.participant_id = p.id)`),
      });
  }
  // The cell's appraisal: per cell with a participant not yet appraised.
  const cells = await tx.execute<{ cycle_id: string; title: string; due: string; unit_id: string; unit_name: string; unit_path: string }>(sql`
    SELECT DISTINCT c.id AS cycle_id, c.title, c.cell_due::text AS due, p.unit_id, p.unit_name, p.unit_path
    FROM review_cycles c JOIN review_participants p ON p.cycle_id = c.id
    WHERE c.status = 'open' AND ${inWindow('c.cell_due')} AND NOT EXISTS (SELECT 1 FROM review_appraisals a WHERE a.participant_id = p.id)`);
  for (const r of cells.rows) {
    const n = remindOf({
      key: `review.appraise:${r.cycle_id}:${r.unit_id}`,
      what: 'review.appraise',
      due: r.due,
      today,
      params: { cycle: r.title, unit: r.unit_name },
      link: `/review?cycle=${r.cycle_id}&unit=${r.unit_id}&step=appraise`,
      unitPath: r.unit_path,
    });
    if (n) sent += await notify(tx, { ...n, recipients: accountsOverPath(rolesOf('review.appraise'), r.unit_path) });
  }
  // The commune's decision: per commune with a participant not yet decided.
  const communes = await tx.execute<{ cycle_id: string; title: string; due: string; commune_id: string; unit_path: string }>(sql`
    SELECT c.id AS cycle_id, c.title, c.decision_due::text AS due, p.commune_id, min(p.unit_path) AS unit_path
    FROM review_cycles c JOIN review_participants p ON p.cycle_id = c.id
    WHERE c.status = 'open' AND ${inWindow('c.decision_due')} AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.participant_id = p.id)
    GROUP BY c.id, c.title, c.decision_due, p.commune_id`);
  for (const r of communes.rows) {
    const n = remindOf({
      key: `review.decide:${r.cycle_id}:${r.commune_id}`,
      what: 'review.decide',
      due: r.due,
      today,
      params: { cycle: r.title },
      link: `/review?cycle=${r.cycle_id}&unit=${r.commune_id}&step=decide`,
    });
    if (n) sent += await notify(tx, { ...n, recipients: accountsOverPath(rolesOf('review.todo.decide'), r.unit_path) });
  }
  return sent;
}
