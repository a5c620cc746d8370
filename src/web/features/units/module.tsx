// The organization tree: the first screen, loaded with the shell.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import { UnitPage } from './UnitPage';
import { UnitsRootPage } from './UnitsRootPage';

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
