// The excellent-secretary contest ("Bí thư chi bộ giỏi"): rounds with rules as data, the question bank, the online
// knowledge test, the judges' scores, rankings, awards, published results and certificates.
import type { ChiboModule } from '../../platform/module.js';
import { seedContestDemo } from './demo.js';
import { contestFigures } from './figures.js';
import { candidatePolicy, contestPolicy, judgePolicy, registrationPolicy } from './policy.js';
import { contestRoutes } from './routes.js';

export const contestModule: ChiboModule = {
  name: 'contest',
  routes: contestRoutes,
  policies: { contestPolicy, registrationPolicy, candidatePolicy, judgePolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
  figures: contestFigures,
  demo: seedContestDemo,
  constraints: {
    contests_year_key: { path: 'year', code: 'contest_year_taken', message: 'There is already a contest this year' },
    contest_candidates_person_key: { path: 'personId', code: 'already_registered', message: 'This person is already registered in this round' },
    contest_attempts_candidate_key: { path: 'candidateId', code: 'attempt_taken', message: 'The test has already been started: one attempt only' },
    contest_scores_candidate_id_judge_user_id_pk: { path: 'candidateId', code: 'already_scored', message: 'You have already scored this candidate' },
    contest_rounds_period: { path: 'closesAt', code: 'closes_before_opens', message: 'The round must close after it opens' },
  },
};
