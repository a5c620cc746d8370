// The modules of chibo, in the order their routes are registered. A new module adds one line here.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../app.js';
import { healthRoutes } from './health/routes.js';
import { authRoutes } from './users/auth.routes.js';
import { userRoutes } from './users/routes.js';
import { orgRoutes } from './org/routes.js';
import { peopleRoutes } from './people/routes.js';
import { auditRoutes } from './audit/routes.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { rosterRoutes } from './people/roster/routes.js';
import { supervisionModule } from './supervision/index.js';
import { reviewModule } from './review/index.js';
import { extendOrg } from './org/extensions.js';
import { currentMemberIds, moveMembersOfUnit } from './people/service.js';
import { personActionsAt, secretaryNames } from './people/queries.js';
import { computeBranchFigures, computeFigures, FiguresSchema } from './dashboard/figures.js';
import { AuditEventSchema, listAuditEvents } from './audit/service.js';

export type ModuleRoutes = (app: FastifyInstance, deps: Deps) => Promise<void>;

export const modules: ModuleRoutes[] = [healthRoutes, authRoutes, userRoutes, orgRoutes, peopleRoutes, auditRoutes, dashboardRoutes, rosterRoutes, supervisionModule, reviewModule];

// What org asks of the modules built on the tree (org/extensions.ts): they import org, so org cannot import them.
extendOrg({
  memberIds: currentMemberIds,
  moveMembers: moveMembersOfUnit,
  secretaryNames,
  personActionsAt,
  branchFigures: computeBranchFigures,
  figures: computeFigures,
  FiguresSchema,
  listAuditEvents,
  AuditEventSchema,
});
