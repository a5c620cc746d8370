// Training: courses with their sessions, trainees and waiting list, attendance, completion and certificates; who has
// not been trained; and the public page where anyone checks a certificate.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const TrainingPage = lazy(() => import('./TrainingPage').then((m) => ({ default: m.TrainingPage })));
const CoursePage = lazy(() => import('./CoursePage').then((m) => ({ default: m.CoursePage })));
const VerifyPage = lazy(() => import('./VerifyPage').then((m) => ({ default: m.VerifyPage })));

export const trainingModule: WebModule = {
  name: 'training',
  routes: [
    { path: '/training', element: <TrainingPage /> },
    { path: '/training/courses/:id', element: <CoursePage /> },
  ],
  publicRoutes: [
    { path: '/xac-minh', element: <VerifyPage /> },
    { path: '/xac-minh/:code', element: <VerifyPage /> },
  ],
  menu: [{ to: '/training', key: 'training', label: 'training.nav', visible: ({ me }) => me.roles.length > 0 }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
