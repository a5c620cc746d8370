// What anyone can do without an account: pick a place, send a report, follow it with the receipt code and
// answer the officer's questions. An anonymous report is stored with dates only (never a time of day), with no
// address, browser or account; it is audited once its day is over, counted with the day's others (digest.ts), so
// that neither a timestamp nor a place in the trail is tied to it.
import { asc, eq, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays, currentDeadline, formatReceipt, type ReportCategory, type ReportSubject } from '../../../domain/supervision.js';
import { supervisionIssue } from '../../../domain/supervision-issues.js';
import type { Actor } from '../../platform/access.js';
import { markWrite, recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor, Tx } from '../../platform/db/index.js';
import { conflict, invalid } from '../../platform/errors.js';
import { unitVersion } from '../org/queries.js';
import { findUnit, latestPaths, unitsAt, unitWhere } from '../org/tree.js';
import { secretaryOf } from '../people/queries.js';
import type { AttachmentMime } from './attachments.js';
import { loadRules } from './rules.js';
import { notifyHandlers } from './notices.js';
import { hashReceipt, newReceiptCode, receiptLookup } from './receipt.js';
import { supervisionAttachments, supervisionCases, supervisionMessages, supervisionTransitions } from './schema.js';

/** The actor of everything a reporter does: no account, no name, no request id. */
export const reporterActor: Actor = { userId: null, name: null, personId: null, grants: [] };

/** Current units under a parent (or the provinces): names only, nothing about members. */
export async function listPlaces(db: Db, parentId: string | undefined) {
  const today = todayIso();
  const rows = await unitsAt(db, today, unitWhere.parent(parentId ?? null));
  return rows
    .filter((u) => !u.validTo || u.validTo > today)
    .map((u) => ({ id: u.id, name: u.name, kind: u.kind }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export interface ReportInput {
  cellId: string;
  category: ReportCategory;
  subject: ReportSubject;
  content: string;
  anonymous: boolean;
  reporterName?: string | null;
  reporterContact?: string | null;
}

export interface CleanFile {
  mime: AttachmentMime;
  content: Buffer;
}

/** Where a report goes: a denunciation about a secretary or a committee member goes to the inspection role. */
export const routeOf = (category: ReportCategory, subject: ReportSubject) =>
  category === 'denunciation' && (subject === 'secretary' || subject === 'committee_member') ? ('inspection' as const) : ('commune' as const);

/** A signed-in member reporting under their name: their account and person record. */
export interface ReporterLink {
  userId: string | null;
  personId: string | null;
}

/**
 * Stores the report as a case and returns the receipt code, shown once. `member` links a named report to the
 * member's account and person; an anonymous report is never linked, whoever sends it.
 */
export async function submitReport(db: Db, input: ReportInput, files: CleanFile[], member: ReporterLink | null = null) {
  const today = todayIso();
  const code = newReceiptCode();
  const receiptHash = await hashReceipt(code);
  const identity = input.anonymous
    ? { reporterName: null, reporterContact: null, reporterUserId: null, reporterPersonId: null }
    : {
        reporterName: input.reporterName?.trim() || null,
        reporterContact: input.reporterContact?.trim() || null,
        reporterUserId: member?.userId ?? null,
        reporterPersonId: member?.personId ?? null,
      };
  await db.transaction(async (tx) => {
    const cell = await findUnit(tx, input.cellId, today);
    if (!cell || cell.kind !== 'cell' || (cell.validTo && cell.validTo <= today) || !cell.parentId) throw invalid([supervisionIssue('place_not_cell', 'cellId')]);
    const commune = await findUnit(tx, cell.parentId, today);
    if (!commune) throw invalid([supervisionIssue('place_not_cell', 'cellId')]);
    const rules = (await loadRules(tx)).deadlines[input.category];
    const route = routeOf(input.category, input.subject);
    const [created] = await tx
      .insert(supervisionCases)
      .values({
        category: input.category,
        subject: input.subject,
        cellId: cell.id,
        subjectPersonId: input.subject === 'secretary' ? await secretaryOf(tx, cell.id, today) : null,
        route,
        handlingUnitId: commune.id,
        content: input.content.trim(),
        anonymous: input.anonymous,
        ...identity,
        receivedOn: today,
        acknowledgeBy: addDays(today, rules.acknowledgeDays),
        concludeBy: addDays(today, rules.concludeDays),
        receiptLookup: receiptLookup(code),
        receiptHash,
      })
      .returning({ id: supervisionCases.id, subjectPersonId: supervisionCases.subjectPersonId });
    await tx.insert(supervisionTransitions).values({ caseId: created.id, seq: 1, fromStatus: null, toStatus: 'received', on: today });
    if (files.length) await tx.insert(supervisionAttachments).values(files.map((f, i) => ({ caseId: created.id, seq: i + 1, mime: f.mime, size: f.content.length, content: f.content })));
    // An anonymous report is counted in its day's audit event once the day is over (digest.ts): an event now would
    // date it by its place in the chain.
    if (!input.anonymous)
      await recordAudit(tx, reporterActor, {
        action: 'supervision.report.receive',
        entityType: 'supervision_intake',
        entityId: commune.id,
        unitPath: commune.path,
        after: { category: input.category, route },
      }, { dateOnly: true });
    await notifyHandlers(tx, {
      topic: 'supervision.assigned',
      c: { id: created.id, route, cellId: cell.id, subjectPersonId: created.subjectPersonId },
      unitPath: commune.path,
      sourceId: created.id,
      // An anonymous report's notice is dated by its day, like everything else about it.
      dateOnly: input.anonymous,
      groupKey: `supervision.assigned:${commune.id}`,
      params: { category: input.category, cell: cell.name, due: addDays(today, rules.acknowledgeDays) },
      link: '/supervision?status=received',
    });
    // Without an event today, the province's mark still moves: the warnings computed over it are computed again.
    if (input.anonymous) await markWrite(tx, commune.path, 'supervision');
  });
  return { receiptCode: formatReceipt(code) };
}

type CaseRow = typeof supervisionCases.$inferSelect;

/** What the reporter sees: their text, where it stands, the replies and questions; never who handles it. */
export async function publicView(exec: Executor, c: CaseRow) {
  // Sequential: `exec` may be a transaction's single connection.
  const cell = await exec.execute<{ cell: string; commune: string }>(sql`
    SELECT cv.name AS cell, pv.name AS commune FROM ${unitVersion(sql`${c.cellId}::uuid`, ['name'])} cv
    JOIN LATERAL ${unitVersion(sql`${c.handlingUnitId}::uuid`, ['name'])} pv ON true`);
  const messages = await exec.select().from(supervisionMessages).where(eq(supervisionMessages.caseId, c.id)).orderBy(asc(supervisionMessages.seq));
  const attachments = await exec.select({ id: supervisionAttachments.id }).from(supervisionAttachments).where(eq(supervisionAttachments.caseId, c.id));
  return {
    category: c.category,
    subject: c.subject,
    cellName: cell.rows[0]?.cell ?? '',
    communeName: cell.rows[0]?.commune ?? '',
    content: c.content,
    anonymous: c.anonymous,
    status: c.status,
    receivedOn: c.receivedOn,
    dueOn: currentDeadline(c),
    conclusion: c.conclusion,
    measure: c.measure,
    concludedOn: c.concludedOn,
    attachmentCount: attachments.length,
    messages: messages.map((m) => ({ seq: m.seq, author: m.author, kind: m.kind, on: m.on, body: m.body })),
    canAnswer: c.status !== 'closed',
  };
}

export async function caseByLookup(exec: Executor, lookup: string): Promise<CaseRow | null> {
  const [c] = await exec.select().from(supervisionCases).where(eq(supervisionCases.receiptLookup, lookup));
  return c ?? null;
}

export async function nextSeq(tx: Tx, table: typeof supervisionMessages | typeof supervisionTransitions, caseId: string): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`COALESCE(MAX(${table.seq}), 0)::int` }).from(table).where(eq(table.caseId, caseId));
  return r.n + 1;
}

/** The reporter's answer in the conversation; the case must still be open. */
export async function reporterAnswer(db: Db, c: CaseRow, body: string) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM supervision_cases WHERE id = ${c.id} FOR UPDATE`);
    const [fresh] = await tx.select().from(supervisionCases).where(eq(supervisionCases.id, c.id));
    if (fresh.status === 'closed') throw conflict('The case is closed', [supervisionIssue('wrong_status', 'body')]);
    await tx.insert(supervisionMessages).values({ caseId: c.id, seq: await nextSeq(tx, supervisionMessages, c.id), author: 'reporter', kind: 'answer', on: todayIso(), body: body.trim() });
    const unitPath = (await latestPaths(tx, [fresh.handlingUnitId])).get(fresh.handlingUnitId)?.path ?? null;
    // As for the report itself: an anonymous reporter's answer is counted in its day's event (digest.ts).
    if (!fresh.anonymous)
      await recordAudit(tx, reporterActor, { action: 'supervision.report.answer', entityType: 'supervision_intake', entityId: fresh.handlingUnitId, unitPath }, { dateOnly: true });
    const seq = (await tx.execute<{ n: number }>(sql`SELECT max(seq)::int AS n FROM supervision_messages WHERE case_id = ${c.id}`)).rows[0].n;
    if (unitPath)
      await notifyHandlers(tx, {
        topic: 'supervision.reply',
        c: fresh,
        unitPath,
        sourceId: `${c.id}:${seq}`,
        dateOnly: fresh.anonymous,
        groupKey: `supervision.reply:${c.id}`,
        params: { receivedOn: fresh.receivedOn, category: fresh.category },
        link: `/supervision/${c.id}`,
      });
    return publicView(tx, fresh);
  });
}
