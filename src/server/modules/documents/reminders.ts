// Reminders of a directive to study: each cell that has not recorded its study, 3 days before the deadline and on
// the day, to the cell's secretaries (the same people the directive reached).
import { sql } from 'drizzle-orm';
import { formatDocumentNumber } from '../../../domain/documents.js';
import type { Executor } from '../../platform/db/index.js';
import { notify } from '../../platform/notifications/notify.js';
import { reminderWindow, remindOf } from '../../platform/reminders.js';
import { accountsWithRoleOn } from '../users/queries.js';
import { studyNoticeRoles } from './policy.js';

export async function documentReminders(tx: Executor, today: string): Promise<number> {
  const w = reminderWindow(today);
  const { rows } = await tx.execute<{ dissemination_id: string; cell_id: string; deadline: string; document_id: string; title: string; number: number; type_code: string; issuer_code: string }>(sql`
    SELECT d.id AS dissemination_id, c.cell_id, d.deadline::text AS deadline, doc.id AS document_id, doc.title, doc.number, doc.type_code, doc.issuer_code
    FROM document_dissemination_cells c
    JOIN document_disseminations d ON d.id = c.dissemination_id
    JOIN party_documents doc ON doc.id = d.document_id
    WHERE c.studied_on IS NULL AND d.deadline BETWEEN ${w.from}::date AND ${w.to}::date`);
  let sent = 0;
  for (const r of rows) {
    const n = remindOf({
      key: `document.study:${r.dissemination_id}:${r.cell_id}`,
      what: 'document.study',
      due: r.deadline,
      today,
      params: { number: formatDocumentNumber({ number: r.number, type: r.type_code, issuer: r.issuer_code }), title: r.title },
      link: `/documents/${r.document_id}`,
    });
    if (n) sent += await notify(tx, { ...n, recipients: accountsWithRoleOn(studyNoticeRoles, sql`SELECT ${r.cell_id}::uuid`) });
  }
  return sent;
}
