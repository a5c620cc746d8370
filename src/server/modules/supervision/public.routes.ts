// The public side of the channel: no account. Places to choose from, sending a report (JSON, or multipart with
// files), following it and answering with the receipt code alone. Nothing here logs or stores the caller's
// address: counters are in memory, keyed by a salted hash of it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseStatus, ReportCategory, ReportSubject, SUPERVISION_RULES } from '../../../domain/supervision.js';
import { supervisionIssue, type SupervisionIssueCode } from '../../../domain/supervision-issues.js';
import type { Deps } from '../../platform/module.js';
import { AppError, invalid, type FieldIssue } from '../../platform/errors.js';
import { isMalformedMultipart, unstorableText, zodFields } from '../../platform/http.js';
import { cleanAttachment } from './attachments.js';
import { caseByLookup, listPlaces, publicView, reporterAnswer, submitReport, type CleanFile, type ReportInput } from './intake.js';
import { callerKey, FailureCounter } from '../../platform/callers.js';
import { lookupOf, padTo, verifyReceipt } from './receipt.js';
import { access, errors, operation } from '../../platform/openapi.js';

const R = SUPERVISION_RULES;
const Text = z.string().max(R.text.max * 2);

export const ReportBody = z.strictObject({
  cellId: z.uuid(),
  category: ReportCategory,
  subject: ReportSubject,
  content: Text,
  anonymous: z.boolean(),
  reporterName: z.string().max(120).nullish(),
  reporterContact: z.string().max(200).nullish(),
});

/** Every problem of a report at once, with our codes for the ones a person can fix. */
export function reportIssues(raw: unknown): { input?: ReportInput; issues: FieldIssue[] } {
  const parsed = ReportBody.safeParse(raw);
  if (!parsed.success)
    return { issues: [...zodFields(parsed.error.issues, raw), ...textIssues((raw as { content?: unknown })?.content)] };
  const input = parsed.data;
  const issues = textIssues(input.content);
  if (!input.anonymous && !input.reporterName?.trim()) issues.push(supervisionIssue('name_required', 'reporterName'));
  if (!input.anonymous && !input.reporterContact?.trim()) issues.push(supervisionIssue('contact_required', 'reporterContact'));
  return { input, issues };
}

export function textIssues(content: unknown, path = 'content'): FieldIssue[] {
  if (typeof content !== 'string') return [];
  const n = content.trim().length;
  const code: SupervisionIssueCode | null = n < R.text.min ? 'text_too_short' : n > R.text.max ? 'text_too_long' : null;
  return code ? [supervisionIssue(code, path)] : [];
}

/**
 * The report of a request, JSON or multipart (a `report` JSON field and `files`), with its cleaned files; every
 * problem at once as a 400. `check` validates the report itself.
 */
export async function readReport<I>(request: FastifyRequest, check: (raw: unknown) => { input?: I; issues: FieldIssue[] }): Promise<{ input: I; files: CleanFile[] }> {
  let raw: unknown = request.body;
  const files: CleanFile[] = [];
  const issues: FieldIssue[] = [];
  if (request.isMultipart()) {
    raw = undefined;
    let count = 0;
    for await (const part of request.parts({ limits: { files: R.attachments.maxFiles + 1, fileSize: R.attachments.maxBytes, fields: 5, parts: 10 } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'report') {
          try {
            raw = JSON.parse(String(part.value));
          } catch {
            issues.push(supervisionIssue('bad_report_field', 'report'));
          }
        }
        continue;
      }
      count += 1;
      const buf = await part.toBuffer(); // throws 413 past the size limit
      if (count > R.attachments.maxFiles) continue;
      const clean = cleanAttachment(buf);
      if (clean) files.push(clean);
      else issues.push(supervisionIssue('file_type', `files.${count - 1}`));
    }
    if (count > R.attachments.maxFiles) issues.push(supervisionIssue('too_many_files', 'files'));
    if (raw === undefined && !issues.length) issues.push(supervisionIssue('bad_report_field', 'report'));
  }
  if (request.isMultipart()) issues.push(...unstorableText(raw)); // a JSON body was checked at the edge (app.ts)
  const checked: { input?: I; issues: FieldIssue[] } = raw === undefined ? { issues: [] } : check(raw);
  issues.push(...checked.issues);
  if (issues.length || !checked.input) throw invalid(issues.length ? issues : [supervisionIssue('bad_report_field', 'report')]);
  return { input: checked.input, files };
}

const PublicCase = z.object({
  category: ReportCategory,
  subject: ReportSubject,
  cellName: z.string(),
  communeName: z.string(),
  content: z.string(),
  anonymous: z.boolean(),
  status: CaseStatus,
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  conclusion: z.string().nullable(),
  measure: z.string().nullable(),
  concludedOn: z.string().nullable(),
  attachmentCount: z.number(),
  messages: z.array(z.object({ seq: z.number(), author: z.string(), kind: z.string(), on: z.string(), body: z.string() })),
  canAnswer: z.boolean(),
}).meta({ id: 'PublicCase' });

const WRONG_CODE_MS = 400;

/**
 * Runs a public handler so that an unexpected error reaches the log without its details: a failed query's
 * error carries its parameters (the report's text, a name, a contact), and internal errors are logged.
 */
export async function scrubbed<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = err as { statusCode?: number; code?: unknown };
    // The multipart parser's refusals of a malformed upload hold no reporter data: answered 400 (found by the fuzz).
    if (err instanceof AppError || (typeof e.statusCode === 'number' && e.statusCode < 500) || (typeof e.code === 'string' && e.code.startsWith('FST_')) || isMalformedMultipart(err as Error)) throw err;
    throw new Error('supervision public request failed; details withheld because they may identify a reporter');
  }
}

export async function supervisionPublicRoutes(scope: FastifyInstance, { database, config }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['supervision (public)'];
  const failures = new FailureCounter(R.followFailures, R.followPauseMinutes * 60_000);
  // The reporter's requests leave no line in the server log: a line's time would tie a case to a moment finer
  // than its day. (An internal error is still logged, without the request: platform/http.ts.)
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/public/reports')) route.logLevel = 'silent';
  });

  app.get(
    '/api/public/places',
    {
      config: { public: true },
      schema: {
        ...operation('listPlaces', 'Places to choose from when reporting: communes, then their cells', access.anyone), tags,
        querystring: z.strictObject({ parentId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })) }), ...errors(400) },
      },
    },
    async (request) => ({ items: await listPlaces(db, request.query.parentId) }),
  );

  app.post(
    '/api/public/reports',
    {
      attachValidation: true,
      config: { public: true, rateLimit: { max: config.publicReportsPerHour ?? R.submissionsPerHour, timeWindow: '1 hour', keyGenerator: (req: FastifyRequest) => callerKey(req.ip) } },
      schema: {
        ...operation('submitReport', 'Send a report without an account (JSON, or multipart with files); answers a receipt code', access.anyone), tags,
        consumes: ['application/json', 'multipart/form-data'],
        body: ReportBody,
        response: { 201: z.object({ receiptCode: z.string() }), ...errors(400, 413, 429) },
      },
    },
    async (request, reply) =>
      scrubbed(async () => {
        const { input, files } = await readReport(request, reportIssues);
        // Named reports from inside use /api/supervision/reports; here nothing links a report to an account.
        return reply.status(201).send(await submitReport(db, input, files, null));
      }),
  );

  /** The case of a receipt code, or the one answer every wrong code gets (after the same delay). */
  async function byCode(request: FastifyRequest, code: string) {
    const start = Date.now();
    const key = callerKey(request.ip);
    if (failures.blocked(key)) {
      await padTo(start, WRONG_CODE_MS);
      throw new AppError('rate_limited', 'Too many wrong codes; try again later');
    }
    const typed = lookupOf(code);
    const c = typed ? await caseByLookup(db, typed.lookup) : null;
    const ok = await verifyReceipt(c?.receiptHash ?? null, typed?.normalized ?? 'none');
    if (!c || !ok) {
      failures.fail(key);
      await padTo(start, WRONG_CODE_MS);
      throw new AppError('not_found', 'No report matches this code');
    }
    return c;
  }

  const Code = z.string().max(64);

  app.post(
    '/api/public/reports/follow',
    {
      config: { public: true },
      schema: {
        ...operation('followReport', 'The state of a report, by its receipt code', access.anyone), tags,
        body: z.strictObject({ code: Code }),
        response: { 200: PublicCase, ...errors(400, 404, 429) },
      },
    },
    async (request) => scrubbed(async () => publicView(db, await byCode(request, request.body.code))),
  );

  app.post(
    '/api/public/reports/answer',
    {
      config: { public: true },
      schema: {
        ...operation('answerReport', 'Answer a question about a report, by its receipt code', access.anyone), tags,
        body: z.strictObject({ code: Code, body: Text }),
        response: { 200: PublicCase, ...errors(400, 404, 409, 429) },
      },
    },
    async (request) =>
      scrubbed(async () => {
        const issues = textIssues(request.body.body, 'body');
        const c = await byCode(request, request.body.code);
        if (issues.length) throw invalid(issues);
        return reporterAnswer(db, c, request.body.body);
      }),
  );
}
