// The party organization tree and its history.
import { orgAuditLabels } from './audit-labels.js';
import { issue } from '../../../domain/issues.js';
import type { ChiboModule } from '../../platform/module.js';
import { unitPolicy } from './policy.js';
import { orgRoutes } from './routes.js';

export const orgModule: ChiboModule = {
  name: 'org',
  routes: orgRoutes,
  policies: { unitPolicy },
  auditLabels: orgAuditLabels,
  // Two dated changes of one unit racing past the service's checks: the database's no-overlap rule answers.
  constraints: { org_unit_versions_no_overlap: issue('versions_overlap', 'date') },
  accessWalk: async () => (await import('./access.walk.js')).walk,
};
