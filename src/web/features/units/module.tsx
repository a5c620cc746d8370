// The organization tree: its pages load when first opened (issue 14: the first load carries only the shell).
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const UnitPage = lazy(() => import('./UnitPage').then((m) => ({ default: m.UnitPage })));
const UnitsRootPage = lazy(() => import('./UnitsRootPage').then((m) => ({ default: m.UnitsRootPage })));
const UnitHistoryPage = lazy(() => import('./UnitHistoryPage').then((m) => ({ default: m.UnitHistoryPage })));

export const unitsModule: WebModule = {
  name: 'units',
  routes: [
    { path: '/units', element: <UnitsRootPage /> },
    { path: '/units/:id', element: <UnitPage /> },
    { path: '/units/:id/history', element: <UnitHistoryPage /> },
  ],
  menu: [{ to: '/units', key: 'units', label: 'nav.units' }],
};
