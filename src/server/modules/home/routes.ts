// The home page and the search box over HTTP.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, errors, operation } from '../../platform/openapi.js';
import { FiguresSchema } from '../dashboard/figures.js';
import { searchEverywhere } from './search.js';
import { home } from './service.js';

const Task = z
  .object({
    key: z.string(),
    label: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    count: z.number(),
    link: z.string(),
    due: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'HomeTask' });
const Change = z.object({ id: z.string(), at: z.string(), actorName: z.string().nullable(), action: z.string(), entityType: z.string() });
const Home = z
  .object({
    tasks: z.array(Task),
    changes: z.array(Change),
    figures: z.object({ unit: z.object({ id: z.string(), name: z.string() }), values: FiguresSchema }).nullable(),
  })
  .meta({ id: 'Home' });
const SearchResult = z
  .object({
    units: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), kind: z.string(), parent: z.string().nullable() })),
    people: z.array(z.object({ id: z.string(), fullName: z.string(), unitName: z.string() })),
    cases: z.array(z.object({ id: z.string(), number: z.string(), category: z.string(), receivedOn: z.string(), cell: z.string(), excerpt: z.string() })),
  })
  .meta({ id: 'SearchResult' });

export async function homeRoutes(scope: FastifyInstance, { database, taskProviders, signalProviders }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['home'];

  app.get(
    '/api/home',
    { schema: { ...operation('getHome', "The reader's home: what needs them now (grouped, counted), what changed in their branch, its key figures", access.read), tags, response: { 200: Home, ...errors(401) } } },
    async (request) => home(db, requireActor(request), taskProviders, request.log, { signalProviders }),
  );

  app.get(
    '/api/search',
    {
      schema: {
        ...operation('searchEverywhere', 'Units by name or code, people by name, cases by number or text — what the reader may open', access.read), tags,
        querystring: z.strictObject({ q: z.string().max(100) }),
        response: { 200: SearchResult, ...errors(400, 401) },
      },
    },
    async (request) => searchEverywhere(db, requireActor(request), request.query),
  );
}
