// The yearly review module: its route files, registered together.
import { reviewAuditLabels } from './audit-labels.js';
import { seedReviewDemo } from './demo.js';
import { reviewReminders } from './reminders.js';
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
  auditLabels: reviewAuditLabels,
  tasks: [reviewTasks],
  signals: reviewSignals,
  reminders: [reviewReminders],
  demo: seedReviewDemo,
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
