// The tree over HTTP: read a unit, its roots and history; create, rename, move, merge, split, dissolve.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CellKind, UnitKind } from '../../../domain/enums.js';
import { IsoDate } from '../../../domain/person.js';
import type { Deps } from '../../platform/module.js';
import { allowed, authorize } from '../../platform/access.js';
import { requireActor } from '../../platform/http.js';
import { notFound } from '../../platform/errors.js';
import { orgExtensions } from './extensions.js';
import { unitPolicy } from './policy.js';
import { getUnitView, listRoots, searchUnits } from './read.js';
import { createUnit, dissolveUnit, mergeUnits, moveUnit, renameUnit, splitUnit, unitVersions } from './service.js';
import { findUnit, firstVersion } from './tree.js';
import { unitStory } from './history.js';
import { presentUnit, UnitSchema } from './presenter.js';
import { todayIso } from '../../../domain/dates.js';
import { access, errors, operation } from '../../platform/openapi.js';


const UnitNodeSchema = UnitSchema.extend({ memberCount: z.number(), secretaryName: z.string().nullable(), childCount: z.number() }).meta({ id: 'UnitNode' });
const UnitStateSchema = z.enum(['open', 'closed', 'not_yet']).meta({ id: 'UnitState', description: 'open; closed on or before the date; not_yet: formed after the date (shown as it first was)' });
const LinkedUnitSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), code: z.string().nullable(), on: z.string() }).meta({ id: 'LinkedUnit' });
const UnitRefSchema = z.object({ id: z.string(), name: z.string() });
const StoryLineSchema = z.object({
  kind: z.enum(['formed', 'renamed', 'moved', 'closed']),
  on: z.string(),
  name: z.string(),
  previousName: z.string().nullable(),
  parent: UnitRefSchema.nullable(),
  previousParent: UnitRefSchema.nullable(),
  units: z.array(LinkedUnitSchema),
  reason: z.string().nullable(),
}).meta({ id: 'UnitStoryLine' });
const Id = z.object({ id: z.uuid() });
const Name = z.string().trim().min(2, 'Enter a name').max(150);
const Code = z.string().trim().regex(/^[0-9A-Za-z.-]{2,20}$/, 'A code has 2–20 digits, letters, dots or dashes').nullish();
const One = z.object({ unit: UnitSchema });

export async function orgRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['units'];
  const { FiguresSchema, AuditEventSchema, listAuditEvents } = orgExtensions();

  app.get('/api/units/roots', {
    schema: {
      ...operation('listRootUnits', "The units at the top of the signed-in user's branches", access.read), tags,
      querystring: z.strictObject({ date: IsoDate.optional() }),
      response: { 200: z.object({ items: z.array(UnitNodeSchema.extend({ state: UnitStateSchema })) }), ...errors(400, 401) },
    },
  }, async (request) => ({
    items: await listRoots(db, requireActor(request), request.query.date),
  }));

  app.get(
    '/api/units/search',
    {
      schema: {
        ...operation('searchUnits', "Find units by name or code within the user's branches", access.read), tags,
        querystring: z.strictObject({ q: z.string().trim().max(100).default(''), kind: UnitKind.optional(), date: IsoDate.optional() }),
        response: { 200: z.object({ items: z.array(UnitSchema.extend({ path: z.string(), parentName: z.string().nullable() })) }), ...errors(400, 401) },
      },
    },
    async (request) => ({ items: await searchUnits(db, requireActor(request), request.query) }),
  );

  app.get(
    '/api/units/:id',
    {
      schema: {
        ...operation('getUnit', 'A unit as of a date: its ancestors, children, figures and the actions allowed', access.read), tags,
        params: Id,
        querystring: z.strictObject({ date: IsoDate.optional() }),
        response: {
          200: z.object({
            unit: UnitSchema,
            /** A cell's secretary, named for whoever may read the cell. */
            secretaryName: z.string().nullable(),
            state: UnitStateSchema,
            /** What it became (merged, split) and what it was formed from: links across a reorganization. */
            successors: z.array(LinkedUnitSchema),
            predecessors: z.array(LinkedUnitSchema),
            ancestors: z.array(UnitSchema),
            children: z.array(UnitNodeSchema),
            figures: FiguresSchema,
            actions: z.array(z.string()),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => getUnitView(db, requireActor(request), request.params.id, request.query.date),
  );

  app.get(
    '/api/units/:id/history',
    {
      schema: {
        ...operation('getUnitHistory', 'The versions of a unit and, for auditors, its audit events', access.read), tags,
        params: Id,
        response: {
          200: z.object({
            items: z.array(z.object({ validFrom: z.string(), validTo: z.string().nullable(), name: z.string(), parentId: z.string().nullable(), parentName: z.string().nullable() })),
            story: z.array(StoryLineSchema),
            events: z.array(AuditEventSchema),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = (await findUnit(db, request.params.id, todayIso())) ?? (await firstVersion(db, request.params.id));
      if (!unit) throw notFound('Unit');
      authorize(unitPolicy, actor, 'unit.read', { path: unit.path }, 'Unit');
      const items = await unitVersions(db, unit.id);
      // The event trail is for those who may audit; others see the versions only.
      const events = allowed(unitPolicy, actor, 'unit.audit', { path: unit.path })
        ? (await listAuditEvents(db, actor, { entityType: 'unit', entityId: unit.id, limit: 100 })).items
        : [];
      return { items, story: await unitStory(db, unit.id), events };
    },
  );

  app.post(
    '/api/units',
    {
      schema: {
        ...operation('createUnit', 'Open a unit under a parent from a date', access.write), tags,
        body: z.strictObject({ parentId: z.uuid(), kind: UnitKind.exclude(['province']), cellKind: CellKind.nullish(), name: Name, code: Code, validFrom: IsoDate }),
        response: { 201: One, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ unit: presentUnit(await createUnit(db, requireActor(request), request.body)) }),
  );

  app.post(
    '/api/units/:id/rename',
    {
      schema: {
        ...operation('renameUnit', 'Rename a unit from a date', access.write), tags,
        params: Id,
        body: z.strictObject({ name: Name, date: IsoDate }),
        response: { 200: One, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ unit: presentUnit(await renameUnit(db, requireActor(request), request.params.id, request.body)) }),
  );

  app.post(
    '/api/units/:id/move',
    {
      schema: {
        ...operation('moveUnit', 'Move a unit under another parent from a date', access.write), tags,
        params: Id,
        body: z.strictObject({ parentId: z.uuid(), date: IsoDate }),
        response: { 200: One, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ unit: presentUnit(await moveUnit(db, requireActor(request), request.params.id, request.body)) }),
  );

  app.post(
    '/api/units/merge',
    {
      schema: {
        ...operation('mergeUnits', 'Merge units into a new one from a date', access.write), tags,
        body: z.strictObject({ sourceIds: z.array(z.uuid()).min(2, 'Choose at least two units').max(20), name: Name, code: Code, cellKind: CellKind.nullish(), date: IsoDate }),
        response: { 201: One, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ unit: presentUnit(await mergeUnits(db, requireActor(request), request.body)) }),
  );

  app.post(
    '/api/units/:id/split',
    {
      schema: {
        ...operation('splitUnit', 'Split a unit into new ones, sharing out its members and children', access.write), tags,
        params: Id,
        body: z.strictObject({
          date: IsoDate,
          parts: z.array(z.strictObject({ name: Name, code: Code, personIds: z.array(z.uuid()).max(5000), childIds: z.array(z.uuid()).max(1000).optional() })).min(2).max(10),
        }),
        response: { 201: z.object({ units: z.array(UnitSchema) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ units: (await splitUnit(db, requireActor(request), request.params.id, request.body)).map(presentUnit) }),
  );

  app.post(
    '/api/units/:id/dissolve',
    {
      schema: {
        ...operation('dissolveUnit', 'Dissolve a unit from a date', access.write), tags,
        params: Id,
        body: z.strictObject({ date: IsoDate, reason: z.string().trim().min(3, 'Give a reason').max(500) }),
        response: { 200: One, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ unit: presentUnit(await dissolveUnit(db, requireActor(request), request.params.id, request.body)) }),
  );
}
