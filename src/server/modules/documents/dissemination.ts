// Sending a document to branches to study (quán triệt) and act on; each cell records the day it studied it and
// what it did; the sender follows, per commune, who has not, and reminds them. The cells that must study are fixed
// on the day it is sent.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { formatDocumentNumber, studyState, type StudyState } from '../../../domain/documents.js';
import { compareUnitNames } from '../../../domain/vietnamese.js';
import { allowed, allowedSomewhere, scopeFor, visible, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import { cellsUnder, joinUnitOn } from '../org/branch.js';
import { latestPaths } from '../org/tree.js';
import { documentPolicy, ownCells, senderUnitFor, studyNoticeRoles, studyPolicy, authorizeOn } from './policy.js';
import { loadDocument } from './service.js';
import { notify } from '../../platform/notifications/notify.js';
import { accountsWithRoleOn } from '../users/queries.js';
import { disseminationCells, disseminations, partyDocuments } from './schema.js';

export async function sendDocument(db: Db, actor: Actor, documentId: string, input: { unitIds: string[]; deadline: string; note?: string | null }) {
  const today = todayIso();
  if (input.deadline < today) throw invalid([{ path: 'deadline', code: 'deadline_in_past', message: 'The deadline has passed already' }]);
  return db.transaction((tx) => disseminate(tx, actor, { ...input, documentId, sentOn: today }));
}

/** What a send would do, asked before it is confirmed: how many cells would have to study the document. */
export async function previewSend(db: Db, actor: Actor, documentId: string, input: { unitIds: string[] }) {
  const { cells } = await targetCells(db, actor, { documentId, unitIds: input.unitIds, sentOn: todayIso() });
  return { cells: cells.length };
}

async function targetCells(tx: Executor, actor: Actor, input: { documentId: string; unitIds: string[]; sentOn: string }) {
  const unitIds = [...new Set(input.unitIds)];
  const loaded = await loadDocument(tx, actor, input.documentId);
  const targets = await latestPaths(tx, unitIds);
  const fields = unitIds.flatMap((id, i) => {
    const t = targets.get(id);
    if (!t || !visible(actor, t.path)) return [{ path: `unitIds.${i}`, code: 'unit_unknown', message: 'No such unit in your branch' }];
    if (!allowed(documentPolicy, actor, 'document.send', { path: t.path })) return [{ path: `unitIds.${i}`, code: 'send_not_allowed', message: 'You may not send documents to this unit' }];
    return [];
  });
  if (fields.length) throw invalid(fields);
  const cells = await cellsUnder(tx, unitIds.map((id) => targets.get(id)!.path), input.sentOn);
  if (cells.length === 0) throw invalid([{ path: 'unitIds', code: 'no_cells', message: 'There is no party cell under these units' }]);
  return { ...loaded, unitIds, targets, cells };
}

/** Sends the document as of `sentOn` (today, except for the demo's history): the cells under the targets then. */
export async function disseminate(tx: Executor, actor: Actor, input: { documentId: string; unitIds: string[]; sentOn: string; deadline: string; note?: string | null }) {
  const { doc, ownerPath, unitIds, targets, cells } = await targetCells(tx, actor, input);
  const sender = senderUnit(actor, [...targets.values()].map((t) => t.path));
  const [d] = await tx
    .insert(disseminations)
    .values({ documentId: input.documentId, senderUnitId: sender, sentOn: input.sentOn, deadline: input.deadline, note: input.note ?? null, targetUnitIds: unitIds })
    .returning();
  // 230,000 cells at national scale: one INSERT … SELECT from an array rather than a row per statement.
  await tx.execute(sql`INSERT INTO document_dissemination_cells (dissemination_id, cell_id) SELECT ${d!.id}, unnest(${sql.param(cells.map((c) => c.id))}::uuid[])`);
  await recordAudit(tx, actor, {
    action: 'document.send',
    entityType: 'document',
    entityId: input.documentId,
    unitPath: ownerPath,
    after: { number: formatDocumentNumber({ number: doc.number, type: doc.typeCode, issuer: doc.issuerCode }), disseminationId: d!.id, units: unitIds, cells: cells.length, deadline: input.deadline },
  });
  // A directive to study is an official message to the secretaries of the cells that must study it.
  const number = formatDocumentNumber({ number: doc.number, type: doc.typeCode, issuer: doc.issuerCode });
  await notify(tx, {
    topic: 'document.study',
    recipients: accountsWithRoleOn(studyNoticeRoles, sql`SELECT cell_id FROM document_dissemination_cells WHERE dissemination_id = ${d!.id}`),
    sourceId: d!.id,
    groupKey: `document.study:${d!.id}`,
    params: { number, title: doc.title, deadline: input.deadline },
    link: `/documents/${input.documentId}`,
    unitPath: ownerPath,
  });
  return { id: d!.id, cells: cells.length, deadline: input.deadline };
}

/** The sender's unit; the system actor (CLI, demo) sends from the root of the first target. */
const senderUnit = (actor: Actor, targetPaths: string[]) => senderUnitFor(actor, targetPaths) ?? targetPaths[0]!.split('/').filter(Boolean)[0]!;

type CellStudyRow = {
  cell_id: string;
  cell: string;
  cell_path: string;
  commune_id: string | null;
  commune: string | null;
  studied_on: string | null;
  report: string | null;
  reminded_on: string | null;
  reminders: number;
};

/** The cells of one dissemination the actor follows (the policy's rule as SQL), with their state on `today`. */
async function cellRows(db: Executor, actor: Actor, disseminationId: string, today: string): Promise<CellStudyRow[]> {
  const r = await db.execute<CellStudyRow>(sql`
    SELECT dc.cell_id, cv.name AS cell, cv.path AS cell_path, cv.parent_id AS commune_id, cv_parent.name AS commune,
           dc.studied_on::text, dc.report, dc.reminded_on::text, dc.reminders
    FROM document_dissemination_cells dc
    ${joinUnitOn(sql`dc.cell_id`, today, 'cv')}
    WHERE dc.dissemination_id = ${disseminationId} AND ${scopeFor(studyPolicy, actor, 'study.follow', { path: sql`cv.path` })}`);
  return r.rows;
}

export interface CommuneProgress {
  communeId: string | null;
  commune: string | null;
  cells: number;
  studied: number;
  studiedLate: number;
  pending: number;
  overdue: number;
}

/** Who has studied it, per commune, and the cells that have not (named with their commune). */
export async function disseminationStatus(db: Db, actor: Actor, disseminationId: string) {
  const [d] = await db.select().from(disseminations).where(eq(disseminations.id, disseminationId));
  if (!d) throw notFound('Dissemination');
  await loadDocument(db, actor, d.documentId);
  const today = todayIso();
  const rows = await cellRows(db, actor, disseminationId, today);
  if (rows.length === 0) throw notFound('Dissemination');
  const byCommune = new Map<string, CommuneProgress>();
  const missing: { cellId: string; cell: string; commune: string | null; state: StudyState; remindedOn: string | null; reminders: number }[] = [];
  for (const r of rows) {
    const state = studyState({ studiedOn: r.studied_on, deadline: d.deadline }, today);
    const key = r.commune_id ?? '';
    const p = byCommune.get(key) ?? { communeId: r.commune_id, commune: r.commune, cells: 0, studied: 0, studiedLate: 0, pending: 0, overdue: 0 };
    p.cells += 1;
    if (state === 'studied') p.studied += 1;
    else if (state === 'studied_late') p.studiedLate += 1;
    else if (state === 'pending') p.pending += 1;
    else p.overdue += 1;
    byCommune.set(key, p);
    if (!r.studied_on) missing.push({ cellId: r.cell_id, cell: r.cell, commune: r.commune, state, remindedOn: r.reminded_on, reminders: r.reminders });
  }
  const communes = [...byCommune.values()].sort((a, b) => compareUnitNames({ name: a.commune ?? '' }, { name: b.commune ?? '' }));
  missing.sort((a, b) => compareUnitNames({ name: a.commune ?? '' }, { name: b.commune ?? '' }) || compareUnitNames({ name: a.cell }, { name: b.cell }));
  const sum = (k: keyof Omit<CommuneProgress, 'communeId' | 'commune'>) => communes.reduce((s, c) => s + c[k], 0);
  return {
    id: d.id,
    documentId: d.documentId,
    sentOn: d.sentOn,
    deadline: d.deadline,
    note: d.note,
    totals: { cells: sum('cells'), studied: sum('studied'), studiedLate: sum('studiedLate'), pending: sum('pending'), overdue: sum('overdue') },
    communes,
    missing,
    actions: allowedOnAny(actor, rows.map((r) => r.cell_path)),
  };
}

function allowedOnAny(actor: Actor, paths: string[]): ('study.remind' | 'study.record')[] {
  return (['study.remind', 'study.record'] as const).filter((a) => paths.some((p) => allowed(studyPolicy, actor, a, { path: p })));
}

/** The disseminations of a document the actor follows: sent to cells inside their branches. */
export async function disseminationsOf(db: Db, actor: Actor, documentId: string) {
  await loadDocument(db, actor, documentId);
  if (!allowedSomewhere(studyPolicy, actor, 'study.follow')) return [];
  const today = todayIso();
  const r = await db.execute<{ id: string; sent_on: string; deadline: string; cells: number; studied: number }>(sql`
    SELECT d.id, d.sent_on::text, d.deadline::text, count(*)::int AS cells, count(dc.studied_on)::int AS studied
    FROM document_disseminations d JOIN document_dissemination_cells dc ON dc.dissemination_id = d.id
    ${joinUnitOn(sql`dc.cell_id`, today, 'cv')}
    WHERE d.document_id = ${documentId} AND ${scopeFor(studyPolicy, actor, 'study.follow', { path: sql`cv.path` })}
    GROUP BY d.id ORDER BY d.sent_on DESC`);
  return r.rows.map((x) => ({ id: x.id, sentOn: x.sent_on, deadline: x.deadline, cells: x.cells, studied: x.studied }));
}

async function loadCellRow(tx: Executor, actor: Actor, disseminationId: string, cellId: string) {
  const [row] = await tx
    .select()
    .from(disseminationCells)
    .where(and(eq(disseminationCells.disseminationId, disseminationId), eq(disseminationCells.cellId, cellId)))
    .for('update');
  const cell = row ? (await latestPaths(tx, [cellId])).get(cellId) : undefined;
  if (!row || !cell || !visible(actor, cell.path)) throw notFound('Dissemination');
  const [d] = await tx.select().from(disseminations).where(eq(disseminations.id, disseminationId));
  return { row, cell, d: d! };
}

export async function recordStudy(db: Db, actor: Actor, input: { disseminationId: string; cellId: string; studiedOn: string; report?: string | null }) {
  const today = todayIso();
  return db.transaction(async (tx) => {
    const { row, cell, d } = await loadCellRow(tx, actor, input.disseminationId, input.cellId);
    authorizeOn(studyPolicy, actor, 'study.record', { path: cell.path });
    if (input.studiedOn > today) throw invalid([{ path: 'studiedOn', code: 'studied_in_future', message: 'The day it was studied is in the future' }]);
    if (input.studiedOn < d.sentOn) throw invalid([{ path: 'studiedOn', code: 'studied_before_sent', message: 'The document was sent after that day' }]);
    const [after] = await tx
      .update(disseminationCells)
      .set({ studiedOn: input.studiedOn, report: input.report ?? null, recordedOn: today })
      .where(and(eq(disseminationCells.disseminationId, input.disseminationId), eq(disseminationCells.cellId, input.cellId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'document.study',
      entityType: 'dissemination',
      entityId: input.disseminationId,
      unitPath: cell.path,
      before: { cellId: input.cellId, studiedOn: row.studiedOn, report: row.report },
      after: { cellId: input.cellId, studiedOn: after!.studiedOn, report: after!.report },
    });
    return { studiedOn: after!.studiedOn, report: after!.report, state: studyState({ studiedOn: after!.studiedOn, deadline: d.deadline }, today) };
  });
}

/** Reminds the cells inside the actor's branch that have not studied the document yet (all of them, or those named). */
export async function remindCells(db: Db, actor: Actor, input: { disseminationId: string; cellIds?: string[] }) {
  const today = todayIso();
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(disseminations).where(eq(disseminations.id, input.disseminationId));
    if (!d) throw notFound('Dissemination');
    const { ownerPath } = await loadDocument(tx, actor, d.documentId);
    if (!allowedSomewhere(studyPolicy, actor, 'study.remind')) throw forbidden('You may not remind cells');
    const rows = (await cellRows(tx, actor, input.disseminationId, today)).filter(
      (r) => !r.studied_on && (!input.cellIds || input.cellIds.includes(r.cell_id)) && allowed(studyPolicy, actor, 'study.remind', { path: r.cell_path }),
    );
    if (rows.length === 0) throw invalid([{ path: 'cellIds', code: 'nothing_to_remind', message: 'Every cell you may remind has studied it' }]);
    await tx
      .update(disseminationCells)
      .set({ remindedOn: today, reminders: sql`${disseminationCells.reminders} + 1` })
      .where(and(eq(disseminationCells.disseminationId, input.disseminationId), inArray(disseminationCells.cellId, rows.map((r) => r.cell_id))));
    await recordAudit(tx, actor, { action: 'document.remind', entityType: 'dissemination', entityId: input.disseminationId, unitPath: ownerPath, after: { cells: rows.length, on: today } });
    return { reminded: rows.length };
  });
}

/** What the actor's cells must study: for a secretary their cell's list, for a member their own cell's. */
export async function toStudy(db: Db, actor: Actor) {
  const today = todayIso();
  const cellGrants = ownCells(actor);
  if (cellGrants.length === 0) return [];
  const r = await db.execute<{
    dissemination_id: string;
    cell_id: string;
    cell: string;
    commune: string | null;
    document_id: string;
    type_code: string;
    issuer_code: string;
    number: number;
    title: string;
    deadline: string;
    studied_on: string | null;
    report: string | null;
    reminded_on: string | null;
  }>(sql`
    SELECT dc.dissemination_id, dc.cell_id, cv.name AS cell, cv_parent.name AS commune, pd.id AS document_id, pd.type_code, pd.issuer_code, pd.number, pd.title,
           d.deadline::text, dc.studied_on::text, dc.report, dc.reminded_on::text
    FROM document_dissemination_cells dc
    JOIN ${disseminations} d ON d.id = dc.dissemination_id
    JOIN ${partyDocuments} pd ON pd.id = d.document_id
    ${joinUnitOn(sql`dc.cell_id`, today, 'cv')}
    WHERE dc.cell_id IN ${cellGrants.map((g) => g.unitId)}
    ORDER BY (dc.studied_on IS NOT NULL), d.deadline, pd.issued_on DESC
    LIMIT 200`);
  return r.rows.map((x) => ({
    disseminationId: x.dissemination_id,
    cellId: x.cell_id,
    cell: x.cell,
    commune: x.commune,
    documentId: x.document_id,
    number: formatDocumentNumber({ number: x.number, type: x.type_code, issuer: x.issuer_code }),
    title: x.title,
    deadline: x.deadline,
    studiedOn: x.studied_on,
    report: x.report,
    remindedOn: x.reminded_on,
    state: studyState({ studiedOn: x.studied_on, deadline: x.deadline }, today),
    canRecord: allowed(studyPolicy, actor, 'study.record', { path: cellGrants.find((g) => g.unitId === x.cell_id)!.unitPath }),
  }));
}
