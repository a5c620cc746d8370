// Member records (persons, memberships, positions, posts, equipment) and the roster import and export.
import { personLabels } from './audit-labels.js';
import type { ChiboModule } from '../../platform/module.js';
import { peopleConstraints } from './constraints.js';
import { congressRoutes } from './congress.routes.js';
import { congressSignals } from './congress-signals.js';
import { seedCongressDemo } from './demo.js';
import { congressPolicy, personPolicy } from './policy.js';
import { rosterRoutes } from './roster/routes.js';
import { peopleRoutes } from './routes.js';

export const peopleModule: ChiboModule = {
  name: 'people',
  routes: async (app, deps) => {
    await peopleRoutes(app, deps);
    await rosterRoutes(app, deps);
    await congressRoutes(app, deps);
  },
  policies: { personPolicy, congressPolicy },
  auditLabels: { person: personLabels },
  constraints: peopleConstraints,
  signals: congressSignals,
  demo: seedCongressDemo,
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
