// Case handling over HTTP, for officers. Thin: the schema validates, the services decide and audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseStatus, Conclusion, Measure, SUPERVISION_RULES } from '../../../domain/supervision.js';
import type { Deps } from '../../app.js';
import { requireActor } from '../../platform/http.js';
import { changeStatus, extendDeadline, getCase, listCases, postMessage, readAttachment } from './cases.js';
import { figures, listWarnings } from './warnings.js';

const Note = z.string().trim().max(2000);
const Body = z.string().trim().min(1).max(SUPERVISION_RULES.text.max);
const Id = z.object({ id: z.uuid() });

const Unit = z.object({ id: z.string(), name: z.string() });
const ListedCase = z.object({
  id: z.string(),
  category: z.string(),
  subject: z.string(),
  route: z.string(),
  status: CaseStatus,
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  escalatedTo: z.string().nullable(),
  cell: Unit,
  handlingUnit: Unit,
  excerpt: z.string(),
});
const CaseDetail = z.object({
  case: ListedCase.extend({
    content: z.string(),
    anonymous: z.boolean(),
    reporter: z.discriminatedUnion('state', [
      z.object({ state: z.literal('anonymous') }),
      z.object({ state: z.literal('protected') }),
      z.object({ state: z.literal('shown'), name: z.string().nullable(), contact: z.string().nullable() }),
    ]),
    acknowledgeBy: z.string(),
    concludeBy: z.string(),
    extensionReason: z.string().nullable(),
    conclusion: z.string().nullable(),
    measure: z.string().nullable(),
    concludedOn: z.string().nullable(),
  }),
  history: z.array(z.object({ seq: z.number(), from: z.string().nullable(), to: z.string(), on: z.string(), by: z.string().nullable(), note: z.string().nullable() })),
  messages: z.array(z.object({ seq: z.number(), author: z.string(), kind: z.string(), on: z.string(), body: z.string() })),
  attachments: z.array(z.object({ id: z.string(), seq: z.number(), mime: z.string(), size: z.number() })),
  actions: z.array(z.string()),
});

const StatusBody = z.discriminatedUnion('to', [
  z.strictObject({ to: z.enum(['accepted', 'verifying', 'closed']), note: Note.nullish() }),
  z.strictObject({ to: z.literal('declined'), note: Note.min(1), publicReply: Note.nullish() }),
  z.strictObject({ to: z.literal('concluded'), note: Note.nullish(), conclusion: Conclusion, measure: Measure, publicReply: Note.min(1) }),
]);

const Signal = z.object({ kind: z.string(), count: z.number(), caseIds: z.array(z.string()) });

export async function supervisionRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['supervision'];

  app.get(
    '/api/supervision/cases',
    {
      schema: {
        tags,
        querystring: z.strictObject({ status: CaseStatus.optional(), overdue: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(ListedCase) }) },
      },
    },
    async (request) => listCases(db, requireActor(request), { status: request.query.status, overdue: request.query.overdue === 'true' }),
  );

  app.get('/api/supervision/cases/:id', { schema: { tags, params: Id, response: { 200: CaseDetail } } }, async (request) =>
    getCase(db, requireActor(request), request.params.id),
  );

  app.post('/api/supervision/cases/:id/status', { schema: { tags, params: Id, body: StatusBody, response: { 200: CaseDetail } } }, async (request) =>
    changeStatus(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/supervision/cases/:id/extend',
    { schema: { tags, params: Id, body: z.strictObject({ reason: Note.min(1) }), response: { 200: CaseDetail } } },
    async (request) => extendDeadline(db, requireActor(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/supervision/cases/:id/messages',
    { schema: { tags, params: Id, body: z.strictObject({ kind: z.enum(['question', 'reply']), body: Body }), response: { 200: CaseDetail } } },
    async (request) => postMessage(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/api/supervision/cases/:id/attachments/:attachmentId',
    { schema: { tags, params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) } },
    async (request, reply) => {
      const file = await readAttachment(db, requireActor(request), request.params.id, request.params.attachmentId);
      const ext = file.mime === 'application/pdf' ? 'pdf' : file.mime === 'image/png' ? 'png' : 'jpg';
      reply.header('content-disposition', `attachment; filename="tep-dinh-kem-${file.seq}.${ext}"`);
      return reply.type(file.mime).send(file.content);
    },
  );

  app.get(
    '/api/supervision/warnings',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            thresholds: z.object({ windowDays: z.number(), reportsInWindow: z.number(), sameMatter: z.number(), overdue: z.number() }),
            items: z.array(z.object({ kind: z.enum(['cell', 'secretary']), cell: Unit, person: Unit.nullable(), signals: z.array(Signal) })),
          }),
        },
      },
    },
    async (request) => listWarnings(db, requireActor(request)),
  );

  app.get(
    '/api/supervision/figures',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            total: z.number(),
            byCategory: z.record(z.string(), z.number()),
            byStatus: z.record(z.string(), z.number()),
            byBranch: z.array(z.object({ unitId: z.string(), name: z.string(), count: z.number() })),
            concluded: z.number(),
            concludedOnTimeShare: z.number().nullable(),
            medianDaysToConclusion: z.number().nullable(),
            overdue: z.number(),
          }),
        },
      },
    },
    async (request) => figures(db, requireActor(request)),
  );
}
