// The registry dashboard: the figures of one unit and of each of its children, as of a date, as JSON or .xlsx.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../domain/person.js';
import type { RouteDeps } from '../../platform/module.js';
import { readFor } from '../../platform/db/replicas.js';
import { download, XLSX_MIME } from '../../platform/downloads.js';
import { requireActor } from '../../platform/http.js';
import { cachedJson } from '../../platform/cache/index.js';
import { DashboardSchema, DashboardTrendSchema, loadDashboard, loadTrend } from './service.js';
import { dashboardWorkbook } from './workbook.js';
import { access, errors, fileAnswer, operation } from '../../platform/openapi.js';


const DashboardQuery = z.strictObject({ unitId: z.uuid().optional(), date: IsoDate.optional() });

// Figures may be a moment stale: they are read from a replica when there is one.
export async function dashboardRoutes(scope: FastifyInstance, { database, figureProviders }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  // A figure whose writes do not tell the change feed would go stale in memory: then nothing is kept there.
  const cacheable = figureProviders.every((p) => p.notifiesFigures);

  app.get(
    '/api/dashboard',
    {
      schema: {
        ...operation('getDashboard', 'The figures of a unit and of each of its children on a date', access.read), tags: ['dashboard'],
        querystring: DashboardQuery,
        response: { 200: DashboardSchema, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return cachedJson(request, reply, actor, {
        kind: 'figures',
        schema: DashboardSchema,
        uncached: !cacheable,
        load: async () => {
          const { body, path } = await loadDashboard(await readFor(database, request), actor, request.query, figureProviders);
          return { body, paths: [path] };
        },
      });
    },
  );

  app.get(
    '/api/dashboard/trend',
    {
      schema: {
        ...operation('getDashboardTrend', 'The module figures of a unit at the end of each of the last 12 months', access.read), tags: ['dashboard'],
        querystring: DashboardQuery,
        response: { 200: DashboardTrendSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => loadTrend(await readFor(database, request), requireActor(request), request.query, figureProviders),
  );

  app.get(
    '/api/dashboard/export.xlsx',
    {
      schema: {
        ...operation('exportDashboard', 'The dashboard table as a workbook', access.read),
        response: { 200: fileAnswer(XLSX_MIME, 'The dashboard table'), ...errors(400, 401, 404) },
        tags: ['dashboard'],
        querystring: DashboardQuery,
      },
    },
    async (request, reply) => {
      const exec = await readFor(database, request);
      const { body: dashboard, childPaths } = await loadDashboard(exec, requireActor(request), request.query, figureProviders);
      // The modules' figures for each child too: the workbook compares the children. A provider that answers many
      // units at once does so in one statement; the others, one indexed statement per child.
      const units = dashboard.children.map((c, i) => ({ unitId: c.unit.id, path: childPaths[i]! }));
      const byProvider = await Promise.all(
        figureProviders.map((p) =>
          p.computeMany ? p.computeMany(exec, units, dashboard.date) : Promise.all(units.map((u) => p.compute(exec, { ...u, date: dashboard.date }))),
        ),
      );
      const children = dashboard.children.map((c, i) => ({ ...c, moduleValues: byProvider.map((values) => values[i] ?? null) }));
      const moduleFigures = dashboard.moduleFigures.map((m) => ({ label: m.label.vi, value: m.value }));
      const body = await dashboardWorkbook({ ...dashboard, children, moduleFigures });
      const fileName = `Số liệu chi bộ - ${dashboard.unit.name} - ${dashboard.date}.xlsx`;
      return download(reply, fileName, XLSX_MIME).send(body);
    },
  );
}
