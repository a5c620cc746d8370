// The public portal: the province's party-building news, written by editors, read by anyone (server-rendered pages
// under /tin), with readers' comments and a way on to the supervision channel.
import type { ChiboModule } from '../../platform/module.js';
import { seedPortalDemo } from './demo.js';
import { articlePolicy } from './policy.js';
import { portalRoutes } from './routes.js';

export const portalModule: ChiboModule = {
  name: 'portal',
  routes: portalRoutes,
  policies: { articlePolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
  demo: seedPortalDemo,
  constraints: {
    portal_articles_slug_key: { path: 'slug', code: 'portal_slug_taken', message: 'This address is already used' },
    portal_terms_slug_key: { path: 'slug', code: 'portal_slug_taken', message: 'This address is already used' },
    portal_articles_series_order_key: { path: 'seriesOrder', code: 'portal_series_order_taken', message: 'Another article holds this place in the series' },
  },
};
