// The yearly review over HTTP: templates, cycles, the board of a unit, the three steps and the re-check.
// Thin: the schema validates, the service decides, the presenter shapes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppraisalBody, ComplaintBody, DecisionBody, OpenCycleBody, SelfAssessmentBody, TemplateSetBody } from '../../../domain/review.js';
import type { Deps } from '../../platform/module.js';
import type { Actor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
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

  // The steps of a participant's review: each its own body and service operation, one answer.
  type Take<B extends z.ZodType> = (db: Db, actor: Actor, id: string, input: z.output<B>) => Promise<z.input<typeof ParticipantSchema>>;
  const step = <B extends z.ZodType>(path: string, operationId: string, summary: string, body: B, take: Take<B>) =>
    app.post(
      `/api/review/participants/:id/${path}`,
      {
        schema: {
          ...operation(operationId, summary, access.write),
          response: { 201: z.object({ participant: ParticipantSchema }), ...errors(400, 401, 403, 404, 409) },
          tags,
          params: Id,
          body,
        },
      },
      async (request, reply) =>
        reply.status(201).send({ participant: await take(db, requireActor(request), request.params.id, request.body as z.output<B>) }),
    );
  step('self-assessment', 'submitSelfAssessment', 'Record the self-assessment of a participant', SelfAssessmentBody, selfAssess);
  step('appraisal', 'recordAppraisal', "Record the cell's appraisal of a participant", AppraisalBody, appraise);
  step('decision', 'recordDecision', 'Decide the level of a participant', DecisionBody, decide);
  step('recheck', 'recordRecheck', 'Re-check a contested level', DecisionBody, recheck);
  step('complaint', 'fileComplaint', 'Contest a decided level within the complaint window', ComplaintBody, complain);
}
