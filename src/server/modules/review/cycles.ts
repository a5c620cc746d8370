// Review cycles: opened by the province admin for chosen branches, with a deadline per step. Opening takes a
// snapshot of who takes part — the cells in force and their members on the reference date — in two statements.
import { desc, eq, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { compareUnitNames } from '../../../domain/vietnamese.js';
import type { OpenCycleBody } from '../../../domain/review.js';
import { reviewIssue, reviewIssueMessages } from '../../../domain/review-issues.js';
import { allowed, authorize, scopeFor, visible, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { unitsOn, unitVersion } from '../org/queries.js';
import { findUnit, prefixMatch } from '../org/tree.js';
import { cellHasMembers, membershipsOn, persons as personRows, reviewGroup } from '../people/queries.js';
import { notify } from '../../platform/notifications/notify.js';
import { accountsOfPersons } from '../users/queries.js';
import { reviewPolicy } from './policy.js';
import { reviewCycles } from './schema.js';
import { ensureTemplateSet, provinceOf } from './templates.js';

export type CycleRow = typeof reviewCycles.$inferSelect;

export const presentCycle = (c: CycleRow) => ({
  id: c.id,
  unitId: c.unitId,
  year: c.year,
  kind: c.kind,
  title: c.title,
  branchIds: c.branchIds,
  referenceDate: c.referenceDate,
  selfDue: c.selfDue,
  cellDue: c.cellDue,
  decisionDue: c.decisionDue,
  complaintDays: c.complaintDays,
  status: c.status,
  cap: c.cap,
  templates: c.templates,
});

/** A cycle concerns the actor when one of its branches and one of the actor's grants lie one within the other. */
export function cycleVisible(actor: Actor, c: Pick<CycleRow, 'branchPaths'>): boolean {
  return c.branchPaths.some((b) => allowed(reviewPolicy, actor, 'review.cycle.read', { path: b }));
}

export async function loadCycle(exec: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<CycleRow> {
  const q = exec.select().from(reviewCycles).where(eq(reviewCycles.id, id));
  const [cycle] = opts.forUpdate ? await q.for('update') : await q;
  if (!cycle || !cycleVisible(actor, cycle)) throw notFound('Cycle');
  return cycle;
}

export function assertOpen(cycle: CycleRow) {
  if (cycle.status !== 'open') throw conflict('The cycle is closed', [reviewIssue('cycle_closed', 'cycleId')]);
}

export async function openCycle(db: Db, actor: Actor, input: OpenCycleBody) {
  return db.transaction(async (tx) => {
    const date = input.referenceDate;
    const unit = await findUnit(tx, input.unitId, date);
    if (!unit || (unit.validTo && unit.validTo <= date) || unit.versionFrom > date) throw notFound('Unit');
    authorize(reviewPolicy, actor, 'review.cycle.open', { path: unit.path }, 'Unit');
    const issues = [];
    if (!(input.selfDue <= input.cellDue && input.cellDue <= input.decisionDue)) issues.push(reviewIssue('cycle_deadlines_order', 'decisionDue'));
    const branchPaths: string[] = [];
    for (const [i, id] of input.branchIds.entries()) {
      const branch = await findUnit(tx, id, date);
      if (!branch || (branch.validTo && branch.validTo <= date) || !visible(actor, branch.path)) throw notFound('Unit');
      if (!branch.path.startsWith(unit.path)) issues.push(reviewIssue('cycle_branch_outside', `branchIds.${i}`));
      else branchPaths.push(branch.path);
    }
    if (issues.length) throw invalid(issues);
    const provinceId = provinceOf(unit.path);
    const set = await ensureTemplateSet(tx, actor, provinceId, `/${provinceId}/`, input.year);
    const [cycle] = await tx
      .insert(reviewCycles)
      .values({
        unitId: unit.id,
        unitPath: unit.path,
        year: input.year,
        kind: input.kind,
        title: input.title,
        branchIds: input.branchIds,
        branchPaths,
        referenceDate: date,
        selfDue: input.selfDue,
        cellDue: input.cellDue,
        decisionDue: input.decisionDue,
        complaintDays: input.complaintDays,
        templateSetId: set.id,
        cap: set.cap,
        templates: set.templates,
      })
      .returning();
    const d = sql`${date}::date`;
    const cells = sql`
      SELECT v.unit_id, v.name, v.path, v.parent_id FROM ${unitsOn(d)} v
      WHERE v.kind = 'cell' AND ${prefixMatch(sql.raw('v.path'), branchPaths)}`;
    const persons = await tx.execute(sql`
      INSERT INTO review_participants (cycle_id, kind, person_id, full_name, unit_id, unit_name, unit_path, commune_id, "group")
      SELECT ${cycle.id}, 'person', p.id, p.full_name, c.unit_id, c.name, c.path, c.parent_id,
        ${reviewGroup(sql`p.id`, sql`c.unit_id`, d)}
      FROM (${cells}) c
      JOIN ${membershipsOn(d)} m ON m.unit_id = c.unit_id
      JOIN ${personRows} p ON p.id = m.person_id`);
    const cellRows = await tx.execute(sql`
      INSERT INTO review_participants (cycle_id, kind, person_id, full_name, unit_id, unit_name, unit_path, commune_id, "group")
      SELECT ${cycle.id}, 'cell', NULL, NULL, c.unit_id, c.name, c.path, c.parent_id, 'cell'
      FROM (${cells}) c
      WHERE ${cellHasMembers(sql`c.unit_id`, d)}`);
    if (!cellRows.rowCount) throw invalid([reviewIssue('cycle_no_participants', 'branchIds')]);
    // Every member with an account is told their self-assessment is due (one statement for the whole province).
    await notify(tx, {
      topic: 'review.step_due',
      recipients: accountsOfPersons(sql`SELECT person_id FROM review_participants WHERE cycle_id = ${cycle.id} AND kind = 'person'`),
      sourceId: `self:${cycle.id}`,
      groupKey: `review.self:${cycle.id}`,
      params: { step: 'self', cycle: cycle.title, due: cycle.selfDue },
      link: `/review?cycle=${cycle.id}&self=1`,
      unitPath: unit.path,
    });
    await recordAudit(tx, actor, {
      action: 'review.cycle.open',
      entityType: 'review_cycle',
      entityId: cycle.id,
      unitPath: unit.path,
      after: { ...presentCycle(cycle), templates: undefined, people: persons.rowCount, cells: cellRows.rowCount },
    });
    return presentCycle(cycle);
  });
}

export async function closeCycle(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const cycle = await loadCycle(tx, actor, id, { forUpdate: true });
    authorize(reviewPolicy, actor, 'review.cycle.close', { path: cycle.unitPath }, 'Cycle');
    assertOpen(cycle);
    const { rows: waiting } = await tx.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM review_complaints k JOIN review_participants p ON p.id = k.participant_id
      WHERE p.cycle_id = ${id} AND k.recheck_id IS NULL`);
    if (waiting[0].n > 0) throw conflict(reviewIssueMessages.cycle_open_complaints, [{ ...reviewIssue('cycle_open_complaints', 'cycleId'), params: { count: waiting[0].n } } as never]);
    const [closed] = await tx.update(reviewCycles).set({ status: 'closed', closedAt: new Date() }).where(eq(reviewCycles.id, id)).returning();
    await recordAudit(tx, actor, { action: 'review.cycle.close', entityType: 'review_cycle', entityId: id, unitPath: cycle.unitPath, before: { status: 'open' }, after: { status: 'closed' } });
    return presentCycle(closed);
  });
}

/** The cycles that concern the actor, newest first. */
export async function listCycles(db: Db, actor: Actor) {
  // The same rule as cycleVisible, over each branch of the cycle: an index-free filter over few cycles.
  const concerns = scopeFor(reviewPolicy, actor, 'review.cycle.read', { path: sql`bp` });
  const rows = await db.select().from(reviewCycles).where(sql`EXISTS (SELECT 1 FROM unnest(${reviewCycles.branchPaths}) bp WHERE ${concerns})`).orderBy(desc(reviewCycles.year), desc(reviewCycles.createdAt));
  return rows.map(presentCycle);
}

/** Progress per grassroots organization within the actor's branches: how many did each step, and what is overdue. */
export async function cycleProgress(db: Db, actor: Actor, id: string) {
  const cycle = await loadCycle(db, actor, id);
  const scope = scopeFor(reviewPolicy, actor, 'review.figures', { path: sql`p.unit_path` });
  const today = todayIso();
  const { rows } = await db.execute<{ commune_id: string; commune_name: string; participants: number; self_done: number; appraised: number; decided: number; cells: number; cells_decided: number }>(sql`
    SELECT p.commune_id,
      ${unitVersion(sql`p.commune_id`, ['name'], sql`${cycle.referenceDate}::date`)} AS commune_name,
      count(*) FILTER (WHERE p.kind = 'person')::int AS participants,
      count(s.id) FILTER (WHERE p.kind = 'person')::int AS self_done,
      count(a.id) FILTER (WHERE p.kind = 'person')::int AS appraised,
      count(d.id) FILTER (WHERE p.kind = 'person')::int AS decided,
      count(*) FILTER (WHERE p.kind = 'cell')::int AS cells,
      count(d.id) FILTER (WHERE p.kind = 'cell')::int AS cells_decided
    FROM review_participants p
    LEFT JOIN review_self_assessments s ON s.participant_id = p.id
    LEFT JOIN review_appraisals a ON a.participant_id = p.id
    LEFT JOIN review_decisions d ON d.participant_id = p.id AND d.superseded_by IS NULL
    WHERE p.cycle_id = ${id} AND ${scope}
    GROUP BY p.commune_id`);
  // Vietnamese order (the database's collation puts "Bình An" before "Bạch Đích" and "Đ…" after "Y").
  rows.sort((a, b) => compareUnitNames({ name: a.commune_name }, { name: b.commune_name }));
  const overdue = (due: string, done: number, total: number) => cycle.status === 'open' && today > due && done < total;
  return {
    cycle: presentCycle(cycle),
    communes: rows.map((r) => ({
      unitId: r.commune_id,
      name: r.commune_name,
      participants: r.participants,
      selfDone: r.self_done,
      appraised: r.appraised,
      decided: r.decided,
      cells: r.cells,
      cellsDecided: r.cells_decided,
      overdue: {
        self: overdue(cycle.selfDue, r.self_done, r.participants),
        appraisal: overdue(cycle.cellDue, r.appraised, r.participants),
        decision: overdue(cycle.decisionDue, r.decided + r.cells_decided, r.participants + r.cells),
      },
    })),
  };
}
