// Member records: the list and a record load when first opened (issue 14: the first load carries only the shell).
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const PeoplePage = lazy(() => import('./PeoplePage').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./PersonPage').then((m) => ({ default: m.PersonPage })));

export const peopleModule: WebModule = {
  name: 'people',
  routes: [
    { path: '/people', element: <PeoplePage /> },
    { path: '/people/:id', element: <PersonPage /> },
  ],
  menu: [{ to: '/people', key: 'people', label: 'nav.people' }],
};
