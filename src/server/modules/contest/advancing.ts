// Who goes on to the province round: the candidates of the contest's commune round (the last one before it) whom
// their commune's ranking sends on (`advancePerCommune`), in the reader's branch — what a commune registers for the
// province round. The commune ranking is final once that round is closed; before, the list says so and is empty.
import { and, asc, eq, lt } from 'drizzle-orm';
import { allowed, type Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { loadRound, presentRound, roundState } from './contests.js';
import { registrationPolicy } from './policy.js';
import { computeRanking } from './results.js';
import { contestCandidates, contestRounds } from './schema.js';

export async function advancingCandidates(db: Db, actor: Actor, roundId: string) {
  const { round, contest } = await loadRound(db, actor, roundId);
  const [from] =
    round.level === 'province'
      ? await db
          .select()
          .from(contestRounds)
          .where(and(eq(contestRounds.contestId, contest.id), eq(contestRounds.level, 'commune'), lt(contestRounds.opensAt, round.opensAt)))
          .orderBy(asc(contestRounds.opensAt))
      : [];
  if (!from) return { round: presentRound(round), from: null, items: [] };
  const closed = roundState(from) === 'closed';
  if (!closed) return { round: presentRound(round), from: presentRound(from), items: [] };
  const [ranking, earlier, already] = await Promise.all([
    computeRanking(db, from, contest.awards, false),
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
