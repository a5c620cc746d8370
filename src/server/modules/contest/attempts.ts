// The online knowledge test: one attempt per candidate, its questions drawn by a seeded PRNG from the bank as it
// stood at the start (the seed and the quotas are kept: the draw replays on appeal), a deadline the server keeps
// (the test's minutes, never past the round's close), every answer saved on its own the moment it is given (PUT per
// question, idempotent), automatic scoring, and the candidate's review once the round is closed.
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { BankTooSmall, drawQuestions, isCorrect } from '../../../domain/contest.js';
import { allowed, authorize, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { latestPaths } from '../org/tree.js';
import { isJudge, judgeTarget, loadRound, roundState } from './contests.js';
import { candidatePolicy, contestPolicy, judgePolicy } from './policy.js';
import { lockBankShared } from './questions.js';
import { contestAnswers, contestAttempts, contestCandidates, contestQuestions } from './schema.js';

const issue = (path: string, code: string, message: string) => ({ path, code, message });

type CandidateRow = typeof contestCandidates.$inferSelect;
type AttemptRow = typeof contestAttempts.$inferSelect;

/** A candidate the actor is (self) or follows as organizer; 404 otherwise. */
async function loadCandidate(db: Executor, actor: Actor, id: string) {
  const [c] = await db.select().from(contestCandidates).where(eq(contestCandidates.id, id));
  if (!c) throw notFound('Candidate');
  const ctx = await loadRound(db, actor, c.roundId);
  const own = allowed(candidatePolicy, actor, 'candidate.readOwn', { path: c.cellPath, personId: c.personId });
  const organizer = allowed(contestPolicy, actor, 'contest.followResults', { path: ctx.orgPath });
  if (!own && !organizer) throw notFound('Candidate');
  return { candidate: c, ...ctx, own, organizer };
}

async function loadAttempt(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(contestAttempts).where(eq(contestAttempts.id, id));
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  if (!a) throw notFound('Attempt');
  return { attempt: a, ...(await loadCandidate(db, actor, a.candidateId)) };
}

/** Starts the test: draws the questions with a fresh seed. A second start (or twenty at once) is refused. */
export async function startAttempt(db: Db, actor: Actor, candidateId: string) {
  return db.transaction(async (tx) => {
    const { candidate, round } = await loadCandidate(tx, actor, candidateId);
    authorize(candidatePolicy, actor, 'candidate.takeTest', { path: candidate.cellPath, personId: candidate.personId }, 'Candidate');
    if (roundState(round) !== 'open') throw conflict('The round is not open', [issue('candidateId', 'round_not_open', 'The round is not open')]);
    if (round.rules.quotas.length === 0) throw conflict('This round has no test', [issue('candidateId', 'round_not_open', 'The round has no test')]);
    const [taken] = await tx.select({ id: contestAttempts.id }).from(contestAttempts).where(eq(contestAttempts.candidateId, candidateId));
    if (taken) throw attemptTaken();
    await lockBankShared(tx);
    const [{ now }] = (await tx.execute<{ now: Date }>(sql`SELECT now() AS now`)).rows as [{ now: Date }];
    const seed = randomInt(0, 2 ** 31 - 1);
    const bank = await tx.select({ id: contestQuestions.id, category: contestQuestions.category, difficulty: contestQuestions.difficulty }).from(contestQuestions).where(lte(contestQuestions.createdAt, new Date(now)));
    let questionIds: string[];
    try {
      questionIds = drawQuestions(bank, round.rules.quotas, seed);
    } catch (e) {
      if (e instanceof BankTooSmall) throw conflict(e.message, [issue('candidateId', 'bank_too_small', 'The question bank has too few questions for this draw')]);
      throw e;
    }
    const deadline = new Date(Math.min(new Date(now).getTime() + round.rules.testMinutes * 60_000, round.closesAt.getTime()));
    const [a] = await tx.insert(contestAttempts).values({ candidateId, seed, questionIds, quotas: round.rules.quotas, startedAt: new Date(now), deadline }).onConflictDoNothing().returning();
    if (!a) throw attemptTaken();
    await recordAudit(tx, actor, { action: 'contest.test.start', entityType: 'contest_attempt', entityId: a.id, unitPath: candidate.cellPath, after: { seed, questionIds, deadline } });
    return presentAttempt(tx, a, []);
  });
}

const attemptTaken = () => conflict('The test has already been started: one attempt only', [issue('candidateId', 'attempt_taken', 'The test has already been started: one attempt only')]);

async function presentAttempt(db: Executor, a: AttemptRow, answers: { questionId: string; chosen: number[] }[]) {
  const qs = await db.select().from(contestQuestions).where(inArray(contestQuestions.id, a.questionIds));
  const byId = new Map(qs.map((q) => [q.id, q]));
  const [{ now }] = (await db.execute<{ now: Date }>(sql`SELECT now() AS now`)).rows as [{ now: Date }];
  return {
    id: a.id,
    candidateId: a.candidateId,
    startedAt: a.startedAt.toISOString(),
    deadline: a.deadline.toISOString(),
    serverNow: new Date(now).toISOString(),
    finished: a.finishedAt !== null || new Date(now) > a.deadline,
    score: a.score,
    questions: a.questionIds.map((id, i) => {
      const q = byId.get(id)!;
      return { id, no: i + 1, category: q.category, text: q.text, options: q.options, multiple: q.correct.length > 1 };
    }),
    answers: answers.map((x) => ({ questionId: x.questionId, chosen: x.chosen })),
  };
}

/** The candidate's attempt as it stands: its questions (never their answers) and what was answered so far. */
export async function getAttempt(db: Executor, actor: Actor, candidateId: string) {
  const { candidate } = await loadCandidate(db, actor, candidateId);
  const [a] = await db.select().from(contestAttempts).where(eq(contestAttempts.candidateId, candidate.id));
  if (!a) throw notFound('Attempt');
  const answers = await db.select().from(contestAnswers).where(eq(contestAnswers.attemptId, a.id));
  return presentAttempt(db, a, answers);
}

/**
 * Saves one answer (or replaces it) while the time lasts: sent twice, it is saved once; after the deadline or the
 * finish it is refused and nothing changes.
 */
export async function answerQuestion(db: Db, actor: Actor, attemptId: string, questionId: string, input: { chosen: number[] }) {
  return db.transaction(async (tx) => {
    const { attempt, candidate } = await loadAttempt(tx, actor, attemptId, { forUpdate: true });
    authorize(candidatePolicy, actor, 'candidate.takeTest', { path: candidate.cellPath, personId: candidate.personId }, 'Attempt');
    if (!attempt.questionIds.includes(questionId)) throw invalid([issue('questionId', 'question_not_in_test', 'This question is not part of your test')]);
    const [q] = await tx.select().from(contestQuestions).where(eq(contestQuestions.id, questionId));
    const chosen = [...new Set(input.chosen)].sort();
    if (chosen.some((c) => c >= q!.options.length)) throw invalid([issue('chosen', 'option_out_of_range', 'This option does not exist')]);
    const [{ over }] = (await tx.execute<{ over: boolean }>(sql`SELECT now() > ${attempt.deadline} AS over`)).rows as [{ over: boolean }];
    if (over || attempt.finishedAt) throw conflict('The time for the test is over: the answer was not saved', [issue('chosen', 'attempt_time_over', 'The time for the test is over: the answer was not saved')]);
    const [before] = await tx.select().from(contestAnswers).where(and(eq(contestAnswers.attemptId, attemptId), eq(contestAnswers.questionId, questionId)));
    if (before && before.chosen.join() === chosen.join()) return { questionId, chosen, saved: true };
    await tx
      .insert(contestAnswers)
      .values({ attemptId, questionId, chosen })
      .onConflictDoUpdate({ target: [contestAnswers.attemptId, contestAnswers.questionId], set: { chosen, answeredAt: sql`now()` } });
    await recordAudit(tx, actor, { action: 'contest.test.answer', entityType: 'contest_attempt', entityId: attemptId, unitPath: candidate.cellPath, before: before ? { questionId, chosen: before.chosen } : undefined, after: { questionId, chosen } });
    return { questionId, chosen, saved: true };
  });
}

async function scoreOf(db: Executor, a: AttemptRow): Promise<number> {
  const qs = await db.select({ id: contestQuestions.id, correct: contestQuestions.correct }).from(contestQuestions).where(inArray(contestQuestions.id, a.questionIds));
  const answers = await db.select().from(contestAnswers).where(eq(contestAnswers.attemptId, a.id));
  const given = new Map(answers.map((x) => [x.questionId, x.chosen]));
  const right = qs.filter((q) => isCorrect(q.correct, given.get(q.id) ?? [])).length;
  return Math.round((10000 * right) / a.questionIds.length) / 100;
}

/** Ends the test before its time: scored at once. Finishing again changes nothing. */
export async function finishAttempt(db: Db, actor: Actor, attemptId: string) {
  return db.transaction(async (tx) => {
    const { attempt, candidate } = await loadAttempt(tx, actor, attemptId, { forUpdate: true });
    authorize(candidatePolicy, actor, 'candidate.takeTest', { path: candidate.cellPath, personId: candidate.personId }, 'Attempt');
    if (attempt.finishedAt) return { score: attempt.score };
    const score = await scoreOf(tx, attempt);
    await tx.update(contestAttempts).set({ finishedAt: sql`least(now(), ${attempt.deadline})`, score }).where(eq(contestAttempts.id, attemptId));
    await recordAudit(tx, actor, { action: 'contest.test.finish', entityType: 'contest_attempt', entityId: attemptId, unitPath: candidate.cellPath, after: { score } });
    return { score };
  });
}

/** Scores the attempts of a round whose time ran out unfinished (their finish is their deadline). */
export async function scoreExpiredAttempts(db: Executor, candidateIds: string[]) {
  if (candidateIds.length === 0) return;
  await db.transaction(async (tx) => {
    const expired = await tx
      .select()
      .from(contestAttempts)
      .where(and(inArray(contestAttempts.candidateId, candidateIds), isNull(contestAttempts.finishedAt), sql`${contestAttempts.deadline} < now()`))
      .for('update', { skipLocked: true });
    for (const a of expired) {
      const score = await scoreOf(tx, a);
      await tx.update(contestAttempts).set({ finishedAt: a.deadline, score }).where(eq(contestAttempts.id, a.id));
    }
  });
}

/**
 * An attempt for its review or appeal: the candidate's own, the organizers', or a judge's of the attempt's round
 * when the candidate is of another commune (judgePolicy 'attempt.appeal'); anyone else gets 404.
 */
async function loadForAppeal(db: Executor, actor: Actor, attemptId: string) {
  const [a] = await db.select().from(contestAttempts).where(eq(contestAttempts.id, attemptId));
  if (!a) throw notFound('Attempt');
  const [c] = await db.select().from(contestCandidates).where(eq(contestCandidates.id, a.candidateId));
  if (!c) throw notFound('Attempt');
  const ctx = await loadRound(db, actor, c.roundId);
  const own = allowed(candidatePolicy, actor, 'candidate.readOwn', { path: c.cellPath, personId: c.personId });
  const organizer = allowed(contestPolicy, actor, 'contest.followResults', { path: ctx.orgPath });
  let judge = false;
  if (!own && !organizer && (await isJudge(db, actor, c.roundId))) {
    const commune = (await latestPaths(db, [c.communeId])).get(c.communeId);
    judge = allowed(judgePolicy, actor, 'attempt.appeal', judgeTarget(ctx.orgPath, true, commune?.path, actor));
  }
  if (!own && !organizer && !judge) throw notFound('Attempt');
  return { attempt: a, candidate: c, ...ctx, own, organizer, judge };
}

/** After the round closes: every question with the right options and the candidate's own (and a judge's of the
 * attempt, for an appeal); organizers at any time. */
export async function reviewAttempt(db: Db, actor: Actor, attemptId: string) {
  const { attempt, round, organizer } = await loadForAppeal(db, actor, attemptId);
  if (!organizer && roundState(round) !== 'closed') throw conflict('The review opens when the round closes', [issue('attemptId', 'round_not_closed', 'The review opens when the round closes')]);
  await scoreExpiredAttempts(db, [attempt.candidateId]);
  const [a] = await db.select().from(contestAttempts).where(eq(contestAttempts.id, attemptId));
  const qs = await db.select().from(contestQuestions).where(inArray(contestQuestions.id, a!.questionIds));
  const answers = await db.select().from(contestAnswers).where(eq(contestAnswers.attemptId, attemptId));
  const byId = new Map(qs.map((q) => [q.id, q]));
  const given = new Map(answers.map((x) => [x.questionId, x]));
  return {
    id: a!.id,
    score: a!.score,
    startedAt: a!.startedAt.toISOString(),
    deadline: a!.deadline.toISOString(),
    finishedAt: a!.finishedAt?.toISOString() ?? null,
    questions: a!.questionIds.map((id, i) => {
      const q = byId.get(id)!;
      const g = given.get(id);
      return { id, no: i + 1, category: q.category, difficulty: q.difficulty, text: q.text, options: q.options, correct: q.correct, chosen: g?.chosen ?? [], answeredAt: g?.answeredAt.toISOString() ?? null, right: isCorrect(q.correct, g?.chosen ?? []) };
    }),
  };
}

/** For an appeal: the stored seed and quotas replayed over the bank as it stood at the start give the same questions.
 * The organizers at any time; a judge of the attempt once its round has closed; not the candidate (404). */
export async function replayDraw(db: Executor, actor: Actor, attemptId: string) {
  const { attempt, round, organizer, judge } = await loadForAppeal(db, actor, attemptId);
  if (!organizer && !judge) throw notFound('Attempt');
  if (!organizer && roundState(round) !== 'closed') throw conflict('The review opens when the round closes', [issue('attemptId', 'round_not_closed', 'The review opens when the round closes')]);
  const bank = await db.select({ id: contestQuestions.id, category: contestQuestions.category, difficulty: contestQuestions.difficulty }).from(contestQuestions).where(lte(contestQuestions.createdAt, attempt.startedAt));
  const replayed = drawQuestions(bank, attempt.quotas, attempt.seed);
  return { seed: attempt.seed, quotas: attempt.quotas, drawn: attempt.questionIds, replayed, same: replayed.join() === attempt.questionIds.join() };
}

export type { CandidateRow };
