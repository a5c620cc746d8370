// Supervision and criticism: the public channel (no account) and case handling; reporting is open to every member.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import { supervisionPublic } from './public';

const CasePage = lazy(() => import('./CasePage').then((m) => ({ default: m.CasePage })));
const CasesPage = lazy(() => import('./CasesPage').then((m) => ({ default: m.CasesPage })));

export const supervisionModule: WebModule = {
  name: 'supervision',
  routes: [
    { path: '/supervision', element: <CasesPage /> },
    { path: '/supervision/:id', element: <CasePage /> },
  ],
  menu: [{ to: '/supervision', key: 'supervision', label: 'supervision.nav' }],
  // Its public pages (the report form, the follow page) are in the public entry: public.ts.
  catalogs: supervisionPublic.catalogs,
};
