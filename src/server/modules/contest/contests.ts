// The contest of a year, its rounds with their rules, the judges assigned to a round, and the candidates the
// communes register (the cell secretaries, read through people's offered reads). Every write is one transaction
// with its audit event.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import type { Award, RoundLevel, RoundRules } from '../../../domain/contest.js';
import { actionsOn, allowed, authorize, scopeFor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { unitIdsUnderOn } from '../org/branch.js';
import { findUnit, latestPaths } from '../org/tree.js';
import { personNames } from '../people/cell-members.js';
import { secretaryCellOf, secretaryTermsOn } from '../people/queries.js';
import { accountsByUsername, displayNameOf } from '../users/queries.js';
import { assertAdvancing } from './advancing.js';
import { contestPolicy, judgeCommune, judgePolicy, registerUnitsFor, registrationPolicy } from './policy.js';
import { contestCandidates, contestJudges, contestRounds, contests } from './schema.js';

type ContestRow = typeof contests.$inferSelect;
export type RoundRow = typeof contestRounds.$inferSelect;

const issue = (path: string, code: string, message: string) => ({ path, code, message });

/** The contest, readable by the actor (404 otherwise), with the organizer's path. */
export async function loadContest(db: Executor, actor: Actor, id: string) {
  const [c] = await db.select().from(contests).where(eq(contests.id, id));
  if (!c) throw notFound('Contest');
  const org = (await latestPaths(db, [c.organizerUnitId])).get(c.organizerUnitId)!;
  if (!allowed(contestPolicy, actor, 'contest.read', { path: org.path })) throw notFound('Contest');
  return { contest: c, orgPath: org.path, orgName: org.name };
}

/** A round with its contest; 404 when the contest is not the actor's to read. */
export async function loadRound(db: Executor, actor: Actor, id: string) {
  const [r] = await db.select().from(contestRounds).where(eq(contestRounds.id, id));
  if (!r) throw notFound('Round');
  const c = await loadContest(db, actor, r.contestId);
  return { round: r, ...c };
}

/** The organizer's own acts: 404 for whom the contest is not readable, 403 for a reader who does not organize. */
export function organize(actor: Actor, orgPath: string, what: string) {
  if (!allowed(contestPolicy, actor, 'contest.read', { path: orgPath })) throw notFound(what);
  if (!allowed(contestPolicy, actor, 'contest.organize', { path: orgPath })) throw forbidden('Only the organizers may do this');
}

/** Following results (rankings, deviations, the export): 404 for whom the contest is not readable, else 403. */
export function follow(actor: Actor, orgPath: string, what: string) {
  if (!allowed(contestPolicy, actor, 'contest.read', { path: orgPath })) throw notFound(what);
  if (!allowed(contestPolicy, actor, 'contest.followResults', { path: orgPath })) throw forbidden('Only the organizers follow the results');
}

export async function isJudge(db: Executor, actor: Actor, roundId: string): Promise<boolean> {
  if (!actor.userId) return false;
  const [j] = await db.select().from(contestJudges).where(and(eq(contestJudges.roundId, roundId), eq(contestJudges.userId, actor.userId)));
  return j !== undefined;
}

/** The judge target of a round: its organizer's path and whether the actor sits on its panel. */
export const judgeTarget = (orgPath: string, judge: boolean, communePath?: string, actor?: Actor) => ({
  path: orgPath,
  judge: judge ? 'assigned' : 'not',
  commune: communePath && actor ? judgeCommune(actor, communePath) : 'other',
});

export async function createContest(db: Db, actor: Actor, input: { year: number; title: string; awards: Award[]; organizerUnitId: string }) {
  const org = (await latestPaths(db, [input.organizerUnitId])).get(input.organizerUnitId);
  if (!org) throw notFound('Unit');
  organize(actor, org.path, 'Unit');
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: contests.id }).from(contests).where(eq(contests.year, input.year));
    if (taken) throw conflict('There is already a contest this year', [issue('year', 'contest_year_taken', 'There is already a contest this year')]);
    const [c] = await tx.insert(contests).values(input).returning();
    await recordAudit(tx, actor, { action: 'contest.create', entityType: 'contest', entityId: c!.id, unitPath: org.path, after: input });
    return c!;
  });
}

export async function addRound(db: Db, actor: Actor, contestId: string, input: { level: RoundLevel; title: string; opensAt: string; closesAt: string; rules: RoundRules }) {
  if (new Date(input.closesAt) <= new Date(input.opensAt)) throw invalid([issue('closesAt', 'closes_before_opens', 'The round must close after it opens')]);
  return db.transaction(async (tx) => {
    const { orgPath } = await loadContest(tx, actor, contestId);
    organize(actor, orgPath, 'Contest');
    const [r] = await tx.insert(contestRounds).values({ contestId, ...input, opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt) }).returning();
    await recordAudit(tx, actor, { action: 'contest.round.add', entityType: 'contest_round', entityId: r!.id, unitPath: orgPath, after: input });
    return r!;
  });
}

/** Sets the panel of a round (accounts by username), replacing the one before. */
export async function assignJudges(db: Db, actor: Actor, roundId: string, input: { usernames: string[] }) {
  return db.transaction(async (tx) => {
    const { orgPath } = await loadRound(tx, actor, roundId);
    organize(actor, orgPath, 'Round');
    const wanted = [...new Set(input.usernames)];
    const accounts = await accountsByUsername(tx, wanted);
    const missing = wanted.filter((u) => !accounts.some((a) => a.username === u));
    if (missing.length > 0) throw invalid(missing.map(() => issue('usernames', 'judge_unknown', 'No active account with this username')));
    await tx.delete(contestJudges).where(eq(contestJudges.roundId, roundId));
    if (accounts.length > 0) await tx.insert(contestJudges).values(accounts.map((a) => ({ roundId, userId: a.id })));
    await recordAudit(tx, actor, { action: 'contest.judges.assign', entityType: 'contest_round', entityId: roundId, unitPath: orgPath, after: { userIds: accounts.map((a) => a.id) } });
    return { judges: accounts.map((a) => ({ userId: a.id, name: a.displayName, username: a.username })) };
  });
}

export async function listContests(db: Executor, actor: Actor) {
  const rows = await db.select().from(contests).orderBy(desc(contests.year));
  const paths = await latestPaths(db, [...new Set(rows.map((r) => r.organizerUnitId))]);
  return rows
    .filter((c) => allowed(contestPolicy, actor, 'contest.read', { path: paths.get(c.organizerUnitId)!.path }))
    .map((c) => ({ id: c.id, year: c.year, title: c.title, published: c.publishedAt !== null }));
}

export function roundState(r: Pick<RoundRow, 'opensAt' | 'closesAt'>, now = new Date()): 'upcoming' | 'open' | 'closed' {
  if (now < r.opensAt) return 'upcoming';
  return now < r.closesAt ? 'open' : 'closed';
}

export const presentRound = (r: RoundRow) => ({
  id: r.id,
  level: r.level,
  title: r.title,
  opensAt: r.opensAt.toISOString(),
  closesAt: r.closesAt.toISOString(),
  state: roundState(r),
  rules: r.rules,
});

/** The contest with its rounds, what the actor may do, and the actor's own candidacies and panels. */
export async function getContest(db: Executor, actor: Actor, id: string) {
  const { contest, orgPath, orgName } = await loadContest(db, actor, id);
  const rounds = await db.select().from(contestRounds).where(eq(contestRounds.contestId, id)).orderBy(asc(contestRounds.opensAt));
  const roundIds = rounds.map((r) => r.id);
  const panels = roundIds.length && actor.userId ? await db.select().from(contestJudges).where(and(inArray(contestJudges.roundId, roundIds), eq(contestJudges.userId, actor.userId))) : [];
  const mine = roundIds.length && actor.personId ? await db.select().from(contestCandidates).where(and(inArray(contestCandidates.roundId, roundIds), eq(contestCandidates.personId, actor.personId))) : [];
  return {
    id: contest.id,
    year: contest.year,
    title: contest.title,
    organizer: orgName,
    awards: contest.awards,
    published: contest.publishedAt !== null,
    rounds: rounds.map((r) => ({
      ...presentRound(r),
      judging: panels.some((p) => p.roundId === r.id) && allowed(judgePolicy, actor, 'round.judge', judgeTarget(orgPath, true)),
      myCandidateId: mine.find((m) => m.roundId === r.id)?.id ?? null,
      // Written on publishing: what the reader's own certificate of merit is for.
      myAward: contest.publishedAt ? (mine.find((m) => m.roundId === r.id)?.award ?? null) : null,
    })),
    actions: actionsOn(contestPolicy, actor, { path: orgPath }).filter((a) => a !== 'contest.read'),
    registerUnits: registerUnitsFor(actor),
  };
}

/** The secretaries the actor may register under a unit (a commune): the secretaries' terms in force today. */
export async function eligibleSecretaries(db: Executor, actor: Actor, unitId: string) {
  const today = todayIso();
  const unit = await findUnit(db, unitId, today);
  if (!unit) throw notFound('Unit');
  authorize(registrationPolicy, actor, 'candidate.register', { path: unit.path }, 'Unit');
  const r = await db.execute<{ person_id: string; cell_id: string }>(sql`
    SELECT t.person_id, t.unit_id AS cell_id FROM ${secretaryTermsOn(sql`${today}::date`)} t
    WHERE t.unit_id IN ${unitIdsUnderOn(unit.path, today)}`);
  const names = await personNames(db, r.rows.map((x) => x.person_id));
  const cells = await latestPaths(db, r.rows.map((x) => x.cell_id));
  return r.rows
    .map((x) => ({ personId: x.person_id, name: names.get(x.person_id) ?? '', cellId: x.cell_id, cell: cells.get(x.cell_id)?.name ?? '' }))
    .sort((a, b) => a.cell.localeCompare(b.cell, 'vi'));
}

/** Registers a cell secretary in a round; the person must hold the secretary post today, and for a province round be
 * among the winners the closed commune round sends on. */
export async function registerCandidate(db: Db, actor: Actor, roundId: string, input: { personId: string }) {
  return db.transaction(async (tx) => {
    const { round, contest } = await loadRound(tx, actor, roundId);
    const today = todayIso();
    const cellId = await secretaryCellOf(tx, input.personId, today);
    if (!cellId) throw invalid([issue('personId', 'not_a_secretary', 'Only the secretary of a party cell can be registered')]);
    const cell = (await findUnit(tx, cellId, today))!;
    authorize(registrationPolicy, actor, 'candidate.register', { path: cell.path }, 'Person');
    if (roundState(round) === 'closed') throw conflict('The round is closed', [issue('roundId', 'round_not_open', 'The round is not open')]);
    // A province round takes only the commune round's winners (that round is closed, so its ranking is final).
    if (round.level === 'province') await assertAdvancing(tx, round, contest, input.personId);
    const [dup] = await tx.select({ id: contestCandidates.id }).from(contestCandidates).where(and(eq(contestCandidates.roundId, roundId), eq(contestCandidates.personId, input.personId)));
    if (dup) throw conflict('Already registered', [issue('personId', 'already_registered', 'This person is already registered in this round')]);
    const [c] = await tx.insert(contestCandidates).values({ roundId, personId: input.personId, cellId, cellPath: cell.path, communeId: cell.parentId! }).returning();
    await recordAudit(tx, actor, { action: 'contest.candidate.register', entityType: 'contest_candidate', entityId: c!.id, unitPath: cell.path, after: { roundId, cellId } });
    return { id: c!.id };
  });
}

/** A round's candidates the actor may see: staff in their branch; a judge of the round sees them all. */
export async function listCandidates(db: Executor, actor: Actor, roundId: string) {
  const { round, orgPath } = await loadRound(db, actor, roundId);
  const judge = allowed(judgePolicy, actor, 'round.judge', judgeTarget(orgPath, await isJudge(db, actor, roundId)));
  const scope = judge ? sql`true` : scopeFor(registrationPolicy, actor, 'candidate.read', { path: contestCandidates.cellPath });
  const rows = await db.select().from(contestCandidates).where(and(eq(contestCandidates.roundId, roundId), scope));
  const names = await personNames(db, rows.map((r) => r.personId));
  const units = await latestPaths(db, [...new Set(rows.flatMap((r) => [r.cellId, r.communeId]))]);
  return {
    round: presentRound(round),
    candidates: rows
      .map((r) => ({ id: r.id, personId: r.personId, name: names.get(r.personId) ?? '', cell: units.get(r.cellId)?.name ?? '', commune: units.get(r.communeId)?.name ?? '', communeId: r.communeId }))
      .sort((a, b) => a.commune.localeCompare(b.commune, 'vi') || a.cell.localeCompare(b.cell, 'vi')),
  };
}

/** Accounts shown in the judges' picker: the panel of a round, with names. */
export async function judgesOf(db: Executor, actor: Actor, roundId: string) {
  const { orgPath } = await loadRound(db, actor, roundId);
  organize(actor, orgPath, 'Round');
  const rows = await db.select().from(contestJudges).where(eq(contestJudges.roundId, roundId));
  return { judges: await Promise.all(rows.map(async (j) => ({ userId: j.userId, name: (await displayNameOf(db, j.userId)) ?? '' }))) };
}

export type { ContestRow };
