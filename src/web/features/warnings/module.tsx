// Early warning: the signals of every module read as one list per branch and date, the communes ranked, what
// changed since last week, the work on a warning, and the province's settings of the signals.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const WarningsPage = lazy(() => import('./WarningsPage').then((m) => ({ default: m.WarningsPage })));

const overseers = ['province_admin', 'commune_officer', 'inspection_officer'];

export const warningsModule: WebModule = {
  name: 'warnings',
  routes: [{ path: '/warnings', element: <WarningsPage /> }],
  menu: [{ to: '/warnings', key: 'warnings', label: 'warnings.nav', visible: ({ me }) => me.roles.some((r) => overseers.includes(r.role)) }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
