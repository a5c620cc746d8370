// Accounts, grants and sessions: signing in and out, and the accounts of a branch.
import { userLabels } from './audit-labels.js';
import type { ChiboModule } from '../../platform/module.js';
import { authRoutes } from './auth.routes.js';
import { userConstraints } from './constraints.js';
import { grantPolicy, userPolicy } from './policy.js';
import { userRoutes } from './routes.js';
import { twoFactorRoutes } from './twofactor.routes.js';

export const usersModule: ChiboModule = {
  name: 'users',
  routes: async (app, deps) => {
    await authRoutes(app, deps);
    await userRoutes(app, deps);
    await twoFactorRoutes(app, deps);
  },
  policies: { userPolicy, grantPolicy },
  auditLabels: { user: userLabels },
  constraints: userConstraints,
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
