// The contest over HTTP: contests and rounds, judges, candidates, the question bank, the test, scores, results.
// Thin: schemas in, one service call, the answer out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { advancingCandidates } from './advancing.js';
import { Award, Difficulty, NewContest, NewQuestion, NewRound, QuestionCategory, Quota, RoundLevel, RoundRules, ScoreSheet } from '../../../domain/contest.js';
import { download, PDF_MIME, XLSX_MIME } from '../../platform/downloads.js';
import { invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, errors, fileAnswer, operation } from '../../platform/openapi.js';
import { receiveUpload, removeUpload } from '../../platform/uploads.js';
import { answerQuestion, finishAttempt, getAttempt, replayDraw, reviewAttempt, startAttempt } from './attempts.js';
import { addRound, assignJudges, createContest, eligibleSecretaries, getContest, judgesOf, listCandidates, listContests, registerCandidate } from './contests.js';
import { addQuestion, editQuestion, importQuestions, listQuestions } from './questions.js';
import { certificate, exportContest, publicResults, publishResults, roundRanking, verifyMerit } from './results.js';
import { judgeDeviations, judgeSheet, scoreCandidate } from './scoring.js';

const Id = z.object({ id: z.uuid() });
const Created = z.object({ id: z.string() });
const Round = z
  .object({ id: z.string(), level: RoundLevel, title: z.string(), opensAt: z.string(), closesAt: z.string(), state: z.enum(['upcoming', 'open', 'closed']), rules: RoundRules })
  .meta({ id: 'ContestRound' });
const Contest = z
  .object({
    id: z.string(),
    year: z.number(),
    title: z.string(),
    organizer: z.string(),
    awards: z.array(Award),
    published: z.boolean(),
    rounds: z.array(Round.extend({ judging: z.boolean(), myCandidateId: z.string().nullable(), myAward: z.enum(['first', 'second', 'third', 'consolation']).nullable() })),
    actions: z.array(z.enum(['contest.organize', 'contest.followResults'])),
    registerUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'Contest' });
const Candidate = z.object({ id: z.string(), personId: z.string(), name: z.string(), cell: z.string(), commune: z.string(), communeId: z.string() });
const Attempt = z
  .object({
    id: z.string(),
    candidateId: z.string(),
    startedAt: z.string(),
    deadline: z.string(),
    serverNow: z.string(),
    finished: z.boolean(),
    score: z.number().nullable(),
    questions: z.array(z.object({ id: z.string(), no: z.number(), category: QuestionCategory, text: z.string(), options: z.array(z.string()), multiple: z.boolean() })),
    answers: z.array(z.object({ questionId: z.string(), chosen: z.array(z.number()) })),
  })
  .meta({ id: 'ContestAttempt' });
const Review = z
  .object({
    id: z.string(),
    score: z.number().nullable(),
    startedAt: z.string(),
    deadline: z.string(),
    finishedAt: z.string().nullable(),
    questions: z.array(
      z.object({ id: z.string(), no: z.number(), category: QuestionCategory, difficulty: Difficulty, text: z.string(), options: z.array(z.string()), correct: z.array(z.number()), chosen: z.array(z.number()), answeredAt: z.string().nullable(), right: z.boolean() }),
    ),
  })
  .meta({ id: 'ContestReview' });
const AwardCode = z.enum(['first', 'second', 'third', 'consolation']);
const RankEntry = z.object({
  id: z.string(),
  name: z.string(),
  cell: z.string(),
  commune: z.string(),
  test: z.number().nullable(),
  presentation: z.number().nullable(),
  judges: z.number(),
  judgeTotals: z.array(z.number()),
  dropped: z.array(z.number()),
  total: z.number(),
  rank: z.number(),
  advances: z.boolean(),
  award: AwardCode.nullable(),
  /** The candidate's test, for an appeal's replay (null: no test taken). */
  attemptId: z.string().nullable(),
});
const PublicResults = z
  .object({
    year: z.number(),
    title: z.string(),
    publishedAt: z.string(),
    years: z.array(z.number()),
    rounds: z.array(
      z.object({ id: z.string(), level: RoundLevel, title: z.string(), entries: z.array(z.object({ rank: z.number(), name: z.string(), cell: z.string(), commune: z.string(), total: z.number().nullable(), award: AwardCode.nullable() })) }),
    ),
  })
  .meta({ id: 'ContestPublicResults' });
const Question = z.object({ id: z.string(), category: QuestionCategory, difficulty: Difficulty, text: z.string(), options: z.array(z.string()), correct: z.array(z.number()) });
const Judge = z.object({ userId: z.string(), name: z.string() });
const ACCEPTED = /\.xlsx$/i;

export async function contestRoutes(scope: FastifyInstance, { database, config }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['contest'];

  // Contests and rounds
  app.get('/api/contests', { schema: { ...operation('listContests', 'The contests of the years, newest first', access.read), tags, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), year: z.number(), title: z.string(), published: z.boolean() })) }), ...errors(401) } } }, async (request) => ({
    items: await listContests(db, requireActor(request)),
  }));
  app.post(
    '/api/contests',
    { schema: { ...operation('createContest', "Open a year's contest", access.write), tags, body: NewContest.extend({ organizerUnitId: z.uuid() }), response: { 201: Created, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send({ id: (await createContest(db, requireActor(request), request.body)).id }),
  );
  app.get('/api/contests/:id', { schema: { ...operation('getContest', 'A contest with its rounds and what the reader may do', access.read), tags, params: Id, response: { 200: Contest, ...errors(400, 401, 404) } } }, async (request) =>
    getContest(db, requireActor(request), request.params.id),
  );
  app.post(
    '/api/contests/:id/rounds',
    { schema: { ...operation('addContestRound', 'Add a round with its rules', access.write), tags, params: Id, body: NewRound, response: { 201: Created, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send({ id: (await addRound(db, requireActor(request), request.params.id, request.body)).id }),
  );
  app.post(
    '/api/contests/:id/publish',
    { schema: { ...operation('publishContestResults', 'Publish the rankings and awards (every round closed)', access.write), tags, params: Id, body: z.strictObject({}), response: { 200: z.object({ published: z.boolean(), candidates: z.number() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => publishResults(db, requireActor(request), request.params.id),
  );
  app.get(
    '/api/contests/:id/export.xlsx',
    { schema: { ...operation('exportContest', 'Participation and results per commune, and the rankings, as Excel', access.read), tags, params: Id, response: { 200: fileAnswer(XLSX_MIME, 'The workbook'), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const file = await exportContest(db, requireActor(request), request.params.id);
      return download(reply, file.fileName, XLSX_MIME).send(file.xlsx);
    },
  );
  app.put(
    '/api/contest-rounds/:id/judges',
    {
      schema: {
        ...operation('assignContestJudges', 'Set the panel of judges of a round (accounts by username)', access.write), tags,
        params: Id,
        body: z.strictObject({ usernames: z.array(z.string().trim().min(1).max(100)).max(30) }),
        response: { 200: z.object({ judges: z.array(Judge.extend({ username: z.string() })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => assignJudges(db, requireActor(request), request.params.id, request.body),
  );
  app.get('/api/contest-rounds/:id/judges', { schema: { ...operation('listContestJudges', 'The panel of a round', access.read), tags, params: Id, response: { 200: z.object({ judges: z.array(Judge) }), ...errors(400, 401, 403, 404) } } }, async (request) =>
    judgesOf(db, requireActor(request), request.params.id),
  );

  // Candidates
  app.get(
    '/api/contest-rounds/:id/candidates',
    { schema: { ...operation('listContestCandidates', "A round's candidates in the reader's branch (a judge sees the round's)", access.read), tags, params: Id, response: { 200: z.object({ round: Round, candidates: z.array(Candidate) }), ...errors(400, 401, 404) } } },
    async (request) => listCandidates(db, requireActor(request), request.params.id),
  );
  app.post(
    '/api/contest-rounds/:id/candidates',
    { schema: { ...operation('registerContestCandidate', 'Register a cell secretary in a round', access.write), tags, params: Id, body: z.strictObject({ personId: z.uuid() }), response: { 201: Created, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await registerCandidate(db, requireActor(request), request.params.id, request.body)),
  );
  app.get(
    '/api/contest-rounds/:id/advancing',
    {
      schema: {
        ...operation('listContestAdvancing', "Who the commune round sends on to this province round, in the reader's branch, and whether already registered", access.read), tags,
        params: Id,
        response: {
          200: z.object({
            round: Round,
            from: z.object({ id: z.string(), title: z.string(), state: z.enum(['upcoming', 'open', 'closed']) }).nullable(),
            items: z.array(z.object({ personId: z.string(), name: z.string(), cell: z.string(), commune: z.string(), rank: z.number(), total: z.number(), registered: z.boolean() })),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => advancingCandidates(db, requireActor(request), request.params.id),
  );
  app.get(
    '/api/contest-units/:id/secretaries',
    {
      schema: {
        ...operation('listContestEligible', 'The cell secretaries under a unit the reader may register', access.read), tags,
        params: Id,
        response: { 200: z.object({ items: z.array(z.object({ personId: z.string(), name: z.string(), cellId: z.string(), cell: z.string() })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await eligibleSecretaries(db, requireActor(request), request.params.id) }),
  );

  // The question bank
  app.get(
    '/api/contest-questions',
    {
      schema: {
        ...operation('listContestQuestions', 'The question bank, with the size of each pool (category × difficulty)', access.read), tags,
        querystring: z.strictObject({ category: QuestionCategory.optional(), limit: z.coerce.number().int().min(1).max(100).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
        response: { 200: z.object({ items: z.array(Question), total: z.number(), pools: z.array(z.object({ category: QuestionCategory, difficulty: Difficulty, count: z.number() })) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => listQuestions(db, requireActor(request), request.query),
  );
  app.put(
    '/api/contest-questions/:id',
    {
      schema: {
        ...operation('editContestQuestion', 'Edit one question; once drawn in a test its correct answers stay, once in a drawn bank its category and difficulty', access.write), tags,
        params: Id,
        body: NewQuestion,
        response: { 200: Created, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => editQuestion(db, requireActor(request), request.params.id, request.body),
  );
  app.post('/api/contest-questions', { schema: { ...operation('addContestQuestion', 'Add a question to the bank', access.write), tags, body: NewQuestion, response: { 201: Created, ...errors(400, 401, 403) } } }, async (request, reply) =>
    reply.status(201).send(await addQuestion(db, requireActor(request), request.body)),
  );
  app.post(
    '/api/contest-questions/import',
    {
      schema: {
        ...operation('importContestQuestions', 'Import questions from an Excel workbook (all rows or none)', access.write), tags,
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ imported: z.number() }), ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const stored = await receiveUpload(request, { dataDir: config.dataDir, fileField: 'file', accept: ({ fileName }) => ACCEPTED.test(fileName), refusal: 'Send the questions as an Excel workbook (.xlsx)' });
      if (!stored) throw invalid([{ path: 'file', code: 'required', message: 'Choose a file' }]);
      try {
        return await importQuestions(db, actor, stored);
      } finally {
        await removeUpload(stored);
      }
    },
  );

  // The test
  app.post(
    '/api/contest-candidates/:id/attempt',
    { schema: { ...operation('startContestTest', 'Start the knowledge test (one attempt)', access.write), tags, params: Id, body: z.strictObject({}), response: { 201: Attempt, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await startAttempt(db, requireActor(request), request.params.id)),
  );
  app.get('/api/contest-candidates/:id/attempt', { schema: { ...operation('getContestTest', 'The test as it stands: questions and the answers saved', access.read), tags, params: Id, response: { 200: Attempt, ...errors(400, 401, 404) } } }, async (request) =>
    getAttempt(db, requireActor(request), request.params.id),
  );
  app.put(
    '/api/contest-attempts/:id/answers/:questionId',
    {
      schema: {
        ...operation('answerContestQuestion', 'Save the answer to one question (idempotent; refused after the time)', access.write), tags,
        params: z.object({ id: z.uuid(), questionId: z.uuid() }),
        body: z.strictObject({ chosen: z.array(z.number().int().min(0).max(5)).max(6) }),
        response: { 200: z.object({ questionId: z.string(), chosen: z.array(z.number()), saved: z.boolean() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => answerQuestion(db, requireActor(request), request.params.id, request.params.questionId, request.body),
  );
  app.post(
    '/api/contest-attempts/:id/finish',
    { schema: { ...operation('finishContestTest', 'Hand in the test before its time', access.write), tags, params: Id, body: z.strictObject({}), response: { 200: z.object({ score: z.number().nullable() }), ...errors(400, 401, 403, 404) } } },
    async (request) => finishAttempt(db, requireActor(request), request.params.id),
  );
  app.get('/api/contest-attempts/:id/review', { schema: { ...operation('reviewContestTest', 'The test with the right answers, once the round is closed', access.read), tags, params: Id, response: { 200: Review, ...errors(400, 401, 404, 409) } } }, async (request) =>
    reviewAttempt(db, requireActor(request), request.params.id),
  );
  app.get(
    '/api/contest-attempts/:id/draw',
    {
      schema: {
        ...operation('replayContestDraw', 'For an appeal: the seed and quotas of the draw, replayed', access.read), tags,
        params: Id,
        response: { 200: z.object({ seed: z.number(), quotas: z.array(Quota), drawn: z.array(z.string()), replayed: z.array(z.string()), same: z.boolean() }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => replayDraw(db, requireActor(request), request.params.id),
  );

  // Judges
  app.get(
    '/api/contest-rounds/:id/sheet',
    {
      schema: {
        ...operation('contestJudgeSheet', "The judge's own sheet: the candidates and the judge's own scores only", access.read), tags,
        params: Id,
        response: {
          200: z.object({
            round: Round,
            candidates: z.array(
              z.object({ id: z.string(), name: z.string(), cell: z.string(), commune: z.string(), myScore: z.object({ points: z.record(z.string(), z.number()), total: z.number(), submittedAt: z.string() }).nullable(), canScore: z.boolean(), ownCommune: z.boolean(), appealAttemptId: z.string().nullable() }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => judgeSheet(db, requireActor(request), request.params.id),
  );
  app.post(
    '/api/contest-candidates/:id/scores',
    { schema: { ...operation('scoreContestCandidate', "Submit the judge's score of a candidate (once)", access.write), tags, params: Id, body: ScoreSheet, response: { 201: z.object({ candidateId: z.string(), total: z.number() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await scoreCandidate(db, requireActor(request), request.params.id, request.body)),
  );
  app.get(
    '/api/contest-rounds/:id/deviations',
    {
      schema: {
        ...operation('contestJudgeDeviations', "Each judge's deviation from the rest of the panel", access.read), tags,
        params: Id,
        response: { 200: z.object({ judges: z.array(z.object({ userId: z.string(), name: z.string(), scored: z.number(), meanDeviation: z.number().nullable(), meanAbsDeviation: z.number().nullable() })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => judgeDeviations(db, requireActor(request), request.params.id),
  );

  // Results
  app.get('/api/contest-rounds/:id/ranking', { schema: { ...operation('contestRanking', "A round's ranking (organizers; before and after publishing)", access.read), tags, params: Id, response: { 200: z.object({ round: Round, published: z.boolean(), entries: z.array(RankEntry) }), ...errors(400, 401, 403, 404) } } }, async (request) =>
    roundRanking(db, requireActor(request), request.params.id),
  );
  app.get(
    '/api/contest-candidates/:id/certificate.pdf',
    { schema: { ...operation('contestCertificate', 'The certificate of merit of an awarded candidate (PDF)', access.read), tags, params: Id, response: { 200: fileAnswer(PDF_MIME, 'The certificate'), ...errors(400, 401, 404, 409) } } },
    async (request, reply) => {
      const file = await certificate(db, requireActor(request), request.params.id, `${request.protocol}://${request.host}`);
      return download(reply, file.fileName, PDF_MIME).send(file.pdf);
    },
  );
  app.get(
    '/api/public/contest-certificates/:id',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        ...operation('verifyContestCertificate', 'Check a certificate of merit by its code (and the signature its QR code carries)', access.anyone), tags: ['contest (public)'],
        params: Id,
        querystring: z.strictObject({ s: z.string().max(200).regex(/^[A-Za-z0-9_-]*$/).optional() }),
        response: {
          200: z.object({
            code: z.string(), signature: z.enum(['valid', 'invalid', 'absent']), personName: z.string(), cell: z.string(), commune: z.string(), contest: z.string(), year: z.number(),
            award: AwardCode, rank: z.number().nullable(), total: z.number().nullable(), publishedOn: z.string(),
          }).meta({ id: 'ContestCertificateCheck' }),
          ...errors(400, 404, 429),
        },
      },
    },
    async (request) => verifyMerit(db, request.params.id, request.query.s),
  );
  app.get(
    '/api/public/contests/:year/results',
    {
      config: { public: true },
      schema: { ...operation('contestPublicResults', "A year's published contest results, for anyone", access.anyone), tags, params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: PublicResults, ...errors(400, 404) } },
    },
    async (request) => publicResults(db, request.params.year),
  );
}

