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
import { BoardSchema, CycleSchema, ParticipantSchema, ParticipantViewSchema, ProgressSchema, TemplateSetSchema, TodoSchema } from './responses.js';
import { access, errors, operation } from '../../platform/openapi.js';

const Id = z.object({ id: z.uuid() });
const Year = z.coerce.number().int().min(2000).max(2100);

export async function reviewRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['review'];

  app.get('/api/review/templates', {
    schema: {
      ...operation('getTemplateSet', 'The criteria templates of a province for a year', access.read),
      response: { 200: z.object({ templateSet: TemplateSetSchema }), ...errors(400, 401, 403, 404) },
      tags,
      querystring: z.strictObject({ unitId: z.uuid(), year: Year }),
    },
  }, async (request) => ({
    templateSet: await getTemplateSet(db, requireActor(request), request.query),
  }));

  app.put(
    '/api/review/templates/:year',
    {
      schema: {
        ...operation('saveTemplateSet', 'Save the criteria templates of a province for a year', access.write),
        response: { 200: z.object({ templateSet: TemplateSetSchema }), ...errors(400, 401, 403, 404, 409) },
        tags,
        params: z.object({ year: Year }),
        body: TemplateSetBody.extend({ unitId: z.uuid() }),
      },
    },
    async (request) => {
      const { unitId, ...body } = request.body;
      return { templateSet: await saveTemplateSet(db, requireActor(request), { unitId, year: request.params.year, body }) };
    },
  );

  app.get(
    '/api/review/todo',
    {
      schema: {
        ...operation('getReviewTodo', 'What waits for the user in open review cycles, and what is overdue', access.read),
        response: { 200: TodoSchema, ...errors(401) },
        tags,
      },
    },
    async (request) => reviewTodo(db, requireActor(request)),
  );

  app.get(
    '/api/review/cycles',
    {
      schema: {
        ...operation('listCycles', 'The review cycles that concern the user', access.read),
        response: { 200: z.object({ items: z.array(CycleSchema) }), ...errors(401) },
        tags,
      },
    },
    async (request) => ({ items: await listCycles(db, requireActor(request)) }),
  );

  app.post(
    '/api/review/cycles',
    {
      schema: {
        ...operation('openCycle', 'Open a review cycle for branches of a province', access.write),
        response: { 201: z.object({ cycle: CycleSchema }), ...errors(400, 401, 403, 404, 409) },
        tags,
        body: OpenCycleBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ cycle: await openCycle(db, requireActor(request), request.body) }),
  );

  app.get(
    '/api/review/cycles/:id',
    {
      schema: {
        ...operation('getCycleProgress', 'A cycle and its progress in each grassroots organization', access.read),
        response: { 200: ProgressSchema, ...errors(400, 401, 404) },
        tags,
        params: Id,
      },
    },
    async (request) => cycleProgress(db, requireActor(request), request.params.id),
  );

  app.post('/api/review/cycles/:id/close', {
    schema: {
      ...operation('closeCycle', 'Close a review cycle', access.write),
      response: { 200: z.object({ cycle: CycleSchema }), ...errors(400, 401, 403, 404, 409) },
      tags,
      params: Id,
    },
  }, async (request) => ({
    cycle: await closeCycle(db, requireActor(request), request.params.id),
  }));

  app.get(
    '/api/review/cycles/:id/units/:unitId',
    {
      schema: {
        ...operation('getReviewBoard', 'The participants of a cycle under a unit, with their steps and the actions allowed', access.read),
        response: { 200: BoardSchema, ...errors(400, 401, 404) },
        tags,
        params: z.object({ id: z.uuid(), unitId: z.uuid() }),
      },
    },
    async (request) =>
      board(db, requireActor(request), { cycleId: request.params.id, unitId: request.params.unitId }),
  );

  app.get(
    '/api/review/participants/:id',
    {
      schema: {
        ...operation('getParticipant', 'One participant of a cycle, with the cycle', access.read),
        response: { 200: ParticipantViewSchema, ...errors(400, 401, 404) },
        tags,
        params: Id,
      },
    },
    async (request) => getParticipant(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/review/participants/:id/self-assessment',
    {
      schema: {
        ...operation('submitSelfAssessment', 'Record the self-assessment of a participant', access.write),
        response: { 201: z.object({ participant: ParticipantSchema }), ...errors(400, 401, 403, 404, 409) },
        tags,
        params: Id,
        body: SelfAssessmentBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ participant: await selfAssess(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post(
    '/api/review/participants/:id/appraisal',
    {
      schema: {
        ...operation('recordAppraisal', "Record the cell's appraisal of a participant", access.write),
        response: { 201: z.object({ participant: ParticipantSchema }), ...errors(400, 401, 403, 404, 409) },
        tags,
        params: Id,
        body: AppraisalBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ participant: await appraise(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post(
    '/api/review/participants/:id/decision',
    {
      schema: {
        ...operation('recordDecision', 'Decide the level of a participant', access.write),
        response: { 201: z.object({ participant: ParticipantSchema }), ...errors(400, 401, 403, 404, 409) },
        tags,
        params: Id,
        body: DecisionBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ participant: await decide(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post(
    '/api/review/participants/:id/recheck',
    {
      schema: {
        ...operation('recordRecheck', 'Re-check a contested level', access.write),
        response: { 201: z.object({ participant: ParticipantSchema }), ...errors(400, 401, 403, 404, 409) },
        tags,
        params: Id,
        body: DecisionBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ participant: await recheck(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post(
    '/api/review/participants/:id/complaint',
    {
      schema: {
        ...operation('fileComplaint', 'Contest a decided level within the complaint window', access.write),
        response: { 201: z.object({ participant: ParticipantSchema }), ...errors(400, 401, 403, 404, 409) },
        tags,
        params: Id,
        body: ComplaintBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ participant: await complain(db, requireActor(request), request.params.id, request.body) }),
  );
}
