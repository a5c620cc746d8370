// Training: courses with their sessions, trainees and waiting list, attendance, completion and certificates; who has
// not been trained; and the public page where anyone checks a certificate.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import { trainingPublic } from './public';

const TrainingPage = lazy(() => import('./TrainingPage').then((m) => ({ default: m.TrainingPage })));
const CoursePage = lazy(() => import('./CoursePage').then((m) => ({ default: m.CoursePage })));

export const trainingModule: WebModule = {
  name: 'training',
  routes: [
    { path: '/training', element: <TrainingPage /> },
    { path: '/training/courses/:id', element: <CoursePage /> },
  ],
  menu: [{ to: '/training', key: 'training', label: 'training.nav', visible: ({ me }) => me.roles.length > 0 }],
  // Its public certificate check is in the public entry: public.ts.
  catalogs: trainingPublic.catalogs,
};
