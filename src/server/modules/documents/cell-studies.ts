// What the meetings module asks of the documents without naming their tables: the documents a cell must study, and
// recording that the cell studied one in a meeting — inside the meeting command's own transaction.
import { and, eq, sql } from 'drizzle-orm';
import { formatDocumentNumber, studyState, type StudyState } from '../../../domain/documents.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/index.js';
import { invalid } from '../../platform/errors.js';
import { disseminationCells, disseminations } from './schema.js';

export interface CellStudy {
  disseminationId: string;
  number: string;
  title: string;
  deadline: string;
  studiedOn: string | null;
  state: StudyState;
}

/** The documents sent to the cell for study: those not studied yet, and those studied on `day` (a meeting's). */
export async function studiesOfCell(exec: Executor, cellId: string, day: string, today: string): Promise<CellStudy[]> {
  const r = await exec.execute<{ dissemination_id: string; type_code: string; issuer_code: string; number: number; title: string; deadline: string; studied_on: string | null }>(sql`
    SELECT dc.dissemination_id, pd.type_code, pd.issuer_code, pd.number, pd.title, d.deadline::text, dc.studied_on::text
    FROM document_dissemination_cells dc
    JOIN document_disseminations d ON d.id = dc.dissemination_id
    JOIN party_documents pd ON pd.id = d.document_id
    WHERE dc.cell_id = ${cellId} AND (dc.studied_on IS NULL OR dc.studied_on = ${day}::date)
    ORDER BY d.deadline, pd.issued_on DESC
    LIMIT 50`);
  return r.rows.map((x) => ({
    disseminationId: x.dissemination_id,
    number: formatDocumentNumber({ number: x.number, type: x.type_code, issuer: x.issuer_code }),
    title: x.title,
    deadline: x.deadline,
    studiedOn: x.studied_on,
    state: studyState({ studiedOn: x.studied_on, deadline: x.deadline }, today),
  }));
}

/**
 * The cell studied the document in a meeting held on `studiedOn`: ticks it off the dissemination list, in the
 * caller's transaction (the caller authorized the actor on the cell). A document not sent to this cell is refused.
 */
export async function recordStudyInMeeting(tx: Executor, actor: Actor, input: { disseminationId: string; cellId: string; cellPath: string; studiedOn: string; report: string | null; today: string }) {
  const [d] = await tx.select({ sentOn: disseminations.sentOn }).from(disseminations).where(eq(disseminations.id, input.disseminationId));
  const where = and(eq(disseminationCells.disseminationId, input.disseminationId), eq(disseminationCells.cellId, input.cellId));
  const [row] = d ? await tx.select().from(disseminationCells).where(where) : [];
  if (!d || !row) throw invalid([{ path: 'disseminationId', code: 'study_not_sent_to_cell', message: 'This document was not sent to this cell' }]);
  if (input.studiedOn < d.sentOn) throw invalid([{ path: 'disseminationId', code: 'studied_before_sent', message: 'The document was sent after that day' }]);
  await tx.update(disseminationCells).set({ studiedOn: input.studiedOn, report: input.report ?? row.report, recordedOn: input.today }).where(where);
  await recordAudit(tx, actor, {
    action: 'document.study',
    entityType: 'dissemination',
    entityId: input.disseminationId,
    unitPath: input.cellPath,
    before: { cellId: input.cellId, studiedOn: row.studiedOn, report: row.report },
    after: { cellId: input.cellId, studiedOn: input.studiedOn, report: input.report ?? row.report },
  });
}

export interface SentDocument {
  disseminationId: string;
  number: string;
  title: string;
  deadline: string;
  studiedOn: string | null;
}

/**
 * The documents these disseminations sent to the cell (any other id is left out): what a meeting attaches from the
 * register as a material, with whether the cell has studied it.
 */
export async function documentsSentToCell(exec: Executor, cellId: string, disseminationIds: string[]): Promise<SentDocument[]> {
  if (disseminationIds.length === 0) return [];
  const r = await exec.execute<{ dissemination_id: string; type_code: string; issuer_code: string; number: number; title: string; deadline: string; studied_on: string | null }>(sql`
    SELECT dc.dissemination_id, pd.type_code, pd.issuer_code, pd.number, pd.title, d.deadline::text, dc.studied_on::text
    FROM document_dissemination_cells dc
    JOIN document_disseminations d ON d.id = dc.dissemination_id
    JOIN party_documents pd ON pd.id = d.document_id
    WHERE dc.cell_id = ${cellId} AND dc.dissemination_id = ANY(${sql.param(disseminationIds)}::uuid[])
    ORDER BY pd.issued_on DESC`);
  return r.rows.map((x) => ({
    disseminationId: x.dissemination_id,
    number: formatDocumentNumber({ number: x.number, type: x.type_code, issuer: x.issuer_code }),
    title: x.title,
    deadline: x.deadline,
    studiedOn: x.studied_on,
  }));
}
