// The review's signal (review/signals.ts), registered through the review descriptor: a cell whose yearly level fell
// from one year to the next by the threshold's steps, as known on the day (a re-check counts from its own day).
import { beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../index.js';
import { reviewSignals } from '../review/signals.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
const signal = reviewSignals[0];
const ask = (path: string, date: string, threshold = 1) => signal.evaluate(ctx.database.db, { path, date, config: { ...signal.defaults, threshold } });
const q = (text: string, params: unknown[] = []) => ctx.database.pool.query(text, params).then((r) => r.rows);

/** A yearly cycle of `year` with the cell's decision `level` decided on `on` (and optionally a re-check). */
async function decided(year: number, cell: { id: string; path: string }, communeId: string, level: string, on: string) {
  const [set] = await q(`INSERT INTO review_template_sets (unit_id, year, cap, templates) VALUES ($1, $2, '{}', '[]')
    ON CONFLICT (unit_id, year) DO UPDATE SET year = EXCLUDED.year RETURNING id`, [world.province.id, year]);
  let [cycle] = await q(`SELECT id FROM review_cycles WHERE year = $1`, [year]);
  if (!cycle)
    [cycle] = await q(
      `INSERT INTO review_cycles (unit_id, unit_path, year, kind, title, branch_ids, branch_paths, reference_date, self_due, cell_due, decision_due, template_set_id, cap, templates)
       VALUES ($1, $2, $3, 'yearly', 'Kiểm điểm', ARRAY[$1]::uuid[], ARRAY[$2], $4, $4, $4, $4, $5, '{}', '[]') RETURNING id`,
      [world.province.id, world.province.path, year, `${year}-12-15`, set.id],
    );
  const [p] = await q(`INSERT INTO review_participants (cycle_id, kind, unit_id, unit_name, unit_path, commune_id, "group") VALUES ($1, 'cell', $2, 'x', $3, $4, 'cell')
    ON CONFLICT DO NOTHING RETURNING id`, [cycle.id, cell.id, cell.path, communeId]);
  const pid = p?.id ?? (await q(`SELECT id FROM review_participants WHERE cycle_id = $1 AND unit_id = $2 AND kind = 'cell'`, [cycle.id, cell.id]))[0].id;
  await q(`UPDATE review_decisions SET superseded_by = gen_random_uuid() WHERE participant_id = $1 AND superseded_by IS NULL`, [pid]);
  await q(`INSERT INTO review_decisions (participant_id, level, decided_at) VALUES ($1, $2, ($3::date + time '10:00') AT TIME ZONE 'Asia/Ho_Chi_Minh')`, [pid, level, on]);
}

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  // A1: good → completed (fell 1); A2: good → excellent (rose); B1: excellent → not completed (fell 3), re-checked to good (fell 1).
  await decided(2024, world.cellA1, world.communeA.id, 'good', '2024-12-20');
  await decided(2025, world.cellA1, world.communeA.id, 'completed', '2025-12-20');
  await decided(2024, world.cellA2, world.communeA.id, 'good', '2024-12-20');
  await decided(2025, world.cellA2, world.communeA.id, 'excellent', '2025-12-20');
  await decided(2024, world.cellB1, world.communeB.id, 'excellent', '2024-12-20');
  await decided(2025, world.cellB1, world.communeB.id, 'not_completed', '2025-12-21');
  await decided(2025, world.cellB1, world.communeB.id, 'good', '2026-01-10');
});

describe('review: a level that fell from one year to the next', () => {
  it('is registered through the review descriptor', () => {
    expect(modules.find((m) => m.name === 'review')!.signals!.map((s) => s.key)).toEqual(['review.level_fell']);
  });

  it('flags the cells that fell, by the steps known on the day, inside the branch', async () => {
    const steps = async (path: string, date: string, threshold = 1) =>
      Object.fromEntries((await ask(path, date, threshold)).map((f) => [f.cellId, f.count]));
    expect(await steps(world.province.path, '2025-12-19')).toEqual({});
    expect(await steps(world.province.path, '2025-12-20')).toEqual({ [world.cellA1.id]: 1 });
    expect(await steps(world.province.path, '2025-12-31')).toEqual({ [world.cellA1.id]: 1, [world.cellB1.id]: 3 });
    expect(await steps(world.province.path, '2026-02-01')).toEqual({ [world.cellA1.id]: 1, [world.cellB1.id]: 1 });
    expect(await steps(world.province.path, '2025-12-31', 2)).toEqual({ [world.cellB1.id]: 3 });
    expect(await steps(world.communeA.path, '2025-12-31')).toEqual({ [world.cellA1.id]: 1 });
    const [a1] = await ask(world.communeA.path, '2026-02-01');
    expect(a1.params).toEqual({ steps: 1, year: '2025', previousYear: '2024', threshold: 1 });
    expect(a1.since).toBe('2025-12-20');
  });
});
