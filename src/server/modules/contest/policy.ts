// Who may do what in the contest. Every allow/deny of the module is here, as data:
// - the contest and its rounds are read by everyone under the organizer (`line`: a cell reads the province's contest);
// - the province board organizes (rounds, judges, the bank, publishing); communes register their own secretaries;
// - a candidate takes their own test (`self`), and reads their own review;
// - a judge is any account the organizer assigned to the round (`judge: 'assigned'`, resolved by the service from
//   contest_judges), and scores only candidates of another commune (`commune: 'other'`) — the round's candidates are
//   the judge's to see, wherever the judge's own grant lies (the organizer's delegation, hence `line`); the judge
//   opens the appeal page of an attempt they judge (same panel, another commune), once its round has closed.
import { grantsFor, isUnder, type Actor, type Policy, type Rule } from '../../platform/access.js';
import type { Role } from '../../../domain/enums.js';

export type ContestAction = 'contest.read' | 'contest.organize' | 'contest.followResults';
export type RegistrationAction = 'candidate.register' | 'candidate.read';
export type CandidateAction = 'candidate.takeTest' | 'candidate.readOwn';
export type JudgeAction = 'round.judge' | 'candidate.score' | 'attempt.appeal';

const everyone: Role[] = ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member'];
const staff: Role[] = ['province_admin', 'commune_officer', 'inspection_officer'];

/** Target: the organizer's unit (the province). */
export const contestPolicy: Policy<ContestAction> = {
  'contest.read': everyone.map((role) => ({ role, reach: 'line' })),
  'contest.organize': [{ role: 'province_admin' }],
  // Deviations of judges, rankings before publishing, the Excel export.
  'contest.followResults': [{ role: 'province_admin' }, { role: 'inspection_officer' }],
};

/** Target: a candidate's cell (its path at registration) or, to register, the cell of the secretary registered. */
export const registrationPolicy: Policy<RegistrationAction> = {
  'candidate.register': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  'candidate.read': staff.map((role) => ({ role })),
};

/** Target: a candidate (path of the cell, personId of the candidate). */
export const candidatePolicy: Policy<CandidateAction> = {
  'candidate.takeTest': [
    { role: 'cell_secretary', self: true },
    { role: 'member', self: true },
  ],
  'candidate.readOwn': [
    { role: 'cell_secretary', self: true },
    { role: 'member', self: true },
  ],
};

const judged = (where: Record<string, string>): Rule[] => everyone.filter((r) => r !== 'member').map((role) => ({ role, reach: 'line', where }));

/**
 * Target: the round's organizer path, `judge` ('assigned' when the actor is on the round's panel, else 'not') and,
 * to score, `commune` ('own' when the candidate's commune is one the judge belongs to, else 'other').
 */
export const judgePolicy: Policy<JudgeAction> = {
  'round.judge': judged({ judge: 'assigned' }),
  'candidate.score': judged({ judge: 'assigned', commune: 'other' }),
  // The appeal page (the test as the candidate saw it, the draw replayed) for an attempt the judge judges: on the
  // attempt's round's panel, a candidate of another commune — whom the judge may score.
  'attempt.appeal': judged({ judge: 'assigned', commune: 'other' }),
};

/** Whether the candidate's commune (its path) is one the judge belongs to: a grant of theirs in it or on it. */
export const judgeCommune = (actor: Actor, communePath: string): 'own' | 'other' => (actor.grants.some((g) => isUnder(g.unitPath, communePath)) ? 'own' : 'other');

/** The units whose secretaries the actor may register (not a cell: communes register their secretaries). */
export const registerUnitsFor = (actor: Actor) =>
  grantsFor(registrationPolicy, actor, 'candidate.register')
    .filter((g) => g.unitKind !== 'cell')
    .map((g) => ({ id: g.unitId, name: g.unitName }));
