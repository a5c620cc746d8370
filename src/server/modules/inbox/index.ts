// The inbox: each account's notifications (platform/notifications), read, acknowledged, and chosen per topic.
import type { ChiboModule } from '../../platform/module.js';
import { startMailWorker } from './mail.js';
import { startReminderSweep } from './reminders.js';
import { inboxRoutes } from './routes.js';

export const inboxModule: ChiboModule = {
  name: 'inbox',
  routes: async (app, deps) => {
    await inboxRoutes(app, deps);
    startMailWorker(app, deps.database.db, deps.config.mail);
    startReminderSweep(app, deps.database.db, deps.reminderSweeps);
  },
  // No policy: an inbox is its account's own — every statement names the signed-in account, so there is no
  // record of anyone else to allow or deny.
  policies: {},
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
