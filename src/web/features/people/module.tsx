// Member records: the list loads with the shell (a commune officer's first work), a record when opened.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import { PeoplePage } from './PeoplePage';

const PersonPage = lazy(() => import('./PersonPage').then((m) => ({ default: m.PersonPage })));

export const peopleModule: WebModule = {
  name: 'people',
  routes: [
    { path: '/people', element: <PeoplePage /> },
    { path: '/people/:id', element: <PersonPage /> },
  ],
  menu: [{ to: '/people', key: 'people', label: 'nav.people' }],
};
