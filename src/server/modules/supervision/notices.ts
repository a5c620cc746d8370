// Notifications of the supervision channel, to those who handle a case: the officers its policy gives the case to
// (by its route), in the handling unit's line, never the person it is about nor a member of the cell it is about
// (the case does not exist for them). Nothing ever goes to the reporter: they follow with their receipt code, and
// no word of who they are is put in a notification.
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import type { NotificationTopic } from '../../../domain/notifications.js';
import type { Executor } from '../../platform/db/index.js';
import { notify } from '../../platform/notifications/notify.js';
import { membershipsOn } from '../people/queries.js';
import { accountsOverPath } from '../users/queries.js';
import { casePolicy } from './policy.js';

export async function notifyHandlers(
  tx: Executor,
  n: {
    topic: NotificationTopic;
    c: { id: string; route: 'commune' | 'inspection'; cellId: string; subjectPersonId: string | null };
    unitPath: string;
    sourceId: string;
    groupKey: string;
    params: Record<string, string | number | null>;
    link: string;
    /** An anonymous report's notices: dated by the day only. */
    dateOnly?: boolean;
  },
) {
  const roles = casePolicy['case.handle'].filter((r) => r.where?.route === n.c.route).map((r) => r.role);
  const d = sql`${todayIso()}::date`;
  const about = sql`SELECT m.person_id FROM ${membershipsOn(d)} m WHERE m.unit_id = ${n.c.cellId}
    UNION ALL SELECT ${n.c.subjectPersonId}::uuid WHERE ${n.c.subjectPersonId}::uuid IS NOT NULL`;
  return notify(tx, { topic: n.topic, recipients: accountsOverPath(roles, n.unitPath, about), sourceId: n.sourceId, groupKey: n.groupKey, params: n.params, link: n.link, unitPath: n.unitPath, dateOnly: n.dateOnly });
}
