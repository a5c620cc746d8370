// The registry dashboard: the figures of one unit and of each of its children, as of a date, as JSON or .xlsx.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import { IsoDate } from '../../../domain/person.js';
import type { FigureProvider } from '../../platform/figures.js';
import type { RouteDeps } from '../../platform/module.js';
import { authorize, homeUnitFor, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import { readFor } from '../../platform/db/replicas.js';
import { download, XLSX_MIME } from '../../platform/downloads.js';
import { notFound } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import { cachedJson } from '../../platform/cache/index.js';
import { unitPolicy } from '../org/policy.js';
import { presentUnit, UnitSchema } from '../org/presenter.js';
import { findUnit, firstVersion } from '../org/tree.js';
import { lineage } from '../org/history.js';
import { computeBranchFigures, FiguresSchema } from './figures.js';
import { webLabel } from '../../platform/web-labels.js';
import { dashboardWorkbook } from './workbook.js';
import { access, errors, fileAnswer, operation } from '../../platform/openapi.js';


const DashboardQuery = z.strictObject({ unitId: z.uuid().optional(), date: IsoDate.optional() });
type DashboardQuery = z.infer<typeof DashboardQuery>;

const DashboardSchema = z.object({
  unit: UnitSchema,
  date: z.string(),
  figures: FiguresSchema,
  children: z.array(z.object({ unit: UnitSchema, figures: FiguresSchema })),
  /** The figures other modules add (platform/figures.ts), of the unit on the date, in registry order. */
  moduleFigures: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), chart: z.string().optional() })),
}).meta({ id: 'Dashboard' });
type Dashboard = z.infer<typeof DashboardSchema>;

const DashboardTrendSchema = z.object({
  unit: UnitSchema,
  date: z.string(),
  /** The dates of the points: the last day of each of the 11 months before the date's month, then the date. */
  dates: z.array(z.string()),
  /** One series per module figure that has a trend (platform/figures.ts `trend`), in registry order. */
  series: z.array(z.object({ key: z.string(), label: z.string(), trend: z.enum(['pct', 'count']), values: z.array(z.number().nullable()) })),
}).meta({ id: 'DashboardTrend' });

/** A year of monthly points up to `date`: the last day of each of the 11 months before its month, then the date itself. */
export function monthlyPoints(date: string): string[] {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const out: string[] = [];
  for (let i = 11; i >= 1; i--) out.push(new Date(Date.UTC(y, m - i, 0)).toISOString().slice(0, 10));
  out.push(date);
  return out;
}

/** The unit asked for (default: the actor's first grant, the wider when nested) as it stood on the date, its figures and its children's. */
export async function loadDashboard(
  exec: Executor,
  actor: Actor,
  query: DashboardQuery,
  providers: readonly FigureProvider[],
): Promise<{ body: Dashboard; path: string; childPaths: string[] }> {
  const date = query.date ?? todayIso();
  const unitId = query.unitId ?? homeUnitFor(unitPolicy, actor, 'unit.read');
  if (!unitId) throw notFound('Unit');
  // Before a unit was formed, its dashboard shows what stood for it then (a new province on 31/12/2024: the old
  // provinces, with their figures); after it closed, nothing (what it became has its own).
  const unit = (await findUnit(exec, unitId, date)) ?? ((await lineage(exec, unitId)).predecessors.length ? await firstVersion(exec, unitId) : undefined);
  if (!unit || (unit.validTo && unit.validTo <= date)) throw notFound('Unit');
  authorize(unitPolicy, actor, 'unit.read', { path: unit.path }, 'Unit');
  const at = { unitId: unit.id, path: unit.path, date };
  const [{ figures, children }, values] = await Promise.all([
    computeBranchFigures(exec, { unit, date }),
    Promise.all(providers.map((p) => p.compute(exec, at))),
  ]);
  const moduleFigures = providers.map((p, i) => ({ key: p.key, label: p.label, value: values[i], ...(p.chart ? { chart: p.chart } : {}) }));
  return {
    body: { unit: presentUnit(unit), date, figures, children: children.map((c) => ({ unit: presentUnit(c.unit), figures: c.figures })), moduleFigures },
    path: unit.path,
    childPaths: children.map((c) => c.unit.path),
  };
}

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
    async (request) => {
      const actor = requireActor(request);
      const exec = await readFor(database, request);
      const date = request.query.date ?? todayIso();
      const unitId = request.query.unitId ?? homeUnitFor(unitPolicy, actor, 'unit.read');
      if (!unitId) throw notFound('Unit');
      const unit = await findUnit(exec, unitId, date);
      if (!unit || (unit.validTo && unit.validTo <= date)) throw notFound('Unit');
      authorize(unitPolicy, actor, 'unit.read', { path: unit.path }, 'Unit');
      const providers = figureProviders.filter((p) => p.trend);
      const dates = monthlyPoints(date);
      // Each point is the figure as the dashboard shows it on that day: the unit as it stood then (none before it
      // was formed), one indexed statement per figure and point.
      const columns = await Promise.all(
        dates.map(async (d) => {
          const then = d === date ? unit : await findUnit(exec, unitId, d);
          if (!then || then.validFrom > d || (then.validTo && then.validTo <= d)) return providers.map(() => null);
          return Promise.all(providers.map((p) => p.compute(exec, { unitId, path: then.path, date: d })));
        }),
      );
      return {
        unit: presentUnit(unit),
        date,
        dates,
        series: providers.map((p, i) => ({ key: p.key, label: p.label, trend: p.trend!, values: columns.map((c) => c[i]!) })),
      };
    },
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
      const moduleFigures = dashboard.moduleFigures.map((m) => ({ label: webLabel(m.label, 'vi'), value: m.value }));
      const body = await dashboardWorkbook({ ...dashboard, children, moduleFigures });
      const fileName = `Số liệu chi bộ - ${dashboard.unit.name} - ${dashboard.date}.xlsx`;
      return download(reply, fileName, XLSX_MIME).send(body);
    },
  );
}
