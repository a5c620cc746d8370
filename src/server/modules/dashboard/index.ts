// The registry dashboard: the figures of any node and date, and those other modules add (platform/figures.ts).
import type { ChiboModule } from '../../platform/module.js';
import { dashboardPrintRoutes } from './print.js';
import { dashboardRoutes } from './routes.js';
import { registrySignals } from './signals.js';

export const dashboardModule: ChiboModule = {
  name: 'dashboard',
  routes: async (scope, deps) => {
    await dashboardRoutes(scope, deps);
    await dashboardPrintRoutes(scope, deps);
  },
  // Reading a dashboard is reading the unit: org's unitPolicy decides.
  policies: {},
  // The registry's health signals (people/signals.ts), read from the figures' per-cell segments.
  signals: registrySignals,
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
