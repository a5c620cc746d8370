// Village consultations over HTTP: open and read them, answer online, print ballot codes, enter the room's tally,
// record the decision, attach documents; and the public page's two routes (read, answer with a code). Thin.
import fs from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnswerOrigin, CONSULTATION_RULES, ConsensusThresholds, ConsultationBody, DecisionBody, TallyBody, TallyMethod } from '../../../domain/consultations.js';
import { download, PDF_MIME } from '../../platform/downloads.js';
import { AppError, invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, binary, errors, operation } from '../../platform/openapi.js';
import { receiveUpload, removeUpload } from '../../platform/uploads.js';
import { callerKey, FailureCounter } from '../../platform/callers.js';
import { answerOnline, answerWithCode, issueCodes, saveTally } from './answers.js';
import { ballotSheet } from './pdf.js';
import { publicConsultation } from './public.js';
import { readThresholds, updateThresholds } from './thresholds.js';
import { attachDocument, getConsultation, listConsultations, openConsultation, readDocument, recordDecision, unitNames } from './service.js';

const R = CONSULTATION_RULES;
const Id = z.object({ id: z.uuid() });
const State = z.enum(['upcoming', 'open', 'closed']);
const Level = z.enum(['consensus', 'majority', 'none', 'low_turnout']);
const Action = z.enum(['consultation.read', 'consultation.open', 'consultation.manage', 'consultation.tally', 'consultation.answer']);

export const ConsultationResult = z
  .object({
    eligible: z.number(),
    participants: z.number(),
    participation: z.number().nullable(),
    options: z.array(z.object({ optionId: z.string(), label: z.string(), total: z.number(), share: z.number().nullable(), online: z.number(), code: z.number(), room: z.number() })),
    leading: z.string().nullable(),
    level: Level,
    thresholds: ConsensusThresholds,
  });

const Summary = z.object({
  id: z.string(),
  title: z.string(),
  question: z.string(),
  unitId: z.string(),
  unitKind: z.enum(['cell', 'commune']),
  unitName: z.string(),
  communeName: z.string(),
  membersEligible: z.boolean(),
  eligibleMembers: z.number(),
  households: z.number(),
  codesIssued: z.number(),
  opensOn: z.string(),
  closesOn: z.string(),
  state: State,
  decision: z.string().nullable(),
  followUp: z.string().nullable(),
  decidedOn: z.string().nullable(),
});

const Tally = z.object({ method: TallyMethod, heldOn: z.string(), present: z.number(), version: z.number(), counts: z.array(z.object({ optionId: z.string(), count: z.number() })) });

const Detail = Summary.extend({
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  result: ConsultationResult,
  answeredBeforeRoom: z.number(),
  tally: Tally.nullable(),
  tallyLog: z.array(z.object({ version: z.number(), changedBy: z.string(), reason: z.string(), before: z.unknown(), after: z.unknown(), changedAt: z.string() })),
  documents: z.array(z.object({ id: z.string(), fileName: z.string(), size: z.number() })),
  me: z.object({ eligible: z.boolean(), answered: z.boolean() }),
  actions: z.array(Action),
}).meta({ id: 'Consultation' });

const ListItem = z.object({
  id: z.string(),
  title: z.string(),
  unitName: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  eligible: z.number(),
  participants: z.number(),
  decided: z.boolean(),
  state: State,
  actions: z.array(Action),
});

export const PublicConsultation = Summary.omit({ unitId: true, eligibleMembers: true, households: true, codesIssued: true, membersEligible: true })
  .extend({ options: z.array(z.object({ id: z.string(), label: z.string() })), result: ConsultationResult.nullable(), documents: z.array(z.object({ id: z.string(), fileName: z.string() })) })
  .meta({ id: 'PublicConsultation' });

const ACCEPTED = /\.(pdf|docx)$/i;
const Code = z.string().max(64);

export async function consultationRoutes(scope: FastifyInstance, { database, config }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['consultations'];

  app.get('/api/consultations', { schema: { ...operation('listConsultations', 'The consultations the reader may see, newest first, and where they may open one', access.read), tags, response: { 200: z.object({ items: z.array(ListItem), places: z.array(z.object({ id: z.string(), name: z.string() })) }), ...errors(401) } } }, async (request) =>
    listConsultations(db, requireActor(request)),
  );

  app.post(
    '/api/consultations',
    { schema: { ...operation('openConsultation', 'Put a question to a village (cell) or a commune: options, who is eligible, dates', access.write), tags, body: ConsultationBody, response: { 201: z.object({ id: z.string() }), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await openConsultation(db, requireActor(request), request.body)),
  );

  const Thresholds = z.object({ thresholds: ConsensusThresholds, editable: z.boolean() });
  app.get('/api/consultations/thresholds', { schema: { ...operation('getConsultationThresholds', 'The consensus thresholds and minimum turnout in force, and whether the user may change them', access.read), tags, response: { 200: Thresholds, ...errors(401, 404) } } }, async (request) =>
    readThresholds(db, requireActor(request)),
  );

  app.put(
    '/api/consultations/thresholds',
    { schema: { ...operation('updateConsultationThresholds', 'Change the thresholds as a whole (province admin): shares and turnout in 0–100, majority below consensus', access.write), tags, body: ConsensusThresholds, response: { 200: Thresholds, ...errors(400, 401, 404) } } },
    async (request) => updateThresholds(db, requireActor(request), request.body),
  );

  app.get('/api/consultations/:id', { schema: { ...operation('getConsultation', 'A consultation with its result, the room tally and its log, and what the reader may do', access.read), tags, params: Id, response: { 200: Detail, ...errors(400, 401, 404) } } }, async (request) =>
    getConsultation(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/consultations/:id/answer',
    { schema: { ...operation('answerConsultation', 'A member answers with their account (once)', access.write), tags, params: Id, body: z.strictObject({ optionId: z.uuid() }), response: { 200: z.object({ answered: z.boolean() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => answerOnline(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/consultations/:id/codes',
    {
      schema: {
        ...operation('issueBallotCodes', 'Make one-time ballot codes and answer the printable sheet (PDF); the codes are kept nowhere else', access.write), tags,
        params: Id,
        body: z.strictObject({ count: z.number().int().min(1).max(R.codes.perBatch) }),
        response: { 200: { description: 'The sheet of codes', content: { [PDF_MIME]: { schema: binary } } }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { consultation: c, codes, from } = await issueCodes(db, requireActor(request), request.params.id, request.body);
      const names = await unitNames(db, c.unitId);
      const pdf = await ballotSheet({
        title: c.title,
        question: c.question,
        unitName: names.unitName,
        communeName: c.unitKind === 'cell' ? names.communeName : names.unitName,
        closesOn: c.closesOn,
        codes,
        from,
        answerUrl: `${request.protocol}://${request.host}/tham-van/${c.id}`,
      });
      return download(reply, `ma-phieu-${from}-${from + codes.length - 1}.pdf`, PDF_MIME).header('cache-control', 'no-store').send(pdf);
    },
  );

  app.put(
    '/api/consultations/:id/tally',
    {
      schema: {
        ...operation('saveConsultationTally', "Enter or correct the in-person meeting's tally (hands or paper ballots), with the reason", access.write), tags,
        params: Id,
        body: TallyBody.extend({ commandId: z.uuid() }),
        response: { 200: Tally, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => saveTally(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/consultations/:id/decision',
    { schema: { ...operation('recordConsultationDecision', 'Record the decision taken after the consultation closed, and its follow-up', access.write), tags, params: Id, body: DecisionBody, response: { 200: z.object({ id: z.string() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => recordDecision(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/consultations/:id/documents',
    {
      schema: {
        ...operation('attachConsultationDocument', 'Attach a document to the consultation (multipart: file, a PDF or DOCX)', access.write), tags,
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ id: z.string(), fileName: z.string(), size: z.number() }), ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const stored = await receiveUpload(request, { dataDir: config.dataDir, fileField: 'file', accept: ({ fileName }) => ACCEPTED.test(fileName), refusal: 'Send the document as a PDF or DOCX file' });
      if (!stored) throw invalid([{ path: 'file', code: 'required', message: 'Choose a file' }]);
      try {
        return await attachDocument(db, actor, request.params.id, { fileName: stored.fileName, content: await fs.readFile(stored.filePath) });
      } finally {
        await removeUpload(stored);
      }
    },
  );

  const DocParams = z.object({ id: z.uuid(), documentId: z.uuid() });
  const docAnswer = { 200: { description: 'The document (PDF or DOCX)', content: { [PDF_MIME]: { schema: binary } } } };
  app.get('/api/consultations/:id/documents/:documentId', { schema: { ...operation('downloadConsultationDocument', "A consultation's document", access.read), tags, params: DocParams, response: { ...docAnswer, ...errors(400, 401, 404) } } }, async (request, reply) => {
    const d = await readDocument(db, requireActor(request), request.params.id, request.params.documentId);
    return download(reply, d.fileName, d.mime).send(d.content);
  });

  // The public page: no account. Reading is open; answering with a code is rate-limited per caller, and wrong codes
  // pause the caller for a while (counters in memory, keyed by a salted hash of the address, never the address).
  const ptags = ['consultations (public)'];
  const wrongCodes = new FailureCounter(R.wrongCodes, R.wrongCodePauseMinutes * 60_000);

  app.get(
    '/api/public/consultations/:id',
    { config: { public: true }, schema: { ...operation('getPublicConsultation', 'A consultation as the public page shows it: the question, its options, and the result once closed', access.anyone), tags: ptags, params: Id, response: { 200: PublicConsultation, ...errors(400, 404) } } },
    async (request) => publicConsultation(db, request.params.id),
  );

  app.get(
    '/api/public/consultations/:id/documents/:documentId',
    { config: { public: true }, schema: { ...operation('downloadPublicConsultationDocument', "A consultation's document, for the public page", access.anyone), tags: ptags, params: DocParams, response: { ...docAnswer, ...errors(400, 404) } } },
    async (request, reply) => {
      const d = await readDocument(db, null, request.params.id, request.params.documentId);
      return download(reply, d.fileName, d.mime).send(d.content);
    },
  );

  app.post(
    '/api/public/consultations/:id/answer',
    {
      // No request line in the log: its time and address next to a ballot would say who answered when.
      logLevel: 'silent',
      config: { public: true, rateLimit: { max: R.publicAnswersPerHour, timeWindow: '1 hour', keyGenerator: (req: FastifyRequest) => callerKey(req.ip) } },
      schema: {
        ...operation('answerWithBallotCode', 'Answer a consultation with a one-time ballot code (no account; the code is not linked to a name)', access.anyone), tags: ptags,
        params: Id,
        body: z.strictObject({ code: Code, optionId: z.uuid() }),
        response: { 200: z.object({ answered: z.boolean(), origin: AnswerOrigin }), ...errors(400, 404, 409, 429) },
      },
    },
    async (request) => {
      const key = callerKey(request.ip);
      if (wrongCodes.blocked(key)) throw new AppError('rate_limited', 'Too many wrong codes; try again later');
      try {
        await answerWithCode(db, request.params.id, request.body);
        return { answered: true, origin: 'code' as const };
      } catch (err) {
        if (err instanceof AppError && err.fields?.some((f) => f.code === 'unknown_code' || f.code === 'used_code')) wrongCodes.fail(key);
        throw err;
      }
    },
  );
}
