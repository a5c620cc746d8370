// The meetings figures' fast path (per-cell counts by day kept by triggers, meetings_triggers) against the raw rows,
// after a random sequence of writes: meetings planned, held (in or out of their month), cancelled, re-dated and
// scored; attendance added, changed, removed; action items added, done, dropped; quality bands changed; cells moved
// between communes on dated days (before and after the meetings they hold). On every node and on dates around
// each write and each move, compute equals raw.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { makeWorld, type World } from '../../test/factories.js';
import { expectFiguresEqualRaw, type PropertyTools } from '../../test/figures-property.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { createUnit, moveUnit } from '../org/service.js';
import { meetingFigures } from './figures.js';

let ctx: TestContext;
let world: World;
const today = todayIso();

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

const op = fc.oneof(
  fc.record({ t: fc.constant('plan' as const), cell: fc.nat(2), day: fc.integer({ min: -500, max: 60 }), regular: fc.boolean() }),
  fc.record({ t: fc.constant('hold' as const), m: fc.nat(), shift: fc.integer({ min: -10, max: 40 }), self: fc.option(fc.integer({ min: 30, max: 100 })), review: fc.option(fc.integer({ min: 30, max: 100 })) }),
  fc.record({ t: fc.constant('cancel' as const), m: fc.nat() }),
  fc.record({ t: fc.constant('replan' as const), m: fc.nat(), shift: fc.integer({ min: -40, max: 40 }) }),
  fc.record({ t: fc.constant('attend' as const), m: fc.nat(), p: fc.nat(), status: fc.constantFrom('present', 'excused', 'absent') }),
  fc.record({ t: fc.constant('unattend' as const), m: fc.nat() }),
  fc.record({ t: fc.constant('item' as const), m: fc.nat(), due: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ t: fc.constant('done' as const), i: fc.nat(), after: fc.integer({ min: -5, max: 60 }), drop: fc.boolean() }),
  fc.record({ t: fc.constant('band' as const), min: fc.integer({ min: 50, max: 90 }) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function apply(o: Op, { db, cells, pick, mark, count }: PropertyTools, people: string[]) {
  if (o.t === 'plan') {
    const day = addDays(today, o.day);
    mark(day);
    await db.execute(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on) VALUES (${cells[o.cell]}, ${o.regular ? 'regular' : 'thematic'}, ${day})`);
  } else if (o.t === 'hold') {
    const m = await pick<{ id: string; planned_on: string }>(sql`SELECT id, planned_on::text FROM cell_meetings ORDER BY id`, o.m);
    if (!m) return;
    const held = addDays(m.planned_on, o.shift);
    mark(held);
    count('held');
    await db.execute(sql`UPDATE cell_meetings SET status = 'held', held_on = ${held}, self_total = ${o.self}, review_total = ${o.review} WHERE id = ${m.id}`);
  } else if (o.t === 'cancel') {
    const m = await pick<{ id: string }>(sql`SELECT id FROM cell_meetings ORDER BY id`, o.m);
    if (m) await db.execute(sql`UPDATE cell_meetings SET status = 'cancelled', held_on = NULL WHERE id = ${m.id}`);
  } else if (o.t === 'replan') {
    const m = await pick<{ id: string }>(sql`SELECT id FROM cell_meetings ORDER BY id`, o.m);
    if (m) await db.execute(sql`UPDATE cell_meetings SET planned_on = planned_on + ${o.shift}::int WHERE id = ${m.id}`);
  } else if (o.t === 'attend') {
    const m = await pick<{ id: string }>(sql`SELECT id FROM cell_meetings ORDER BY id`, o.m);
    if (!m) return;
    count('attendance');
    await db.execute(sql`INSERT INTO meeting_attendance (meeting_id, person_id, status) VALUES (${m.id}, ${people[o.p % people.length]}, ${o.status})
        ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = EXCLUDED.status`);
  } else if (o.t === 'unattend') {
    const a = await pick<{ meeting_id: string; person_id: string }>(sql`SELECT meeting_id, person_id FROM meeting_attendance ORDER BY 1, 2`, o.m);
    if (a) await db.execute(sql`DELETE FROM meeting_attendance WHERE meeting_id = ${a.meeting_id} AND person_id = ${a.person_id}`);
  } else if (o.t === 'item') {
    const m = await pick<{ id: string; cell_id: string; planned_on: string }>(sql`SELECT id, cell_id, planned_on::text FROM cell_meetings ORDER BY id`, o.m);
    if (!m) return;
    const due = addDays(m.planned_on, o.due);
    mark(due, addDays(due, 1));
    count('items');
    await db.execute(sql`INSERT INTO meeting_action_items (id, meeting_id, cell_id, title, owner_person_id, due_on)
      VALUES (gen_random_uuid(), ${m.id}, ${m.cell_id}, 'Việc cần làm', ${people[0]}, ${due})`);
  } else if (o.t === 'done') {
    const i = await pick<{ id: string; due_on: string }>(sql`SELECT id, due_on::text FROM meeting_action_items ORDER BY id`, o.i);
    if (!i) return;
    const done = addDays(i.due_on, o.after);
    mark(done, addDays(done, -1));
    if (o.drop) await db.execute(sql`UPDATE meeting_action_items SET status = 'dropped' WHERE id = ${i.id}`);
    else await db.execute(sql`UPDATE meeting_action_items SET status = 'done', done_on = ${done} WHERE id = ${i.id}`);
  } else {
    await db.execute(sql`UPDATE meeting_quality_bands SET min_score = ${o.min} WHERE template = '42-HD' AND code = 'good'`);
  }
}

describe('meetings figures: per-cell counts and node totals kept by triggers', () => {
  it('equal the raw rows on every node and date after random writes and dated moves of cells (property)', async () => {
    const db = ctx.database.db;
    const people = (await db.execute<{ id: string }>(sql`SELECT id FROM people ORDER BY id`)).rows.map((r) => r.id);
    await expectFiguresEqualRaw({
      db,
      world,
      providers: meetingFigures,
      op,
      apply: (o, tools) => apply(o, tools, people),
      movesFrom: 400,
      offsets: { min: -480, max: 90 },
      mustHappen: ['held', 'attendance', 'items', 'moves'],
      examples: [
        {
          ops: [
            { t: 'plan', cell: 0, day: -30, regular: true },
            { t: 'hold', m: 0, shift: 0, self: 95, review: 88 },
            { t: 'attend', m: 0, p: 0, status: 'present' },
            { t: 'item', m: 0, due: 5 },
            'move',
            { t: 'done', i: 0, after: 3, drop: false },
          ],
          offsets: [-40, -20, 0],
        },
      ],
    });
  }, 240_000);

  it('a moved cell: its overdue items follow it from the move day, its past meetings stay where they were held', async () => {
    const db = ctx.database.db;
    const actor = systemActor('figures-test');
    const cell = await createUnit(db, actor, { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Chuyển', code: '90001-099', validFrom: addDays(today, -400) });
    const person = (await db.execute<{ id: string }>(sql`SELECT id FROM people ORDER BY id LIMIT 2`)).rows.map((r) => r.id);
    const m = (await db.execute<{ id: string }>(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on, status, held_on)
      VALUES (${cell.id}, 'regular', ${addDays(today, -50)}, 'held', ${addDays(today, -50)}) RETURNING id`)).rows[0]!.id;
    await db.execute(sql`INSERT INTO meeting_attendance (meeting_id, person_id, status) VALUES (${m}, ${person[0]}, 'present'), (${m}, ${person[1]}, 'absent')`);
    await db.execute(sql`INSERT INTO meeting_action_items (id, meeting_id, cell_id, title, owner_person_id, due_on, status, done_on) VALUES
      (gen_random_uuid(), ${m}, ${cell.id}, 'Mở', ${person[0]}, ${addDays(today, -60)}, 'open', NULL),
      (gen_random_uuid(), ${m}, ${cell.id}, 'Xong', ${person[0]}, ${addDays(today, -60)}, 'done', ${addDays(today, -10)})`);
    const [A, B] = [world.communeA.id, world.communeB.id];
    const figure = async (key: string, unitId: string, date: string) => {
      const path = (await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${unitId} AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)`)).rows[0]!.path;
      const f = meetingFigures.find((x) => x.key === key)!;
      const fast = await f.compute(db, { unitId, path, date });
      expect(fast, `${key} ${unitId} ${date}`).toEqual(await f.raw(db, { unitId, path, date }));
      return fast;
    };
    const days = [addDays(today, -40), addDays(today, -20), today];
    const read = async () => ({
      overdue: await Promise.all(days.flatMap((d) => [figure('meetings.overdueActionItems', A, d), figure('meetings.overdueActionItems', B, d)])),
      attendance: [await figure('meetings.attendanceRate', A, today), await figure('meetings.attendanceRate', B, today)],
      cell: await figure('meetings.overdueActionItems', cell.id, addDays(today, -20)),
    });
    const before = await read();
    expect(before.cell).toBe(2);
    await moveUnit(db, actor, cell.id, { parentId: B, date: addDays(today, -30) });
    const after = await read();
    // before the move nothing changes; from the move on, both items (then only the open one) count in B, not in A
    const delta = after.overdue.map((x, i) => x! - before.overdue[i]!);
    expect(delta).toEqual([0, 0, -2, 2, -1, 1]);
    // the meeting was held in A: A's attendance over the year keeps it, B's does not gain it
    expect(after.attendance).toEqual(before.attendance);
    expect(after.cell).toBe(2);
  });

  it('the quality distribution: the share of scored meetings in each band of the 42-HD thresholds, as the thresholds say', async () => {
    const db = ctx.database.db;
    const actor = systemActor('figures-test');
    await db.execute(sql`UPDATE meeting_quality_bands SET min_score = CASE code WHEN 'good' THEN 90 WHEN 'fair' THEN 70 WHEN 'average' THEN 50 ELSE 0 END WHERE template = '42-HD'`);
    const cell = await createUnit(db, actor, { parentId: world.communeB.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Điểm', code: '90002-098', validFrom: addDays(today, -400) });
    const path = (await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${cell.id} AND valid_to IS NULL`)).rows[0]!.path;
    // 95 good, 75 and 72 fair, 55 average, 10 weak; one held unscored and one scored 13 months ago count nowhere
    for (const [days, total] of [[-10, 95], [-20, 75], [-25, 72], [-30, 55], [-40, 10], [-50, null], [-400, 99]] as const)
      await db.execute(sql`INSERT INTO cell_meetings (cell_id, kind, planned_on, status, held_on, review_total) VALUES (${cell.id}, 'thematic', ${addDays(today, days)}, 'held', ${addDays(today, days)}, ${total})`);
    const bands = async (unitId: string, p: string) => {
      const out: Record<string, number | null> = {};
      for (const f of meetingFigures.filter((x) => x.key.startsWith('meetings.quality.'))) {
        const at = { unitId, path: p, date: today };
        out[f.key.slice('meetings.quality.'.length)] = await f.compute(db, at);
        expect(out[f.key.slice('meetings.quality.'.length)], f.key).toEqual(await f.raw(db, at));
      }
      return out;
    };
    expect(await bands(cell.id, path)).toEqual({ good: 20, fair: 40, average: 20, weak: 20 });
    // the thresholds are data: fair from 73 moves the 72 to average (a rebuild by the bands' trigger)
    await db.execute(sql`UPDATE meeting_quality_bands SET min_score = 73 WHERE template = '42-HD' AND code = 'fair'`);
    expect(await bands(cell.id, path)).toEqual({ good: 20, fair: 20, average: 40, weak: 20 });
    // the commune's distribution holds the cell's meetings among its other cells' (compute = raw checked inside)
    const commune = (await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${world.communeB.id} AND valid_to IS NULL`)).rows[0]!.path;
    const c = await bands(world.communeB.id, commune);
    expect(Object.values(c).reduce((a, b) => a! + b!, 0)).toBeCloseTo(100, 0);
    await db.execute(sql`UPDATE meeting_quality_bands SET min_score = 70 WHERE template = '42-HD' AND code = 'fair'`);
  });

  it('keeps the counts and node totals equal to a rebuild from scratch', async () => {
    const db = ctx.database.db;
    const read = async () => ({
      cells: (await db.execute(sql`SELECT * FROM meeting_cell_days ORDER BY cell_id, day, path`)).rows,
      nodes: (await db.execute(sql`SELECT * FROM meeting_node_days ORDER BY node_id, day`)).rows,
    });
    const before = await read();
    await db.execute(sql`TRUNCATE meeting_cell_days, meeting_node_days`);
    await db.execute(sql`SELECT meetings_figures_refresh(ARRAY(SELECT cell_id FROM cell_meetings UNION SELECT cell_id FROM meeting_action_items))`);
    expect(await read()).toEqual(before);
    expect(before.cells.length).toBeGreaterThan(0);
    expect(before.nodes.length).toBeGreaterThan(0);
    // every node row is the sum of the rows of the cells under it on that day
    const sums = (await db.execute(sql`
      SELECT a.node_id, d.day, sum(d.attended)::int AS attended, sum(d.overdue)::int AS overdue FROM meeting_cell_days d
      CROSS JOIN LATERAL unnest(meetings_path_ancestors(d.path)) AS a(node_id)
      GROUP BY 1, 2 HAVING sum(abs(d.due) + abs(d.on_schedule) + abs(d.attended) + abs(d.present) + abs(d.scored) + abs(d.good)) > 0 OR sum(d.overdue) <> 0
      ORDER BY 1, 2`)).rows;
    expect(sums).toEqual(before.nodes.map((n) => ({ node_id: n.node_id, day: n.day, attended: n.attended, overdue: n.overdue })));
  });
  it('refreshes in different provinces do not wait for each other, in one province they do, and the totals stay equal to a rebuild', async () => {
    const db = ctx.database.db;
    const pool = (db as unknown as { $client: pg.Pool }).$client;
    const actor = systemActor('test');
    const from = addDays(today, -400);
    const other = await createUnit(db, actor, { parentId: null, kind: 'province', name: 'Tỉnh ủy Khác', code: '97', validFrom: from });
    const otherCommune = await createUnit(db, actor, { parentId: other.id, kind: 'commune', name: 'Đảng ủy xã Khác', code: '97001', validFrom: from });
    const otherCell = await createUnit(db, actor, { parentId: otherCommune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Khác', code: '97001-001', validFrom: from });
    const plan = (cell: string, day: number) => `INSERT INTO cell_meetings (cell_id, kind, planned_on) VALUES ('${cell}', 'regular', '${addDays(today, day)}')`;
    const holder = await pool.connect();
    const elsewhere = await pool.connect();
    const sameProvince = await pool.connect();
    try {
      // a meeting written in the world's province, its transaction still open: its refresh holds that province's lock
      await holder.query('BEGIN');
      await holder.query(plan(world.cellA1.id, -3));
      // another province's meeting goes through at once (with one lock for the whole database it waited: lock timeout)
      await elsewhere.query('BEGIN');
      await elsewhere.query("SET LOCAL lock_timeout = '5s'");
      await elsewhere.query(plan(otherCell.id, -3));
      await elsewhere.query('COMMIT');
      // a meeting of another cell of the same province waits for the first (their province's rows are shared)
      await sameProvince.query('BEGIN');
      await sameProvince.query("SET LOCAL lock_timeout = '200ms'");
      await expect(sameProvince.query(plan(world.cellB1.id, -3))).rejects.toMatchObject({ code: '55P03' });
      await sameProvince.query('ROLLBACK');
      await holder.query('COMMIT');
    } finally {
      holder.release();
      elsewhere.release();
      sameProvince.release();
    }
    // twenty writes at once in the two provinces, each transaction in one cell (as chibo's writes are: a transaction
    // writing two provinces' meetings in two statements can deadlock: locks.test.ts): the totals equal a
    // rebuild from scratch
    const cells = [world.cellA1.id, world.cellA2.id, world.cellB1.id, otherCell.id];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.execute(sql.raw(plan(cells[i % cells.length]!, -(i % 9) - 1)));
          await tx.execute(sql`UPDATE cell_meetings SET status = 'held', held_on = planned_on, self_total = ${60 + i} WHERE cell_id = ${cells[i % cells.length]!} AND status = 'planned' AND planned_on < ${today}::date`);
        }),
      ),
    );
    const read = async () => ({
      cells: (await db.execute(sql`SELECT * FROM meeting_cell_days ORDER BY cell_id, day, path`)).rows,
      nodes: (await db.execute(sql`SELECT * FROM meeting_node_days ORDER BY node_id, day`)).rows,
    });
    const kept = await read();
    expect(kept.nodes.some((n) => n.node_id === other.id)).toBe(true);
    await db.execute(sql`TRUNCATE meeting_cell_days, meeting_node_days`);
    await db.execute(sql`SELECT meetings_figures_refresh(ARRAY(SELECT cell_id FROM cell_meetings UNION SELECT cell_id FROM meeting_action_items))`);
    expect(await read()).toEqual(kept);
    for (const unit of [other, otherCommune, world.province]) {
      const at = { unitId: unit.id, path: (await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${unit.id} AND valid_to IS NULL`)).rows[0]!.path, date: today };
      for (const f of meetingFigures) expect(await f.compute(db, at), `${f.key} ${unit.id}`).toEqual(await f.raw(db, at));
    }
  });
});
