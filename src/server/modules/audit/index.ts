// The audit trail: who changed what and when, readable by the province's admins.
import type { ChiboModule } from '../../platform/module.js';
import { auditPolicy } from './policy.js';
import { auditRoutes } from './routes.js';

export const auditModule: ChiboModule = {
  name: 'audit',
  routes: auditRoutes,
  policies: { auditPolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
