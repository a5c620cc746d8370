// Figures from any module: a module registered by this test (not in the registry, its own table) adds a figure
// to the dashboard without any change to the dashboard's files; the figure shows at every node and date, equal
// to the module's raw computation, and is never served stale from memory.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../platform/db/index.js';
import type { FigureAt, FigureProvider } from '../../platform/figures.js';
import type { ChiboModule } from '../../platform/module.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { modules } from '../index.js';

const count = async (exec: Executor, query: ReturnType<typeof sql>) => (await exec.execute<{ n: number }>(query)).rows[0].n;

/** Meetings held in the cells under the node, up to the date: one indexed statement. */
const meetingsHeld: FigureProvider = {
  key: 'meetings_test.held',
  label: { vi: 'Cuộc họp thử đã tổ chức', en: 'Test meetings held' },
  compute: (exec, at) =>
    count(exec, sql`SELECT count(*)::int AS n FROM meetings_test WHERE starts_with(cell_path, ${at.path}) AND held_on <= ${at.date}::date`),
  // The reference: every row, filtered in the plainest way.
  raw: (exec, at: FigureAt) =>
    count(exec, sql`SELECT count(*) FILTER (WHERE left(cell_path, length(${at.path})) = ${at.path} AND held_on <= ${at.date}::date)::int AS n FROM meetings_test`),
  notifiesFigures: false,
};

const meetingsModule: ChiboModule = {
  name: 'meetings_test',
  routes: async () => {},
  policies: {},
  accessWalk: async () => ({}),
  figures: [meetingsHeld],
};

let ctx: TestContext;
let world: World;
let admin: Client;

async function hold(cell: { path: string }, on: string) {
  await ctx.database.pool.query('INSERT INTO meetings_test (cell_path, held_on) VALUES ($1, $2)', [cell.path, on]);
}

const moduleFigures = async (unitId: string, date: string) => {
  const res = await admin.get(`/api/dashboard?unitId=${unitId}&date=${date}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  // The test module's figure alone: the registered modules add theirs beside it.
  return (res.json().moduleFigures as { key: string; label: { vi: string; en: string }; value: number | null }[]).filter((f) => f.key.startsWith('meetings_test.'));
};

beforeAll(async () => {
  ctx = await setupTestApp({}, { modules: [...modules, meetingsModule] });
  await ctx.database.pool.query('CREATE TABLE meetings_test (cell_path text NOT NULL, held_on date NOT NULL)');
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
  await hold(world.cellA1, '2024-01-10');
  await hold(world.cellA1, '2024-02-10');
  await hold(world.cellA2, '2024-02-12');
  await hold(world.cellB1, '2024-03-01');
});

describe('a figure from another module on the dashboard', () => {
  it('shows at a node and a date, with its key and label', async () => {
    expect(await moduleFigures(world.communeA.id, '2024-02-11')).toEqual([{ key: 'meetings_test.held', label: { vi: 'Cuộc họp thử đã tổ chức', en: 'Test meetings held' }, value: 2 }]);
    expect((await moduleFigures(world.province.id, '2024-06-01'))[0].value).toBe(4);
    expect((await moduleFigures(world.cellB1.id, '2024-02-29'))[0].value).toBe(0);
  });

  it('equals its raw computation at every node and date', async () => {
    const nodes = [world.province, world.communeA, world.communeB, world.cellA1, world.cellA2, world.cellB1];
    for (const node of nodes) {
      for (const date of ['2023-12-31', '2024-01-10', '2024-02-11', '2024-03-01', '2025-01-01']) {
        const shown = (await moduleFigures(node.id, date))[0].value;
        expect(shown, `${node.name} ${date}`).toBe(await meetingsHeld.raw(ctx.database.db, { unitId: node.id, path: node.path, date }));
      }
    }
  });

  it('is a column of the dashboard workbook, for the unit and each child, headed by its provider\'s Vietnamese label', async () => {
    const res = await admin.get(`/api/dashboard/export.xlsx?unitId=${world.province.id}&date=2024-06-01`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    // Every module figure's column is headed by its provider's own Vietnamese label (platform/figures.ts `label`),
    // in registry order after the registry's columns: the words the web shows on the card in Vietnamese.
    const providers = [...modules, meetingsModule].flatMap((m) => m.figures ?? []);
    expect(headers.slice(-providers.length)).toEqual(providers.map((p) => p.label.vi));
    expect(headers).toContain('Lớp bồi dưỡng (6 năm đến nay)');
    expect(headers).toContain('Chất lượng Tốt (%)');
    const col = headers.indexOf('Cuộc họp thử đã tổ chức') + 1;
    expect(col).toBeGreaterThan(0);
    const byName = new Map<string, unknown>();
    ws.eachRow((row, n) => {
      if (n > 2) byName.set(String(row.getCell(2).value), row.getCell(col).value);
    });
    expect(byName.get(world.province.name)).toBe(4);
    expect(byName.get(world.communeA.name)).toBe(3);
    expect(byName.get(world.communeB.name)).toBe(1);
  });

  it('is not served stale when its module does not notify the change feed', async () => {
    const before = (await moduleFigures(world.communeB.id, '2024-06-01'))[0].value;
    await hold(world.cellB1, '2024-05-01');
    expect((await moduleFigures(world.communeB.id, '2024-06-01'))[0].value).toBe(before! + 1);
  });

  it('leaves the registry figures as they are', async () => {
    const res = await admin.get(`/api/dashboard?unitId=${world.communeA.id}&date=2024-06-01`);
    expect(res.json().figures.members).toBe(6);
    expect(res.json().children).toHaveLength(2);
  });
});
