// A cell's congresses and its secretaries with dates, over HTTP. Thin: the schema validates, congresses.ts decides.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../domain/person.js';
import type { Deps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { access, errors, operation } from '../../platform/openapi.js';
import { congressHistory, recordCongress } from './congresses.js';

const Named = z.object({ id: z.string(), fullName: z.string() });
const CongressSchema = z
  .object({ id: z.string(), cellId: z.string(), heldOn: z.string(), termFrom: z.number().int(), termTo: z.number().int(), secretary: Named, deputy: Named.nullable() })
  .meta({ id: 'CellCongress' });
const CongressHistorySchema = z
  .object({
    congresses: z.array(CongressSchema),
    terms: z.array(z.object({ id: z.string(), position: z.enum(['secretary', 'deputy_secretary']), person: Named, validFrom: z.string(), validTo: z.string().nullable(), elected: z.boolean() })),
  })
  .meta({ id: 'CongressHistory' });
const Year = z.number().int().min(1930).max(2100);
const Id = z.object({ id: z.uuid() });

export async function congressRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['people'];

  app.get(
    '/api/cells/:id/congresses',
    {
      schema: {
        ...operation('getCellCongresses', "A cell's congresses and its secretaries' and deputies' terms, with dates", access.read), tags,
        params: Id,
        response: { 200: CongressHistorySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => congressHistory(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/cells/:id/congresses',
    {
      schema: {
        ...operation('recordCellCongress', "Record a cell's congress: its day, term, and the secretary and deputy it elected", access.write), tags,
        params: Id,
        body: z.strictObject({ heldOn: IsoDate, termFrom: Year, termTo: Year, secretaryId: z.uuid(), deputyId: z.uuid().nullable().optional() }),
        response: { 201: z.object({ congress: CongressSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const congress = await recordCongress(db, requireActor(request), request.params.id, request.body);
      return reply.code(201).send({ congress });
    },
  );
}
