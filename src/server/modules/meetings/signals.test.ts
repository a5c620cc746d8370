// The meetings' early-warning signals read what each cell under a branch had on a day: checked against a plain
// reading of the rows (every meeting or item of the cells the tree held under the node then, grouped by cell), on the
// demo meetings of the test world, for every node and several days, with a threshold of 1 so every cell with
// evidence is a finding.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { defaultMeetingRules } from '../../../domain/meetings.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedMeetingsDemo } from './demo.js';
import { meetingSignals } from './signals.js';

let ctx: TestContext;
let world: World;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  await seedMeetingsDemo(ctx.database.db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
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
    let findings = 0;
    for (const node of nodes) {
      const path = (await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${node.id} AND valid_to IS NULL`)).rows[0]!.path;
      for (const date of [today, addDays(today, -30), addDays(today, -200)]) {
        for (const signal of meetingSignals) {
          const config = { ...signal.defaults, threshold: 1 };
          const got: Record<string, string[]> = {};
          for (const f of await signal.evaluate(db, { path, date, config })) got[f.cellId] = f.evidence.map((e) => e.id).sort();
          expect(got, `${signal.key} ${date} under ${node.id}`).toEqual(await raw(signal.key, path, date, config.windowDays));
          findings += Object.keys(got).length;
        }
      }
    }
    // the demo's gaps make some of each (the comparison is not of two empty lists)
    expect(findings).toBeGreaterThan(3);
  });
});
