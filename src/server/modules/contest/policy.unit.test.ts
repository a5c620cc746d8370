// The contest's policies written out as tables: role × action × where the record sits (test/policy-table.ts).
// Y = allowed, N = refused.
import { describe } from 'vitest';
import type { Role } from '../../../domain/enums.js';
import { A1, actorOf, checkTable, N, outside, P, refusedAll, Y, type Row } from '../../test/policy-table.js';
import { candidatePolicy, contestPolicy, judgePolicy, registrationPolicy, type CandidateAction, type ContestAction, type JudgeAction, type RegistrationAction } from './policy.js';

describe('contest: contestPolicy', () => {
  const province: Row<ContestAction>[] = [
    //                        admin officer inspector secretary member
    ['contest.read',            Y,    Y,      Y,        Y,        Y],
    ['contest.organize',        Y,    N,      N,        N,        N],
    ['contest.followResults',   Y,    N,      Y,        N,        N],
  ];
  checkTable("the province's contest", contestPolicy, province, () => ({ path: P }));
  checkTable('a contest of another province', contestPolicy, refusedAll(contestPolicy), () => ({ path: '/q/' }));
});

describe('contest: registrationPolicy', () => {
  const cellA1: Row<RegistrationAction>[] = [
    //                        admin officer inspector secretary member
    ['candidate.register',      Y,    Y,      N,        N,        N],
    ['candidate.read',          Y,    Y,      Y,        N,        N],
  ];
  checkTable('a secretary of cell A1', registrationPolicy, cellA1, () => ({ path: A1 }));
  checkTable('out of branch', registrationPolicy, refusedAll(registrationPolicy), (role: Role) => ({ path: outside[role] }));
});

describe('contest: candidatePolicy', () => {
  const own: Row<CandidateAction>[] = [
    //                        admin officer inspector secretary member
    ['candidate.takeTest',      N,    N,      N,        Y,        Y],
    ['candidate.readOwn',       N,    N,      N,        Y,        Y],
  ];
  checkTable('their own candidacy', candidatePolicy, own, (role: Role) => ({ path: A1, personId: actorOf(role).personId }));
  checkTable("someone else's candidacy", candidatePolicy, refusedAll(candidatePolicy), () => ({ path: A1, personId: 'someone-else' }));
});

describe('contest: judgePolicy', () => {
  const assignedOther: Row<JudgeAction>[] = [
    //                        admin officer inspector secretary member
    ['round.judge',             Y,    Y,      Y,        Y,        N],
    ['candidate.score',         Y,    Y,      Y,        Y,        N],
    ['attempt.appeal',          Y,    Y,      Y,        Y,        N],
  ];
  checkTable('on the panel, a candidate of another commune', judgePolicy, assignedOther, () => ({ path: P, judge: 'assigned', commune: 'other' }));
  const assignedOwn: Row<JudgeAction>[] = [
    ['round.judge',             Y,    Y,      Y,        Y,        N],
    ['candidate.score',         N,    N,      N,        N,        N],
    ['attempt.appeal',          N,    N,      N,        N,        N],
  ];
  checkTable('on the panel, a candidate of their own commune', judgePolicy, assignedOwn, () => ({ path: P, judge: 'assigned', commune: 'own' }));
  checkTable('not on the panel', judgePolicy, refusedAll(judgePolicy), () => ({ path: P, judge: 'not', commune: 'other' }));
  checkTable('a round of another province', judgePolicy, refusedAll(judgePolicy), () => ({ path: '/q/', judge: 'assigned', commune: 'other' }));
});
