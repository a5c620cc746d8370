// Case handling over HTTP, for officers. Thin: the schema validates, the services decide and audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { CaseStatus, Conclusion, Measure, ReportCategory, ReportSubject, reportCategories, SUPERVISION_RULES } from '../../../domain/supervision.js';
import type { FieldIssue } from '../../platform/errors.js';
import type { Deps } from '../../platform/module.js';
import { requireActor, zodFields } from '../../platform/http.js';
import { changeStatus, extendDeadline, getCase, linkCases, listCases, postMessage, readAttachment, unlinkCase } from './cases.js';
import { submitReport, type ReportInput } from './intake.js';
import { readReport, scrubbed, textIssues } from './public.routes.js';
import { personName } from '../people/queries.js';
import { displayNameOf } from '../users/queries.js';
import { readRules, updateRules } from './rules.js';
import { figures } from './figures.js';
import { access, binary, errors, fileAnswer, operation } from '../../platform/openapi.js';
import { download, PDF_MIME } from '../../platform/downloads.js';
import { casePdf } from './print.js';

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
  escalatedOn: z.string().nullable(),
  matterId: z.string().nullable(),
  /** The cell with its commune: three cells called "Bản Cốc Cọn" are told apart (issue 14, defect 2). */
  cell: Unit.extend({ parentName: z.string().nullable() }),
  handlingUnit: Unit,
  excerpt: z.string(),
}).meta({ id: 'ListedCase' });
const CaseDetail = z.object({
  case: ListedCase.extend({
    content: z.string(),
    anonymous: z.boolean(),
    reporter: z.discriminatedUnion('state', [
      z.object({ state: z.literal('anonymous') }),
      z.object({ state: z.literal('protected') }),
      z.object({ state: z.literal('shown'), name: z.string().nullable(), contact: z.string().nullable(), member: z.boolean(), personId: z.string().nullable() }),
    ]),
    acknowledgeBy: z.string(),
    concludeBy: z.string(),
    extensionReason: z.string().nullable(),
    conclusion: z.string().nullable(),
    measure: z.string().nullable(),
    concludedOn: z.string().nullable(),
  }),
  history: z.array(
    z.object({ seq: z.number(), from: z.string().nullable(), to: z.string(), on: z.string(), by: z.string().nullable(), note: z.string().nullable(), escalatedTo: z.string().nullable() }),
  ),
  linked: z.array(z.object({ id: z.string(), category: z.string(), subject: z.string(), status: CaseStatus, receivedOn: z.string(), cell: Unit })),
  messages: z.array(z.object({ seq: z.number(), author: z.string(), kind: z.string(), on: z.string(), body: z.string() })),
  attachments: z.array(z.object({ id: z.string(), seq: z.number(), mime: z.string(), size: z.number() })),
  actions: z.array(z.string()),
}).meta({ id: 'CaseDetail' });

const StatusBody = z.discriminatedUnion('to', [
  z.strictObject({ to: z.enum(['accepted', 'verifying', 'closed']), note: Note.nullish() }),
  z.strictObject({ to: z.literal('declined'), note: Note.min(1), publicReply: Note.nullish() }),
  z.strictObject({ to: z.literal('concluded'), note: Note.nullish(), conclusion: Conclusion, measure: Measure, publicReply: Note.min(1) }),
]);

/** A named report from inside: the member's name comes from their account; a contact is optional. */
export const MemberReportBody = z.strictObject({
  cellId: z.uuid(),
  category: ReportCategory,
  subject: ReportSubject,
  content: z.string().max(SUPERVISION_RULES.text.max * 2),
  reporterContact: z.string().max(200).nullish(),
});

function memberReportIssues(raw: unknown): { input?: Omit<ReportInput, 'anonymous' | 'reporterName'>; issues: FieldIssue[] } {
  const parsed = MemberReportBody.safeParse(raw);
  if (!parsed.success)
    return { issues: [...zodFields(parsed.error.issues, raw), ...textIssues((raw as { content?: unknown })?.content)] };
  return { input: parsed.data, issues: textIssues(parsed.data.content) };
}

const Days = z.number();
const RuleSet = z.object({
  deadlines: z.object(Object.fromEntries(reportCategories.map((c) => [c, z.object({ acknowledgeDays: Days, concludeDays: Days, extensionDays: Days })])) as Record<
    (typeof reportCategories)[number],
    z.ZodObject<{ acknowledgeDays: typeof Days; concludeDays: typeof Days; extensionDays: typeof Days }>
  >),
}).meta({ id: 'SupervisionRules' });


export async function supervisionRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['supervision'];

  app.get(
    '/api/supervision/cases',
    {
      schema: {
        ...operation('listCases', 'The cases the user may handle, filtered, a page at a time', access.read), tags,
        querystring: z.strictObject({
          status: CaseStatus.optional(),
          overdue: z.enum(['true', 'false']).optional(),
          escalated: z.enum(['true', 'false']).optional(),
          unitId: z.uuid().optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
        response: { 200: z.object({ items: z.array(ListedCase), nextCursor: z.string().nullable() }), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      return listCases(db, requireActor(request), { ...q, overdue: q.overdue === 'true', escalated: q.escalated === 'true' });
    },
  );

  // A member (or any signed-in user) reporting under their name from inside. An anonymous report from inside
  // goes to the public route without cookies: the server then never sees the account.
  app.post(
    '/api/supervision/reports',
    {
      attachValidation: true,
      schema: {
        ...operation('submitMemberReport', 'Send a named report from inside (JSON, or multipart with files)', access.write), tags,
        consumes: ['application/json', 'multipart/form-data'],
        body: MemberReportBody,
        response: { 201: z.object({ receiptCode: z.string() }), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return scrubbed(async () => {
        const { input, files } = await readReport(request, memberReportIssues);
        const named = actor.personId
          ? (await db.execute<{ name: string | null }>(sql`SELECT ${personName(sql`${actor.personId}::uuid`)} AS name`)).rows[0]?.name
          : actor.userId ? await displayNameOf(db, actor.userId) : null;
        const reporterName = named ?? actor.name;
        if (!reporterName) throw new Error('no name');
        return reply
          .status(201)
          .send(await submitReport(db, { ...input, anonymous: false, reporterName }, files, { userId: actor.userId, personId: actor.personId }));
      });
    },
  );

  app.post(
    '/api/supervision/cases/:id/link',
    {
      schema: {
        ...operation('linkCase', 'Link a case to another about the same matter', access.write), tags,
        params: Id,
        body: z.strictObject({ otherId: z.uuid() }),
        response: { 200: CaseDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => linkCases(db, requireActor(request), request.params.id, request.body.otherId),
  );

  app.post(
    '/api/supervision/cases/:id/unlink',
    {
      schema: {
        ...operation('unlinkCase', 'Take a case out of its matter', access.write), tags,
        params: Id,
        response: { 200: CaseDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      unlinkCase(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/supervision/rules',
    {
      schema: {
        ...operation('getSupervisionRules', 'The deadlines in force, and whether the user may edit them', access.read), tags,
        response: { 200: z.object({ rules: RuleSet, editable: z.boolean() }), ...errors(401, 403) },
      },
    },
    async (request) =>
      readRules(db, requireActor(request)),
  );

  app.put(
    '/api/supervision/rules',
    {
      schema: {
        ...operation('updateSupervisionRules', 'Change the deadlines', access.write), tags,
        body: RuleSet,
        response: { 200: z.object({ rules: RuleSet, editable: z.boolean() }), ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      updateRules(db, requireActor(request), request.body),
  );

  app.get(
    '/api/supervision/cases/:id',
    {
      schema: {
        ...operation('getCase', 'A case: its history, linked cases, messages, attachments and the actions allowed', access.read), tags,
        params: Id,
        response: { 200: CaseDetail, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      getCase(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/supervision/cases/:id/case.pdf',
    {
      schema: {
        ...operation('printCase', 'A case as a PDF to print or file (never the reporter\'s identity)', access.read), tags,
        params: Id,
        querystring: z.strictObject({ lang: z.enum(['vi', 'en']).optional() }),
        response: { 200: fileAnswer(PDF_MIME, 'The case (PDF)'), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? (request.session?.user.locale === 'en' ? 'en' : 'vi');
      const { pdf, fileName } = await casePdf(db, requireActor(request), request.params.id, lang);
      return download(reply, fileName, PDF_MIME).send(pdf);
    },
  );

  app.post(
    '/api/supervision/cases/:id/status',
    {
      schema: {
        ...operation('changeCaseStatus', 'Move a case to its next status (accept, verify, decline, conclude, close)', access.write), tags,
        params: Id,
        body: StatusBody,
        response: { 200: CaseDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      changeStatus(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/supervision/cases/:id/extend',
    {
      schema: {
        ...operation('extendCaseDeadline', 'Extend the deadline of a case once, with a reason', access.write), tags,
        params: Id,
        body: z.strictObject({ reason: Note.min(1) }),
        response: { 200: CaseDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => extendDeadline(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/supervision/cases/:id/messages',
    {
      schema: {
        ...operation('postCaseMessage', 'Ask the reporter a question or reply to them', access.write), tags,
        params: Id,
        body: z.strictObject({ kind: z.enum(['question', 'reply']), body: Body }),
        response: { 200: CaseDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => postMessage(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/api/supervision/cases/:id/attachments/:attachmentId',
    {
      schema: {
        ...operation('downloadCaseAttachment', 'A file attached to a case', access.read),
        response: {
          200: { description: 'The file (PDF, PNG or JPEG)', content: { 'application/pdf': { schema: binary }, 'image/png': { schema: binary }, 'image/jpeg': { schema: binary } } },
          ...errors(400, 401, 404),
        },
        tags,
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await readAttachment(db, requireActor(request), request.params.id, request.params.attachmentId);
      const ext = file.mime === 'application/pdf' ? 'pdf' : file.mime === 'image/png' ? 'png' : 'jpg';
      reply.header('content-disposition', `attachment; filename="tep-dinh-kem-${file.seq}.${ext}"`);
      return reply.type(file.mime).send(file.content);
    },
  );

  app.get(
    '/api/supervision/figures',
    {
      schema: {
        ...operation('getSupervisionFigures', 'Counts of cases by category, status, branch and month', access.read), tags,
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
            byMonth: z.array(z.object({ month: z.string(), counts: z.record(z.string(), z.number()) })),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => figures(db, requireActor(request)),
  );
}
