// The training demo on the test world: the 126 courses of 2020–2025 with their trainees (secretaries and deputies
// of the organizer's branch), the yearly counts the triggers keep equal to the rows, and the open course of this
// month with its enrolments and a session's attendance.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedTrainingDemo } from './demo.js';

let ctx: TestContext;
let world: World;
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

describe('the training demo', () => {
  it('makes the history, keeps the yearly counts, and opens a course with enrolments', async () => {
    const made = await seedTrainingDemo(ctx.database.db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
    expect(made.courses).toBe(128);
    const q = async (s: string) => (await ctx.database.db.execute<{ n: number }>(sql.raw(s))).rows[0]!.n;
    expect(await q(`SELECT count(*)::int AS n FROM training_courses WHERE status = 'completed' AND starts_on BETWEEN '2020-01-01' AND '2025-12-31'`)).toBe(126);
    // The three secretaries of the world (in office since 2020-08-15) are trained by the courses from then on.
    const passed = await q(`SELECT count(*)::int AS n FROM training_enrolments WHERE result = 'passed'`);
    expect(passed).toBeGreaterThan(100);
    expect(await q(`SELECT sum(trainees)::int AS n FROM training_cell_year`)).toBe(passed);
    expect(await q(`SELECT sum(courses)::int AS n FROM training_unit_year`)).toBe(128);
    expect(await q(`SELECT count(*)::int AS n FROM training_attendance`)).toBeGreaterThan(0);
  });
});
