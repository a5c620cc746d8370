// The three steps of a review and the re-check: self-assessment → the cell's appraisal and proposal → the
// decision one level up (→ a re-check after a complaint). Each checks the rules of 366-QĐ/TW, reports every
// broken rule by its code, writes one row and its audit event in one transaction — or nothing at all.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import type { AppraisalBody, ComplaintBody, DecisionBody, ReviewLevel, SelfAssessmentBody } from '../../../domain/review.js';
import { reviewIssue, reviewIssueMessages, type ReviewIssueCode } from '../../../domain/review-issues.js';
import { AppError, conflict, invalid, type FieldIssue } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { allowed, type Actor } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { assertOpen, type CycleRow } from './cycles.js';
import { notify } from '../../platform/notifications/notify.js';
import { accountsOverPath } from '../users/queries.js';
import { reviewPolicy } from './policy.js';
import { complainRole, complaintUntil, loadParticipant, presentParticipant, selfRole, stepsOf, templateOf, type ParticipantRow } from './participants.js';
import { capCheck, classify, levelIssues, scoreProblems, type Conditions } from './rules.js';
import { unitVersion } from '../org/queries.js';
import { reviewAppraisals, reviewComplaints, reviewDecisions, reviewParticipants, reviewSelfAssessments } from './schema.js';

const conditionsOf = (s: typeof reviewSelfAssessments.$inferSelect): Conditions => ({
  score: s.total,
  tasksTotal: s.tasksTotal,
  tasksLate: s.tasksLate,
  tasksExceeding: s.tasksExceeding,
  disciplined: s.disciplined,
  shortcomingsFixed: s.shortcomingsFixed,
});

const levelRuleIssues = (codes: ReviewIssueCode[], path: string): FieldIssue[] => codes.map((c) => reviewIssue(c, path));

export async function selfAssess(db: Db, actor: Actor, id: string, body: SelfAssessmentBody) {
  return db.transaction(async (tx) => {
    const { p, cycle } = await loadParticipant(tx, actor, id, 'review.read', { forUpdate: true });
    const steps = await stepsOf(tx, p);
    const role = selfRole(actor, p, steps.hasAccount);
    if (!role) {
      const onBehalfRefused = p.personId && steps.hasAccount && actor.personId !== p.personId;
      throw new AppError('forbidden', onBehalfRefused ? reviewIssueMessages.self_on_behalf_has_account : 'You may not fill this self-assessment', onBehalfRefused ? [reviewIssue('self_on_behalf_has_account', 'participantId')] : undefined);
    }
    assertOpen(cycle);
    if (steps.self) throw conflict(reviewIssueMessages.self_assessment_exists, [reviewIssue('self_assessment_exists', 'participantId')]);
    const template = templateOf(cycle, p);
    const { total, problems } = scoreProblems(body.scores, template);
    const issues: FieldIssue[] = problems.map((x) => reviewIssue(x.code, x.path));
    if (body.tasksLate > body.tasksTotal) issues.push(reviewIssue('tasks_more_than_total', 'tasksLate'));
    if (body.tasksExceeding > body.tasksTotal) issues.push(reviewIssue('tasks_more_than_total', 'tasksExceeding'));
    if (issues.length) throw invalid(issues);
    const values = {
      participantId: p.id,
      scores: body.scores.map((s) => ({ code: s.code, points: s.points, note: s.note ?? '' })),
      total,
      tasksTotal: body.tasksTotal,
      tasksLate: body.tasksLate,
      tasksExceeding: body.tasksExceeding,
      disciplined: body.disciplined,
      shortcomingsFixed: body.shortcomingsFixed,
      summary: body.summary ?? '',
      filledBy: actor.userId,
      onBehalf: role === 'onBehalf',
    };
    const allowedLevel = classify({ score: total, ...body }, template);
    const [self] = await tx.insert(reviewSelfAssessments).values({ ...values, allowedLevel }).returning();
    await recordAudit(tx, actor, { action: 'review.self.submit', entityType: 'review_participant', entityId: p.id, unitPath: p.unitPath, after: { ...values, allowedLevel } });
    // The next step is the cell's: its secretary is told, folded into one line per cycle and commune while unread.
    await notify(tx, {
      topic: 'review.step_due',
      recipients: accountsOverPath(reviewPolicy['review.appraise'].map((r) => r.role), p.unitPath),
      sourceId: `appraise:${p.id}`,
      groupKey: `review.appraise:${cycle.id}:${p.unitId}`,
      params: { step: 'appraise', cycle: cycle.title, unit: p.unitName, due: cycle.cellDue },
      link: `/review?cycle=${cycle.id}&unit=${p.unitId}&step=appraise`,
      unitPath: p.unitPath,
    });
    return presentParticipant(actor, cycle, p, { ...steps, self });
  });
}

export async function appraise(db: Db, actor: Actor, id: string, body: AppraisalBody) {
  return db.transaction(async (tx) => {
    const { p, cycle } = await loadParticipant(tx, actor, id, 'review.appraise', { forUpdate: true });
    assertOpen(cycle);
    const steps = await stepsOf(tx, p);
    if (steps.appraisal) throw conflict(reviewIssueMessages.appraisal_exists, [reviewIssue('appraisal_exists', 'participantId')]);
    if (!steps.self) throw invalid([reviewIssue('appraisal_needs_self', 'participantId')]);
    const issues: FieldIssue[] = [];
    if (body.votesFor + body.votesAgainst > body.present) issues.push(reviewIssue('votes_exceed_present', 'votesFor'));
    if (body.meetingDate > todayIso()) issues.push(reviewIssue('meeting_in_future', 'meetingDate'));
    issues.push(...levelRuleIssues(levelIssues(body.proposedLevel, conditionsOf(steps.self), templateOf(cycle, p)), 'proposedLevel'));
    if (issues.length) throw invalid(issues);
    const values = { participantId: p.id, ...body, comment: body.comment ?? '', recordedBy: actor.userId };
    const [appraisal] = await tx.insert(reviewAppraisals).values(values).returning();
    await recordAudit(tx, actor, { action: 'review.appraise', entityType: 'review_participant', entityId: p.id, unitPath: p.unitPath, after: values });
    // The decision is the commune's: its officers are told, one line per cycle and commune while unread.
    await notify(tx, {
      topic: 'review.step_due',
      recipients: accountsOverPath(reviewPolicy['review.todo.decide'].map((r) => r.role), p.unitPath),
      sourceId: `decide:${p.id}`,
      groupKey: `review.decide:${cycle.id}:${p.communeId}`,
      params: { step: 'decide', cycle: cycle.title, unit: p.unitName, due: cycle.decisionDue },
      link: `/review?cycle=${cycle.id}&unit=${p.communeId}&step=decide`,
      unitPath: p.unitPath,
    });
    return presentParticipant(actor, cycle, p, { ...steps, appraisal });
  });
}

/**
 * The cap within the grassroots organization, as it would stand with `level` for `p`: excellent decided so far
 * against those rated good or better — decided, or for the undecided, proposed by their cell. Individuals and
 * cells are counted apart.
 */
async function capIssues(tx: Tx, cycle: CycleRow, p: ParticipantRow, level: ReviewLevel): Promise<FieldIssue[]> {
  if (!cycle.cap.enabled) return [];
  const kindCond = p.kind === 'cell' ? sql`p.kind = 'cell'` : sql`p.kind = 'person'`;
  const { rows } = await tx.execute<{ excellent: number; good_or_better: number; commune: string }>(sql`
    WITH levels AS (
      SELECT p.id,
        CASE WHEN p.id = ${p.id} THEN ${level}::text ELSE d.level END AS decided,
        a.proposed_level AS proposed
      FROM review_participants p
      LEFT JOIN review_decisions d ON d.participant_id = p.id AND d.superseded_by IS NULL
      LEFT JOIN review_appraisals a ON a.participant_id = p.id
      WHERE p.cycle_id = ${cycle.id} AND p.commune_id = ${p.communeId} AND ${kindCond}
    )
    SELECT count(*) FILTER (WHERE decided = 'excellent')::int AS excellent,
      count(*) FILTER (WHERE coalesce(decided, proposed) IN ('excellent', 'good'))::int AS good_or_better,
      ${unitVersion(sql`${p.communeId}::uuid`, ['name'])} AS commune
    FROM levels`);
  const r = rows[0];
  const check = capCheck({ excellent: r.excellent, goodOrBetter: r.good_or_better }, cycle.cap);
  if (check.ok) return [];
  const what = p.kind === 'cell' ? 'party cells' : 'members';
  const message =
    `${reviewIssueMessages.cap_exceeded}. In ${r.commune}, ${check.excellent} of the ${check.goodOrBetter} ${what} rated good or better ` +
    `would be excellent; the cap of ${cycle.cap.percent}% allows ${check.allowed}`;
  return [{ ...reviewIssue('cap_exceeded', 'level', message), params: { excellent: check.excellent, goodOrBetter: check.goodOrBetter, allowed: check.allowed, percent: cycle.cap.percent } } as FieldIssue];
}

/** The rules every final level obeys, for a first decision and a re-check alike. */
async function decisionIssues(tx: Tx, cycle: CycleRow, p: ParticipantRow, self: typeof reviewSelfAssessments.$inferSelect, level: ReviewLevel, reason: string, proposed: ReviewLevel) {
  const issues = levelRuleIssues(levelIssues(level, conditionsOf(self), templateOf(cycle, p)), 'level');
  if (level !== proposed && !reason.trim()) issues.push(reviewIssue('decision_reason_required', 'reason'));
  if (issues.length === 0) issues.push(...(await capIssues(tx, cycle, p, level)));
  return issues;
}

/** Decisions of one grassroots organization are taken one at a time, so the cap is counted on settled data. */
const lockCommune = (tx: Tx, cycleId: string, communeId: string) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`review:${cycleId}:${communeId}`}, 0))`);

export async function decide(db: Db, actor: Actor, id: string, body: DecisionBody) {
  return db.transaction(async (tx) => {
    const { p, cycle } = await loadParticipant(tx, actor, id, 'review.decide');
    assertOpen(cycle);
    await lockCommune(tx, cycle.id, p.communeId);
    const steps = await stepsOf(tx, p);
    if (steps.decision) throw conflict(reviewIssueMessages.decision_final, [reviewIssue('decision_final', 'participantId')]);
    if (!steps.appraisal || !steps.self) throw invalid([reviewIssue('decision_needs_appraisal', 'participantId')]);
    if (p.kind === 'person') {
      // Collectives before their members: the cell's own level is decided first.
      const [cellDecided] = await tx
        .select({ id: reviewDecisions.id })
        .from(reviewDecisions)
        .innerJoin(reviewParticipants, eq(reviewParticipants.id, reviewDecisions.participantId))
        .where(and(eq(reviewParticipants.cycleId, cycle.id), eq(reviewParticipants.unitId, p.unitId), eq(reviewParticipants.kind, 'cell'), isNull(reviewDecisions.supersededBy)));
      if (!cellDecided) throw invalid([reviewIssue('decision_collective_first', 'participantId')]);
    }
    const reason = body.reason ?? '';
    const issues = await decisionIssues(tx, cycle, p, steps.self, body.level, reason, steps.appraisal.proposedLevel);
    if (issues.length) throw invalid(issues);
    const [decision] = await tx.insert(reviewDecisions).values({ participantId: p.id, level: body.level, reason, decidedBy: actor.userId }).returning();
    await recordAudit(tx, actor, {
      action: 'review.decide',
      entityType: 'review_participant',
      entityId: p.id,
      unitPath: p.unitPath,
      after: { level: body.level, reason, proposed: steps.appraisal.proposedLevel },
    });
    return presentParticipant(actor, cycle, p, { ...steps, decision });
  });
}

/**
 * A person contests their decided level (or the secretary for the cell, or for a member without an account):
 * once, within the cycle's complaint days after the decision. The level is not final until the re-check.
 */
export async function complain(db: Db, actor: Actor, id: string, body: ComplaintBody) {
  return db.transaction(async (tx) => {
    const { p, cycle } = await loadParticipant(tx, actor, id, 'review.read', { forUpdate: true });
    const steps = await stepsOf(tx, p);
    const role = complainRole(actor, p, steps.hasAccount);
    if (!role) {
      // Someone who may contest for others here (the form of the cell), refused only because this member has an account.
      const onBehalfRefused = p.personId && steps.hasAccount && actor.personId !== p.personId && allowed(reviewPolicy, actor, 'review.complain', { path: p.unitPath, personId: null });
      throw new AppError(
        'forbidden',
        onBehalfRefused ? reviewIssueMessages.complaint_on_behalf_has_account : 'You may not contest this level',
        onBehalfRefused ? [reviewIssue('complaint_on_behalf_has_account', 'participantId')] : undefined,
      );
    }
    assertOpen(cycle);
    if (!steps.decision) throw invalid([reviewIssue('complaint_needs_decision', 'participantId')]);
    if (steps.complaint) throw conflict(reviewIssueMessages.complaint_exists, [reviewIssue('complaint_exists', 'participantId')]);
    const until = complaintUntil(cycle, steps.decision);
    if (todayIso() > until) {
      const message = `${reviewIssueMessages.complaint_window_closed}: ${cycle.complaintDays} days, until ${until}`;
      throw invalid([{ ...reviewIssue('complaint_window_closed', 'participantId', message), params: { days: cycle.complaintDays, until } } as FieldIssue]);
    }
    const values = { participantId: p.id, decisionId: steps.decision.id, reason: body.reason, filedBy: actor.userId, onBehalf: role === 'onBehalf' };
    const [complaint] = await tx.insert(reviewComplaints).values(values).returning();
    await recordAudit(tx, actor, { action: 'review.complain', entityType: 'review_participant', entityId: p.id, unitPath: p.unitPath, after: { ...values, level: steps.decision.level } });
    return presentParticipant(actor, cycle, p, { ...steps, complaint });
  });
}

/** A complaint re-checked one level up (the province): the new level supersedes the decision, which stays on record. */
export async function recheck(db: Db, actor: Actor, id: string, body: DecisionBody) {
  return db.transaction(async (tx) => {
    const { p, cycle } = await loadParticipant(tx, actor, id, 'review.recheck');
    assertOpen(cycle);
    await lockCommune(tx, cycle.id, p.communeId);
    const steps = await stepsOf(tx, p);
    if (!steps.decision || !steps.self || !steps.appraisal) throw invalid([reviewIssue('recheck_needs_decision', 'participantId')]);
    if (!steps.complaint || steps.complaint.recheckId) throw invalid([reviewIssue('recheck_needs_complaint', 'participantId')]);
    const reason = body.reason ?? '';
    const issues = await decisionIssues(tx, cycle, p, steps.self, body.level, reason || ' ', steps.appraisal.proposedLevel);
    if (!reason.trim()) issues.push(reviewIssue('decision_reason_required', 'reason'));
    if (issues.length) throw invalid(issues);
    const newId = randomUUID();
    await tx.update(reviewDecisions).set({ supersededBy: newId }).where(eq(reviewDecisions.id, steps.decision.id));
    const [decision] = await tx.insert(reviewDecisions).values({ id: newId, participantId: p.id, level: body.level, reason, kind: 'recheck', decidedBy: actor.userId }).returning();
    const [complaint] = await tx.update(reviewComplaints).set({ recheckId: newId }).where(eq(reviewComplaints.id, steps.complaint.id)).returning();
    await recordAudit(tx, actor, {
      action: 'review.recheck',
      entityType: 'review_participant',
      entityId: p.id,
      unitPath: p.unitPath,
      before: { level: steps.decision.level, reason: steps.decision.reason, complaint: steps.complaint.reason },
      after: { level: body.level, reason },
    });
    return presentParticipant(actor, cycle, p, { ...steps, decision, complaint });
  });
}
