// The yearly review over HTTP: templates, cycles, the board of a unit, the three steps and the re-check.
// Thin: the schema validates, the service decides, the presenter shapes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppraisalBody, ComplaintBody, DecisionBody, OpenCycleBody, SelfAssessmentBody, TemplateSetBody } from '../../../domain/review.js';
import type { Deps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { closeCycle, cycleProgress, listCycles, openCycle } from './cycles.js';
import { board, getParticipant } from './participants.js';
import { appraise, complain, decide, recheck, selfAssess } from './steps.js';
import { getTemplateSet, saveTemplateSet } from './templates.js';
import { reviewTodo } from './todo.js';

const Id = z.object({ id: z.uuid() });
const Year = z.coerce.number().int().min(2000).max(2100);

export async function reviewRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['review'];

  app.get('/api/review/templates', { schema: { tags, querystring: z.strictObject({ unitId: z.uuid(), year: Year }) } }, async (request) => ({
    templateSet: await getTemplateSet(db, requireActor(request), request.query),
  }));

  app.put(
    '/api/review/templates/:year',
    { schema: { tags, params: z.object({ year: Year }), body: TemplateSetBody.extend({ unitId: z.uuid() }) } },
    async (request) => {
      const { unitId, ...body } = request.body;
      return { templateSet: await saveTemplateSet(db, requireActor(request), { unitId, year: request.params.year, body }) };
    },
  );

  app.get('/api/review/todo', { schema: { tags } }, async (request) => reviewTodo(db, requireActor(request)));

  app.get('/api/review/cycles', { schema: { tags } }, async (request) => ({ items: await listCycles(db, requireActor(request)) }));

  app.post('/api/review/cycles', { schema: { tags, body: OpenCycleBody } }, async (request, reply) =>
    reply.status(201).send({ cycle: await openCycle(db, requireActor(request), request.body) }),
  );

  app.get('/api/review/cycles/:id', { schema: { tags, params: Id } }, async (request) => cycleProgress(db, requireActor(request), request.params.id));

  app.post('/api/review/cycles/:id/close', { schema: { tags, params: Id } }, async (request) => ({
    cycle: await closeCycle(db, requireActor(request), request.params.id),
  }));

  app.get('/api/review/cycles/:id/units/:unitId', { schema: { tags, params: z.object({ id: z.uuid(), unitId: z.uuid() }) } }, async (request) =>
    board(db, requireActor(request), { cycleId: request.params.id, unitId: request.params.unitId }),
  );

  app.get('/api/review/participants/:id', { schema: { tags, params: Id } }, async (request) => getParticipant(db, requireActor(request), request.params.id));

  app.post('/api/review/participants/:id/self-assessment', { schema: { tags, params: Id, body: SelfAssessmentBody } }, async (request, reply) =>
    reply.status(201).send({ participant: await selfAssess(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post('/api/review/participants/:id/appraisal', { schema: { tags, params: Id, body: AppraisalBody } }, async (request, reply) =>
    reply.status(201).send({ participant: await appraise(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post('/api/review/participants/:id/decision', { schema: { tags, params: Id, body: DecisionBody } }, async (request, reply) =>
    reply.status(201).send({ participant: await decide(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post('/api/review/participants/:id/recheck', { schema: { tags, params: Id, body: DecisionBody } }, async (request, reply) =>
    reply.status(201).send({ participant: await recheck(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post('/api/review/participants/:id/complaint', { schema: { tags, params: Id, body: ComplaintBody } }, async (request, reply) =>
    reply.status(201).send({ participant: await complain(db, requireActor(request), request.params.id, request.body) }),
  );
}
