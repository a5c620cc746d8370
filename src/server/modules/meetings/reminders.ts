// Reminders of a cell's planned meeting: 3 days before (prepare it, send the invitations) and on the day (hold it and
// record it), to the cell's secretaries. A meeting held or cancelled reminds of nothing.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { notify } from '../../platform/notifications/notify.js';
import { reminderWindow, remindOf } from '../../platform/reminders.js';
import { accountsWithRoleOn } from '../users/queries.js';

/** Who prepares and records a cell's meeting. */
const MEETING_KEEPERS = ['cell_secretary'] as const;

export async function meetingReminders(tx: Executor, today: string): Promise<number> {
  const w = reminderWindow(today);
  const { rows } = await tx.execute<{ id: string; cell_id: string; planned_on: string; topic: string | null }>(sql`
    SELECT id, cell_id, planned_on::text AS planned_on, topic FROM cell_meetings
    WHERE status = 'planned' AND planned_on BETWEEN ${w.from}::date AND ${w.to}::date`);
  let sent = 0;
  for (const r of rows) {
    const n = remindOf({
      key: `meeting:${r.id}`,
      what: r.planned_on === today ? 'meeting.record' : 'meeting.prepare',
      due: r.planned_on,
      today,
      params: { topic: r.topic ?? '' },
      link: `/meetings/${r.id}`,
    });
    if (n) sent += await notify(tx, { ...n, recipients: accountsWithRoleOn(MEETING_KEEPERS, sql`SELECT ${r.cell_id}::uuid`) });
  }
  return sent;
}
