// A figure any module adds to the dashboard of any node and date ("meetings held", "secretaries trained"):
// declared in the module's descriptor (platform/module.ts), asked for by GET /api/dashboard beside the registry
// figures, shown by the web as one card each. The dashboard's files never change for a new figure.
import type { Executor } from './db/index.js';

/** Where a figure is asked for: the node (a unit id and its path on `date`) and the date (YYYY-MM-DD). */
export interface FigureAt {
  unitId: string;
  /** The node's materialized path on `date`: a cell is under the node when its path on `date` starts with this. */
  path: string;
  date: string;
}

export interface FigureProvider {
  /** Unique across modules: `<module>.<figure>`, e.g. `meetings.held`. */
  key: string;
  /**
   * The figure's name in both languages, owned here with the figure: the web shows the one of its language on the
   * card, the chart and the trend; the workbook heads its column with the Vietnamese.
   */
  label: { vi: string; en: string };
  /**
   * Figures that belong together (the shares of a distribution) name one chart: the i18n key of its title. The
   * dashboard draws the providers naming the same chart as one bar chart, in registry order, instead of cards.
   */
  chart?: string;
  /**
   * Drawn as a monthly trend on the dashboard (GET /api/dashboard/trend: the figure at the end of each of the last
   * 12 months up to the date), in the chart of shares (`pct`) or of counts (`count`). Absent: no trend.
   */
  trend?: 'pct' | 'count';
  /**
   * The figure of the node on the date: ONE statement, on the dashboard's request (it runs on every dashboard
   * that is not answered from memory, at national scale too): read what the module keeps aggregated, by index.
   * null when the figure has no meaning there (a share of nothing). On a day before the unit was formed, the
   * figure is over the units that stood for it then (org's `standingOn`: a new commune's predecessors, issue 16).
   */
  compute(exec: Executor, at: FigureAt): Promise<number | null>;
  /**
   * Optional: the figure of one unit at each of `dates` (the dashboard's monthly trend) in ONE statement, in their
   * order — what `compute` gives for each day. `paths[i]` is the unit's own path on `dates[i]` (null before it was
   * formed: then, as in `compute`, the figure is over the units that stood for it, org's `standingOn`). Without it,
   * `compute` runs once per day.
   */
  trendMany?(exec: Executor, trend: { unitId: string; dates: string[]; paths: (string | null)[] }): Promise<(number | null)[]>;
  /**
   * Optional: the figure of many units on one date (a node's children, for the dashboard's workbook) in ONE statement,
   * in the order given — what `compute` gives for each. Without it, `compute` runs once per unit.
   */
  computeMany?(exec: Executor, units: { unitId: string; path: string }[], date: string): Promise<(number | null)[]>;
  /** The same figure computed from the module's raw rows, plainly: the reference its test compares `compute` with. */
  raw(exec: Executor, at: FigureAt): Promise<number | null>;
  /**
   * Whether every write that can move this figure sends `figures:<cell paths>` on the change feed at commit
   * (SQL `chibo_notify('figures', chibo_cell_paths(<cell ids>))` from the module's trigger; platform/cache).
   * Only then may a dashboard holding it be answered from memory; while one registered provider says false,
   * dashboards are computed on every request.
   */
  notifiesFigures: boolean;
}
