// Supervision and criticism: the public channel (no account) and case handling; reporting is open to every member.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const CasePage = lazy(() => import('./CasePage').then((m) => ({ default: m.CasePage })));
const CasesPage = lazy(() => import('./CasesPage').then((m) => ({ default: m.CasesPage })));
const FollowPage = lazy(() => import('./FollowPage').then((m) => ({ default: m.FollowPage })));
const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));

export const supervisionModule: WebModule = {
  name: 'supervision',
  routes: [
    { path: '/supervision', element: <CasesPage /> },
    { path: '/supervision/:id', element: <CasePage /> },
  ],
  publicRoutes: [
    { path: '/gop-y', element: <ReportPage /> },
    { path: '/gop-y/theo-doi', element: <FollowPage /> },
  ],
  menu: [{ to: '/supervision', key: 'supervision', label: 'supervision.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
