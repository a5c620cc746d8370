// The meetings' early-warning signals read what each cell under a branch had on a day: checked against a plain
// reading of the rows (every meeting or item of the cells the tree held under the node then, grouped by cell), on the
// demo meetings of the test world, for every node and several days, with a threshold of 1 so every cell with
// evidence is a finding.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { defaultMeetingRules } from '../../../domain/meetings.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { createUnit } from '../org/service.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedMeetingsDemo } from './demo.js';
import { meetingSignals } from './signals.js';

let ctx: TestContext;
let world: World;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const db = ctx.database.db;
  await seedMeetingsDemo(db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
  // The demo's gaps depend on the cells' ids (random here), so one of each is planted in a cell of the test's own:
  // a regular meeting not held, one held with no resolution, an action item past its day.
  const cell = await createUnit(db, systemActor('signals-test'), { parentId: world.communeB.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Cảnh Báo', code: '90002-099', validFrom: addDays(todayIso(), -400) });
  const owner = (await db.execute<{ id: string }>(sql`SELECT id FROM people ORDER BY id LIMIT 1`)).rows[0]!.id;
  await db.execute(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on) VALUES (${cell.id}, 'regular', ${addDays(todayIso(), -10)})`);
  // and what must not count: a thematic meeting not held (only regular ones are "missed"), a resolution on time, a done item
  await db.execute(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on) VALUES (${cell.id}, 'thematic', ${addDays(todayIso(), -12)})`);
  const onTime = (await db.execute<{ id: string }>(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on, status, held_on, resolution_published_on)
    VALUES (${cell.id}, 'regular', ${addDays(todayIso(), -40)}, 'held', ${addDays(todayIso(), -40)}, ${addDays(todayIso(), -39)}) RETURNING id`)).rows[0]!.id;
  const held = (await db.execute<{ id: string }>(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on, status, held_on)
    VALUES (${cell.id}, 'thematic', ${addDays(todayIso(), -20)}, 'held', ${addDays(todayIso(), -20)}) RETURNING id`)).rows[0]!.id;
  await db.execute(sql`INSERT INTO meeting_action_items (id, meeting_id, cell_id, title, owner_person_id, due_on)
    VALUES (gen_random_uuid(), ${held}, ${cell.id}, 'Việc quá hạn', ${owner}, ${addDays(todayIso(), -5)})`);
  await db.execute(sql`INSERT INTO meeting_action_items (id, meeting_id, cell_id, title, owner_person_id, due_on, status, done_on)
    VALUES (gen_random_uuid(), ${onTime}, ${cell.id}, 'Việc đã xong', ${owner}, ${addDays(todayIso(), -30)}, 'done', ${addDays(todayIso(), -31)})`);
});

/** Cell id → the evidence ids (meetings), sorted: the plain reading of one signal. */
async function raw(key: string, path: string, date: string, windowDays: number): Promise<Record<string, string[]>> {
  const from = addDays(date, -windowDays);
  const within = defaultMeetingRules.resolutionDaysAfter;
  const cells = sql`SELECT unit_id FROM org_unit_versions WHERE path LIKE ${path + '%'} AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)`;
  const q =
    key === 'meetings.regular_missed'
      ? sql`SELECT cell_id, id::text AS ev FROM cell_meetings WHERE cell_id IN (${cells}) AND kind = 'regular'
          AND planned_on >= ${from}::date AND planned_on < ${date}::date AND NOT (held_on IS NOT NULL AND held_on <= ${date}::date)`
      : key === 'meetings.resolutions_late'
        ? sql`SELECT cell_id, id::text AS ev FROM cell_meetings WHERE cell_id IN (${cells}) AND held_on BETWEEN ${from}::date AND ${date}::date
            AND held_on + ${within}::int < ${date}::date AND NOT (resolution_published_on IS NOT NULL AND resolution_published_on <= held_on + ${within}::int)`
        : sql`SELECT a.cell_id, a.meeting_id::text AS ev FROM meeting_action_items a JOIN cell_meetings m ON m.id = a.meeting_id
            WHERE a.cell_id IN (${cells}) AND m.held_on <= ${date}::date AND a.due_on < ${date}::date
              AND (a.status = 'open' OR (a.status = 'done' AND a.done_on > ${date}::date))`;
  const out: Record<string, string[]> = {};
  for (const r of (await ctx.database.db.execute<{ cell_id: string; ev: string }>(q)).rows) (out[r.cell_id] ??= []).push(r.ev);
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

describe('the meetings signals', () => {
  it('find, for every node and day, exactly the cells and meetings a plain reading of the rows finds', async () => {
    const db = ctx.database.db;
    const nodes = [world.province, world.communeA, world.communeB];
    const today = todayIso();
    const today_: Record<string, number> = {};
    for (const node of nodes) {
      const path = (await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${node.id} AND valid_to IS NULL`)).rows[0]!.path;
      for (const date of [today, addDays(today, -30), addDays(today, -200)]) {
        for (const signal of meetingSignals) {
          const config = { ...signal.defaults, threshold: 1 };
          const got: Record<string, string[]> = {};
          for (const f of await signal.evaluate(db, { path, date, config })) got[f.cellId] = f.evidence.map((e) => e.id).sort();
          expect(got, `${signal.key} ${date} under ${node.id}`).toEqual(await raw(signal.key, path, date, config.windowDays));
          if (node === world.province && date === today) today_[signal.key] = Object.keys(got).length;
        }
      }
    }
    // each signal found something at the province today (the planted cell at least): not two empty lists compared
    for (const signal of meetingSignals) expect(today_[signal.key] ?? 0, signal.key).toBeGreaterThan(0);
  });
});
