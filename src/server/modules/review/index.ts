// The yearly review module: its route files, registered together.
import type { ChiboModule } from '../../platform/module.js';
import { reviewTasks } from './tasks.js';
import { reviewExportRoutes } from './export.routes.js';
import { reviewPolicy } from './policy.js';
import { reviewRoutes } from './routes.js';
import { reviewSignals } from './signals.js';

export const reviewModule: ChiboModule = {
  name: 'review',
  routes: async (app, deps) => {
    await reviewRoutes(app, deps);
    await reviewExportRoutes(app, deps);
  },
  policies: { reviewPolicy },
  tasks: [reviewTasks],
  signals: reviewSignals,
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
