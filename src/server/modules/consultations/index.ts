// The village consultations module: a question put to a village or a commune, answered online, with ballot codes
// and in the room; its result with a consensus level; the decision and its follow-up; a public page.
import type { ChiboModule } from '../../platform/module.js';
import { seedConsultationsDemo } from './demo.js';
import { consultationFigures } from './figures.js';
import { consultationPolicy, thresholdsPolicy } from './policy.js';
import { consultationRoutes } from './routes.js';

export const consultationsModule: ChiboModule = {
  name: 'consultations',
  routes: consultationRoutes,
  policies: { consultationPolicy, thresholdsPolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
  figures: consultationFigures,
  demo: seedConsultationsDemo,
  constraints: {
    consultations_same_question: { path: 'title', code: 'consultation_exists', message: 'This question is already put to this unit from that day' },
    consultation_answers_one_per_member: { path: 'optionId', code: 'already_answered', message: 'You have already answered this consultation' },
    consultation_options_label_key: { path: 'options', code: 'duplicate_option', message: 'Two options have the same text' },
    consultation_tally_log_version_key: { path: 'baseVersion', code: 'stale_tally', message: 'The tally was changed meanwhile; reload it and enter your change again' },
    consultations_dates: { path: 'closesOn', code: 'closes_before_opens', message: 'The closing date must be on or after the opening date' },
    consultations_counts: { path: 'count', code: 'too_many_codes', message: 'More codes than the households entered' },
  },
};
