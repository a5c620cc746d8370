// The party organization tree and its history.
import type { ChiboModule } from '../../platform/module.js';
import { unitPolicy } from './policy.js';
import { orgRoutes } from './routes.js';

export const orgModule: ChiboModule = {
  name: 'org',
  routes: orgRoutes,
  policies: { unitPolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
