// Reading the people and cells of a cycle: one participant with its steps, or the board of a cell or commune,
// each row with the actions the current user may take on it now (the UI shows only those).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ReviewLevel, Template } from '../../../domain/review.js';
import { allowed, authorize, scopeFor, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { findUnit, prefixMatch } from '../org/tree.js';
import { loadCycle, presentCycle, type CycleRow } from './cycles.js';
import { reviewPolicy, type ReviewAction } from './policy.js';
import { todayIso } from '../../../domain/dates.js';
import { reviewAppraisals, reviewComplaints, reviewDecisions, reviewParticipants, reviewSelfAssessments } from './schema.js';

export type ParticipantRow = typeof reviewParticipants.$inferSelect;
type SelfRow = typeof reviewSelfAssessments.$inferSelect;
type AppraisalRow = typeof reviewAppraisals.$inferSelect;
type DecisionRow = typeof reviewDecisions.$inferSelect;
type ComplaintRow = typeof reviewComplaints.$inferSelect;

export interface Steps {
  self: SelfRow | null;
  appraisal: AppraisalRow | null;
  decision: DecisionRow | null;
  complaint: ComplaintRow | null;
  hasAccount: boolean;
}

export const templateOf = (cycle: CycleRow, p: Pick<ParticipantRow, 'group'>): Template => cycle.templates.find((t) => t.group === p.group)!;

export const targetOf = (p: ParticipantRow) => ({ path: p.unitPath, personId: p.personId });

/**
 * Whether the actor fills this self-assessment, and as whom: the person themself, or the secretary for the
 * cell's own form 01 and for a member without an account.
 */
export function selfRole(actor: Actor, p: ParticipantRow, hasAccount: boolean): 'self' | 'onBehalf' | null {
  const t = targetOf(p);
  if (p.personId && actor.personId === p.personId && allowed(reviewPolicy, actor, 'review.self', t)) return 'self';
  if (allowed(reviewPolicy, actor, 'review.selfOnBehalf', t) && (p.kind === 'cell' || !hasAccount)) return 'onBehalf';
  return null;
}

/**
 * Whether the actor may contest this level, and as whom: the person themself, or the secretary for the cell
 * and for a member without an account.
 */
export function complainRole(actor: Actor, p: ParticipantRow, hasAccount: boolean): 'self' | 'onBehalf' | null {
  if (!allowed(reviewPolicy, actor, 'review.complain', targetOf(p))) return null;
  if (p.personId && actor.personId === p.personId) return 'self';
  return p.kind === 'cell' || !hasAccount ? 'onBehalf' : null;
}

/** The last day a decided level may be contested: the decision's day plus the cycle's complaint days. */
export function complaintUntil(cycle: Pick<CycleRow, 'complaintDays'>, decision: Pick<DecisionRow, 'decidedAt'>): string {
  const decidedOn = decision.decidedAt.toISOString().slice(0, 10);
  return new Date(Date.parse(decidedOn) + cycle.complaintDays * 86_400_000).toISOString().slice(0, 10);
}

/** What may be done next on this record by this actor, given the steps already taken. */
export function nextActions(actor: Actor, cycle: CycleRow, p: ParticipantRow, s: Steps): string[] {
  const out: string[] = [];
  if (cycle.status !== 'open') return out;
  const t = targetOf(p);
  if (!s.self && selfRole(actor, p, s.hasAccount)) out.push('self');
  if (s.self && !s.appraisal && allowed(reviewPolicy, actor, 'review.appraise', t)) out.push('appraise');
  if (s.appraisal && !s.decision && allowed(reviewPolicy, actor, 'review.decide', t)) out.push('decide');
  if (s.decision && !s.complaint && todayIso() <= complaintUntil(cycle, s.decision) && complainRole(actor, p, s.hasAccount)) out.push('complain');
  if (s.complaint && !s.complaint.recheckId && allowed(reviewPolicy, actor, 'review.recheck', t)) out.push('recheck');
  return out;
}

export function presentParticipant(actor: Actor, cycle: CycleRow, p: ParticipantRow, s: Steps) {
  const level = (s.decision?.level ?? null) as ReviewLevel | null;
  return {
    id: p.id,
    cycleId: p.cycleId,
    kind: p.kind,
    personId: p.personId,
    fullName: p.fullName,
    unitId: p.unitId,
    unitName: p.unitName,
    group: p.group,
    form: templateOf(cycle, p).form,
    hasAccount: s.hasAccount,
    self: s.self
      ? {
          scores: s.self.scores,
          total: s.self.total,
          tasksTotal: s.self.tasksTotal,
          tasksLate: s.self.tasksLate,
          tasksExceeding: s.self.tasksExceeding,
          disciplined: s.self.disciplined,
          shortcomingsFixed: s.self.shortcomingsFixed,
          summary: s.self.summary,
          allowedLevel: s.self.allowedLevel,
          onBehalf: s.self.onBehalf,
          at: s.self.createdAt.toISOString(),
        }
      : null,
    appraisal: s.appraisal
      ? {
          meetingDate: s.appraisal.meetingDate,
          present: s.appraisal.present,
          votesFor: s.appraisal.votesFor,
          votesAgainst: s.appraisal.votesAgainst,
          proposedLevel: s.appraisal.proposedLevel,
          comment: s.appraisal.comment,
        }
      : null,
    decision: s.decision ? { level: s.decision.level, reason: s.decision.reason, kind: s.decision.kind, at: s.decision.decidedAt.toISOString() } : null,
    complaint: s.complaint
      ? { reason: s.complaint.reason, onBehalf: s.complaint.onBehalf, at: s.complaint.filedAt.toISOString(), status: s.complaint.recheckId ? ('rechecked' as const) : ('waiting' as const) }
      : null,
    /** The last day the decided level may be contested (null before the decision). */
    complaintUntil: s.decision && s.decision.kind === 'decision' ? complaintUntil(cycle, s.decision) : null,
    /** The level in force: the latest re-check, else the decision. */
    finalLevel: level,
    /** True once no complaint waits and none can come: re-checked, the window passed, or the cycle closed. */
    levelFinal: !!s.decision && !(s.complaint && !s.complaint.recheckId) && (!!s.complaint || cycle.status === 'closed' || todayIso() > complaintUntil(cycle, s.decision)),
    status: s.complaint && !s.complaint.recheckId ? 'contested' : s.decision ? 'decided' : s.appraisal ? 'appraised' : s.self ? 'self_done' : 'pending',
    actions: nextActions(actor, cycle, p, s),
  };
}
export type PresentedParticipant = ReturnType<typeof presentParticipant>;

// Whether a person has an account: the users module has no service function for this yet, so it is asked here
// with one read-only statement (to move into users/service.ts).
async function accountHolders(exec: Executor, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const { rows } = await exec.execute<{ person_id: string }>(
    sql`SELECT DISTINCT person_id FROM users WHERE disabled = 'no' AND person_id = ANY(${sql.param(personIds)}::uuid[])`,
  );
  return new Set(rows.map((r) => r.person_id));
}

export async function stepsOf(exec: Executor, p: ParticipantRow): Promise<Steps> {
  // One after another: `exec` is often a transaction, whose one connection takes one query at a time.
  const [self] = await exec.select().from(reviewSelfAssessments).where(eq(reviewSelfAssessments.participantId, p.id));
  const [appraisal] = await exec.select().from(reviewAppraisals).where(eq(reviewAppraisals.participantId, p.id));
  const [decision] = await exec.select().from(reviewDecisions).where(and(eq(reviewDecisions.participantId, p.id), isNull(reviewDecisions.supersededBy)));
  const [complaint] = await exec.select().from(reviewComplaints).where(eq(reviewComplaints.participantId, p.id));
  const holders = await accountHolders(exec, p.personId ? [p.personId] : []);
  return { self: self ?? null, appraisal: appraisal ?? null, decision: decision ?? null, complaint: complaint ?? null, hasAccount: !!p.personId && holders.has(p.personId) };
}

/** Loads a participant through its cycle and authorizes `action` on it: 404 outside the branch, 403 inside. */
export async function loadParticipant(exec: Executor, actor: Actor, id: string, action: ReviewAction, opts: { forUpdate?: boolean } = {}) {
  const q = exec.select().from(reviewParticipants).where(eq(reviewParticipants.id, id));
  const [p] = opts.forUpdate ? await q.for('update') : await q;
  if (!p) throw notFound('Review record');
  authorize(reviewPolicy, actor, action, targetOf(p), 'Review record');
  const cycle = await loadCycle(exec, actor, p.cycleId);
  return { p, cycle };
}

export async function getParticipant(exec: Executor, actor: Actor, id: string) {
  const { p, cycle } = await loadParticipant(exec, actor, id, 'review.read');
  return { participant: presentParticipant(actor, cycle, p, await stepsOf(exec, p)), cycle: presentCycle(cycle) };
}

/**
 * The participants of a cycle under a unit (a cell, a commune, the province) that the actor may read: a member
 * finds only their own row. Steps are read in three set-based statements, whatever the number of rows.
 */
export async function board(exec: Executor, actor: Actor, input: { cycleId: string; unitId: string }) {
  const cycle = await loadCycle(exec, actor, input.cycleId);
  const unit = await findUnit(exec, input.unitId, cycle.referenceDate);
  if (!unit) throw notFound('Unit');
  authorize(reviewPolicy, actor, 'review.read', { path: unit.path, personId: actor.personId }, 'Unit');
  const readable = scopeFor(reviewPolicy, actor, 'review.read', { path: sql`p.unit_path`, personId: sql`p.person_id` });
  const where = [sql`p.cycle_id = ${cycle.id}`, prefixMatch(sql.raw('p.unit_path'), [unit.path]), readable];
  const { rows } = await exec.execute<{ id: string }>(sql`
    SELECT p.id FROM review_participants p WHERE ${sql.join(where, sql` AND `)}
    ORDER BY p.unit_name, (p.kind = 'person'), (p."group" <> 'secretary'), p.full_name`);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { cycle: presentCycle(cycle), unit: { id: unit.id, name: unit.name, kind: unit.kind }, items: [] };
  const idList = sql.param(ids);
  const [selfs, appraisals, decisions, complaints] = await Promise.all([
    exec.select().from(reviewSelfAssessments).where(sql`${reviewSelfAssessments.participantId} = ANY(${idList}::uuid[])`),
    exec.select().from(reviewAppraisals).where(sql`${reviewAppraisals.participantId} = ANY(${idList}::uuid[])`),
    exec.select().from(reviewDecisions).where(sql`${reviewDecisions.participantId} = ANY(${idList}::uuid[]) AND ${reviewDecisions.supersededBy} IS NULL`),
    exec.select().from(reviewComplaints).where(sql`${reviewComplaints.participantId} = ANY(${idList}::uuid[])`),
  ]);
  const byId = new Map((await exec.select().from(reviewParticipants).where(sql`${reviewParticipants.id} = ANY(${idList}::uuid[])`)).map((p) => [p.id, p]));
  const holders = await accountHolders(exec, [...byId.values()].map((p) => p.personId).filter((x): x is string => !!x));
  const find = <T extends { participantId: string }>(list: T[], id: string) => list.find((x) => x.participantId === id) ?? null;
  const items = ids.map((id) => {
    const p = byId.get(id)!;
    return presentParticipant(actor, cycle, p, {
      self: find(selfs, id),
      appraisal: find(appraisals, id),
      decision: find(decisions, id),
      complaint: find(complaints, id),
      hasAccount: !!p.personId && holders.has(p.personId),
    });
  });
  return { cycle: presentCycle(cycle), unit: { id: unit.id, name: unit.name, kind: unit.kind }, items };
}
