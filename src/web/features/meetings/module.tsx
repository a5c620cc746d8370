// Cell meetings: a cell's calendar, one meeting on a phone (offline too), the cells that missed a meeting.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import { installApp } from './install';

const MeetingsPage = lazy(() => import('./MeetingsPage').then((m) => ({ default: m.MeetingsPage })));
const MeetingPage = lazy(() => import('./MeetingPage').then((m) => ({ default: m.MeetingPage })));

installApp();

export const meetingsModule: WebModule = {
  name: 'meetings',
  routes: [
    { path: '/meetings', element: <MeetingsPage /> },
    { path: '/meetings/:id', element: <MeetingPage /> },
  ],
  menu: [{ to: '/meetings', key: 'meetings', label: 'meetings.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
