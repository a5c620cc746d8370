// Village consultations: open and run them (codes, the meeting's tally, the decision), and the public answer page.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import { consultationsPublic } from './public';

const ConsultationsPage = lazy(() => import('./ConsultationsPage').then((m) => ({ default: m.ConsultationsPage })));
const ConsultationPage = lazy(() => import('./ConsultationPage').then((m) => ({ default: m.ConsultationPage })));
const ThresholdsPage = lazy(() => import('./ThresholdsPage').then((m) => ({ default: m.ThresholdsPage })));

export const consultationsModule: WebModule = {
  name: 'consultations',
  routes: [
    { path: '/consultations', element: <ConsultationsPage /> },
    { path: '/consultations/thresholds', element: <ThresholdsPage /> },
    { path: '/consultations/:id', element: <ConsultationPage /> },
  ],
  menu: [{ to: '/consultations', key: 'consultations', label: 'consultations.nav' }],
  // Its public answer page is in the public entry: public.ts.
  catalogs: consultationsPublic.catalogs,
};
