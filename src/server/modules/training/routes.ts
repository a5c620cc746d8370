// Training over HTTP: courses, sessions, materials, enrolment and the waiting list, attendance, scores, completion,
// certificates, suggestions and the untrained; and the public verification of a certificate. Thin: schemas in, a
// service call, the answer out.
import fs from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttendanceBody, CancelCourseBody, CourseBody, CourseEditBody, EnrolBody, RevokeBody, ScoreBody, SessionBody } from '../../../domain/training.js';
import { download, PDF_MIME, XLSX_MIME } from '../../platform/downloads.js';
import { invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, errors, fileAnswer, operation } from '../../platform/openapi.js';
import { receiveUpload, removeUpload } from '../../platform/uploads.js';
import { certificatePdf, revokeCertificate, verifyCertificate } from './certificates.js';
import { addSession, attachMaterial, createCourse, getCourse, listCourses, readMaterial, trainingReference } from './courses.js';
import { cancelCourse, editCourse } from './edits.js';
import { theoryTrend } from './trend.js';
import { completeCourse, enrol, recordAttendance, recordScore, withdraw } from './enrolment.js';
import { suggestionsFor, untrained, untrainedWorkbook } from './suggestions.js';

const Id = z.object({ id: z.uuid() });
const Named = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
const Course = z
  .object({
    id: z.string(),
    title: z.string(),
    kindCode: z.string(),
    organizerUnitId: z.string(),
    organizer: z.string(),
    targetGroup: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    place: z.string(),
    capacity: z.number(),
    waitlistCapacity: z.number(),
    enrolled: z.number(),
    waiting: z.number(),
    minAttendancePct: z.number(),
    minScore: z.number().nullable(),
    status: z.enum(['open', 'completed', 'cancelled']),
    completedOn: z.string().nullable(),
    hours: z.number(),
    sessions: z.number(),
  })
  .meta({ id: 'TrainingCourse' });
const CourseDetail = z
  .object({
    course: Course,
    sessions: z.array(z.object({ id: z.string(), heldOn: z.string(), hours: z.number(), topic: z.string(), present: z.array(z.string()), recorded: z.array(z.string()) })),
    enrolments: z.array(
      z.object({
        id: z.string(),
        personId: z.string(),
        name: z.string(),
        cell: z.string().nullable(),
        status: z.enum(['enrolled', 'waiting', 'withdrawn']),
        score: z.number().nullable(),
        attendancePct: z.number().nullable(),
        result: z.enum(['passed', 'failed']).nullable(),
        certificate: z.string().nullable(),
        certificateRevoked: z.boolean(),
      }),
    ),
    materials: z.array(z.object({ id: z.string(), fileName: z.string(), size: z.number() })),
    actions: z.array(z.enum(['course.read', 'course.create', 'course.manage', 'course.enrol'])),
  })
  .meta({ id: 'TrainingCourseDetail' });
const Candidate = z.object({
  personId: z.string(),
  name: z.string(),
  cellId: z.string(),
  cell: z.string(),
  commune: z.string().nullable(),
  position: z.string().nullable(),
  since: z.string(),
  theoryLevel: z.string(),
  lastTrained: z.string().nullable(),
});
const Verification = z
  .object({
    code: z.string(),
    status: z.enum(['valid', 'revoked', 'expired']),
    signature: z.enum(['valid', 'invalid', 'absent']),
    personName: z.string(),
    courseTitle: z.string(),
    organizer: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    hours: z.number(),
    attendancePct: z.number(),
    score: z.number().nullable(),
    result: z.string(),
    issuedOn: z.string(),
    expiresOn: z.string().nullable(),
    revokedOn: z.string().nullable(),
    revokedReason: z.string().nullable(),
  })
  .meta({ id: 'CertificateVerification' });
const UntrainedQuery = z.strictObject({
  unitId: z.uuid().optional(),
  group: z.string().regex(/^[a-z0-9_]{1,40}$/).default('secretaries'),
  years: z.coerce.number().int().min(1).max(20).default(5),
});
const ACCEPTED = /\.(pdf|docx|pptx)$/i;
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export async function trainingRoutes(scope: FastifyInstance, { database, config }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['training'];

  app.get(
    '/api/training/reference',
    {
      schema: {
        ...operation('trainingReference', 'Kinds of course, target groups, suggestion rules, and where the reader may organize a course', access.read), tags,
        response: { 200: z.object({ organizerUnits: z.array(z.object({ id: z.string(), name: z.string() })), kinds: z.array(Named.extend({ theoryLevel: z.string().nullable(), minAttendancePct: z.number(), minScore: z.number().nullable() })), targetGroups: z.array(Named), suggestionRules: z.array(Named) }), ...errors(401) },
      },
    },
    async (request) => trainingReference(db, requireActor(request)),
  );

  app.get(
    '/api/training/courses',
    {
      schema: {
        ...operation('listTrainingCourses', 'The courses the reader sees: those of their branch and of the units above it', access.read), tags,
        querystring: z.strictObject({
          status: z.enum(['open', 'completed', 'cancelled']).optional(),
          year: z.coerce.number().int().min(1990).max(2100).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(Course), total: z.number() }), ...errors(400, 401) },
      },
    },
    async (request) => listCourses(db, requireActor(request), request.query),
  );

  app.post(
    '/api/training/courses',
    { schema: { ...operation('createTrainingCourse', 'Create a course of a unit, with its sessions', access.write), tags, body: CourseBody, response: { 201: z.object({ id: z.string() }), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await createCourse(db, requireActor(request), request.body)),
  );

  app.get('/api/training/courses/:id', { schema: { ...operation('getTrainingCourse', 'A course with its sessions, attendance, enrolments, materials and what the reader may do', access.read), tags, params: Id, response: { 200: CourseDetail, ...errors(400, 401, 404) } } }, async (request) =>
    getCourse(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/training/courses/:id/sessions',
    { schema: { ...operation('addTrainingSession', 'Add a session to a course', access.write), tags, params: Id, body: SessionBody, response: { 201: z.object({ id: z.string() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await addSession(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/training/courses/:id/enrolments',
    {
      schema: {
        ...operation('enrolTrainees', 'Enrol one person or a whole list: seats first, then the waiting list; beyond it nothing is saved', access.write), tags,
        params: Id,
        body: EnrolBody,
        response: { 200: z.object({ enrolled: z.number(), waiting: z.number() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => enrol(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/api/training/courses/:id/suggestions',
    { schema: { ...operation('trainingSuggestions', 'Who the suggestion rules propose for the course, in the reader\'s branch, with the rules that chose them', access.read), tags, params: Id, response: { 200: z.object({ items: z.array(Candidate.extend({ rules: z.array(z.string()) })) }), ...errors(400, 401, 403, 404) } } },
    async (request) => suggestionsFor(db, requireActor(request), request.params.id),
  );

  app.put(
    '/api/training/sessions/:id/attendance',
    {
      schema: {
        ...operation('recordTrainingAttendance', 'Record who was present at a session; only persons enrolled in the course', access.write), tags,
        params: Id,
        body: AttendanceBody,
        response: { 200: z.object({ recorded: z.number() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => recordAttendance(db, requireActor(request), request.params.id, request.body),
  );

  app.put(
    '/api/training/enrolments/:id/score',
    { schema: { ...operation('recordTrainingScore', 'The final test score of a trainee (0–10)', access.write), tags, params: Id, body: ScoreBody, response: { 200: z.object({ score: z.number().nullable() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => recordScore(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/training/enrolments/:id/withdraw',
    { schema: { ...operation('withdrawTrainee', 'Withdraw an enrolment; the seat goes to the first on the waiting list', access.write), tags, params: Id, body: z.strictObject({}).optional(), response: { 200: z.object({ promoted: z.string().nullable() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => withdraw(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/training/theory-trend',
    {
      schema: {
        ...operation('trainingTheoryTrend', 'Per year (six years to today) under a unit: secretaries, the share with elementary theory or higher, the untrained', access.read), tags,
        querystring: z.strictObject({ unitId: z.uuid().optional() }),
        response: {
          200: z.object({ unitId: z.string(), unitName: z.string(), items: z.array(z.object({ year: z.number(), date: z.string(), secretaries: z.number(), theoryPct: z.number().nullable(), untrained: z.number().nullable() })) }).meta({ id: 'TrainingTheoryTrend' }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => theoryTrend(db, requireActor(request), request.query),
  );

  app.patch(
    '/api/training/courses/:id',
    {
      schema: {
        ...operation('editTrainingCourse', 'Change an open course: title, dates, place, capacity and rules; a raised capacity seats the first waiting', access.write), tags,
        params: Id,
        body: CourseEditBody,
        response: { 200: z.object({ seated: z.number() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => editCourse(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/training/courses/:id/cancel',
    { schema: { ...operation('cancelTrainingCourse', 'Cancel an open course; its trainees and those waiting are told', access.write), tags, params: Id, body: CancelCourseBody, response: { 200: z.object({ notified: z.number() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => cancelCourse(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/training/courses/:id/complete',
    {
      schema: {
        ...operation('completeTrainingCourse', 'Complete the course: results by its rules, certificates, theory levels raised', access.write), tags,
        params: Id,
        body: z.strictObject({}).optional(),
        response: { 200: z.object({ trainees: z.number(), passed: z.number(), theoryRaised: z.number() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => completeCourse(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/training/enrolments/:id/certificate',
    { schema: { ...operation('trainingCertificatePdf', 'The certificate of a passed trainee as a PDF with its code and QR code', access.read), tags, params: Id, response: { 200: fileAnswer(PDF_MIME, 'The certificate (PDF)'), ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const { pdf, fileName } = await certificatePdf(db, requireActor(request), request.params.id, originOf(request));
      return download(reply, fileName, PDF_MIME).send(pdf);
    },
  );

  app.post(
    '/api/training/enrolments/:id/certificate/revoke',
    { schema: { ...operation('revokeTrainingCertificate', 'Revoke a certificate: its code stays and says so', access.write), tags, params: Id, body: RevokeBody, response: { 200: z.object({ code: z.string(), revokedOn: z.string() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => revokeCertificate(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/training/courses/:id/materials',
    {
      schema: {
        ...operation('attachTrainingMaterial', 'Upload a material of the course (multipart: file, a PDF, DOCX or PPTX)', access.write), tags,
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ id: z.string(), fileName: z.string(), size: z.number() }), ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const stored = await receiveUpload(request, { dataDir: config.dataDir, fileField: 'file', accept: ({ fileName }) => ACCEPTED.test(fileName), refusal: 'Send a PDF, DOCX or PPTX file' });
      if (!stored) throw invalid([{ path: 'file', code: 'required', message: 'Choose a file' }]);
      try {
        return await attachMaterial(db, actor, request.params.id, { fileName: stored.fileName, content: await fs.readFile(stored.filePath) });
      } finally {
        await removeUpload(stored);
      }
    },
  );

  app.get(
    '/api/training/courses/:id/materials/:materialId',
    { schema: { ...operation('downloadTrainingMaterial', 'A material of the course', access.read), tags, params: z.object({ id: z.uuid(), materialId: z.uuid() }), response: { 200: fileAnswer(PDF_MIME, 'The file'), ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const m = await readMaterial(db, requireActor(request), request.params.id, request.params.materialId);
      return download(reply, m.fileName, m.mime).send(m.content);
    },
  );

  app.get(
    '/api/training/untrained',
    { schema: { ...operation('untrainedTrainees', 'Who of a target group under a unit has passed no course in the last N years', access.read), tags, querystring: UntrainedQuery, response: { 200: z.object({ group: z.string(), years: z.number(), items: z.array(Candidate) }), ...errors(400, 401, 404) } } },
    async (request) => untrained(db, requireActor(request), request.query),
  );

  app.get(
    '/api/training/untrained.xlsx',
    { schema: { ...operation('untrainedWorkbook', 'The untrained list and the yearly training figures as Excel', access.read), tags, querystring: UntrainedQuery, response: { 200: fileAnswer(XLSX_MIME, 'The workbook'), ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const { buffer, fileName } = await untrainedWorkbook(db, requireActor(request), request.query);
      return download(reply, fileName, XLSX_MIME).send(buffer);
    },
  );

  app.get(
    '/api/public/training/certificates/:code',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        ...operation('verifyTrainingCertificate', 'Check a certificate by its code (and the signature its QR code carries): status and what it certifies', access.anyone), tags: ['training (public)'],
        params: z.object({ code: z.string().min(4).max(40).regex(/^[A-Za-z0-9-]+$/) }),
        querystring: z.strictObject({ s: z.string().max(200).regex(/^[A-Za-z0-9_-]*$/).optional() }),
        response: { 200: Verification, ...errors(400, 404, 429) },
      },
    },
    async (request) => verifyCertificate(db, request.params.code, request.query.s),
  );
}
