// The supervision module: the public channel and case handling, and the sweep that escalates overdue cases.
import { caseLabels } from './audit-labels.js';
import { caseReminders } from './reminders.js';
import type { ChiboModule } from '../../platform/module.js';
import { supervisionTasks } from './tasks.js';
import { startEscalationSweep } from './escalation.js';
import { casePolicy, oversightPolicy } from './policy.js';
import { supervisionPublicRoutes } from './public.routes.js';
import { supervisionRoutes } from './routes.js';
import { supervisionSignals } from './signals.js';
import { seedSupervisionDemo } from './demo.js';

export const supervisionModule: ChiboModule = {
  name: 'supervision',
  routes: async (app, deps) => {
    await supervisionPublicRoutes(app, deps);
    await supervisionRoutes(app, deps);
    startEscalationSweep(app, deps.database.db);
  },
  policies: { casePolicy, oversightPolicy },
  auditLabels: { supervision_case: caseLabels },
  signals: supervisionSignals,
  tasks: [supervisionTasks],
  demo: seedSupervisionDemo,
  reminders: [caseReminders],
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
