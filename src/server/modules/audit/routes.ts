import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { AuditEventSchema, listAuditEvents } from './service.js';

export async function auditRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: z.strictObject({
          entityType: z.enum(['unit', 'person', 'user', 'import']).optional(),
          entityId: z.string().max(100).optional(),
          unitId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(30).optional(),
        }),
        response: { 200: z.object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => listAuditEvents(database.db, requireActor(request), request.query),
  );
}
