// The home page of each role (the landing page after sign-in) and the search box in the shell's header.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

// The header's search box loads with the signed-in shell, not with the first load (issue 14).
const SearchBox = lazy(() => import('./SearchBox').then((m) => ({ default: m.SearchBox })));
const HomePage = lazy(() => import('./HomePage').then((m) => ({ default: m.HomePage })));

export const homeModule: WebModule = {
  name: 'home',
  routes: [{ path: '/', element: <HomePage /> }],
  header: [SearchBox],
  menu: [{ to: '/', key: 'home', label: 'home.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
