// The documents figures' fast path (per-cell counts by day kept by triggers, documents_triggers) against the raw
// rows, after a random sequence of writes: documents sent to cells with deadlines, studies recorded (before, on and
// after the deadline) and taken back, deadlines moved, rows removed, cells moved between communes on dated days. On
// every node and on dates around each write and each move, compute equals raw.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { makeWorld, type World } from '../../test/factories.js';
import { expectFiguresEqualRaw, type PropertyTools } from '../../test/figures-property.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedDocumentsDemo } from './demo.js';
import { documentFigures } from './figures.js';

let ctx: TestContext;
let world: World;
const today = todayIso();

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  await seedDocumentsDemo(ctx.database.db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
});

const op = fc.oneof(
  fc.record({ t: fc.constant('send' as const), doc: fc.nat(), deadline: fc.integer({ min: -300, max: 60 }), cells: fc.subarray([0, 1, 2], { minLength: 1 }) }),
  fc.record({ t: fc.constant('study' as const), r: fc.nat(), shift: fc.integer({ min: -20, max: 40 }) }),
  fc.record({ t: fc.constant('unstudy' as const), r: fc.nat() }),
  fc.record({ t: fc.constant('deadline' as const), d: fc.nat(), shift: fc.integer({ min: -30, max: 30 }) }),
  fc.record({ t: fc.constant('remove' as const), r: fc.nat() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function apply(o: Op, { db, cells, pick, mark, count }: PropertyTools, docs: string[]) {
  if (o.t === 'send') {
    const deadline = addDays(today, o.deadline);
    mark(deadline, addDays(deadline, 1));
    const targets = o.cells.map((i) => cells[i]!);
    const d = (await db.execute<{ id: string }>(sql`INSERT INTO document_disseminations (document_id, sender_unit_id, sent_on, deadline, target_unit_ids)
      VALUES (${docs[o.doc % docs.length]}, ${world.province.id}, ${addDays(deadline, -30)}, ${deadline}, ${`{${targets.join(',')}}`}) RETURNING id`)).rows[0]!;
    await db.execute(sql`INSERT INTO document_dissemination_cells (dissemination_id, cell_id) SELECT ${d.id}, unnest(${`{${targets.join(',')}}`}::uuid[])`);
  } else if (o.t === 'study') {
    const r = await pick<{ dissemination_id: string; cell_id: string; deadline: string }>(
      sql`SELECT dc.dissemination_id, dc.cell_id, d.deadline::text FROM document_dissemination_cells dc JOIN document_disseminations d ON d.id = dc.dissemination_id ORDER BY 1, 2`, o.r);
    if (!r) return;
    const on = addDays(r.deadline, o.shift);
    mark(on, addDays(on, -1));
    count('studies');
    await db.execute(sql`UPDATE document_dissemination_cells SET studied_on = ${on} WHERE dissemination_id = ${r.dissemination_id} AND cell_id = ${r.cell_id}`);
  } else if (o.t === 'unstudy') {
    const r = await pick<{ dissemination_id: string; cell_id: string }>(sql`SELECT dissemination_id, cell_id FROM document_dissemination_cells WHERE studied_on IS NOT NULL ORDER BY 1, 2`, o.r);
    if (r) await db.execute(sql`UPDATE document_dissemination_cells SET studied_on = NULL WHERE dissemination_id = ${r.dissemination_id} AND cell_id = ${r.cell_id}`);
  } else if (o.t === 'deadline') {
    const d = await pick<{ id: string; deadline: string }>(sql`SELECT id, deadline::text FROM document_disseminations ORDER BY id`, o.d);
    if (!d) return;
    mark(addDays(d.deadline, o.shift), addDays(d.deadline, o.shift + 1));
    count('deadlines');
    await db.execute(sql`UPDATE document_disseminations SET deadline = deadline + ${o.shift}::int WHERE id = ${d.id}`);
  } else {
    const r = await pick<{ dissemination_id: string; cell_id: string }>(sql`SELECT dissemination_id, cell_id FROM document_dissemination_cells ORDER BY 1, 2`, o.r);
    if (r) await db.execute(sql`DELETE FROM document_dissemination_cells WHERE dissemination_id = ${r.dissemination_id} AND cell_id = ${r.cell_id}`);
  }
}

describe('documents figures: per-cell counts kept by triggers', () => {
  it('equal the raw rows on every node and date after random writes and dated moves of cells (property)', async () => {
    const db = ctx.database.db;
    const docs = (await db.execute<{ id: string }>(sql`SELECT id FROM party_documents ORDER BY id`)).rows.map((r) => r.id);
    await expectFiguresEqualRaw({
      db,
      world,
      providers: documentFigures,
      op,
      apply: (o, tools) => apply(o, tools, docs),
      movesFrom: 300,
      offsets: { min: -320, max: 90 },
      mustHappen: ['studies', 'deadlines', 'moves'],
      examples: [
        {
          ops: [
            { t: 'send', doc: 0, deadline: -20, cells: [0, 1] },
            { t: 'study', r: 0, shift: 5 },
            { t: 'deadline', d: 0, shift: 10 },
            'move',
          ],
          offsets: [-40, -10, 0],
        },
      ],
    });
  }, 240_000);

  it('keeps the counts table equal to a rebuild from scratch', async () => {
    const db = ctx.database.db;
    const before = (await db.execute(sql`SELECT * FROM document_cell_days ORDER BY cell_id, day`)).rows;
    await db.execute(sql`SELECT documents_figures_refresh(ARRAY(SELECT DISTINCT cell_id FROM document_dissemination_cells))`);
    expect((await db.execute(sql`SELECT * FROM document_cell_days ORDER BY cell_id, day`)).rows).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});
