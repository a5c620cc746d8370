// The property a module's dashboard figures must keep (guide step 8): after a random sequence of the module's writes
// mixed with dated moves of the test world's cells between its two communes, every provider's `compute` equals its
// `raw` on every node (the province, both communes, the three cells) and on dates around each write and each move,
// and its `computeMany` (when it has one) over all those nodes at once equals `compute` for each.
// One harness for every module with figures (meetings, documents): the module gives its writes as an arbitrary and
// how to apply one; the harness moves cells, picks the dates, compares, and checks the writes really happened.
import { sql, type SQL } from 'drizzle-orm';
import fc from 'fast-check';
import { expect } from 'vitest';
import { todayIso } from '../../domain/dates.js';
import { addDays } from '../../domain/supervision.js';
import { systemActor } from '../platform/access.js';
import type { Db } from '../platform/db/index.js';
import type { FigureProvider } from '../platform/figures.js';
import { moveUnit } from '../modules/org/service.js';
import type { World } from './factories.js';

export interface PropertyTools {
  db: Db;
  today: string;
  /** The world's three cells: A1, A2 (commune A), B1 (commune B), as their moves left them. */
  cells: string[];
  /** The `n`-th row (modulo their number) of a query, or undefined when it has none. */
  pick<T>(query: SQL, n: number): Promise<T | undefined>;
  /** Days worth comparing on (a write's day and the day before or after it). */
  mark(...days: string[]): void;
  /** Counts a write that really happened (`mustHappen` checks the counts at the end). */
  count(what: string): void;
}

export async function expectFiguresEqualRaw<Op>(opts: {
  db: Db;
  world: World;
  providers: readonly FigureProvider[];
  /** The module's writes. */
  op: fc.Arbitrary<Op>;
  apply: (o: Op, tools: PropertyTools) => Promise<void>;
  /** The first move's day before today: moves go forward a week at a time (a unit's history changes after its last change only). */
  movesFrom: number;
  /** Random comparison days, as offsets from today. */
  offsets: { min: number; max: number };
  /** What the sequences must have done at least once (`count` names; `moves` is the harness's own). */
  mustHappen: string[];
  numRuns?: number;
  /**
   * Write sequences run first, before the random ones, so that every `mustHappen` write is sure to happen: left to
   * chance alone, a run of short sequences sometimes wrote no action item (CI of stop 13: "items: expected 0").
   */
  examples?: { ops: (Op | 'move')[]; offsets: [number, number, number] }[];
}): Promise<void> {
  const { db, world } = opts;
  const today = todayIso();
  const actor = systemActor('figures-test');
  const cells = [world.cellA1, world.cellA2, world.cellB1].map((c) => c.id);
  const communes = [world.communeA.id, world.communeB.id];
  let moveDay = addDays(today, -opts.movesFrom);
  const done: Record<string, number> = {};
  const interesting = new Set<string>([today]);
  const tools: PropertyTools = {
    db,
    today,
    cells,
    pick: async <T,>(q: SQL, n: number) => {
      const rows = (await db.execute(q)).rows as T[];
      return rows.length ? rows[n % rows.length] : undefined;
    },
    mark: (...days) => days.forEach((d) => interesting.add(d)),
    count: (what) => void (done[what] = (done[what] ?? 0) + 1),
  };
  const move = fc.record({ move: fc.constant(true as const), cell: fc.nat(2) });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(opts.op.map((o) => ({ move: false as const, o })), move), { minLength: 4, maxLength: 10 }),
      fc.array(fc.integer(opts.offsets), { minLength: 3, maxLength: 3 }),
      async (ops, offsets) => {
        for (const x of ops) {
          if (!x.move) {
            await opts.apply(x.o, tools);
            continue;
          }
          const cell = cells[x.cell]!;
          const parent = (await db.execute<{ parent_id: string }>(sql`SELECT parent_id FROM org_unit_versions WHERE unit_id = ${cell} AND valid_to IS NULL`)).rows[0]!.parent_id;
          moveDay = addDays(moveDay, 7);
          if (moveDay > today) continue;
          tools.mark(moveDay, addDays(moveDay, -1));
          tools.count('moves');
          await moveUnit(db, actor, cell, { parentId: communes.find((c) => c !== parent)!, date: moveDay });
        }
        const nodes = [world.province.id, ...communes, ...cells];
        const days = [...offsets.map((x) => addDays(today, x)), ...[...interesting].slice(-6)];
        for (const date of days) {
          const units: { unitId: string; path: string }[] = [];
          for (const unitId of nodes) {
            const path = (await db.execute<{ path: string }>(sql`SELECT path FROM org_unit_versions WHERE unit_id = ${unitId} AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)`)).rows[0]?.path;
            if (path) units.push({ unitId, path });
          }
          for (const f of opts.providers) {
            const each: (number | null)[] = [];
            for (const u of units) {
              const at = { ...u, date };
              each.push(await f.compute(db, at));
              expect(each.at(-1), `${f.key} ${u.unitId} ${date}`).toEqual(await f.raw(db, at));
            }
            // all the nodes at once (the workbook's children), in one statement, give what each gives alone
            if (f.computeMany) expect(await f.computeMany(db, units, date), `${f.key} many ${date}`).toEqual(each);
          }
        }
      },
    ),
    {
      numRuns: opts.numRuns ?? 15,
      endOnFailure: true,
      examples: (opts.examples ?? []).map(
        (e): [({ move: true; cell: number } | { move: false; o: Op })[], number[]] => [
          e.ops.map((o) => (o === 'move' ? { move: true as const, cell: 0 } : { move: false as const, o: o as Op })),
          [...e.offsets],
        ],
      ),
    },
  );
  // the sequences did what they say (counted as they were written)
  for (const what of opts.mustHappen) expect(done[what] ?? 0, what).toBeGreaterThan(0);
}
