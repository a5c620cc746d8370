// The portal's editing side: articles with their translations, publishing and scheduling, the moderation queue.
// The public pages are server-rendered (/tin), not part of this app.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const ArticlesPage = lazy(() => import('./ArticlesPage').then((m) => ({ default: m.ArticlesPage })));
const ArticlePage = lazy(() => import('./ArticlePage').then((m) => ({ default: m.ArticlePage })));
const ModerationPage = lazy(() => import('./ModerationPage').then((m) => ({ default: m.ModerationPage })));

export const portalModule: WebModule = {
  name: 'portal',
  routes: [
    { path: '/portal', element: <ArticlesPage /> },
    { path: '/portal/moderation', element: <ModerationPage /> },
    { path: '/portal/:id', element: <ArticlePage /> },
  ],
  menu: [{ to: '/portal', key: 'portal', label: 'portal.nav', visible: ({ me }) => me.roles.some((r) => r.role === 'editor' || r.role === 'province_admin') }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
