// The demo consultations on the test world (its first commune and village), and the figures' property: on any node
// and any date, what the dashboard computes from the trigger-kept stats equals the figure computed from the answers.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedConsultationsDemo } from './demo.js';
import { consultationFigures } from './figures.js';

let ctx: TestContext;
let world: World;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

describe('the demo consultations', () => {
  it('makes an open one with codes and answers, a closed one with its tally and decision, a commune-wide one; once', async () => {
    const input = { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] };
    expect(await seedConsultationsDemo(ctx.database.db, input)).toEqual({ consultations: 3, ballotCodes: 20 });
    expect(await seedConsultationsDemo(ctx.database.db, input)).toEqual({ consultations: 0, ballotCodes: 0 });
    const rows = await ctx.database.db.execute<{ title: string; state: string; decided: boolean; answers: number; room: number }>(sql`
      SELECT c.title, CASE WHEN c.closes_on < current_date THEN 'closed' ELSE 'open' END AS state, c.decision IS NOT NULL AS decided,
        (SELECT count(*) FROM consultation_answers a WHERE a.consultation_id = c.id)::int AS answers,
        coalesce((SELECT sum(count) FROM consultation_tally_counts t WHERE t.consultation_id = c.id), 0)::int AS room
      FROM consultations c ORDER BY c.opens_on DESC`);
    expect(rows.rows.map((r) => [r.state, r.decided])).toEqual([
      ['open', false],
      ['closed', true],
      ['closed', false],
    ]);
    expect(rows.rows[0]!.answers).toBeGreaterThanOrEqual(6);
    expect(rows.rows[1]!.room).toBe(56);
  });

  it('computes every figure as its raw version on any node and date (property)', async () => {
    const db = ctx.database.db;
    const nodes = (await db.execute<{ unit_id: string; path: string }>(sql`SELECT unit_id, path FROM org_unit_versions WHERE valid_to IS NULL`)).rows;
    const today = todayIso();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: nodes.length - 1 }), fc.integer({ min: -120, max: 30 }), async (n, offset) => {
        const at = { unitId: nodes[n]!.unit_id, path: nodes[n]!.path, date: addDays(today, offset) };
        for (const f of consultationFigures) expect(await f.compute(db, at), `${f.key} ${at.path} ${at.date}`).toEqual(await f.raw(db, at));
      }),
      { numRuns: 40 },
    );
    // The province today: two held (the road is still open), one with consensus (the village convention; the
    // commune hall's 62 % is a majority).
    const province = nodes.find((x) => x.unit_id === world.province.id)!;
    const now = { unitId: province.unit_id, path: province.path, date: today };
    expect(await consultationFigures[0]!.compute(db, now)).toBe(2);
    expect(await consultationFigures[2]!.compute(db, now)).toBe(1);
  });
});
