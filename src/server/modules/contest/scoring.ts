// The presentation/situation round: each judge of the panel scores a candidate on the round's criteria, alone —
// a judge's sheet shows their own scores only, never another judge's, and a score once submitted stands (a second
// one is refused, by the key even when sent at once). The panel's score drops the highest and lowest by the
// round's rule; each judge's deviation from the panel is reported to the organizers.
import { and, eq, inArray } from 'drizzle-orm';
import { panelScore } from '../../../domain/contest.js';
import { allowed, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { latestPaths } from '../org/tree.js';
import { personNames } from '../people/cell-members.js';
import { displayNameOf } from '../users/queries.js';
import { follow, isJudge, judgeTarget, loadRound, presentRound, roundState } from './contests.js';
import { judgePolicy, type JudgeAction } from './policy.js';
import { contestAttempts, contestCandidates, contestJudges, contestScores } from './schema.js';

const issue = (path: string, code: string, message: string) => ({ path, code, message });

/**
 * A judge's act. The round's candidates are the panel's to see wherever a judge's own grant lies (the organizer
 * delegated it), so the branch check of `authorize` does not apply: outside the panel 404, on it but refused 403.
 */
function authorizeJudge(actor: Actor, action: JudgeAction, target: ReturnType<typeof judgeTarget>, what: string) {
  if (allowed(judgePolicy, actor, action, target)) return;
  if (target.judge !== 'assigned') throw notFound(what);
  throw forbidden(`You may not ${action.replace('.', ' ')} here`);
}

/** The judge's sheet of a round: every candidate, with the judge's own score where given, and whether they may score. */
export async function judgeSheet(db: Executor, actor: Actor, roundId: string) {
  const { round, orgPath } = await loadRound(db, actor, roundId);
  const judge = await isJudge(db, actor, roundId);
  authorizeJudge(actor, 'round.judge', judgeTarget(orgPath, judge), 'Round');
  const candidates = await db.select().from(contestCandidates).where(eq(contestCandidates.roundId, roundId));
  const mine = await db.select().from(contestScores).where(and(inArray(contestScores.candidateId, candidates.length ? candidates.map((c) => c.id) : ['00000000-0000-0000-0000-000000000000']), eq(contestScores.judgeUserId, actor.userId!)));
  const names = await personNames(db, candidates.map((c) => c.personId));
  const units = await latestPaths(db, [...new Set(candidates.flatMap((c) => [c.cellId, c.communeId]))]);
  // Once the round has closed, the judge opens the appeal page of the attempts they judge.
  const closed = roundState(round) === 'closed';
  const attempts = closed && candidates.length ? await db.select({ id: contestAttempts.id, candidateId: contestAttempts.candidateId }).from(contestAttempts).where(inArray(contestAttempts.candidateId, candidates.map((c) => c.id))) : [];
  return {
    round: presentRound(round),
    candidates: await Promise.all(
      candidates.map(async (c) => {
        const own = mine.find((s) => s.candidateId === c.id);
        const communePath = units.get(c.communeId)?.path;
        const target = judgeTarget(orgPath, judge, communePath, actor);
        return {
          id: c.id,
          name: names.get(c.personId) ?? '',
          cell: units.get(c.cellId)?.name ?? '',
          commune: units.get(c.communeId)?.name ?? '',
          myScore: own ? { points: own.points, total: own.total, submittedAt: own.submittedAt.toISOString() } : null,
          canScore: !own && roundState(round) === 'open' && allowed(judgePolicy, actor, 'candidate.score', target),
          ownCommune: target.commune === 'own',
          appealAttemptId: allowed(judgePolicy, actor, 'attempt.appeal', target) ? (attempts.find((a) => a.candidateId === c.id)?.id ?? null) : null,
        };
      }),
    ),
  };
}

/** Submits the judge's score of a candidate: every criterion, within its maximum; once. */
export async function scoreCandidate(db: Db, actor: Actor, candidateId: string, input: { points: Record<string, number>; note?: string }) {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(contestCandidates).where(eq(contestCandidates.id, candidateId));
    if (!c) throw notFound('Candidate');
    const { round, orgPath } = await loadRound(tx, actor, c.roundId);
    const judge = await isJudge(tx, actor, c.roundId);
    if (!judge) throw notFound('Candidate');
    const commune = (await latestPaths(tx, [c.communeId])).get(c.communeId)!;
    const target = judgeTarget(orgPath, judge, commune.path, actor);
    if (target.commune === 'own') throw conflict('A judge may not score a candidate of their own commune', [issue('candidateId', 'own_commune', 'A judge may not score a candidate of their own commune')]);
    authorizeJudge(actor, 'candidate.score', target, 'Candidate');
    if (roundState(round) !== 'open') throw conflict('The round is not open', [issue('candidateId', 'round_not_open', 'The round is not open')]);
    const criteria = round.rules.criteria;
    const issues: FieldIssue[] = [];
    for (const k of criteria) {
      const v = input.points[k.code];
      if (v === undefined) issues.push(issue(`points.${k.code}`, 'criteria_missing', 'Every criterion needs a score'));
      else if (v > k.max) issues.push(issue(`points.${k.code}`, 'criteria_over_max', 'A score is above the criterion maximum'));
    }
    for (const k of Object.keys(input.points)) if (!criteria.some((x) => x.code === k)) issues.push(issue(`points.${k}`, 'criteria_missing', 'Not a criterion of this round'));
    if (issues.length) throw invalid(issues);
    const total = criteria.reduce((s, k) => s + input.points[k.code]!, 0);
    const maxTotal = criteria.reduce((s, k) => s + k.max, 0);
    const onHundred = Math.round((10000 * total) / maxTotal) / 100;
    const [row] = await tx.insert(contestScores).values({ candidateId, judgeUserId: actor.userId!, points: input.points, criteria, total: onHundred, note: input.note ?? null }).onConflictDoNothing().returning();
    if (!row) throw alreadyScored();
    await recordAudit(tx, actor, { action: 'contest.score', entityType: 'contest_candidate', entityId: candidateId, unitPath: c.cellPath, after: { points: input.points, total: onHundred } });
    return { candidateId, total: onHundred };
  });
}

const alreadyScored = () => conflict('You have already scored this candidate', [issue('candidateId', 'already_scored', 'You have already scored this candidate')]);

/** The panel's scores of a round's candidates (dropping highest and lowest by the rule), by candidate. */
export async function panelScores(db: Executor, round: { id: string; rules: { dropHighLowFrom: number } }, candidateIds: string[]) {
  const rows = candidateIds.length ? await db.select().from(contestScores).where(inArray(contestScores.candidateId, candidateIds)) : [];
  const out = new Map<string, { score: number | null; judges: number; dropped: number[]; totals: { judgeUserId: string; total: number }[] }>();
  for (const id of candidateIds) {
    const mine = rows.filter((r) => r.candidateId === id);
    const p = panelScore(mine.map((r) => r.total), round.rules.dropHighLowFrom);
    out.set(id, { ...p, judges: mine.length, totals: mine.map((r) => ({ judgeUserId: r.judgeUserId, total: r.total })) });
  }
  return out;
}

/** For the organizers: each judge's mean deviation from the panel (the mean of the other judges) over the candidates they scored. */
export async function judgeDeviations(db: Executor, actor: Actor, roundId: string) {
  const { round, orgPath } = await loadRound(db, actor, roundId);
  follow(actor, orgPath, 'Round');
  const candidates = await db.select({ id: contestCandidates.id }).from(contestCandidates).where(eq(contestCandidates.roundId, roundId));
  const panel = await panelScores(db, round, candidates.map((c) => c.id));
  const judges = await db.select().from(contestJudges).where(eq(contestJudges.roundId, roundId));
  const report = await Promise.all(
    judges.map(async (j) => {
      const diffs: number[] = [];
      for (const p of panel.values()) {
        const own = p.totals.find((t) => t.judgeUserId === j.userId);
        const others = p.totals.filter((t) => t.judgeUserId !== j.userId);
        if (!own || others.length === 0) continue;
        diffs.push(own.total - others.reduce((s, t) => s + t.total, 0) / others.length);
      }
      const mean = (xs: number[]) => (xs.length ? Math.round((100 * xs.reduce((s, x) => s + x, 0)) / xs.length) / 100 : null);
      return { userId: j.userId, name: (await displayNameOf(db, j.userId)) ?? '', scored: diffs.length, meanDeviation: mean(diffs), meanAbsDeviation: mean(diffs.map(Math.abs)) };
    }),
  );
  return { judges: report.sort((a, b) => (b.meanAbsDeviation ?? 0) - (a.meanAbsDeviation ?? 0)) };
}
