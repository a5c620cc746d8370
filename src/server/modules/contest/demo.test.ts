// The demo contests on the test world (no demo accounts there: no judges, no bithu), and the figures' property: on
// every node and on dates of each contest year, what the dashboard computes equals the raw count.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { seedContestDemo } from './demo.js';
import { contestFigures } from './figures.js';

let ctx: TestContext;
let world: World;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

describe('the demo contests', () => {
  it('holds 2023–2025 published and 2026 open, once', async () => {
    const input = { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] };
    const first = await seedContestDemo(ctx.database.db, input);
    expect(first).toMatchObject({ contests: 3 });
    expect(first.attempts).toBe(3 * 3); // two secretaries of commune A, one of commune B, each year
    expect(await seedContestDemo(ctx.database.db, input)).toMatchObject({ contests: 0, candidates: 0 });

    const admin = await signIn(ctx.app, 'admin');
    const list = (await admin.get('/api/contests')).json().items;
    expect(list.map((c: { year: number; published: boolean }) => [c.year, c.published])).toEqual([[2026, false], [2025, true], [2024, true], [2023, true]]);
    const results = await ctx.app.inject({ method: 'GET', url: '/api/public/contests/2024/results' });
    expect(results.statusCode).toBe(200);
    const final = results.json().rounds[1].entries;
    expect(final).toHaveLength(2); // the best of each commune
    expect(final[0]).toMatchObject({ rank: 1, award: 'first' });
    // Every province finalist of every year is one its commune round sent on (rank within the commune ≤ 1).
    const finalists = await ctx.database.db.execute<{ year: number; advanced: boolean }>(sql`
      SELECT k.year, EXISTS (SELECT 1 FROM contest_candidates e JOIN contest_rounds er ON er.id = e.round_id
                             WHERE er.contest_id = k.id AND er.level = 'commune' AND e.person_id = c.person_id AND e.rank <= 1) AS advanced
      FROM contest_candidates c JOIN contest_rounds r ON r.id = c.round_id AND r.level = 'province' JOIN contests k ON k.id = r.contest_id`);
    expect(finalists.rows).toHaveLength(3 * 2);
    expect(finalists.rows.every((x) => x.advanced)).toBe(true);
    // The 2026 test can be taken: its round is open with enough questions for the draw.
    const c26 = (await admin.get(`/api/contests/${list[0].id}`)).json();
    expect(c26.rounds[0].state).toBe('open');
    const secretary = await signIn(ctx.app, 'secretary.a1');
    const mine = (await secretary.get(`/api/contests/${list[0].id}`)).json().rounds[0].myCandidateId;
    if (mine) expect((await secretary.post(`/api/contest-candidates/${mine}/attempt`, {})).statusCode).toBe(201);
  });

  it('computes every figure as its raw count on every node and date', async () => {
    const db = ctx.database.db;
    const nodes = (await db.execute<{ unit_id: string; path: string }>(sql`SELECT unit_id, path FROM org_unit_versions WHERE valid_to IS NULL`)).rows;
    let nonZero = 0;
    for (const date of ['2023-09-01', '2024-12-31', '2025-06-30', todayIso()])
      for (const n of nodes)
        for (const f of contestFigures) {
          const at = { unitId: n.unit_id, path: n.path, date };
          const c = await f.compute(db, at);
          expect({ key: f.key, date, node: n.path, c }).toEqual({ key: f.key, date, node: n.path, c: await f.raw(db, at) });
          if (c) nonZero++;
        }
    expect(nonZero).toBeGreaterThan(10);
  });
});
