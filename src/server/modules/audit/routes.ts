import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { AuditEventSchema, listAuditEvents } from './service.js';
import { access, errors, operation } from '../../platform/openapi.js';

export async function auditRoutes(scope: FastifyInstance, { database, auditLabellers }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/audit',
    {
      schema: {
        ...operation('listAuditEvents', 'The audit trail of a branch, an entity or a kind of record, newest first', access.read), tags: ['audit'],
        querystring: z.strictObject({
          entityType: z.enum(['unit', 'person', 'user', 'import']).optional(),
          entityId: z.string().max(100).optional(),
          unitId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(30).optional(),
          /** Part of the name of the record: a unit, a person, an account, a review cycle, a document. */
          q: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listAuditEvents(database.db, requireActor(request), request.query, auditLabellers),
  );
}
