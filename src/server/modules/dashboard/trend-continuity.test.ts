// Issue 16's continuity in the module figures: a commune formed by a merge shows, on the days before it was formed,
// its predecessors' figures — the trend (GET /api/dashboard/trend) and the dashboard of those days alike. Counts are
// the sum of the predecessors' (their raw computation); shares are over their cells together (here: the province,
// which holds exactly those two communes). And the trend is one statement per figure, not one per day.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import type { FigureProvider } from '../../platform/figures.js';
import { makeWorld, type World } from '../../test/factories.js';
import { countQueries, setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { documentFigures } from '../documents/figures.js';
import { seedDocumentsDemo } from '../documents/demo.js';
import { meetingFigures } from '../meetings/figures.js';
import { modules } from '../index.js';
import { mergeUnits } from '../org/service.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let merged: { id: string };
const MERGE = '2026-07-01';
const DATE = '2026-11-20';

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
  const db = ctx.database.db;
  const people = (await db.execute<{ id: string }>(sql`SELECT id FROM people ORDER BY id LIMIT 3`)).rows.map((r) => r.id);
  const cells = [world.cellA1.id, world.cellA2.id, world.cellB1.id];
  // a year of meetings in the three cells of both communes, some late, some missed, scored, with attendance and
  // action items (some done, some left open)
  for (let i = 0; i < 24; i++) {
    const planned = addDays('2025-11-10', 15 * i);
    const cell = cells[i % 3]!;
    const held = i % 5 === 1 ? null : addDays(planned, i % 4 === 0 ? 25 : 2);
    const m = (await db.execute<{ id: string }>(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on, status, held_on, review_total)
      VALUES (${cell}, 'regular', ${planned}, ${held ? 'held' : 'planned'}, ${held}, ${held ? 40 + 3 * i : null}) RETURNING id`)).rows[0]!.id;
    if (held)
      for (const [j, p] of people.entries())
        await db.execute(sql`INSERT INTO meeting_attendance (meeting_id, person_id, status) VALUES (${m}, ${p}, ${(i + j) % 3 === 0 ? 'absent' : 'present'})`);
    if (i % 2 === 0)
      await db.execute(sql`INSERT INTO meeting_action_items (id, meeting_id, cell_id, title, owner_person_id, due_on, status, done_on)
        VALUES (gen_random_uuid(), ${m}, ${cell}, 'Việc', ${people[0]}, ${addDays(planned, 10)}, ${i % 4 === 0 ? 'done' : 'open'}, ${i % 4 === 0 ? addDays(planned, 40) : null})`);
  }
  // documents sent to the cells with deadlines through the year, some studied on time, some late, some not at all
  await seedDocumentsDemo(db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
  await db.execute(sql`DELETE FROM document_dissemination_cells`);
  const docs = (await db.execute<{ id: string }>(sql`SELECT id FROM party_documents ORDER BY id`)).rows.map((r) => r.id);
  for (let i = 0; i < 8; i++) {
    const deadline = addDays('2025-12-15', 40 * i);
    const d = (await db.execute<{ id: string }>(sql`INSERT INTO document_disseminations (document_id, sender_unit_id, sent_on, deadline, target_unit_ids)
      VALUES (${docs[i % docs.length]}, ${world.province.id}, ${addDays(deadline, -30)}, ${deadline}, ${`{${cells.join(',')}}`}) RETURNING id`)).rows[0]!;
    for (const [k, cell] of cells.entries()) {
      const studied = (i + k) % 3 === 0 ? null : addDays(deadline, (i + k) % 3 === 1 ? -3 : 20);
      await db.execute(sql`INSERT INTO document_dissemination_cells (dissemination_id, cell_id, studied_on) VALUES (${d.id}, ${cell}, ${studied})`);
    }
  }
  // the two communes merge on 01/07/2026 into a new one
  merged = await mergeUnits(db, systemActor('trend-test'), { sourceIds: [world.communeA.id, world.communeB.id], name: 'Đảng ủy xã Hợp Nhất', date: MERGE });
});

type Trend = { dates: string[]; series: { key: string; trend: string; values: (number | null)[] }[] };
const trend = async (unitId: string, date: string): Promise<Trend> => {
  const res = await admin.get(`/api/dashboard/trend?unitId=${unitId}&date=${date}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json() as Trend;
};
const providers: FigureProvider[] = [...meetingFigures, ...documentFigures].filter((p) => p.trend);
const at = (unit: { id: string; path: string }, date: string) => ({ unitId: unit.id, path: unit.path, date });

describe('the module trend of a merged commune', () => {
  it('before the merge: counts are the sum of the predecessors, shares are over their cells together (checked against raw)', async () => {
    const db = ctx.database.db;
    const t = await trend(merged.id, DATE);
    expect(t.series.map((s) => s.key).sort()).toEqual(providers.map((p) => p.key).sort());
    const before = t.dates.filter((d) => d < MERGE);
    expect(before).toHaveLength(7);
    let nonZeroCounts = 0;
    let shares = 0;
    for (const p of providers) {
      const values = t.series.find((s) => s.key === p.key)!.values;
      for (const [i, date] of t.dates.entries()) {
        if (date >= MERGE) {
          // after the merge: the new commune's own figure
          expect(values[i], `${p.key} ${date}`).toEqual(await p.raw(db, { unitId: merged.id, path: '', date }));
          continue;
        }
        if (p.trend === 'count') {
          const sum = (await p.raw(db, at(world.communeA, date)))! + (await p.raw(db, at(world.communeB, date)))!;
          expect(values[i], `${p.key} ${date}`).toBe(sum);
          if (sum > 0) nonZeroCounts++;
        } else {
          // the province holds exactly the two communes: its share is the share over their cells together
          const together = await p.raw(db, at(world.province, date));
          expect(values[i], `${p.key} ${date}`).toEqual(together);
          if (together !== null) shares++;
        }
      }
    }
    // the data give both kinds something to show before the merge
    expect(nonZeroCounts).toBeGreaterThan(3);
    expect(shares).toBeGreaterThan(8);
  });

  it('each point equals the dashboard of that day, before the merge too', async () => {
    const t = await trend(merged.id, DATE);
    for (const [i, date] of t.dates.entries()) {
      const res = await admin.get(`/api/dashboard?unitId=${merged.id}&date=${date}`);
      expect(res.statusCode, date).toBe(200);
      const shown = new Map((res.json().moduleFigures as { key: string; value: number | null }[]).map((f) => [f.key, f.value]));
      for (const s of t.series) expect(s.values[i], `${s.key} ${date}`).toEqual(shown.get(s.key));
    }
  });

  it('asked on a day before the merge, the trend is the predecessors\' (the dashboard of that day answers for them too)', async () => {
    const t = await trend(merged.id, '2026-05-15');
    const overdue = t.series.find((s) => s.key === 'meetings.overdueActionItems')!.values;
    expect(overdue.every((v) => v !== null)).toBe(true);
  });

  it('is one statement per figure, not one per day (and not one per day and figure)', async () => {
    const trending = modules.flatMap((m) => m.figures ?? []).filter((p) => p.trend).length;
    for (const unit of [merged.id, world.province.id, world.cellA1.id]) {
      let status = 0;
      const n = await countQueries(async () => {
        status = (await admin.get(`/api/dashboard/trend?unitId=${unit}&date=${DATE}`)).statusCode;
      });
      expect(status).toBe(200);
      // the session, the unit as it stood, the days something stood for it, then one statement per figure (8 today):
      // a statement per point would be 12 × as many
      expect(n, unit).toBeLessThanOrEqual(trending + 3);
    }
  });
});
