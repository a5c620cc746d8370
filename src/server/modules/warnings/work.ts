// A warning is work: acknowledged, noted, given a follow-up (an account of its branch, by a day not past), closed
// with a reason. Each is one transaction with its audit event, on the warning's state row locked for the change: two
// closes sent at once close it once (the second answers 409). A closed warning comes back (open) when evidence it
// did not hold at closing arrives (list.ts, effectiveStatus). Acting needs the warning to stand today for the actor.
import { eq, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { warningIssue, type WarningSubjectKind } from '../../../domain/warnings.js';
import { authorize, type Actor } from '../../platform/access.js';
import { notify } from '../../platform/notifications/notify.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import type { SignalProvider } from '../../platform/signals.js';
import { memberRowsOn } from '../people/cell-members.js';
import { accountsOnBranch } from '../users/queries.js';
import { asViewer, computeWarnings, effectiveStatus, evidenceKeys } from './list.js';
import { followUpAssignees, warningPolicy } from './policy.js';
import { warningNotes, warningStateDays, warningStates } from './schema.js';

type Ref = { kind: WarningSubjectKind; id: string };

/** The warning as it stands today for the actor, its state row locked (made if missing), or 404. */
async function loadForWork(tx: Tx, actor: Actor, providers: readonly SignalProvider[], ref: Ref) {
  const viewer = await asViewer(tx, actor);
  const key = `${ref.kind}:${ref.id}`;
  const today = todayIso();
  const { warnings } = await computeWarnings(tx, viewer, providers, today);
  const w = warnings.find((x) => x.key === key);
  if (!w) throw notFound('Warning');
  authorize(warningPolicy, viewer, 'warning.work', { path: w.path, cellId: w.cellId, subjectPersonId: w.personId }, 'Warning');
  await tx.insert(warningStates).values({ subjectKey: key }).onConflictDoNothing();
  const [state] = await tx.select().from(warningStates).where(eq(warningStates.subjectKey, key)).for('update');
  return { w, state, key, today, ...effectiveStatus(state, w) };
}

/** The state as it stands from `on`: a dated copy for the list of a past day (schema.ts, warning_state_days). */
export async function recordStateDay(tx: Tx, s: typeof warningStates.$inferSelect, on: string) {
  const { subjectKey, status, acknowledgedOn, followUpUserId, followUpBy, closedOn, closeReason, closedEvidence } = s;
  await tx.insert(warningStateDays).values({ subjectKey, on, status, acknowledgedOn, followUpUserId, followUpBy, closedOn, closeReason, closedEvidence });
}

const audited = (s: typeof warningStates.$inferSelect) => ({
  status: s.status,
  acknowledgedOn: s.acknowledgedOn,
  followUpUserId: s.followUpUserId,
  followUpBy: s.followUpBy,
  closedOn: s.closedOn,
  closeReason: s.closeReason,
});

/** The accounts a warning's follow-up may be given to (policy.ts, followUpAssignees), scoped in SQL to its line. */
function assigneesOf(tx: Tx | Db, w: { path: string; cellId: string; personId: string | null }, today: string, userId?: string) {
  const except = [
    ...(followUpAssignees.exceptCellMembers ? [sql`SELECT person_id FROM ${memberRowsOn(sql`${w.cellId}::uuid`, sql`${today}::date`)} cm`] : []),
    ...(followUpAssignees.exceptSubject && w.personId ? [sql`SELECT ${w.personId}::uuid`] : []),
  ];
  return accountsOnBranch(tx, { roles: followUpAssignees.roles, path: w.path, userId, excludePersons: except.length ? sql.join(except, sql` UNION `) : undefined });
}

/** Who the actor may give the warning's follow-up to: for the picker. 404 when the warning does not stand for them. */
export async function listFollowUpAssignees(db: Db, actor: Actor, providers: readonly SignalProvider[], ref: Ref) {
  const viewer = await asViewer(db, actor);
  const key = `${ref.kind}:${ref.id}`;
  const today = todayIso();
  const { warnings } = await computeWarnings(db, viewer, providers, today);
  const w = warnings.find((x) => x.key === key);
  if (!w) throw notFound('Warning');
  authorize(warningPolicy, viewer, 'warning.work', { path: w.path, cellId: w.cellId, subjectPersonId: w.personId }, 'Warning');
  const items = await assigneesOf(db, w, today);
  return { items: items.map((a) => ({ id: a.id, name: a.displayName, username: a.username })) };
}

export async function acknowledgeWarning(db: Db, actor: Actor, providers: readonly SignalProvider[], ref: Ref) {
  return db.transaction(async (tx) => {
    const { state, key, today, status, w } = await loadForWork(tx, actor, providers, ref);
    if (status === 'closed') throw conflict('The warning is already closed', [warningIssue('warning_closed', 'status')]);
    if (status === 'acknowledged') throw conflict('The warning is already acknowledged', [warningIssue('warning_acknowledged', 'status')]);
    const [after] = await tx
      .update(warningStates)
      .set({ status: 'acknowledged', acknowledgedOn: today, acknowledgedBy: actor.userId, closedOn: null, closeReason: null })
      .where(eq(warningStates.id, state.id))
      .returning();
    await recordStateDay(tx, after, today);
    await recordAudit(tx, actor, { action: 'warning.acknowledge', entityType: 'warning', entityId: key, unitPath: w.path, before: audited(state), after: { ...audited(after), on: today } });
    return { key, status: after.status };
  });
}

export async function noteWarning(db: Db, actor: Actor, providers: readonly SignalProvider[], ref: Ref, input: { body: string }) {
  return db.transaction(async (tx) => {
    const { state, key, today, w } = await loadForWork(tx, actor, providers, ref);
    const [{ next }] = (await tx.execute<{ next: number }>(sql`SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM warning_notes WHERE state_id = ${state.id}`)).rows;
    const [note] = await tx.insert(warningNotes).values({ stateId: state.id, seq: next, on: today, byUserId: actor.userId, byName: actor.name, body: input.body }).returning();
    await recordAudit(tx, actor, { action: 'warning.note', entityType: 'warning', entityId: key, unitPath: w.path, after: { seq: note.seq, on: note.on, body: note.body } });
    return { key, seq: note.seq };
  });
}

export async function assignFollowUp(db: Db, actor: Actor, providers: readonly SignalProvider[], ref: Ref, input: { assigneeUserId: string; by: string; note?: string }) {
  return db.transaction(async (tx) => {
    const { state, key, today, status, w } = await loadForWork(tx, actor, providers, ref);
    const issues = [];
    if (input.by < today) issues.push(warningIssue('follow_up_past', 'by'));
    // The assignee: one the picker offers (policy.ts, followUpAssignees), checked in the same SQL.
    const ok = await assigneesOf(tx, w, today, input.assigneeUserId);
    if (!ok.length) issues.push(warningIssue('assignee_not_in_branch', 'assigneeUserId'));
    if (issues.length) throw invalid(issues);
    if (status === 'closed') throw conflict('The warning is already closed', [warningIssue('warning_closed', 'status')]);
    const [after] = await tx
      .update(warningStates)
      .set({ followUpUserId: input.assigneeUserId, followUpBy: input.by, status: state.status === 'closed' ? 'open' : state.status })
      .where(eq(warningStates.id, state.id))
      .returning();
    if (input.note) {
      const [{ next }] = (await tx.execute<{ next: number }>(sql`SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM warning_notes WHERE state_id = ${state.id}`)).rows;
      await tx.insert(warningNotes).values({ stateId: state.id, seq: next, on: today, byUserId: actor.userId, byName: actor.name, body: input.note });
    }
    await recordStateDay(tx, after, today);
    await recordAudit(tx, actor, { action: 'warning.follow_up', entityType: 'warning', entityId: key, unitPath: w.path, before: audited(state), after: { ...audited(after), note: input.note ?? null, on: today } });
    // The assignee is told in their inbox (once per assignment: the same follow-up sent again is not news).
    await notify(tx, {
      topic: 'warning.follow_up',
      recipients: [input.assigneeUserId],
      sourceId: `${key}:${input.assigneeUserId}:${input.by}`,
      groupKey: `warning:${key}`,
      params: { by: input.by, from: actor.name ?? '' },
      link: '/warnings',
      unitPath: w.path,
    });
    return { key, status: after.status };
  });
}

export async function closeWarning(db: Db, actor: Actor, providers: readonly SignalProvider[], ref: Ref, input: { reason: string }) {
  return db.transaction(async (tx) => {
    const { state, key, today, status, w } = await loadForWork(tx, actor, providers, ref);
    if (status === 'closed') throw conflict('The warning is already closed', [warningIssue('warning_closed', 'status')]);
    const [after] = await tx
      .update(warningStates)
      .set({ status: 'closed', closedOn: today, closeReason: input.reason, closedEvidence: evidenceKeys(w) })
      .where(eq(warningStates.id, state.id))
      .returning();
    await recordStateDay(tx, after, today);
    await recordAudit(tx, actor, { action: 'warning.close', entityType: 'warning', entityId: key, unitPath: w.path, before: audited(state), after: { ...audited(after), on: today } });
    return { key, status: after.status };
  });
}
