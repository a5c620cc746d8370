// Case handling by officers: the scoped list, the audited view, the moves of the state machine, deadline
// extension and the conversation with the reporter. A case is never shown to the person it is about, nor to
// anyone of the cell it is about: for them it does not exist (404), whatever their role.
import { randomUUID } from 'node:crypto';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import {
  addDays,
  currentDeadline,
  isOverdue,
  transitions,
  type CaseStatus,
  type Conclusion,
  type Measure,
} from '../../../domain/supervision.js';
import { supervisionIssue } from '../../../domain/supervision-issues.js';
import { allowed, scopeFor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor, Tx } from '../../platform/db/index.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { latestNames, unitVersion } from '../org/queries.js';
import { personHome } from '../people/service.js';
import { nextSeq } from './intake.js';
import { loadRules } from './rules.js';
import { casePolicy, type CaseTarget } from './policy.js';
import { supervisionAttachments, supervisionCases, supervisionMessages, supervisionTransitions } from './schema.js';

type CaseRow = typeof supervisionCases.$inferSelect;

/** The actor with the cell they belong to (if they are a member): cases about it are not theirs to see. */
async function asViewer(exec: Executor, actor: Actor): Promise<Actor> {
  if (actor.ownCellId !== undefined) return actor;
  const home = actor.personId ? await personHome(exec, actor.personId) : null;
  return { ...actor, ownCellId: home?.open ? home.unitId : null };
}

/** The fields casePolicy looks at, over `c` (a case) and `h` (its handling unit's latest version). */
const caseColumns = { path: sql`h.path`, route: sql`c.route`, cellId: sql`c.cell_id`, subjectPersonId: sql`c.subject_person_id` };

/** SQL condition for the cases the actor may read: casePolicy's `case.read` rules, as a predicate. */
export async function readableCases(exec: Executor, actor: Actor): Promise<SQL> {
  return scopeFor(casePolicy, await asViewer(exec, actor), 'case.read', caseColumns);
}

const caseFrom = sql`FROM supervision_cases c
  JOIN LATERAL ${unitVersion(sql`c.handling_unit_id`, ['path', 'name'])} h ON true
  JOIN LATERAL ${unitVersion(sql`c.cell_id`, ['name', 'parent_id'])} cv ON true
  LEFT JOIN LATERAL ${unitVersion(sql`cv.parent_id`, ['name'])} cp ON true
  LEFT JOIN LATERAL ${unitVersion(sql`c.escalated_to_unit_id`, ['name'])} esc ON true`;

const listedColumns = sql`c.id, c.category, c.subject, c.route, c.status, c.received_on, c.acknowledge_by, c.conclude_by, c.cell_id, c.content,
           cv.name AS cell_name, cp.name AS cell_parent_name, c.handling_unit_id, h.name AS handling_name, c.escalated_on, esc.name AS escalated_name, c.matter_id`;

type ListedRow = {
  id: string;
  category: CaseRow['category'];
  subject: CaseRow['subject'];
  route: CaseRow['route'];
  status: CaseStatus;
  received_on: string;
  acknowledge_by: string;
  conclude_by: string;
  cell_id: string;
  cell_name: string;
  cell_parent_name: string | null;
  handling_unit_id: string;
  handling_name: string;
  escalated_on: string | null;
  escalated_name: string | null;
  matter_id: string | null;
  content: string;
};

export function presentListed(r: ListedRow, today: string) {
  const c = { status: r.status, acknowledgeBy: r.acknowledge_by, concludeBy: r.conclude_by };
  const overdue = isOverdue(c, today);
  return {
    id: r.id,
    category: r.category,
    subject: r.subject,
    route: r.route,
    status: r.status,
    receivedOn: r.received_on,
    dueOn: currentDeadline(c),
    overdue,
    /** The unit above the handling unit, once the deadline sweep escalated the overdue case (a recorded fact). */
    escalatedTo: r.escalated_name,
    escalatedOn: r.escalated_on,
    matterId: r.matter_id,
    cell: { id: r.cell_id, name: r.cell_name, parentName: r.cell_parent_name ?? null },
    handlingUnit: { id: r.handling_unit_id, name: r.handling_name },
    excerpt: r.content.length > 140 ? `${r.content.slice(0, 140)}…` : r.content,
  };
}

export interface CaseQuery {
  status?: CaseStatus;
  overdue?: boolean;
  escalated?: boolean;
  /** A commune (its cells' cases) or a cell. */
  unitId?: string;
  /** A case's number (the start of its id) or words of its text. */
  q?: string;
  /** From `nextCursor` of the previous page. */
  cursor?: string;
  limit?: number;
}

const encodeCursor = (r: { received_on: string; id: string }) => Buffer.from(`${r.received_on}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string): { day: string; id: string } {
  const [day, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day ?? '') || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw invalid([{ path: 'cursor', message: 'Not a cursor of this list', code: 'invalid_string' }]);
  return { day, id };
}

/** A page of the cases the actor may read, newest first; `nextCursor` fetches the next page. */
export async function listCases(db: Db, actor: Actor, query: CaseQuery) {
  const today = todayIso();
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const conditions = [await readableCases(db, actor)];
  if (query.status) conditions.push(sql`c.status = ${query.status}`);
  if (query.overdue)
    conditions.push(sql`((c.status = 'received' AND c.acknowledge_by < ${today}) OR (c.status IN ('accepted', 'verifying') AND c.conclude_by < ${today}))`);
  if (query.escalated) conditions.push(sql`c.escalated_on IS NOT NULL`);
  if (query.q?.trim()) {
    const q = query.q.trim().toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
    conditions.push(sql`(c.id::text LIKE ${`${q}%`} OR c.content ILIKE ${`%${q}%`})`);
  }
  if (query.unitId) conditions.push(sql`(c.cell_id = ${query.unitId} OR cv.parent_id = ${query.unitId})`);
  if (query.cursor) {
    const { day, id } = decodeCursor(query.cursor);
    conditions.push(sql`(c.received_on < ${day} OR (c.received_on = ${day} AND c.id > ${id}))`);
  }
  const rows = await db.execute<ListedRow>(sql`
    SELECT ${listedColumns}
    ${caseFrom}
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY c.received_on DESC, c.id
    LIMIT ${limit + 1}`);
  const page = rows.rows.slice(0, limit);
  return { items: page.map((r) => presentListed(r, today)), nextCursor: rows.rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}

/** Loads a case the actor may read, or 404: outside the branch, not routed to them, or about their own cell. */
export async function loadCase(exec: Executor, actor: Actor, id: string): Promise<{ c: CaseRow; target: CaseTarget; row: ListedRow; viewer: Actor }> {
  const rows = await exec.execute<ListedRow & { path: string }>(sql`
    SELECT ${listedColumns}, h.path
    ${caseFrom}
    WHERE c.id = ${id}`);
  const row = rows.rows[0];
  if (!row) throw notFound('Case');
  const [c] = await exec.select().from(supervisionCases).where(eq(supervisionCases.id, id));
  const target: CaseTarget = { path: row.path, route: c.route, cellId: c.cellId, subjectPersonId: c.subjectPersonId };
  const viewer = await asViewer(exec, actor);
  // Not readable is not found, whatever the reason: a case must not betray that it exists.
  if (!allowed(casePolicy, viewer, 'case.read', target)) throw notFound('Case');
  return { c, row, target, viewer };
}

function mayHandle(actor: Actor, target: CaseTarget) {
  return allowed(casePolicy, actor, 'case.handle', target);
}

/** The moves the UI may offer on this case for this actor. */
export function caseActions(actor: Actor, c: CaseRow, target: CaseTarget): string[] {
  if (!mayHandle(actor, target)) return [];
  const moves: string[] = [];
  if (c.status === 'received') moves.push('accept', 'decline');
  if (c.status === 'accepted') moves.push('verify');
  if (c.status === 'verifying') moves.push('conclude');
  if (c.status === 'concluded' || c.status === 'declined') moves.push('close');
  if ((c.status === 'accepted' || c.status === 'verifying') && !c.extensionReason) moves.push('extend');
  if (c.status !== 'closed') moves.push('ask', 'reply');
  moves.push(c.matterId ? 'unlink' : 'link');
  if (c.matterId) moves.push('link');
  return moves;
}

/** The full case; the view is audited (and says whether the reporter's identity was shown). */
export async function getCase(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const { c, row, target, viewer } = await loadCase(tx, actor, id);
    const identityShown = !c.anonymous && allowed(casePolicy, viewer, 'case.readIdentity', target);
    await recordAudit(tx, actor, { action: 'supervision.case.view', entityType: 'supervision_case', entityId: c.id, unitPath: target.path, after: { identityShown } });
    // One connection in a transaction: the reads go one after another.
    const history = await tx.select().from(supervisionTransitions).where(eq(supervisionTransitions.caseId, id)).orderBy(asc(supervisionTransitions.seq));
    const messages = await tx.select().from(supervisionMessages).where(eq(supervisionMessages.caseId, id)).orderBy(asc(supervisionMessages.seq));
    const files = await tx
      .select({ id: supervisionAttachments.id, seq: supervisionAttachments.seq, mime: supervisionAttachments.mime, size: supervisionAttachments.size })
      .from(supervisionAttachments)
      .where(eq(supervisionAttachments.caseId, id))
      .orderBy(asc(supervisionAttachments.seq));
    const today = todayIso();
    const escalatedNames = await latestNames(tx, history.map((h) => h.escalatedToUnitId).filter((x): x is string => !!x));
    const linked = c.matterId
      ? (
          await tx.execute<ListedRow>(sql`
            SELECT ${listedColumns} ${caseFrom}
            WHERE c.matter_id = ${c.matterId} AND c.id <> ${c.id} AND ${await readableCases(tx, viewer)}
            ORDER BY c.received_on, c.id`)
        ).rows.map((r) => {
          const l = presentListed(r, today);
          return { id: l.id, category: l.category, subject: l.subject, status: l.status, receivedOn: l.receivedOn, cell: l.cell };
        })
      : [];
    return {
      case: {
        ...presentListed(row, today),
        content: c.content,
        anonymous: c.anonymous,
        reporter: c.anonymous ? { state: 'anonymous' as const } : identityShown ? { state: 'shown' as const, name: c.reporterName, contact: c.reporterContact, member: c.reporterUserId !== null, personId: c.reporterPersonId } : { state: 'protected' as const },
        acknowledgeBy: c.acknowledgeBy,
        concludeBy: c.concludeBy,
        extensionReason: c.extensionReason,
        conclusion: c.conclusion,
        measure: c.measure,
        concludedOn: c.concludedOn,
      },
      history: history.map((h) => ({
        seq: h.seq,
        from: h.fromStatus,
        to: h.toStatus,
        on: h.on,
        by: h.byName,
        note: h.note,
        escalatedTo: h.escalatedToUnitId ? (escalatedNames.get(h.escalatedToUnitId) ?? '') : null,
      })),
      linked,
      messages: messages.map((m) => ({ seq: m.seq, author: m.author, kind: m.kind, on: m.on, body: m.body })),
      attachments: files,
      actions: caseActions(viewer, c, target),
    };
  });
}

async function loadForHandling(tx: Tx, actor: Actor, id: string) {
  await tx.execute(sql`SELECT 1 FROM supervision_cases WHERE id = ${id} FOR UPDATE`);
  const loaded = await loadCase(tx, actor, id);
  if (!mayHandle(loaded.viewer, loaded.target)) throw new AppError('forbidden', 'This case is handled by another body');
  return loaded;
}

export type StatusChange =
  | { to: 'accepted' | 'verifying' | 'closed'; note?: string | null }
  | { to: 'declined'; note: string; publicReply?: string | null }
  | { to: 'concluded'; note?: string | null; conclusion: Conclusion; measure: Measure; publicReply: string };

export async function changeStatus(db: Db, actor: Actor, id: string, input: StatusChange) {
  await db.transaction(async (tx) => {
    const { c, target } = await loadForHandling(tx, actor, id);
    if (!transitions[c.status].includes(input.to)) throw conflict('The case is not in a state that allows this', [supervisionIssue('wrong_status', 'to')]);
    const today = todayIso();
    const patch: Partial<CaseRow> = { status: input.to };
    let reply: string | null = null;
    if (input.to === 'declined') {
      if (!input.note?.trim()) throw invalid([supervisionIssue('reason_required', 'note')]);
      reply = input.publicReply?.trim() || null;
    }
    if (input.to === 'concluded') {
      Object.assign(patch, { conclusion: input.conclusion, measure: input.measure, concludedOn: today });
      reply = input.publicReply.trim();
    }
    await tx.update(supervisionCases).set(patch).where(eq(supervisionCases.id, id));
    await tx.insert(supervisionTransitions).values({
      caseId: id,
      seq: await nextSeq(tx, supervisionTransitions, id),
      fromStatus: c.status,
      toStatus: input.to,
      on: today,
      byUserId: actor.userId,
      byName: actor.name,
      note: input.note?.trim() || null,
    });
    if (reply) await tx.insert(supervisionMessages).values({ caseId: id, seq: await nextSeq(tx, supervisionMessages, id), author: 'officer', kind: 'reply', on: today, byUserId: actor.userId, body: reply });
    await recordAudit(tx, actor, {
      action: `supervision.case.${input.to}`,
      entityType: 'supervision_case',
      entityId: id,
      unitPath: target.path,
      before: { status: c.status },
      after: { ...patch, note: input.note ?? null },
    });
  });
  return getCase(db, actor, id);
}

export async function extendDeadline(db: Db, actor: Actor, id: string, { reason }: { reason: string }) {
  await db.transaction(async (tx) => {
    const { c, target } = await loadForHandling(tx, actor, id);
    if (c.status !== 'accepted' && c.status !== 'verifying') throw conflict('Only a case being handled can be extended', [supervisionIssue('wrong_status', 'reason')]);
    if (c.extensionReason) throw conflict('The deadline was already extended once', [supervisionIssue('already_extended', 'reason')]);
    const concludeBy = addDays(c.concludeBy, (await loadRules(tx)).deadlines[c.category].extensionDays);
    await tx.update(supervisionCases).set({ concludeBy, extensionReason: reason.trim() }).where(eq(supervisionCases.id, id));
    await recordAudit(tx, actor, { action: 'supervision.case.extend', entityType: 'supervision_case', entityId: id, unitPath: target.path, before: { concludeBy: c.concludeBy }, after: { concludeBy, reason: reason.trim() } });
  });
  return getCase(db, actor, id);
}

/** A question to the reporter, or a public reply: both are shown on the follow page. */
export async function postMessage(db: Db, actor: Actor, id: string, input: { kind: 'question' | 'reply'; body: string }) {
  await db.transaction(async (tx) => {
    const { c, target } = await loadForHandling(tx, actor, id);
    if (c.status === 'closed') throw conflict('The case is closed', [supervisionIssue('wrong_status', 'body')]);
    const seq = await nextSeq(tx, supervisionMessages, id);
    await tx.insert(supervisionMessages).values({ caseId: id, seq, author: 'officer', kind: input.kind, on: todayIso(), byUserId: actor.userId, body: input.body.trim() });
    await recordAudit(tx, actor, { action: `supervision.case.${input.kind}`, entityType: 'supervision_case', entityId: id, unitPath: target.path, after: { seq, kind: input.kind } });
  });
  return getCase(db, actor, id);
}

/** An attachment's bytes; reading it is a view of the case and is audited. */
export async function readAttachment(db: Db, actor: Actor, caseId: string, attachmentId: string) {
  return db.transaction(async (tx) => {
    const { target } = await loadCase(tx, actor, caseId);
    const [file] = await tx.select().from(supervisionAttachments).where(eq(supervisionAttachments.id, attachmentId));
    if (!file || file.caseId !== caseId) throw notFound('Attachment');
    await recordAudit(tx, actor, { action: 'supervision.attachment.view', entityType: 'supervision_case', entityId: caseId, unitPath: target.path, after: { attachment: file.seq } });
    return file;
  });
}

/**
 * Links two cases as the same matter: the actor handles the first and may read the second. Linked groups merge
 * (A~B and C~D, then linking B with C gives one matter). Audited on both cases.
 */
export async function linkCases(db: Db, actor: Actor, id: string, otherId: string) {
  if (id === otherId) throw invalid([supervisionIssue('same_case', 'otherId')]);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM supervision_cases WHERE id IN (${id}, ${otherId}) ORDER BY id FOR UPDATE`);
    const { c, target } = await loadForHandling(tx, actor, id);
    const other = await loadCase(tx, actor, otherId);
    const matterId = c.matterId ?? other.c.matterId ?? randomUUID();
    await tx.update(supervisionCases).set({ matterId }).where(eq(supervisionCases.id, id));
    await tx.update(supervisionCases).set({ matterId }).where(eq(supervisionCases.id, otherId));
    if (other.c.matterId && other.c.matterId !== matterId) await tx.execute(sql`UPDATE supervision_cases SET matter_id = ${matterId} WHERE matter_id = ${other.c.matterId}`);
    if (c.matterId && c.matterId !== matterId) await tx.execute(sql`UPDATE supervision_cases SET matter_id = ${matterId} WHERE matter_id = ${c.matterId}`);
    await recordAudit(tx, actor, { action: 'supervision.case.link', entityType: 'supervision_case', entityId: id, unitPath: target.path, before: { matterId: c.matterId }, after: { matterId, with: otherId } });
    await recordAudit(tx, actor, { action: 'supervision.case.link', entityType: 'supervision_case', entityId: otherId, unitPath: other.target.path, before: { matterId: other.c.matterId }, after: { matterId, with: id } });
  });
  return getCase(db, actor, id);
}

/** Takes a case out of its matter; a matter left with one case is dissolved. */
export async function unlinkCase(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const { c, target } = await loadForHandling(tx, actor, id);
    if (!c.matterId) return;
    await tx.update(supervisionCases).set({ matterId: null }).where(eq(supervisionCases.id, id));
    await tx.execute(sql`UPDATE supervision_cases SET matter_id = NULL WHERE matter_id = ${c.matterId} AND (SELECT count(*) FROM supervision_cases WHERE matter_id = ${c.matterId}) = 1`);
    await recordAudit(tx, actor, { action: 'supervision.case.unlink', entityType: 'supervision_case', entityId: id, unitPath: target.path, before: { matterId: c.matterId }, after: { matterId: null } });
  });
  return getCase(db, actor, id);
}
