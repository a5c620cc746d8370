// Member records over HTTP. Thin: the schema validates, the service decides, the presenter shapes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import { CellPosition, ConcurrentPost, EducationLevel, EquipmentKind, PersonStatus, Sex, TheoryLevel } from '../../../domain/enums.js';
import { crossRuleIssuesOf, IsoDate, NewPerson, personPatchSchema } from '../../../domain/person.js';
import type { Deps } from '../../platform/module.js';
import type { Actor } from '../../platform/access.js';
import { requireActor, validationFields } from '../../platform/http.js';
import { cachedJson } from '../../platform/cache/index.js';
import { invalid } from '../../platform/errors.js';
import {
  addEquipment,
  addPosition,
  addPost,
  closePerson,
  createPerson,
  endPosition,
  endPost,
  getPerson,
  transferPerson,
  updatePerson,
} from './service.js';
import { listPeople } from './list.js';
import { directoryCache } from './directory.js';
import { access, errors, operation } from '../../platform/openapi.js';

const PersonSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  sex: Sex,
  ethnicity: z.string(),
  partyCardNo: z.string().nullable(),
  joinedOn: z.string(), officialOn: z.string().nullable(), // the two dates of membership
  cccd: z.string().nullable(),
  phone: z.string().nullable(),
  education: EducationLevel,
  theoryLevel: TheoryLevel,
  status: PersonStatus,
  statusDate: z.string().nullable(),
  /** `parentName` (the cell's commune) where the person is listed out of their cell's context. */
  unit: z.object({ id: z.string(), name: z.string(), parentName: z.string().nullable().optional() }).nullable(),
  positions: z.array(CellPosition),
  posts: z.array(ConcurrentPost),
}).meta({ id: 'Person' });
const Dated = { validFrom: z.string(), validTo: z.string().nullable() };
const PositionSchema = z.object({ id: z.string(), unitId: z.string(), unitName: z.string(), position: CellPosition, ...Dated }).meta({ id: 'PositionRecord' });
const PostSchema = z.object({ id: z.string(), post: ConcurrentPost, title: z.string().nullable(), ...Dated }).meta({ id: 'PostRecord' });
const EquipmentSchema = z.object({ id: z.string(), kind: EquipmentKind, issuedOn: z.string(), returnedOn: z.string().nullable(), note: z.string().nullable() }).meta({ id: 'EquipmentRecord' });
const Id = z.object({ id: z.uuid() });
const OnePerson = z.object({ person: PersonSchema });
const PeoplePage = z.object({ items: z.array(PersonSchema), nextCursor: z.string().nullable() });

export async function peopleRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['people'];
  // Ending a dated record (a cell position, a concurrent post) on a date: the same request, each its own answer.
  // The answer is checked against its schema when it is sent.
  const endOn = (path: string, operationId: string, summary: string, answer: z.ZodType, end: (actor: Actor, id: string, body: { to: string }) => Promise<unknown>) =>
    app.post(
      path,
      { schema: { ...operation(operationId, summary, access.write), tags, params: Id, body: z.strictObject({ to: IsoDate }), response: { 200: answer, ...errors(400, 401, 403, 404, 409) } } },
      async (request) => end(requireActor(request), request.params.id, request.body),
    );

  app.get(
    '/api/people',
    {
      schema: {
        ...operation('listPeople', 'Members of a branch, searched by name, card or CCCD, a page at a time', access.read), tags,
        querystring: z.strictObject({
          unitId: z.uuid().optional(),
          q: z.string().trim().max(100).optional(),
          status: z.enum(['active', 'closed']).optional(),
          date: IsoDate.optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(400).optional(),
        }),
        response: { 200: PeoplePage, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return cachedJson(request, reply, actor, {
        kind: 'people',
        schema: PeoplePage,
        load: async () => {
          const { paths, ...body } = await listPeople(db, actor, request.query, directoryCache(request.server.cache));
          return { body, paths };
        },
      });
    },
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        ...operation('getPerson', "A member's record: memberships, positions, posts, equipment and the actions allowed", access.read), tags,
        params: Id,
        response: {
          200: z.object({
            person: PersonSchema,
            memberships: z.array(z.object({ id: z.string(), unitId: z.string(), unitName: z.string(), ...Dated })),
            positions: z.array(PositionSchema),
            posts: z.array(PostSchema),
            equipment: z.array(EquipmentSchema),
            actions: z.array(z.string()),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => getPerson(db, requireActor(request), request.params.id),
  );

  // Field errors are attached rather than thrown, so the cross-field rules (dates in order, not in the future)
  // are reported in the same answer: every problem of the form at once.
  app.post('/api/people', {
    attachValidation: true,
    schema: {
      ...operation('createPerson', 'Add a member to a cell', access.write), tags,
      body: NewPerson,
      response: { 201: OnePerson, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const issues = [...validationFields(request.validationError, request), ...crossRuleIssuesOf(request.body, todayIso())];
    if (issues.length) throw invalid(issues);
    return reply.status(201).send({ person: await createPerson(db, requireActor(request), request.body) });
  });

  app.patch('/api/people/:id', {
    schema: {
      ...operation('updatePerson', "Correct a member's record", access.write), tags,
      params: Id,
      body: personPatchSchema,
      response: { 200: OnePerson, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => ({
    person: await updatePerson(db, requireActor(request), request.params.id, request.body),
  }));

  app.post(
    '/api/people/:id/transfer',
    {
      schema: {
        ...operation('transferPerson', 'Transfer a member to another cell from a date', access.write), tags,
        params: Id,
        body: z.strictObject({ toUnitId: z.uuid(), date: IsoDate }),
        response: { 200: OnePerson, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ person: await transferPerson(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post(
    '/api/people/:id/close',
    {
      schema: {
        ...operation('closePerson', "Close a member's record (left or deceased) from a date", access.write), tags,
        params: Id,
        body: z.strictObject({ reason: z.enum(['left', 'deceased']), date: IsoDate }),
        response: { 200: OnePerson, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ person: await closePerson(db, requireActor(request), request.params.id, request.body) }),
  );

  app.post(
    '/api/people/:id/positions',
    {
      schema: {
        ...operation('addPosition', 'Start a cell position (secretary, deputy) for a member', access.write), tags,
        params: Id,
        body: z.strictObject({ position: CellPosition, from: IsoDate }),
        response: { 201: z.object({ position: PositionSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ position: await addPosition(db, requireActor(request), request.params.id, request.body) }),
  );

  endOn('/api/positions/:id/end', 'endPosition', 'End a cell position on a date', z.object({ position: PositionSchema }), async (actor, id, body) => ({
    position: await endPosition(db, actor, id, body),
  }));

  app.post(
    '/api/people/:id/posts',
    {
      schema: {
        ...operation('addPost', 'Start a concurrent post (village head, …) for a member', access.write), tags,
        params: Id,
        body: z.strictObject({ post: ConcurrentPost, title: z.string().trim().max(120).nullish(), from: IsoDate }),
        response: { 201: z.object({ post: PostSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ post: await addPost(db, requireActor(request), request.params.id, request.body) }),
  );

  endOn('/api/posts/:id/end', 'endPost', 'End a concurrent post on a date', z.object({ post: PostSchema }), async (actor, id, body) => ({
    post: await endPost(db, actor, id, body),
  }));

  app.post(
    '/api/people/:id/equipment',
    {
      schema: {
        ...operation('addEquipment', 'Record equipment issued to a member', access.write), tags,
        params: Id,
        body: z.strictObject({ kind: EquipmentKind, issuedOn: IsoDate, note: z.string().trim().max(300).nullish() }),
        response: { 201: z.object({ equipment: EquipmentSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ equipment: await addEquipment(db, requireActor(request), request.params.id, request.body) }),
  );
}
