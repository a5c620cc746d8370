// A cell's congresses (đại hội chi bộ) and the secretaries it had, with dates (issue 16). People owns them: a
// congress elects people who must be members of the cell on its day, and what it elects are position terms — both
// people's tables (README: "Congresses"). Recording the cell's latest congress puts those elected into office from
// that day, ending the terms in force; a congress dated before a later change of secretary is recorded as history
// and leaves the terms as they stand (an edit inside the history never rewrites what came after it, decision 0012).
import { and, desc, eq, gt, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import { issue } from '../../../domain/issues.js';
import { todayIso } from '../../../domain/dates.js';
import { authorize, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { findUnit, firstVersion, inForce } from '../org/tree.js';
import { congressPolicy } from './policy.js';
import { cellCongresses, memberships, people, positionTerms } from './schema.js';

export interface CongressInput {
  heldOn: string;
  termFrom: number;
  termTo: number;
  secretaryId: string;
  deputyId?: string | null;
}

/** The cell, whatever the date (its latest version, or its first when it is yet to begin). Only a cell has congresses. */
async function loadCell(exec: Executor, cellId: string) {
  const cell = (await findUnit(exec, cellId, todayIso())) ?? (await firstVersion(exec, cellId));
  if (!cell || cell.kind !== 'cell') throw notFound('Unit');
  return cell;
}

type Named = { id: string; fullName: string } | null;

async function names(exec: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await exec.select({ id: people.id, fullName: people.fullName }).from(people).where(inArray(people.id, ids));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

const named = (m: Map<string, string>, id: string | null): Named => (id ? { id, fullName: m.get(id) ?? '' } : null);

/** The cell's congresses (newest first) and its secretaries' and deputies' terms with their dates (newest first). */
export async function congressHistory(exec: Executor, actor: Actor, cellId: string) {
  const cell = await loadCell(exec, cellId);
  authorize(congressPolicy, actor, 'congress.read', { path: cell.path }, 'Unit');
  const congresses = await exec.select().from(cellCongresses).where(eq(cellCongresses.cellId, cellId)).orderBy(desc(cellCongresses.heldOn));
  const terms = await exec
    .select()
    .from(positionTerms)
    .where(and(eq(positionTerms.unitId, cellId), inArray(positionTerms.position, ['secretary', 'deputy_secretary'])))
    .orderBy(desc(positionTerms.validFrom), desc(positionTerms.position)); // the secretary before the deputy
  const who = await names(exec, [...new Set([...congresses.flatMap((c) => [c.secretaryId, c.deputyId ?? '']).filter(Boolean), ...terms.map((t) => t.personId)])]);
  return {
    congresses: congresses.map((c) => presentCongress(c, who)),
    terms: terms.map((t) => ({
      id: t.id,
      position: t.position as 'secretary' | 'deputy_secretary',
      person: named(who, t.personId)!,
      validFrom: t.validFrom,
      validTo: t.validTo,
      // Elected at a congress of the cell on the day the term began, or put in between congresses.
      elected: congresses.some((c) => c.heldOn === t.validFrom && (c.secretaryId === t.personId || c.deputyId === t.personId)),
    })),
  };
}

const presentCongress = (c: typeof cellCongresses.$inferSelect, who: Map<string, string>) => ({
  id: c.id,
  cellId: c.cellId,
  heldOn: c.heldOn,
  termFrom: c.termFrom,
  termTo: c.termTo,
  secretary: named(who, c.secretaryId)!,
  deputy: named(who, c.deputyId),
});

/** Records a congress of the cell; for the cell's latest one, those elected take office from its day. */
export async function recordCongress(db: Db, actor: Actor, cellId: string, input: CongressInput) {
  return db.transaction(async (tx) => {
    const cell = await loadCell(tx, cellId);
    authorize(congressPolicy, actor, 'congress.record', { path: cell.path }, 'Unit');
    const issues: FieldIssue[] = [];
    if (input.heldOn < cell.validFrom) issues.push({ ...issue('congress_before_unit', 'heldOn'), params: { date: cell.validFrom } } as FieldIssue);
    if (input.heldOn > todayIso()) issues.push(issue('congress_in_future', 'heldOn'));
    if (input.termTo <= input.termFrom) issues.push(issue('congress_term_order', 'termTo'));
    if (input.deputyId && input.deputyId === input.secretaryId) issues.push(issue('congress_same_person', 'deputyId'));
    // Those elected are members of this cell on the congress day.
    const elected = [input.secretaryId, ...(input.deputyId ? [input.deputyId] : [])];
    const members = await tx
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.unitId, cellId), inArray(memberships.personId, elected), inForce(memberships, input.heldOn)));
    const isMember = new Set(members.map((m) => m.personId));
    if (!isMember.has(input.secretaryId)) issues.push(issue('congress_not_member', 'secretaryId'));
    if (input.deputyId && input.deputyId !== input.secretaryId && !isMember.has(input.deputyId)) issues.push(issue('congress_not_member', 'deputyId'));
    if (issues.length) throw invalid(issues);

    const [congress] = await tx
      .insert(cellCongresses)
      .values({ cellId, heldOn: input.heldOn, termFrom: input.termFrom, termTo: input.termTo, secretaryId: input.secretaryId, deputyId: input.deputyId ?? null, recordedBy: actor.userId ?? null })
      .returning();
    const opened: string[] = [];
    for (const [position, personId] of [['secretary', input.secretaryId], ['deputy_secretary', input.deputyId ?? null]] as const) {
      if (!personId) continue;
      // A term of the position in this cell begun on that day or later: the congress is history, the terms stand.
      const [later] = await tx.select({ id: positionTerms.id }).from(positionTerms)
        .where(and(eq(positionTerms.unitId, cellId), eq(positionTerms.position, position), gte(positionTerms.validFrom, input.heldOn))).limit(1);
      if (later) continue;
      const inOffice = await tx.select().from(positionTerms)
        .where(and(eq(positionTerms.unitId, cellId), eq(positionTerms.position, position), inForce(positionTerms, input.heldOn)));
      if (inOffice.some((t) => t.personId === personId)) continue; // re-elected: the term goes on
      // The terms in force end on the congress day (nothing is deleted).
      await tx.update(positionTerms).set({ validTo: input.heldOn })
        .where(and(eq(positionTerms.unitId, cellId), eq(positionTerms.position, position), lt(positionTerms.validFrom, input.heldOn), or(isNull(positionTerms.validTo), gt(positionTerms.validTo, input.heldOn))));
      // The elected one's own term of this position elsewhere (another cell) is not touched: one secretary a cell.
      const [term] = await tx.insert(positionTerms).values({ personId, unitId: cellId, position, validFrom: input.heldOn }).returning();
      opened.push(term.id);
    }
    await recordAudit(tx, actor, {
      action: 'congress.record',
      entityType: 'unit',
      entityId: cellId,
      unitPath: cell.path,
      after: { congressId: congress.id, heldOn: congress.heldOn, termFrom: congress.termFrom, termTo: congress.termTo, secretaryId: congress.secretaryId, deputyId: congress.deputyId, termsOpened: opened.length },
    });
    return presentCongress(congress, await names(tx, elected));
  });
}
