// The demo meetings on the test world, and the figures' property: on any node and any date, what the dashboard
// computes equals the figure computed plainly from the raw rows.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedMeetingsDemo } from './demo.js';
import { meetingFigures } from './figures.js';

let ctx: TestContext;
let world: World;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

describe('the demo meetings', () => {
  it('gives every cell a year of meetings with gaps, and can run twice without doubling anything', async () => {
    const input = { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] };
    const first = await seedMeetingsDemo(ctx.database.db, input);
    expect(first.meetings).toBeGreaterThanOrEqual(3 * 16);
    expect(first.attendance).toBeGreaterThan(0);
    const again = await seedMeetingsDemo(ctx.database.db, input);
    expect(again).toMatchObject({ meetings: 0, attendance: 0, actionItems: 0 });
    const perCell = await ctx.database.db.execute<{ cell_id: string; regular: number }>(
      sql`SELECT cell_id, count(*) FILTER (WHERE kind = 'regular')::int AS regular FROM cell_meetings GROUP BY cell_id`,
    );
    expect(perCell.rows).toHaveLength(3);
    for (const r of perCell.rows) expect(r.regular).toBeGreaterThanOrEqual(12);
  });

  it('computes every figure as its raw version on any node and date (property)', async () => {
    const db = ctx.database.db;
    const nodes = (await db.execute<{ unit_id: string; path: string }>(sql`SELECT unit_id, path FROM org_unit_versions WHERE valid_to IS NULL`)).rows;
    const today = todayIso();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: nodes.length - 1 }), fc.integer({ min: -420, max: 60 }), async (n, offset) => {
        const at = { unitId: nodes[n]!.unit_id, path: nodes[n]!.path, date: addDays(today, offset) };
        for (const f of meetingFigures) expect(await f.compute(db, at), `${f.key} ${at.path} ${at.date}`).toEqual(await f.raw(db, at));
      }),
      { numRuns: 40 },
    );
  });
  it('builds the figures counts set-based: the same cell and node rows as a refresh of every cell', async () => {
    const db = ctx.database.db;
    // a fresh seed (no rows yet: meetings_figures_build's own path, not its fallback to the refresh)
    await db.execute(sql`TRUNCATE cell_meetings, meeting_attendance, meeting_action_items, meeting_cell_days, meeting_node_days CASCADE`);
    await seedMeetingsDemo(db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
    const read = async () => ({
      cells: (await db.execute(sql`SELECT * FROM meeting_cell_days ORDER BY cell_id, day, path`)).rows,
      nodes: (await db.execute(sql`SELECT * FROM meeting_node_days ORDER BY node_id, day`)).rows,
    });
    const seeded = await read();
    expect(seeded.cells.length).toBeGreaterThan(0);
    expect(new Set(seeded.nodes.map((n) => n.node_id))).toEqual(new Set([world.province.id, world.communeA.id, world.communeB.id]));
    await db.execute(sql`TRUNCATE meeting_cell_days, meeting_node_days`);
    await db.execute(sql`SELECT meetings_figures_refresh(ARRAY(SELECT cell_id FROM cell_meetings UNION SELECT cell_id FROM meeting_action_items))`);
    expect(await read()).toEqual(seeded);
  });
});
