// The home page of each role and the search box: what needs me now (every module's `tasks`), what changed in my
// branch, my branch's key figures; search from anywhere.
import type { ChiboModule } from '../../platform/module.js';
import { homePolicy } from './policy.js';
import { homeRoutes } from './routes.js';

export const homeModule: ChiboModule = {
  name: 'home',
  routes: homeRoutes,
  policies: { homePolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
