// Who goes on to the province round: the candidates of the contest's commune round (the last one before it) whom
// their commune's ranking sends on (`advancePerCommune`), in the reader's branch — what a commune registers for the
// province round. The commune ranking is final once that round is closed; before, the list says so and is empty.
import { and, desc, eq, lte } from 'drizzle-orm';
import { allowed, type Actor } from '../../platform/access.js';
import type { Award } from '../../../domain/contest.js';
import type { Executor } from '../../platform/db/index.js';
import { conflict } from '../../platform/errors.js';
import { loadRound, presentRound, roundState, type RoundRow } from './contests.js';
import { registrationPolicy } from './policy.js';
import { computeRanking } from './results.js';
import { contestCandidates, contestRounds } from './schema.js';

const issue = (path: string, code: string, message: string) => ({ path, code, message });

/**
 * The commune round a province round takes its candidates from (the contest's last commune round opening no later than
 * it), whether it is closed, and, once closed, its ranking (each entry says whether it `advances`). A commune round,
 * or a province round with no commune round before it, has none: `from` is null.
 */
export async function communeWinners(db: Executor, round: RoundRow, contest: { id: string; awards: Award[] }) {
  const [from] =
    round.level === 'province'
      ? await db
          .select()
          .from(contestRounds)
          .where(and(eq(contestRounds.contestId, contest.id), eq(contestRounds.level, 'commune'), lte(contestRounds.opensAt, round.opensAt)))
          .orderBy(desc(contestRounds.opensAt))
          .limit(1)
      : [];
  if (!from) return { from: null, closed: false, ranking: [] };
  const closed = roundState(from) === 'closed';
  return { from, closed, ranking: closed ? await computeRanking(db, from, contest.awards, false) : [] };
}

/**
 * A province round registers only whom the commune round sends on: refused while that round is open
 * (`commune_round_open`) and for anyone its ranking does not advance (`not_advancing`). Nothing to check when the
 * round takes no commune round's winners.
 */
export async function assertAdvancing(db: Executor, round: RoundRow, contest: { id: string; awards: Award[] }, personId: string) {
  const { from, closed, ranking } = await communeWinners(db, round, contest);
  if (!from) return;
  if (!closed) throw conflict('The commune round is not closed yet', [issue('personId', 'commune_round_open', 'The commune round has not closed: its winners are not known yet')]);
  if (!ranking.some((e) => e.advances && e.personId === personId))
    throw conflict('Not sent on by the commune round', [issue('personId', 'not_advancing', 'Only the winners the commune round sends on can be registered in the province round')]);
}

export async function advancingCandidates(db: Executor, actor: Actor, roundId: string) {
  const { round, contest } = await loadRound(db, actor, roundId);
  const { from, closed, ranking: fromRanking } = await communeWinners(db, round, contest);
  if (!from) return { round: presentRound(round), from: null, items: [] };
  if (!closed) return { round: presentRound(round), from: presentRound(from), items: [] };
  const [ranking, earlier, already] = await Promise.all([
    fromRanking,
    db.select({ id: contestCandidates.id, cellPath: contestCandidates.cellPath }).from(contestCandidates).where(eq(contestCandidates.roundId, from.id)),
    db.select({ personId: contestCandidates.personId }).from(contestCandidates).where(eq(contestCandidates.roundId, round.id)),
  ]);
  const pathOf = new Map(earlier.map((c) => [c.id, c.cellPath]));
  const registered = new Set(already.map((c) => c.personId));
  return {
    round: presentRound(round),
    from: presentRound(from),
    items: ranking
      .filter((e) => e.advances && allowed(registrationPolicy, actor, 'candidate.register', { path: pathOf.get(e.id) ?? '' }))
      .map((e) => ({ personId: e.personId, name: e.name, cell: e.cell, commune: e.commune, rank: e.rank, total: e.total, registered: registered.has(e.personId) })),
  };
}
