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

export type ModuleRoutes = (app: FastifyInstance, deps: Deps) => Promise<void>;

export const modules: ModuleRoutes[] = [healthRoutes, authRoutes, userRoutes, orgRoutes, peopleRoutes, auditRoutes, dashboardRoutes, rosterRoutes, supervisionModule, reviewModule];
