// The registry dashboard: the figures of one unit and of each of its children, as of a date, as JSON or .xlsx.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadExcel } from '../../platform/lazy.js';
import { z } from 'zod';
import { formatDateVi, todayIso } from '../../../domain/dates.js';
import { IsoDate } from '../../../domain/person.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { FigureProvider } from '../../platform/figures.js';
import type { RouteDeps } from '../../platform/module.js';
import { authorize, homeUnitFor, type Actor } from '../../platform/access.js';
import type { Executor } from '../../platform/db/index.js';
import { readFor } from '../../platform/db/replicas.js';
import { notFound } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import { cachedJson } from '../../platform/cache/index.js';
import { unitPolicy } from '../org/policy.js';
import { presentUnit, UnitSchema } from '../org/presenter.js';
import { findUnit } from '../org/tree.js';
import { computeBranchFigures, FiguresSchema, type Figures } from './figures.js';


const DashboardQuery = z.strictObject({ unitId: z.uuid().optional(), date: IsoDate.optional() });
type DashboardQuery = z.infer<typeof DashboardQuery>;

const DashboardSchema = z.object({
  unit: UnitSchema,
  date: z.string(),
  figures: FiguresSchema,
  children: z.array(z.object({ unit: UnitSchema, figures: FiguresSchema })),
  /** The figures other modules add (platform/figures.ts), of the unit on the date, in registry order. */
  moduleFigures: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().nullable() })),
});
type Dashboard = z.infer<typeof DashboardSchema>;

/** The unit asked for (default: the actor's first grant) as it stood on the date, its figures and its children's. */
async function loadDashboard(
  exec: Executor,
  actor: Actor,
  query: DashboardQuery,
  providers: readonly FigureProvider[],
): Promise<{ body: Dashboard; path: string }> {
  const date = query.date ?? todayIso();
  const unitId = query.unitId ?? homeUnitFor(unitPolicy, actor, 'unit.read');
  if (!unitId) throw notFound('Unit');
  const unit = await findUnit(exec, unitId, date);
  // findUnit falls back to the last version of a unit closed before the date: on that date it did not exist.
  if (!unit || (unit.validTo && unit.validTo <= date)) throw notFound('Unit');
  authorize(unitPolicy, actor, 'unit.read', { path: unit.path }, 'Unit');
  const at = { unitId: unit.id, path: unit.path, date };
  const [{ figures, children }, values] = await Promise.all([
    computeBranchFigures(exec, { unit, date }),
    Promise.all(providers.map((p) => p.compute(exec, at))),
  ]);
  const moduleFigures = providers.map((p, i) => ({ key: p.key, label: p.label, value: values[i] }));
  return {
    body: { unit: presentUnit(unit), date, figures, children: children.map((c) => ({ unit: presentUnit(c.unit), figures: c.figures })), moduleFigures },
    path: unit.path,
  };
}

/** The columns of the table, in order: header (Vietnamese), value, and whether it shows one decimal (percentages, average age). */
const columns: { header: string; width: number; value: (f: Figures) => number | null; decimal?: boolean }[] = [
  { header: 'Số chi bộ', width: 10, value: (f) => f.cells },
  { header: 'Số đảng viên', width: 12, value: (f) => f.members },
  { header: 'Đảng viên chính thức', width: 14, value: (f) => f.fullMembers },
  { header: 'Số bí thư chi bộ', width: 12, value: (f) => f.secretaries },
  { header: 'Bí thư có trình độ đại học trở lên (%)', width: 18, value: (f) => f.secretariesUniversityPct, decimal: true },
  { header: 'Bí thư có lý luận chính trị sơ cấp trở lên (%)', width: 18, value: (f) => f.secretariesTheoryPct, decimal: true },
  { header: 'Bí thư dưới 35 tuổi', width: 11, value: (f) => f.secretaryAgeBands.under35 },
  { header: 'Bí thư từ 35 đến 45 tuổi', width: 11, value: (f) => f.secretaryAgeBands.from35to45 },
  { header: 'Bí thư từ 46 đến 60 tuổi', width: 11, value: (f) => f.secretaryAgeBands.from46to60 },
  { header: 'Bí thư trên 60 tuổi', width: 11, value: (f) => f.secretaryAgeBands.over60 },
  { header: 'Tuổi bình quân của bí thư', width: 12, value: (f) => f.secretaryAverageAge, decimal: true },
  { header: 'Bí thư kiêm trưởng thôn, tổ trưởng tổ dân phố (%)', width: 18, value: (f) => f.secretariesVillageHeadPct, decimal: true },
  { header: 'Bí thư được cấp máy tính xách tay (%)', width: 16, value: (f) => f.secretariesLaptopPct, decimal: true },
  { header: 'Chi bộ chưa có bí thư', width: 12, value: (f) => f.cellsWithoutSecretary },
  { header: 'Chi bộ dưới 3 đảng viên chính thức', width: 14, value: (f) => f.cellsUnderMinimum },
];

export function dashboardTitle(unitName: string, date: string): string {
  return `Số liệu chi bộ, bí thư — ${unitName} — ngày ${formatDateVi(date)}`;
}

/** The dashboard table as a workbook: title row, header row, the unit's own row (bold), one row per child. */
export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'chibo';
  const ws = wb.addWorksheet('Số liệu', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  ws.columns = [{ width: 6 }, { width: 40 }, ...columns.map((c) => ({ width: c.width }))];
  const lastCol = columns.length + 2;

  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = dashboardTitle(d.unit.name, d.date);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };

  const header = ws.getRow(2);
  header.values = ['STT', 'Đơn vị', ...columns.map((c) => c.header)];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 60;

  const addRow = (no: number | string, name: string, f: Figures) => {
    const row = ws.addRow([no, name, ...columns.map((c) => c.value(f))]);
    columns.forEach((c, i) => {
      if (c.decimal) row.getCell(i + 3).numFmt = '0.0';
    });
    return row;
  };
  addRow('', d.unit.name, d.figures).font = { bold: true };
  d.children.forEach((c, i) => addRow(i + 1, c.unit.name, c.figures));

  for (let r = 2; r <= ws.rowCount; r++) {
    for (let c = 1; c <= lastCol; c++) {
      ws.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** attachment; filename="ascii fallback"; filename*=UTF-8''the real name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = foldDiacritics(fileName).replace(/[^a-z0-9._-]+/gi, '-').replace(/-+/g, '-');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// Figures may be a moment stale: they are read from a replica when there is one.
export async function dashboardRoutes(scope: FastifyInstance, { database, figureProviders }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  // A figure whose writes do not tell the change feed would go stale in memory: then nothing is kept there.
  const cacheable = figureProviders.every((p) => p.notifiesFigures);

  app.get(
    '/api/dashboard',
    { schema: { tags: ['dashboard'], querystring: DashboardQuery, response: { 200: DashboardSchema } } },
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
    '/api/dashboard/export.xlsx',
    { schema: { tags: ['dashboard'], querystring: DashboardQuery } },
    async (request, reply) => {
      const { body: dashboard } = await loadDashboard(await readFor(database, request), requireActor(request), request.query, []);
      const body = await dashboardWorkbook(dashboard);
      const fileName = `Số liệu chi bộ - ${dashboard.unit.name} - ${dashboard.date}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
