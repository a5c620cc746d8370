// The yearly review module: its route files, registered together (one entry in modules/index.ts).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.js';
import { reviewExportRoutes } from './export.routes.js';
import { reviewRoutes } from './routes.js';

export async function reviewModule(app: FastifyInstance, deps: Deps) {
  await reviewRoutes(app, deps);
  await reviewExportRoutes(app, deps);
}
