// Village consultations: open and run them (codes, the meeting's tally, the decision), and the public answer page.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const ConsultationsPage = lazy(() => import('./ConsultationsPage').then((m) => ({ default: m.ConsultationsPage })));
const ConsultationPage = lazy(() => import('./ConsultationPage').then((m) => ({ default: m.ConsultationPage })));
const ThresholdsPage = lazy(() => import('./ThresholdsPage').then((m) => ({ default: m.ThresholdsPage })));
const PublicConsultationPage = lazy(() => import('./PublicConsultationPage').then((m) => ({ default: m.PublicConsultationPage })));

export const consultationsModule: WebModule = {
  name: 'consultations',
  routes: [
    { path: '/consultations', element: <ConsultationsPage /> },
    { path: '/consultations/thresholds', element: <ThresholdsPage /> },
    { path: '/consultations/:id', element: <ConsultationPage /> },
  ],
  publicRoutes: [{ path: '/tham-van/:id', element: <PublicConsultationPage /> }],
  menu: [{ to: '/consultations', key: 'consultations', label: 'consultations.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
