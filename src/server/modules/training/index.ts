// The training module: courses, enrolment with a waiting list, attendance, completion, certificates that anyone can
// verify, suggestions and the untrained, and the training figures of the dashboard.
import type { ChiboModule } from '../../platform/module.js';
import { seedTrainingDemo } from './demo.js';
import { trainingFigures } from './figures.js';
import { coursePolicy, traineePolicy } from './policy.js';
import { trainingRoutes } from './routes.js';
import { trainingSignals } from './signals.js';

export const trainingModule: ChiboModule = {
  name: 'training',
  routes: trainingRoutes,
  policies: { coursePolicy, traineePolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
  figures: trainingFigures,
  signals: trainingSignals,
  demo: seedTrainingDemo,
  constraints: {
    training_courses_capacity: { path: 'personIds', code: 'course_full', message: 'The course is full' },
    training_courses_waitlist: { path: 'personIds', code: 'course_full', message: 'The course and its waiting list are full' },
    training_courses_dates: { path: 'endsOn', code: 'end_before_start', message: 'The end date must be after the start date' },
    training_enrolments_once: { path: 'personIds', code: 'already_enrolled', message: 'Already enrolled in this course' },
  },
};
