// Village consultations: opening one, reading them, the decision and the documents. Answers and the room's tally
// are in answers.ts. Every write is one transaction with its audit event.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { consultationIssue, resultOf, type ConsultationBody, type OptionCount } from '../../../domain/consultations.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, invalid, notFound, throwIfIssues, type FieldIssue } from '../../platform/errors.js';
import { latestNameOf, latestParentNameOf } from '../org/branch.js';
import { findUnit } from '../org/tree.js';
import { memberRowsOn } from '../people/cell-members.js';
import { sniffDocument } from '../../platform/uploads.js';
import { cellsUnder } from '../org/branch.js';
import { authorizeConsultation, consultationActions, openBranchesFor, readableConsultations } from './policy.js';
import { resultThresholds } from './thresholds.js';
import {
  consultationDocuments,
  consultationOptions,
  consultations,
  consultationTallies,
  consultationTallyCounts,
  consultationTallyLog,
} from './schema.js';

export type ConsultationRow = typeof consultations.$inferSelect;

/** open: between its opening and closing days (inclusive); upcoming before; closed after. */
export const stateOn = (c: Pick<ConsultationRow, 'opensOn' | 'closesOn'>, today = todayIso()) =>
  today < c.opensOn ? ('upcoming' as const) : today > c.closesOn ? ('closed' as const) : ('open' as const);

/** The consultation, checked for `action` (404 when the actor may not read it), optionally locked for a write. */
export async function loadConsultation(exec: Executor, actor: Actor | null, id: string, action: Parameters<typeof authorizeConsultation>[1] = 'consultation.read', forUpdate = false) {
  const q = exec.select().from(consultations).where(eq(consultations.id, id));
  const [c] = forUpdate ? await q.for('update') : await q;
  if (!c) throw notFound('Consultation');
  if (actor) authorizeConsultation(actor, action, c.unitPath);
  return c;
}

export async function openConsultation(db: Db, actor: Actor, input: ConsultationBody) {
  const issues: FieldIssue[] = [];
  if (input.closesOn < input.opensOn) issues.push(consultationIssue('closes_before_opens', 'closesOn'));
  const seen = new Set<string>();
  input.options.forEach((o, i) => {
    const key = o.toLocaleLowerCase('vi');
    if (seen.has(key)) issues.push(consultationIssue('duplicate_option', `options.${i}`));
    seen.add(key);
  });
  if (!input.membersEligible && input.households === 0) issues.push(consultationIssue('nobody_eligible', 'households'));
  throwIfIssues(issues);
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitId, input.opensOn);
    if (!unit || unit.kind === 'province' || (unit.validTo && unit.validTo <= input.opensOn)) throw invalid([consultationIssue('not_a_place', 'unitId')]);
    authorizeConsultation(actor, 'consultation.open', unit.path);
    const [row] = await tx
      .insert(consultations)
      .values({
        unitId: unit.id,
        unitPath: unit.path,
        unitKind: unit.kind === 'cell' ? 'cell' : 'commune',
        title: input.title,
        question: input.question,
        membersEligible: input.membersEligible,
        eligibleMembers: 0,
        households: input.households,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
      })
      .returning();
    await tx.insert(consultationOptions).values(input.options.map((label, position) => ({ consultationId: row!.id, position, label })));
    let members = 0;
    if (input.membersEligible) {
      const cells = unit.kind === 'cell' ? [unit.id] : (await cellsUnder(tx, [unit.path], input.opensOn)).map((c) => c.id);
      if (cells.length) {
        const r = await tx.execute(sql`
          INSERT INTO consultation_members (consultation_id, person_id)
          SELECT DISTINCT ${row!.id}::uuid, m.person_id FROM unnest(${sql`${`{${cells.join(',')}}`}::uuid[]`}) AS c(id)
          JOIN LATERAL ${memberRowsOn(sql`c.id`, sql`${input.opensOn}::date`)} m ON true
          ON CONFLICT DO NOTHING`);
        members = r.rowCount ?? 0;
      }
      if (members === 0 && input.households === 0) throw invalid([consultationIssue('nobody_eligible', 'membersEligible')]);
      await tx.update(consultations).set({ eligibleMembers: members }).where(eq(consultations.id, row!.id));
    }
    await recordAudit(tx, actor, {
      action: 'consultation.open',
      entityType: 'consultation',
      entityId: row!.id,
      unitPath: unit.path,
      after: { title: input.title, options: input.options, eligibleMembers: members, households: input.households, opensOn: input.opensOn, closesOn: input.closesOn },
    });
    return { id: row!.id };
  });
}

/** Each option's answers by origin: online, by code, and the room's tally. */
export async function optionCounts(exec: Executor, id: string): Promise<OptionCount[]> {
  const r = await exec.execute<{ id: string; label: string; online: number; code: number; room: number }>(sql`
    SELECT o.id, o.label,
      (SELECT count(*) FROM consultation_answers a WHERE a.option_id = o.id AND a.origin = 'online')::int AS online,
      (SELECT count(*) FROM consultation_answers a WHERE a.option_id = o.id AND a.origin = 'code')::int AS code,
      coalesce((SELECT t.count FROM consultation_tally_counts t WHERE t.option_id = o.id), 0)::int AS room
    FROM consultation_options o WHERE o.consultation_id = ${id} ORDER BY o.position`);
  return r.rows.map((x) => ({ optionId: x.id, label: x.label, online: x.online, code: x.code, room: x.room }));
}

export async function resultFor(exec: Executor, c: ConsultationRow) {
  const { levels, minTurnout } = await resultThresholds(exec);
  return resultOf(c.eligibleMembers + c.households, await optionCounts(exec, c.id), levels, minTurnout);
}

export async function listConsultations(db: Db, actor: Actor) {
  const rows = await db
    .select({
      id: consultations.id,
      title: consultations.title,
      unitPath: consultations.unitPath,
      unitName: sql<string>`${latestNameOf(sql`${consultations.unitId}`)}`,
      opensOn: consultations.opensOn,
      closesOn: consultations.closesOn,
      eligible: sql<number>`(${consultations.eligibleMembers} + ${consultations.households})::int`,
      participants: sql<number>`coalesce((SELECT s.participants FROM consultation_stats s WHERE s.consultation_id = ${consultations.id}), 0)::int`,
      decided: sql<boolean>`${consultations.decision} IS NOT NULL`,
    })
    .from(consultations)
    .where(readableConsultations(actor, consultations.unitPath))
    .orderBy(desc(consultations.opensOn), asc(consultations.title))
    .limit(500);
  const today = todayIso();
  return {
    items: rows.map(({ unitPath, ...r }) => ({ ...r, state: stateOn(r, today), actions: consultationActions(actor, unitPath) })),
    places: await placesFor(db, actor),
  };
}

/** Where the actor may open a consultation: their communes and their villages, with the commune's villages. */
async function placesFor(db: Db, actor: Actor) {
  const today = todayIso();
  const branches = openBranchesFor(actor);
  const cells = await cellsUnder(
    db,
    branches.filter((b) => b.kind !== 'cell').map((b) => b.path),
    today,
  );
  return [...branches.map((b) => ({ id: b.id, name: b.name })), ...cells.map((c) => ({ id: c.id, name: c.name }))];
}

export async function getConsultation(db: Db, actor: Actor, id: string) {
  const c = await loadConsultation(db, actor, id);
  const [options, result, tally, log, docs, names] = await Promise.all([
    db.select({ id: consultationOptions.id, label: consultationOptions.label }).from(consultationOptions).where(eq(consultationOptions.consultationId, id)).orderBy(asc(consultationOptions.position)),
    resultFor(db, c),
    tallyOf(db, id),
    db
      .select({ version: consultationTallyLog.version, changedBy: consultationTallyLog.changedByName, reason: consultationTallyLog.reason, before: consultationTallyLog.before, after: consultationTallyLog.after, changedAt: consultationTallyLog.changedAt })
      .from(consultationTallyLog)
      .where(eq(consultationTallyLog.consultationId, id))
      .orderBy(desc(consultationTallyLog.version)),
    db.select({ id: consultationDocuments.id, fileName: consultationDocuments.fileName, size: consultationDocuments.size }).from(consultationDocuments).where(eq(consultationDocuments.consultationId, id)),
    unitNames(db, c.unitId),
  ]);
  const mine = actor.personId
    ? await db.execute<{ eligible: boolean; answered: boolean }>(sql`
        SELECT EXISTS (SELECT 1 FROM consultation_members WHERE consultation_id = ${id} AND person_id = ${actor.personId}) AS eligible,
               EXISTS (SELECT 1 FROM consultation_answers WHERE consultation_id = ${id} AND person_id = ${actor.personId}) AS answered`)
    : null;
  const online = result.options.reduce((a, o) => a + o.online + o.code, 0);
  return {
    ...presentConsultation(c, names),
    options,
    result,
    answeredBeforeRoom: online,
    tally,
    tallyLog: log.map((l) => ({ ...l, changedBy: l.changedBy ?? '', changedAt: l.changedAt.toISOString() })),
    documents: docs,
    me: { eligible: mine?.rows[0]?.eligible ?? false, answered: mine?.rows[0]?.answered ?? false },
    actions: consultationActions(actor, c.unitPath),
  };
}

export async function unitNames(exec: Executor, unitId: string) {
  const r = await exec.execute<{ name: string }>(sql`SELECT ${latestNameOf(sql`${unitId}::uuid`)} AS name`);
  return { unitName: r.rows[0]?.name ?? '', communeName: (await latestParentNameOf(exec, unitId)) ?? '' };
}

export function presentConsultation(c: ConsultationRow, names: { unitName: string; communeName: string }) {
  return {
    id: c.id,
    title: c.title,
    question: c.question,
    unitId: c.unitId,
    unitKind: c.unitKind,
    unitName: names.unitName,
    communeName: c.unitKind === 'cell' ? names.communeName : names.unitName,
    membersEligible: c.membersEligible,
    eligibleMembers: c.eligibleMembers,
    households: c.households,
    codesIssued: c.codesIssued,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    state: stateOn(c),
    decision: c.decision,
    followUp: c.followUp,
    decidedOn: c.decidedOn,
  };
}

export async function tallyOf(exec: Executor, id: string) {
  const [t] = await exec.select().from(consultationTallies).where(eq(consultationTallies.consultationId, id));
  if (!t) return null;
  const counts = await exec.select({ optionId: consultationTallyCounts.optionId, count: consultationTallyCounts.count }).from(consultationTallyCounts).where(eq(consultationTallyCounts.consultationId, id));
  return { method: t.method, heldOn: t.heldOn, present: t.present, version: t.version, counts };
}

export async function recordDecision(db: Db, actor: Actor, id: string, input: { decision: string; followUp: string; decidedOn: string }) {
  return db.transaction(async (tx) => {
    const c = await loadConsultation(tx, actor, id, 'consultation.manage', true);
    if (stateOn(c) !== 'closed' && input.decidedOn <= c.closesOn) throw conflict('The consultation is still open', [consultationIssue('not_closed', 'decidedOn')]);
    if (input.decidedOn < c.opensOn) throw invalid([consultationIssue('not_closed', 'decidedOn')]);
    await tx.update(consultations).set({ decision: input.decision, followUp: input.followUp, decidedOn: input.decidedOn }).where(eq(consultations.id, id));
    await recordAudit(tx, actor, { action: 'consultation.decide', entityType: 'consultation', entityId: id, unitPath: c.unitPath, before: { decision: c.decision, followUp: c.followUp }, after: input });
    return { id };
  });
}

export async function attachDocument(db: Db, actor: Actor, id: string, file: { fileName: string; content: Buffer }) {
  const mime = sniffDocument(file.content);
  if (!mime) throw invalid([{ path: 'file', code: 'document_file_type', message: 'Send a PDF or DOCX file' }]);
  return db.transaction(async (tx) => {
    const c = await loadConsultation(tx, actor, id, 'consultation.manage', true);
    const [row] = await tx.insert(consultationDocuments).values({ consultationId: id, fileName: file.fileName, mime, size: file.content.length, content: file.content }).returning({ id: consultationDocuments.id });
    await recordAudit(tx, actor, { action: 'consultation.document', entityType: 'consultation', entityId: id, unitPath: c.unitPath, after: { fileName: file.fileName, mime, size: file.content.length } });
    return { id: row!.id, fileName: file.fileName, size: file.content.length };
  });
}

export async function readDocument(db: Db, actor: Actor | null, id: string, documentId: string) {
  await loadConsultation(db, actor, id);
  const [d] = await db.select().from(consultationDocuments).where(and(eq(consultationDocuments.id, documentId), eq(consultationDocuments.consultationId, id)));
  if (!d) throw notFound('Document');
  return d;
}

