// The supervision module's routes: the public channel and case handling.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.js';
import { startEscalationSweep } from './escalation.js';
import { supervisionPublicRoutes } from './public.routes.js';
import { supervisionRoutes } from './routes.js';

export async function supervisionModule(app: FastifyInstance, deps: Deps) {
  await supervisionPublicRoutes(app, deps);
  await supervisionRoutes(app, deps);
  startEscalationSweep(app, deps.database.db);
}
