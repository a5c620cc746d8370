// What the dashboard's routes answer, out of the routes: the unit asked for as it stood on the date, its figures and
// its children's (GET /api/dashboard, the workbook), and the module figures' monthly trend (GET /api/dashboard/trend).
import { z } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import { authorize, homeUnitFor, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { FigureProvider } from '../../platform/figures.js';
import { standingByDay } from '../org/branch.js';
import { lineage } from '../org/history.js';
import { unitPolicy } from '../org/policy.js';
import { presentUnit, UnitSchema } from '../org/presenter.js';
import { findUnit, firstVersion, type UnitRow } from '../org/tree.js';
import { computeBranchFigures, FiguresSchema } from './figures.js';

export interface DashboardQuery {
  unitId?: string;
  date?: string;
}

/** A module figure's name in both languages (platform/figures.ts `label`): the web shows the one of its language. */
export const FigureLabelSchema = z.object({ vi: z.string(), en: z.string() }).meta({ id: 'FigureLabel' });

export const DashboardSchema = z.object({
  unit: UnitSchema,
  date: z.string(),
  figures: FiguresSchema,
  children: z.array(z.object({
    unit: UnitSchema,
    figures: FiguresSchema,
    /** The child's values of the module figures drawn as a chart (`chart`), so the web draws the children side by side. */
    moduleFigures: z.array(z.object({ key: z.string(), value: z.number().nullable() })),
  })),
  /** The figures other modules add (platform/figures.ts), of the unit on the date, in registry order. */
  moduleFigures: z.array(z.object({ key: z.string(), label: FigureLabelSchema, value: z.number().nullable(), chart: z.string().optional() })),
}).meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DashboardTrendSchema = z.object({
  unit: UnitSchema,
  date: z.string(),
  /** The dates of the points: the last day of each of the 11 months before the date's month, then the date. */
  dates: z.array(z.string()),
  /**
   * One series per module figure that has a trend (platform/figures.ts `trend`), in registry order. A point before
   * the unit was formed is its predecessors' figure then (issue 16); null when nothing stood for it that day.
   */
  series: z.array(z.object({ key: z.string(), label: FigureLabelSchema, trend: z.enum(['pct', 'count']), values: z.array(z.number().nullable()) })),
}).meta({ id: 'DashboardTrend' });
export type DashboardTrend = z.infer<typeof DashboardTrendSchema>;

/** A year of monthly points up to `date`: the last day of each of the 11 months before its month, then the date itself. */
export function monthlyPoints(date: string): string[] {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const out: string[] = [];
  for (let i = 11; i >= 1; i--) out.push(new Date(Date.UTC(y, m - i, 0)).toISOString().slice(0, 10));
  out.push(date);
  return out;
}

/**
 * The unit asked for (default: the actor's first grant, the wider when nested) as it stood on the date, checked
 * against the actor's branches. Before a unit was formed, what stood for it then (a new province on 31/12/2024: the
 * old provinces) — the unit is read in its first version; after it closed, 404 (what it became has its own).
 */
export async function dashboardUnit(exec: Executor, actor: Actor, query: DashboardQuery): Promise<{ unit: UnitRow; date: string }> {
  const date = query.date ?? todayIso();
  const unitId = query.unitId ?? homeUnitFor(unitPolicy, actor, 'unit.read');
  if (!unitId) throw notFound('Unit');
  const unit = (await findUnit(exec, unitId, date)) ?? ((await lineage(exec, unitId)).predecessors.length ? await firstVersion(exec, unitId) : undefined);
  if (!unit || (unit.validTo && unit.validTo <= date)) throw notFound('Unit');
  authorize(unitPolicy, actor, 'unit.read', { path: unit.path }, 'Unit');
  return { unit, date };
}

/** The unit's figures on the date and its children's, with the module figures of the unit. */
export async function loadDashboard(
  exec: Executor,
  actor: Actor,
  query: DashboardQuery,
  providers: readonly FigureProvider[],
): Promise<{ body: Dashboard; path: string; childPaths: string[] }> {
  const { unit, date } = await dashboardUnit(exec, actor, query);
  const at = { unitId: unit.id, path: unit.path, date };
  // The figures drawn as a chart are asked for the unit and its children together, in the one statement of the
  // provider's computeMany (the web compares the children in the chart); the others for the unit alone.
  const charted = providers.filter((p) => p.chart && p.computeMany);
  const [{ figures, children }, values] = await Promise.all([
    computeBranchFigures(exec, { unit, date }),
    Promise.all(providers.map((p) => (charted.includes(p) ? null : p.compute(exec, at)))),
  ]);
  const units = [{ unitId: unit.id, path: unit.path }, ...children.map((c) => ({ unitId: c.unit.id, path: c.unit.path }))];
  const chartValues = new Map(await Promise.all(charted.map(async (p) => [p, await p.computeMany!(exec, units, date)] as const)));
  const valueOf = (p: FigureProvider, i: number) => (chartValues.get(p)?.[0] ?? values[i] ?? null);
  const moduleFigures = providers.map((p, i) => ({ key: p.key, label: p.label, value: valueOf(p, i), ...(p.chart ? { chart: p.chart } : {}) }));
  return {
    body: {
      unit: presentUnit(unit),
      date,
      figures,
      children: children.map((c, j) => ({
        unit: presentUnit(c.unit),
        figures: c.figures,
        moduleFigures: charted.map((p) => ({ key: p.key, value: chartValues.get(p)![j + 1] ?? null })),
      })),
      moduleFigures,
    },
    path: unit.path,
    childPaths: children.map((c) => c.unit.path),
  };
}

/**
 * The trend of each provider that declares one, for one unit over `dates`: what `compute` gives on each day (the
 * dashboard of that day), null on a day nothing stood for the unit (one statement for all days). A provider with
 * `trendMany` answers all days in ONE statement; the others, and every provider when `perDay` is set (the
 * benchmark's baseline), run `compute` once per day — with the unit's path that day, or its first one before it
 * was formed.
 */
export async function moduleTrend(
  exec: Executor,
  providers: readonly FigureProvider[],
  unit: { id: string; path: string },
  dates: string[],
  options: { perDay?: boolean } = {},
): Promise<DashboardTrend['series']> {
  const trending = providers.filter((p) => p.trend);
  const days = await standingByDay(exec, unit.id, dates);
  const paths = days.map((d) => d.path);
  const columns = await Promise.all(
    trending.map((p) =>
      p.trendMany && !options.perDay
        ? p.trendMany(exec, { unitId: unit.id, dates, paths })
        : Promise.all(dates.map((date, i) => (days[i]!.stood ? p.compute(exec, { unitId: unit.id, path: paths[i] ?? unit.path, date }) : null))),
    ),
  );
  return trending.map((p, k) => ({
    key: p.key,
    label: p.label,
    trend: p.trend!,
    values: dates.map((_, i) => (days[i]!.stood ? (columns[k]![i] ?? null) : null)),
  }));
}

/** GET /api/dashboard/trend: the unit as the dashboard of the date reads it, and its module figures' monthly trend. */
export async function loadTrend(exec: Executor, actor: Actor, query: DashboardQuery, providers: readonly FigureProvider[]): Promise<DashboardTrend> {
  const { unit, date } = await dashboardUnit(exec, actor, query);
  const dates = monthlyPoints(date);
  return { unit: presentUnit(unit), date, dates, series: await moduleTrend(exec, providers, unit, dates) };
}
