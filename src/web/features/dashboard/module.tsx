// The dashboard: loaded when first opened (the charts come with it).
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));

export const dashboardModule: WebModule = {
  name: 'dashboard',
  routes: [
    { path: '/dashboard', element: <DashboardPage /> },
    { path: '/dashboard/:unitId', element: <DashboardPage /> },
  ],
  menu: [{ to: '/dashboard', key: 'dashboard', label: 'nav.dashboard' }],
};
