// The health check: one public route that proves the server and its database answer.
import type { ChiboModule } from '../../platform/module.js';
import { healthRoutes } from './routes.js';

export const healthModule: ChiboModule = {
  name: 'health',
  routes: healthRoutes,
  policies: {},
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
