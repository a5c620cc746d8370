// The inbox: notifications with unread counts in the shell's header, official messages to acknowledge, preferences.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

// The header's bell loads with the signed-in shell, not with the first load (issue 14).
const InboxBell = lazy(() => import('./InboxBell').then((m) => ({ default: m.InboxBell })));
const InboxPage = lazy(() => import('./InboxPage').then((m) => ({ default: m.InboxPage })));
const PreferencesPage = lazy(() => import('./PreferencesPage').then((m) => ({ default: m.PreferencesPage })));

export const inboxModule: WebModule = {
  name: 'inbox',
  routes: [
    { path: '/inbox', element: <InboxPage /> },
    { path: '/inbox/preferences', element: <PreferencesPage /> },
  ],
  header: [InboxBell],
  menu: [{ to: '/inbox', key: 'inbox', label: 'inbox.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
