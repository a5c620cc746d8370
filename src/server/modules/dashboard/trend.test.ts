// The module figures' monthly trend (GET /api/dashboard/trend): each point is the figure the dashboard shows for that
// day (GET /api/dashboard?date=…), for the figures that declare a trend, over the 11 month ends before the date and
// the date itself; a unit formed within the year has no points before it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { createUnit } from '../org/service.js';
import { monthlyPoints } from './service.js';

let ctx: TestContext;
let world: World;
let admin: Client;
const DATE = '2026-11-20';

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
  const db = ctx.database.db;
  const people = (await db.execute<{ id: string }>(sql`SELECT id FROM people ORDER BY id LIMIT 3`)).rows.map((r) => r.id);
  // a year of meetings in two cells of commune A: some held in their month, some late, some scored, with attendance
  // and an action item left open
  for (let i = 0; i < 14; i++) {
    const planned = addDays('2025-11-10', 30 * i);
    const cell = i % 3 === 0 ? world.cellA2.id : world.cellA1.id;
    const held = i % 4 === 1 ? null : addDays(planned, i % 5 === 0 ? 25 : 2);
    const m = (await db.execute<{ id: string }>(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on, status, held_on, review_total)
      VALUES (${cell}, 'regular', ${planned}, ${held ? 'held' : 'planned'}, ${held}, ${held ? 40 + 5 * i : null}) RETURNING id`)).rows[0]!.id;
    if (held)
      for (const [j, p] of people.entries())
        await db.execute(sql`INSERT INTO meeting_attendance (meeting_id, person_id, status) VALUES (${m}, ${p}, ${(i + j) % 3 === 0 ? 'absent' : 'present'})`);
    if (i % 3 === 2)
      await db.execute(sql`INSERT INTO meeting_action_items (id, meeting_id, cell_id, title, owner_person_id, due_on) VALUES (gen_random_uuid(), ${m}, ${cell}, 'Việc', ${people[0]}, ${addDays(planned, 10)})`);
  }
});

const trend = async (unitId: string, date: string) => {
  const res = await admin.get(`/api/dashboard/trend?unitId=${unitId}&date=${date}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json() as { dates: string[]; series: { key: string; trend: string; values: (number | null)[] }[] };
};

describe('dashboard trend', () => {
  it('has the 11 month ends before the date and the date', () => {
    expect(monthlyPoints('2026-11-20')).toEqual([
      '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', '2026-11-20',
    ]);
    expect(monthlyPoints('2024-03-01').slice(0, 3)).toEqual(['2023-04-30', '2023-05-31', '2023-06-30']);
    expect(monthlyPoints('2024-03-01').slice(-2)).toEqual(['2024-02-29', '2024-03-01']);
  });

  it('each point equals the dashboard of that day, for the meetings and documents figures, at a cell, a commune and the province', async () => {
    for (const unit of [world.cellA1, world.communeA, world.province]) {
      const t = await trend(unit.id, DATE);
      expect(t.series.map((s) => s.key).sort()).toEqual([
        'documents.lateCells', 'documents.studiedOnTime', 'meetings.attendanceRate', 'meetings.goodOrBetter', 'meetings.heldOnSchedule', 'meetings.overdueActionItems',
      ]);
      for (const [i, date] of t.dates.entries()) {
        const res = await admin.get(`/api/dashboard?unitId=${unit.id}&date=${date}`);
        const shown = new Map((res.json().moduleFigures as { key: string; value: number | null }[]).map((f) => [f.key, f.value]));
        for (const s of t.series) expect(s.values[i], `${s.key} ${unit.id} ${date}`).toEqual(shown.get(s.key));
      }
      // the series move over the year (the test data gives them something to show)
      for (const key of ['meetings.overdueActionItems', 'meetings.heldOnSchedule']) {
        const values = t.series.find((s) => s.key === key)!.values;
        expect(new Set(values.filter((v) => v !== null)).size, key).toBeGreaterThan(1);
      }
    }
  });

  it('the dashboard gives each child its share of each quality band (the chart\'s children side by side), equal to raw', async () => {
    const { meetingFigures } = await import('../meetings/figures.js');
    const bands = meetingFigures.filter((p) => p.chart === 'meetings.figures.qualityChart');
    expect(bands).toHaveLength(4);
    for (const unit of [world.communeA, world.province]) {
      const body = (await admin.get(`/api/dashboard?unitId=${unit.id}&date=${DATE}`)).json() as {
        moduleFigures: { key: string; value: number | null }[];
        children: { unit: { id: string; path: string }; moduleFigures: { key: string; value: number | null }[] }[];
      };
      expect(body.children.length).toBeGreaterThan(1);
      let scored = 0;
      for (const child of body.children) {
        expect(child.moduleFigures.map((m) => m.key)).toEqual(bands.map((b) => b.key));
        for (const b of bands) {
          const value = child.moduleFigures.find((m) => m.key === b.key)!.value;
          expect(value, `${b.key} ${child.unit.id}`).toEqual(await b.raw(ctx.database.db, { unitId: child.unit.id, path: child.unit.path, date: DATE }));
          if (value !== null) scored++;
        }
      }
      expect(scored).toBeGreaterThan(0);
      // the unit's own value is still its own
      for (const b of bands) expect(body.moduleFigures.find((m) => m.key === b.key)!.value).toEqual(await b.raw(ctx.database.db, { unitId: unit.id, path: unit.path, date: DATE }));
    }
  });

  it('a unit formed within the year has no points before it', async () => {
    const cell = await createUnit(ctx.database.db, systemActor('trend-test'), { parentId: world.communeB.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ mới', code: '90002-077', validFrom: '2026-06-15' });
    const t = await trend(cell.id, DATE);
    const overdue = t.series.find((s) => s.key === 'meetings.overdueActionItems')!.values;
    expect(overdue.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(overdue.slice(6)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('answers 404 outside the branch and for a unit not in force on the date', async () => {
    const officer = await signIn(ctx.app, 'officer.b');
    expect((await officer.get(`/api/dashboard/trend?unitId=${world.communeA.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/dashboard/trend?unitId=${world.communeB.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/dashboard/trend?unitId=${world.cellA1.id}&date=1990-01-01`)).statusCode).toBe(404);
  });
});
