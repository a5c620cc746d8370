// Every write to a meeting is a command a phone may have queued offline: it carries its own id, the phone's id and
// the meeting's version the phone last saw (docs/decisions/0010-offline-meetings.md).
// - The same command id twice → the first answer again, nothing applied twice (the id is the table's key; the
//   meeting's row lock serializes commands of one meeting, so twenty copies at once make one effect).
// - A version older than the meeting's → applied when nothing changed meanwhile by ANOTHER phone in what this command
//   touches (its areas: one member's attendance, the minutes, one action item…); otherwise 409 naming the current
//   version and what changed, by whom.
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { areasMeet, commandAreas, durationWarning, materialsWarning, resolutionWarning, scoreIssues, scoreTotal, type MeetingCommand, type MeetingCommandBody, type Warning } from '../../../domain/meetings.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { acknowledgeBySource, notify } from '../../platform/notifications/notify.js';
import { accountsOfPersons } from '../users/queries.js';
import { documentsSentToCell, recordStudyInMeeting } from '../documents/cell-studies.js';
import { sniffDocument } from '../../platform/uploads.js';
import { actionOfCommand, authorizeMeeting } from './policy.js';
import { cellMeetings, meetingActionItems, meetingAttendance, meetingCommands, meetingDocumentMaterials, meetingInvitations, meetingMaterials } from './schema.js';
import { loadMeeting, loadRules, loadTemplate, membersOfMeeting, type MeetingRow } from './service.js';

export interface CommandAnswer {
  commandId: string;
  meetingId: string;
  version: number;
  warnings: Warning[];
  /** True when this is the stored answer of a command already applied. */
  replayed: boolean;
}

/** The inbox's name for a meeting's invitation (the descriptor's acknowledger). */
export const INVITATION_SOURCE = 'meetings.invitation';

/** Acknowledging the invitation from the inbox: the same command as on the meeting's page. */
export async function acknowledgeInvitation(db: Db, actor: Actor, meetingId: string): Promise<void> {
  await applyCommand(db, actor, meetingId, { commandId: randomUUID(), clientId: randomUUID(), baseVersion: 0, command: { type: 'acknowledge' } });
}

type Envelope = Pick<MeetingCommand, 'commandId' | 'clientId' | 'baseVersion'>;
interface Ctx {
  tx: Executor;
  actor: Actor;
  meeting: MeetingRow;
  cellPath: string;
  today: string;
}
type Apply = (ctx: Ctx) => Promise<{ set?: Partial<MeetingRow>; warnings?: Warning[]; audit: Record<string, unknown> }>;

async function storedAnswer(exec: Executor, actor: Actor, commandId: string, meetingId: string): Promise<CommandAnswer | null> {
  const [c] = await exec.select().from(meetingCommands).where(eq(meetingCommands.commandId, commandId));
  if (!c) return null;
  if (c.meetingId !== meetingId || c.userId !== actor.userId) throw conflict('This command id was used for another meeting', [{ path: 'commandId', code: 'command_id_reused', message: 'This command id was used for another meeting' }]);
  return { ...(c.answer as Omit<CommandAnswer, 'replayed'>), replayed: true };
}

/** Runs one command on a meeting: dedup, lock, authorize, version check, apply, store the answer — one transaction. */
async function run(db: Db, actor: Actor, meetingId: string, env: Envelope, type: string, areas: string[], action: keyof typeof actionByType | null, apply: Apply, target?: { personId?: string | null }): Promise<CommandAnswer> {
  const gone = (e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found')
      throw new AppError('not_found', 'This meeting no longer exists; your entry is kept on the phone', [{ path: 'meetingId', code: 'meeting_gone', message: 'This meeting no longer exists' }]);
    throw e;
  };
  // A replay is answered only to whom may read the meeting (and sent it first).
  await loadMeeting(db, actor, meetingId).catch(gone);
  const seen = await storedAnswer(db, actor, env.commandId, meetingId);
  if (seen) return seen;
  return db.transaction(async (tx) => {
    const { meeting, cellPath } = await loadMeeting(tx, actor, meetingId, { forUpdate: true }).catch(gone);
    // A copy that waited for the lock finds the first one's answer here.
    const again = await storedAnswer(tx, actor, env.commandId, meetingId);
    if (again) return again;
    authorizeMeeting(actor, action ? actionByType[action] : 'meeting.run', { path: cellPath, personId: target?.personId ?? null });
    if (meeting.status === 'cancelled' && type !== 'cancel')
      throw conflict('This meeting was cancelled meanwhile', [{ path: 'meetingId', code: 'meeting_cancelled', message: 'This meeting was cancelled' }]);
    if (env.baseVersion > meeting.version) throw invalid([{ path: 'baseVersion', code: 'version_unknown', message: 'This version of the meeting never existed' }]);
    if (env.baseVersion < meeting.version) {
      const since = await tx
        .select()
        .from(meetingCommands)
        .where(and(eq(meetingCommands.meetingId, meetingId), gt(meetingCommands.version, env.baseVersion), ne(meetingCommands.clientId, env.clientId)));
      const clashes = since.filter((c) => areasMeet(c.areas, areas));
      if (clashes.length)
        throw conflict(`Changed meanwhile by someone else; the meeting is now at version ${meeting.version}`, [
          { path: 'baseVersion', code: 'stale_version', message: `The meeting is now at version ${meeting.version}` },
          ...clashes.map((c) => ({ path: `changed.${c.areas.join(',')}`, code: 'meeting_changed', message: `${c.type} by ${c.actorName ?? 'someone'} (version ${c.version}, ${c.at.toISOString()})` })),
        ]);
    }
    const today = todayIso();
    const { set = {}, warnings = [], audit } = await apply({ tx, actor, meeting, cellPath, today });
    const version = meeting.version + 1;
    await tx.update(cellMeetings).set({ ...set, version }).where(eq(cellMeetings.id, meetingId));
    const answer = { commandId: env.commandId, meetingId, version, warnings };
    await tx.insert(meetingCommands).values({ commandId: env.commandId, meetingId, clientId: env.clientId, userId: actor.userId, actorName: actor.name, type, areas, version, answer });
    await recordAudit(tx, actor, { action: `meeting.${type}`, entityType: 'meeting', entityId: meetingId, unitPath: cellPath, after: { ...audit, version } });
    return { ...answer, replayed: false };
  });
}

const actionByType = actionOfCommand;

const requireHeld = (m: MeetingRow, path = 'meetingId') => {
  if (m.status !== 'held' || !m.heldOn) throw invalid([{ path, code: 'meeting_not_held', message: 'Record the meeting as held first' }]);
  return m.heldOn;
};
const requireOpenReview = (m: MeetingRow, path: string) => {
  if (m.reviewClosedOn) throw conflict('The commune closed its review of this meeting', [{ path, code: 'review_closed', message: 'The commune closed its review; the record can no longer be changed' }]);
};
const notInFuture = (d: string, today: string, path: string, code: string, message: string) => {
  if (d > today) throw invalid([{ path, code, message }]);
};

async function memberIds(tx: Executor, m: MeetingRow) {
  return new Set((await membersOfMeeting(tx, m)).map((x) => x.personId));
}

const handlers: { [T in MeetingCommandBody['type']]: (c: Extract<MeetingCommandBody, { type: T }>) => Apply } = {
  schedule: (c) => async ({ meeting }) => {
    if (meeting.status !== 'planned') throw conflict('This meeting was already held', [{ path: 'plannedOn', code: 'meeting_already_held', message: 'This meeting was already held' }]);
    return { set: { plannedOn: c.plannedOn, startsAt: c.startsAt ?? meeting.startsAt, location: c.location ?? meeting.location, topic: c.topic ?? meeting.topic }, audit: c };
  },
  setAgenda: (c) => async () => ({ set: { agenda: c.items }, audit: { items: c.items.length } }),
  sendInvitations: (c) => async ({ tx, meeting, today }) => {
    const members = await membersOfMeeting(tx, meeting);
    if (members.length)
      await tx
        .insert(meetingInvitations)
        .values(members.map((p) => ({ meetingId: meeting.id, personId: p.personId, sentOn: today })))
        .onConflictDoNothing();
    // The invitation is an official message in each invited member's inbox, acknowledged there or here (one truth:
    // meeting_invitations; the inbox follows it).
    if (members.length)
      await notify(tx, {
        topic: 'meeting.invitation',
        recipients: accountsOfPersons(sql`SELECT unnest(${sql.param(members.map((p) => p.personId))}::uuid[])`),
        sourceId: meeting.id,
        groupKey: `meeting.invitation:${meeting.id}`,
        params: { topic: meeting.topic, plannedOn: meeting.plannedOn },
        link: `/meetings/${meeting.id}`,
        ack: { source: INVITATION_SOURCE, id: meeting.id },
      });
    return { set: { invitationMessage: c.message, invitationsSentOn: today, guests: c.guests }, audit: { members: members.length, guests: c.guests.length } };
  },
  acknowledge: () => async ({ tx, actor, meeting }) => {
    const r = await tx
      .update(meetingInvitations)
      .set({ acknowledgedAt: sql`coalesce(${meetingInvitations.acknowledgedAt}, now())` })
      .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.personId, actor.personId ?? '00000000-0000-0000-0000-000000000000')))
      .returning();
    if (!r.length) throw invalid([{ path: 'meetingId', code: 'not_invited', message: 'You have no invitation to this meeting' }]);
    if (actor.userId) await acknowledgeBySource(tx, { source: INVITATION_SOURCE, id: meeting.id, userIds: [actor.userId] });
    return { audit: { personId: actor.personId } };
  },
  apologize: (c) => async ({ tx, actor, meeting }) => {
    if (meeting.status === 'held') throw conflict('The meeting was already held', [{ path: 'reason', code: 'meeting_already_held', message: 'The meeting was already held' }]);
    const r = await tx
      .update(meetingInvitations)
      .set({ apologyReason: c.reason, apologyAt: sql`now()` })
      .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.personId, actor.personId ?? '00000000-0000-0000-0000-000000000000')))
      .returning();
    if (!r.length) throw invalid([{ path: 'meetingId', code: 'not_invited', message: 'You have no invitation to this meeting' }]);
    // Excused in advance: the attendance sheet starts from it; the secretary may still change it at the meeting.
    await tx
      .insert(meetingAttendance)
      .values({ meetingId: meeting.id, personId: actor.personId!, status: 'excused', reason: c.reason })
      .onConflictDoUpdate({ target: [meetingAttendance.meetingId, meetingAttendance.personId], set: { status: 'excused', reason: c.reason } });
    return { audit: { personId: actor.personId } };
  },
  recordHeld: (c) => async ({ tx, meeting, today }) => {
    notInFuture(c.heldOn, today, 'heldOn', 'meeting_held_in_future', 'A meeting cannot be recorded as held on a future day');
    requireOpenReview(meeting, 'heldOn');
    const rules = await loadRules(tx);
    const members = (await membersOfMeeting(tx, { ...meeting, heldOn: c.heldOn })).length;
    const w = durationWarning(c.durationMinutes, members, rules);
    return { set: { status: 'held', heldOn: c.heldOn, startsAt: c.startsAt ?? meeting.startsAt, durationMinutes: c.durationMinutes }, warnings: w ? [w] : [], audit: c };
  },
  attendance: (c) => async ({ tx, meeting }) => {
    requireHeld(meeting);
    requireOpenReview(meeting, 'entries');
    const ids = await memberIds(tx, meeting);
    const issues = c.entries.flatMap((e, i) => (ids.has(e.personId) ? [] : [{ path: `entries.${i}.personId`, code: 'attendance_not_member', message: 'Not a member of this cell on the day of the meeting' }]));
    const dup = c.entries.findIndex((e, i) => c.entries.findIndex((x) => x.personId === e.personId) !== i);
    if (dup >= 0) issues.push({ path: `entries.${dup}.personId`, code: 'attendance_duplicate', message: 'This member is listed twice' });
    if (issues.length) throw invalid(issues);
    const applied: typeof c.entries = [];
    for (const e of c.entries) {
      const row = { meetingId: meeting.id, personId: e.personId, status: e.status, reason: e.reason ?? null };
      const target = [meetingAttendance.meetingId, meetingAttendance.personId];
      const done = c.onlyUnrecorded
        ? await tx.insert(meetingAttendance).values(row).onConflictDoNothing({ target }).returning({ personId: meetingAttendance.personId })
        : await tx.insert(meetingAttendance).values(row).onConflictDoUpdate({ target, set: { status: e.status, reason: e.reason ?? null } }).returning({ personId: meetingAttendance.personId });
      if (done.length) applied.push(e);
    }
    return { audit: { entries: applied.map((e) => ({ personId: e.personId, status: e.status })), ...(c.onlyUnrecorded ? { onlyUnrecorded: true } : {}) } };
  },
  minutes: (c) => async ({ meeting }) => {
    requireHeld(meeting);
    requireOpenReview(meeting, 'minutes');
    return { set: { minutes: c.minutes }, audit: { sections: Object.keys(c.minutes.sections ?? {}) } };
  },
  resolution: (c) => async ({ tx, meeting, today }) => {
    const heldOn = requireHeld(meeting, 'publishedOn');
    requireOpenReview(meeting, 'text');
    notInFuture(c.publishedOn, today, 'publishedOn', 'date_in_future', 'The date is in the future');
    if (c.publishedOn < heldOn) throw invalid([{ path: 'publishedOn', code: 'resolution_before_meeting', message: 'A resolution is published after its meeting' }]);
    const w = resolutionWarning(c.publishedOn, heldOn, await loadRules(tx));
    return { set: { resolutionText: c.text, resolutionPublishedOn: c.publishedOn }, warnings: w ? [w] : [], audit: { publishedOn: c.publishedOn } };
  },
  addActionItem: (c) => async ({ tx, meeting }) => {
    const heldOn = requireHeld(meeting);
    requireOpenReview(meeting, 'title');
    if (!(await memberIds(tx, meeting)).has(c.ownerPersonId)) throw invalid([{ path: 'ownerPersonId', code: 'action_owner_not_member', message: 'The owner must be a member of this cell' }]);
    if (c.dueOn < heldOn) throw invalid([{ path: 'dueOn', code: 'due_before_meeting', message: 'The due date is before the meeting' }]);
    const r = await tx
      .insert(meetingActionItems)
      .values({ id: c.itemId, meetingId: meeting.id, cellId: meeting.cellId, title: c.title, ownerPersonId: c.ownerPersonId, dueOn: c.dueOn })
      .onConflictDoNothing()
      .returning();
    if (!r.length) throw conflict('This action item already exists', [{ path: 'itemId', code: 'action_item_exists', message: 'This action item already exists' }]);
    return { audit: { itemId: c.itemId, title: c.title, ownerPersonId: c.ownerPersonId, dueOn: c.dueOn } };
  },
  followUp: (c) => async ({ tx, meeting, today }) => {
    const [item] = await tx.select().from(meetingActionItems).where(and(eq(meetingActionItems.id, c.itemId), eq(meetingActionItems.cellId, meeting.cellId)));
    if (!item) throw invalid([{ path: 'itemId', code: 'action_item_unknown', message: 'No such action item in this cell' }]);
    const on = meeting.heldOn ?? today;
    await tx
      .update(meetingActionItems)
      .set({ status: c.status, doneOn: c.status === 'done' ? on : null, followUpMeetingId: item.meetingId === meeting.id ? null : meeting.id, followUpNote: c.note || null })
      .where(eq(meetingActionItems.id, c.itemId));
    return { audit: { itemId: c.itemId, status: c.status } };
  },
  score: (c) => async ({ tx, meeting }) => {
    requireHeld(meeting);
    requireOpenReview(meeting, 'scores');
    const { criteria } = await loadTemplate(tx, meeting.scoreTemplate);
    const issues = scoreIssues(c.scores, criteria);
    if (issues.length) throw invalid(issues);
    return { set: { selfScores: c.scores, selfTotal: scoreTotal(c.scores) }, audit: { total: scoreTotal(c.scores) } };
  },
  review: (c) => async ({ tx, meeting, today }) => {
    requireHeld(meeting);
    requireOpenReview(meeting, 'scores');
    const { criteria } = await loadTemplate(tx, meeting.scoreTemplate);
    const issues = scoreIssues(c.scores, criteria);
    if (issues.length) throw invalid(issues);
    return { set: { reviewScores: c.scores, reviewTotal: scoreTotal(c.scores), reviewNote: c.note || null, reviewClosedOn: c.close ? today : null }, audit: { total: scoreTotal(c.scores), close: c.close } };
  },
  studyDocument: (c) => async ({ tx, actor, meeting, cellPath, today }) => {
    const heldOn = requireHeld(meeting, 'disseminationId');
    requireOpenReview(meeting, 'disseminationId');
    await recordStudyInMeeting(tx, actor, { disseminationId: c.disseminationId, cellId: meeting.cellId, cellPath, studiedOn: heldOn, report: c.report ?? null, today });
    return { audit: { disseminationId: c.disseminationId } };
  },
  attachDocument: (c) => async ({ tx, meeting, today }) => {
    requireOpenReview(meeting, 'disseminationId');
    const [doc] = await documentsSentToCell(tx, meeting.cellId, [c.disseminationId]);
    if (!doc) throw invalid([{ path: 'disseminationId', code: 'study_not_sent_to_cell', message: 'This document was not sent to this cell' }]);
    const added = await tx.insert(meetingDocumentMaterials).values({ meetingId: meeting.id, disseminationId: c.disseminationId, sentOn: today }).onConflictDoNothing().returning();
    if (added.length === 0) throw conflict('Already attached', [{ path: 'disseminationId', code: 'document_already_attached', message: 'This document is already a material of the meeting' }]);
    const w = meeting.status === 'planned' ? materialsWarning(today, meeting.plannedOn, await loadRules(tx)) : null;
    return { warnings: w ? [w] : [], audit: { disseminationId: c.disseminationId, number: doc.number } };
  },
  cancel: (c) => async ({ meeting }) => {
    if (meeting.status !== 'planned') throw conflict('Only a planned meeting can be cancelled', [{ path: 'reason', code: 'meeting_already_held', message: 'The meeting was already held' }]);
    return { set: { status: 'cancelled', cancelReason: c.reason }, audit: c };
  },
};

export async function applyCommand(db: Db, actor: Actor, meetingId: string, cmd: MeetingCommand): Promise<CommandAnswer> {
  const c = cmd.command;
  const apply = (handlers[c.type] as (x: MeetingCommandBody) => Apply)(c);
  return run(db, actor, meetingId, cmd, c.type, commandAreas(c, actor.personId), c.type, apply, { personId: actor.personId });
}

/** A material (PDF or DOCX) sent to the members; a warning when it reaches them less than the rule's days before. */
export async function addMaterial(db: Db, actor: Actor, meetingId: string, env: Envelope, file: { fileName: string; content: Buffer }): Promise<CommandAnswer> {
  const mime = sniffDocument(file.content);
  if (!mime) throw invalid([{ path: 'file', code: 'meeting_file_type', message: 'Send a PDF or DOCX file' }]);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return run(db, actor, meetingId, env, 'material', [`material:${sha256}`], null, async ({ tx, meeting, today }) => {
    if (meeting.status !== 'planned') throw conflict('The meeting was already held', [{ path: 'file', code: 'meeting_already_held', message: 'The meeting was already held' }]);
    await tx.insert(meetingMaterials).values({ meetingId, fileName: file.fileName, mime, size: file.content.length, sha256, content: file.content, sentOn: today });
    const w = materialsWarning(today, meeting.plannedOn, await loadRules(tx));
    return { warnings: w ? [w] : [], audit: { fileName: file.fileName, size: file.content.length, sha256 } };
  });
}
