// The review's signals (review/signals.ts), registered through the review descriptor: a cell whose yearly level fell
// from one year to the next by the threshold's steps, as known on the day (a re-check counts from its own day); a
// secretary whose own level fell (under the person); complaints about a cell's or its secretary's yearly review in
// the window. Each checked against a planted truth: what was planted to be found is found, and nothing else.
import { beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../index.js';
import { reviewSignals } from '../review/signals.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
const signal = reviewSignals[0];
const byKey = (key: string) => reviewSignals.find((s) => s.key === key)!;
const askOf = (key: string, path: string, date: string, config: Partial<{ threshold: number; windowDays: number }> = {}) =>
  byKey(key).evaluate(ctx.database.db, { path, date, config: { ...byKey(key).defaults, ...config } });
const ask = (path: string, date: string, threshold = 1) => signal.evaluate(ctx.database.db, { path, date, config: { ...signal.defaults, threshold } });
const q = (text: string, params: unknown[] = []) => ctx.database.pool.query(text, params).then((r) => r.rows);

/**
 * A yearly cycle of `year` with the cell's decision `level` decided on `on` (and optionally a re-check); with
 * `person`, the decision is that person's (as `group`) instead of the cell's. Returns the participant's id.
 */
async function decided(year: number, cell: { id: string; path: string }, communeId: string, level: string, on: string, person?: { id: string; group: string }) {
  const [set] = await q(`INSERT INTO review_template_sets (unit_id, year, cap, templates) VALUES ($1, $2, '{}', '[]')
    ON CONFLICT (unit_id, year) DO UPDATE SET year = EXCLUDED.year RETURNING id`, [world.province.id, year]);
  let [cycle] = await q(`SELECT id FROM review_cycles WHERE year = $1`, [year]);
  if (!cycle)
    [cycle] = await q(
      `INSERT INTO review_cycles (unit_id, unit_path, year, kind, title, branch_ids, branch_paths, reference_date, self_due, cell_due, decision_due, template_set_id, cap, templates)
       VALUES ($1, $2, $3, 'yearly', 'Kiểm điểm', ARRAY[$1]::uuid[], ARRAY[$2], $4, $4, $4, $4, $5, '{}', '[]') RETURNING id`,
      [world.province.id, world.province.path, year, `${year}-12-15`, set.id],
    );
  const [p] = person
    ? await q(`INSERT INTO review_participants (cycle_id, kind, person_id, full_name, unit_id, unit_name, unit_path, commune_id, "group") VALUES ($1, 'person', $5, 'x', $2, 'x', $3, $4, $6)
        ON CONFLICT DO NOTHING RETURNING id`, [cycle.id, cell.id, cell.path, communeId, person.id, person.group])
    : await q(`INSERT INTO review_participants (cycle_id, kind, unit_id, unit_name, unit_path, commune_id, "group") VALUES ($1, 'cell', $2, 'x', $3, $4, 'cell')
        ON CONFLICT DO NOTHING RETURNING id`, [cycle.id, cell.id, cell.path, communeId]);
  const pid =
    p?.id ??
    (person
      ? await q(`SELECT id FROM review_participants WHERE cycle_id = $1 AND person_id = $2`, [cycle.id, person.id])
      : await q(`SELECT id FROM review_participants WHERE cycle_id = $1 AND unit_id = $2 AND kind = 'cell'`, [cycle.id, cell.id]))[0].id;
  await q(`UPDATE review_decisions SET superseded_by = gen_random_uuid() WHERE participant_id = $1 AND superseded_by IS NULL`, [pid]);
  await q(`INSERT INTO review_decisions (participant_id, level, decided_at) VALUES ($1, $2, ($3::date + time '10:00') AT TIME ZONE 'Asia/Ho_Chi_Minh')`, [pid, level, on]);
  return pid as string;
}

/** A complaint against the participant's decision in force, filed on `on` (late in the evening, Vietnam time). */
async function complained(participantId: string, on: string) {
  const [row] = await q(
    `INSERT INTO review_complaints (participant_id, decision_id, reason, filed_at)
     SELECT $1, id, 'Không đồng ý', ($2::date + time '23:30') AT TIME ZONE 'Asia/Ho_Chi_Minh' FROM review_decisions WHERE participant_id = $1 AND superseded_by IS NULL RETURNING id`,
    [participantId, on],
  );
  return row.id as string;
}

const complaintIds: Record<string, string> = {};

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

  // Secretaries' own levels. A1's: good (2024, as a member) → not completed (2025, as secretary): fell 2.
  // A2's: good → good: none. B1's: excellent → good, decided 2026-01-05: fell 1 from that day. A1's member fell too,
  // but is not a secretary: not flagged.
  const { secretaryA1, secretaryA2, secretaryB1, memberA1 } = world.people;
  await decided(2024, world.cellA1, world.communeA.id, 'good', '2024-12-20', { id: secretaryA1.id, group: 'member_2ab' });
  const secA1 = await decided(2025, world.cellA1, world.communeA.id, 'not_completed', '2025-12-20', { id: secretaryA1.id, group: 'secretary' });
  await decided(2024, world.cellA2, world.communeA.id, 'good', '2024-12-20', { id: secretaryA2.id, group: 'secretary' });
  await decided(2025, world.cellA2, world.communeA.id, 'good', '2025-12-20', { id: secretaryA2.id, group: 'secretary' });
  await decided(2024, world.cellB1, world.communeB.id, 'excellent', '2024-12-20', { id: secretaryB1.id, group: 'secretary' });
  await decided(2025, world.cellB1, world.communeB.id, 'good', '2026-01-05', { id: secretaryB1.id, group: 'secretary' });
  await decided(2024, world.cellA1, world.communeA.id, 'excellent', '2024-12-20', { id: memberA1.id, group: 'member_2ab' });
  const memA1 = await decided(2025, world.cellA1, world.communeA.id, 'completed', '2025-12-20', { id: memberA1.id, group: 'member_2ab' });

  // Complaints: A1's cell level (2024 cycle, filed 2025-01-02 and its 2025 one filed 2025-12-28), A1's secretary
  // (2025-12-29), a member of A1 (not counted: not the cell's nor its secretary's review).
  const cellA1of = async (year: number) => (await q(`SELECT p.id FROM review_participants p JOIN review_cycles c ON c.id = p.cycle_id WHERE c.year = $1 AND p.kind = 'cell' AND p.unit_id = $2`, [year, world.cellA1.id]))[0].id;
  complaintIds.cellA1_2024 = await complained(await cellA1of(2024), '2025-01-02');
  complaintIds.cellA1_2025 = await complained(await cellA1of(2025), '2025-12-28');
  complaintIds.secA1 = await complained(secA1, '2025-12-29');
  complaintIds.memA1 = await complained(memA1, '2025-12-29');
});

describe('review: a level that fell from one year to the next', () => {
  it('is registered through the review descriptor', () => {
    expect(modules.find((m) => m.name === 'review')!.signals!.map((s) => s.key)).toEqual(['review.level_fell', 'review.secretary_level_fell', 'review.complaints']);
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

describe("review: a secretary's own level that fell", () => {
  const fell = async (path: string, date: string, threshold = 1) =>
    Object.fromEntries((await askOf('review.secretary_level_fell', path, date, { threshold })).map((f) => [f.personId, [f.cellId, f.count]]));

  it('flags the secretaries whose own level fell by the steps known on the day, under the person, inside the branch', async () => {
    const { secretaryA1, secretaryB1 } = world.people;
    expect(await fell(world.province.path, '2025-12-19')).toEqual({});
    expect(await fell(world.province.path, '2025-12-20')).toEqual({ [secretaryA1.id]: [world.cellA1.id, 2] });
    expect(await fell(world.province.path, '2026-01-05')).toEqual({ [secretaryA1.id]: [world.cellA1.id, 2], [secretaryB1.id]: [world.cellB1.id, 1] });
    expect(await fell(world.province.path, '2026-01-05', 2)).toEqual({ [secretaryA1.id]: [world.cellA1.id, 2] });
    expect(await fell(world.communeB.path, '2026-01-05')).toEqual({ [secretaryB1.id]: [world.cellB1.id, 1] });
    const [a1] = await askOf('review.secretary_level_fell', world.communeA.path, '2026-02-01');
    expect(a1.params).toEqual({ steps: 2, year: '2025', previousYear: '2024', threshold: 2 });
    expect(a1.since).toBe('2025-12-20');
  });
});

describe("review: complaints about a cell's or its secretary's yearly review", () => {
  const filed = async (path: string, date: string, config: Partial<{ threshold: number; windowDays: number }> = {}) =>
    Object.fromEntries((await askOf('review.complaints', path, date, config)).map((f) => [f.personId ? `person:${f.personId}` : `cell:${f.cellId}`, f.evidence.map((e) => e.id)]));

  it('counts the complaints filed in the window by the day (a Vietnamese day), the cell and its secretary apart, no member', async () => {
    const sec = `person:${world.people.secretaryA1.id}`;
    const cell = `cell:${world.cellA1.id}`;
    expect(await filed(world.province.path, '2025-01-01')).toEqual({});
    expect(await filed(world.province.path, '2025-01-02')).toEqual({ [cell]: [complaintIds.cellA1_2024] });
    expect(await filed(world.province.path, '2025-12-29')).toEqual({ [cell]: [complaintIds.cellA1_2024, complaintIds.cellA1_2025], [sec]: [complaintIds.secA1] });
    // The window: 365 days back from 2026-01-02 leaves out the complaint of 2025-01-02.
    expect(await filed(world.province.path, '2026-01-02')).toEqual({ [cell]: [complaintIds.cellA1_2025], [sec]: [complaintIds.secA1] });
    expect(await filed(world.province.path, '2025-12-29', { threshold: 2 })).toEqual({ [cell]: [complaintIds.cellA1_2024, complaintIds.cellA1_2025] });
    expect(await filed(world.communeB.path, '2025-12-29')).toEqual({});
  });

  it('reads as a sentence with its years and days, and no one who filed', async () => {
    const [f] = (await askOf('review.complaints', world.communeA.path, '2025-12-29', { threshold: 2 })).filter((x) => !x.personId);
    expect(f.params).toEqual({ count: 2, threshold: 2, windowDays: 365, about: 'cell' });
    expect(f.evidence.map((e) => [e.ref, e.on])).toEqual([['2024', '2025-01-02'], ['2025', '2025-12-28']]);
    expect(f.since).toBe('2025-01-02');
    expect(JSON.stringify(f)).not.toMatch(/filed_by|Không đồng ý/);
  });
});
