// The roster import.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const ImportPage = lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage })));

export const importsModule: WebModule = {
  name: 'imports',
  routes: [{ path: '/import', element: <ImportPage /> }],
  // Imports are the officers' work (policy roster.import); the page itself is open, the server refuses others.
  // The row problems' sentences are one catalog shared with the server's errors.xlsx and CLI (domain/roster-problems.ts).
  // Loaded with the signed-in app's catalogs, not in the first load (≈ 4 KB gzipped that no public page needs).
  catalogs: {
    vi: () => import('../../../domain/roster-problems').then((m) => ({ default: { imports: { problems: m.rosterProblemTexts.vi } } })),
    en: () => import('../../../domain/roster-problems').then((m) => ({ default: { imports: { problems: m.rosterProblemTexts.en } } })),
  },
  menu: [
    {
      to: '/import',
      key: 'import',
      label: 'nav.import',
      visible: ({ me }) => me.roles.some((r) => r.role === 'province_admin' || r.role === 'commune_officer'),
    },
  ],
};
