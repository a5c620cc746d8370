// The pre-aggregated figures (figures.ts, kept by the triggers of migration `figures_triggers`) against the raw
// computation (raw.ts), after random sequences of writes done through the services — people created, transferred,
// closed, edited; secretaries elected and ended; posts and laptops; cells moved, merged and split — on random
// nodes (including closed ones) and dates.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellKind } from '../../../domain/enums.js';
import { systemActor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { setupTestApp } from '../../test/harness.js';
import { createUnit, mergeUnits, moveUnit, splitUnit } from '../org/service.js';
import {
  addEquipment,
  addPosition,
  addPost,
  closePerson,
  createPerson,
  currentMemberIds,
  endPosition,
  endPost,
  transferPerson,
  updatePerson,
} from '../people/service.js';
import { computeBranchFigures, computeFigures, rawBranchFigures, rawFigures } from './figures.js';

const system = systemActor('fast-figures-test');
let db: Db;

beforeAll(async () => {
  db = (await setupTestApp()).database.db;
});

const OPS = ['person', 'person', 'person', 'transfer', 'secretary', 'secretary', 'secretary', 'endSecretary', 'post', 'post', 'endPost',
  'laptop', 'laptop', 'edit', 'close', 'move', 'merge', 'split'] as const;
type Op = { kind: (typeof OPS)[number]; step: number; a: number; b: number; c: number };
const op = fc.record({
  kind: fc.constantFrom(...OPS),
  step: fc.integer({ min: 0, max: 200 }), // days after the previous operation
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
});

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
const EDUCATIONS = ['none', 'intermediate', 'college', 'university', 'master', 'doctorate'] as const;
const THEORIES = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] as const;

let runNo = 0;

/** The units of the branch in force on `date` (id, kind, path that day). */
async function unitsOn(rootId: string, date: string) {
  const { rows } = await db.execute<{ id: string; kind: string; path: string; parent_id: string | null }>(sql`
    SELECT v.unit_id AS id, u.kind, v.path, v.parent_id FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
    WHERE v.path LIKE ${'%/' + rootId + '/%'} AND v.valid_from <= ${date}::date AND (v.valid_to IS NULL OR v.valid_to > ${date}::date)`);
  return rows;
}

async function openTerms(cellIds: string[], position: 'secretary') {
  if (cellIds.length === 0) return [];
  const { rows } = await db.execute<{ id: string; valid_from: string }>(sql`
    SELECT id, valid_from::text FROM position_terms WHERE position = ${position} AND valid_to IS NULL
      AND unit_id IN (${sql.join(cellIds.map((c) => sql`${c}::uuid`), sql`, `)}) ORDER BY id`);
  return rows;
}

/** The person holding the n-th open secretary term of these cells (posts and laptops count for secretaries). */
async function aSecretary(cellIds: string[], n: number): Promise<string | undefined> {
  if (cellIds.length === 0) return undefined;
  const { rows } = await db.execute<{ person_id: string }>(sql`
    SELECT person_id FROM position_terms WHERE position = 'secretary' AND valid_to IS NULL
      AND unit_id IN (${sql.join(cellIds.map((c) => sql`${c}::uuid`), sql`, `)}) ORDER BY id`);
  return rows[n % Math.max(rows.length, 1)]?.person_id;
}

/** Applies one operation through the services; a rule the operation breaks (AppError) just skips it. */
async function apply(o: Op, date: string, rootId: string, persons: string[], n: number) {
  const units = await unitsOn(rootId, date);
  const cells = units.filter((u) => u.kind === 'cell').sort((x, y) => x.id.localeCompare(y.id));
  const communes = units.filter((u) => u.kind === 'commune').sort((x, y) => x.id.localeCompare(y.id));
  const cell = cells[o.a % Math.max(cells.length, 1)];
  const person = persons[o.a % Math.max(persons.length, 1)];
  try {
    switch (o.kind) {
      case 'person': {
        if (!cell) return;
        const birth = addDays('1950-01-01', o.b % 18_000); // 1950–1999; a few on 29 February
        const joined = addDays(birth, 365 * 20 + (o.c % 2000));
        const official = o.c % 7 === 0 ? null : addDays(joined, 366 + (o.c % 900));
        const p = await createPerson(db, system, {
          fullName: `Người Thử ${n}`, birthDate: birth, sex: 'male', ethnicity: 'Kinh', partyCardNo: null, cccd: null, phone: null,
          joinedOn: joined < date ? joined : addDays(date, -1), officialOn: official && official <= '2026-06-30' ? official : null,
          education: EDUCATIONS[o.b % EDUCATIONS.length], theoryLevel: THEORIES[o.c % THEORIES.length],
          unitId: cell.id, memberSince: date,
        });
        persons.push(p.id);
        return;
      }
      case 'transfer':
        if (person && cells.length > 1) await transferPerson(db, system, person, { toUnitId: cells[o.b % cells.length].id, date });
        return;
      case 'secretary':
        if (person) await addPosition(db, system, person, { position: 'secretary', from: o.b % 2 ? date : addDays(date, -(o.b % 400)) });
        return;
      case 'endSecretary': {
        const terms = await openTerms(cells.map((c) => c.id), 'secretary');
        const t = terms[o.b % Math.max(terms.length, 1)];
        if (t) await endPosition(db, system, t.id, { to: date > t.valid_from ? date : addDays(t.valid_from, 1) });
        return;
      }
      case 'post': {
        const holder = o.c % 2 ? person : await aSecretary(cells.map((c) => c.id), o.b);
        if (holder) await addPost(db, system, holder, { post: o.b % 3 ? 'village_head' : 'other', from: addDays(date, -(o.c % 300)) });
        return;
      }
      case 'endPost': {
        const holder = o.c % 2 ? person : await aSecretary(cells.map((c) => c.id), o.b);
        const { rows } = await db.execute<{ id: string; valid_from: string }>(sql`
          SELECT id, valid_from::text FROM concurrent_posts WHERE valid_to IS NULL AND person_id = ${holder ?? null}::uuid`);
        if (rows[0]) await endPost(db, system, rows[0].id, { to: date > rows[0].valid_from ? date : addDays(rows[0].valid_from, 1) });
        return;
      }
      case 'laptop': {
        const holder = o.c % 2 ? person : await aSecretary(cells.map((c) => c.id), o.b);
        if (holder) await addEquipment(db, system, holder, { kind: o.b % 4 ? 'laptop' : 'tablet', issuedOn: addDays(date, -(o.c % 500)) });
        return;
      }
      case 'edit': {
        if (!person) return;
        const field = o.b % 4;
        const patch =
          field === 0 ? { education: EDUCATIONS[o.c % EDUCATIONS.length] }
          : field === 1 ? { theoryLevel: THEORIES[o.c % THEORIES.length] }
          : field === 2 ? { birthDate: addDays('1955-02-28', o.c % 12_000) }
          : { officialOn: o.c % 3 === 0 ? null : addDays(date, -(o.c % 2000)) };
        await updatePerson(db, system, person, patch);
        return;
      }
      case 'close':
        if (person && o.b % 3 === 0) await closePerson(db, system, person, { reason: o.c % 2 ? 'left' : 'deceased', date });
        return;
      case 'move': {
        const target = communes[o.b % Math.max(communes.length, 1)];
        if (cell && target) await moveUnit(db, system, cell.id, { parentId: target.id, date });
        return;
      }
      case 'merge': {
        // two cells (possibly of different communes: the merged cell opens under the first one's commune), or two communes
        const pool = o.c % 4 === 0 ? communes : cells;
        const x = pool[o.a % Math.max(pool.length, 1)];
        const y = pool[o.b % Math.max(pool.length, 1)];
        if (x && y && x.id !== y.id) await mergeUnits(db, system, { sourceIds: [x.id, y.id], name: `Hợp nhất ${n}`, cellKind: 'village' as CellKind, date });
        return;
      }
      case 'split': {
        if (!cell) return;
        const members = (await currentMemberIds(db, cell.id, date)).sort();
        const parts = [0, 1].map((i) => ({ name: `Tách ${n}.${i}`, personIds: members.filter((_, k) => (k + o.b) % 2 === i) }));
        await splitUnit(db, system, cell.id, { date, parts });
        return;
      }
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
}

describe('property: the pre-aggregated figures equal the raw SQL', () => {
  it('after random writes through the services, on random nodes and dates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 4500 }), { minLength: 4, maxLength: 8 }), async (ops, probeDays) => {
        const no = ++runNo;
        const province = await createUnit(db, system, { parentId: null, kind: 'province', name: `Tỉnh Thử ${no}`, code: `P${no}`, validFrom: '2014-01-01' });
        for (let i = 0; i < 3; i++) {
          const commune = await createUnit(db, system, { parentId: province.id, kind: 'commune', name: `Xã ${no}.${i}`, code: `C${no}.${i}`, validFrom: '2014-01-01' });
          for (let j = 0; j < 2; j++) await createUnit(db, system, { parentId: commune.id, kind: 'cell', cellKind: 'village', name: `Chi bộ ${no}.${i}.${j}`, code: `B${no}.${i}.${j}`, validFrom: '2014-01-01' });
        }
        const persons: string[] = [];
        let date = '2015-01-01';
        const opDates: string[] = [];
        for (const [n, o] of ops.entries()) {
          date = addDays(date, o.step);
          if (date > '2026-06-30') break;
          opDates.push(date);
          await apply(o, date, province.id, persons, n);
          // the province and its communes right after each write, on its day
          const [root] = (await unitsOn(province.id, date)).filter((u) => u.id === province.id);
          expect(await computeBranchFigures(db, { unit: root, date }), `after ${o.kind} on ${date}`).toEqual(await rawBranchFigures(db, { unit: root, date }));
        }
        // Probe dates: random ones, and the days of the operations and the days before them (where things change).
        const dates = [...new Set([...probeDays.map((d) => addDays('2014-01-01', d)), ...opDates.flatMap((d) => [d, addDays(d, -1)]).filter((_, i) => i % 3 === 0)])];
        for (const d of dates) {
          expect(await computeFigures(db, { path: '/', date: d }), `the whole registry on ${d}`).toEqual(await rawFigures(db, { path: '/', date: d }));
          for (const u of await unitsOn(province.id, d)) {
            const fast = await computeFigures(db, { path: u.path, date: d });
            expect(fast, `${u.kind} ${u.id} on ${d}`).toEqual(await rawFigures(db, { path: u.path, date: d }));
            if (u.kind !== 'cell') {
              expect(await computeBranchFigures(db, { unit: u, date: d }), `branch ${u.kind} on ${d}`).toEqual(await rawBranchFigures(db, { unit: u, date: d }));
            }
          }
        }
        // Nothing is left waiting for a refresh.
        const { rows } = await db.execute<{ n: number }>(sql`SELECT (SELECT count(*) FROM figures_dirty) + (SELECT count(*) FROM figures_pending) AS n`);
        expect(Number(rows[0].n)).toBe(0);
      }),
      { numRuns: 15, seed: 5, endOnFailure: true },
    );
    // ~30 s on a quiet 2-core machine (15 runs of writes, then every node on several dates, fast and raw): room
    // for a loaded one.
  }, 240_000);

  it('rebuilds to the same totals from scratch', async () => {
    const all = sql`SELECT * FROM node_figures ORDER BY node_id, valid_from`;
    const before = await db.execute<Record<string, unknown>>(all);
    await db.execute(sql`DELETE FROM node_figures`);
    await db.execute(sql`DELETE FROM cell_figure_segments`);
    await db.execute(sql`SELECT figures_refresh(coalesce(array_agg(id), '{}')) FROM org_units WHERE kind = 'cell'`);
    const after = await db.execute<Record<string, unknown>>(all);
    // Incremental maintenance may leave rows that repeat their predecessor (or zeros); the totals of every day agree.
    const key = (rows: Record<string, unknown>[]) => {
      const out: string[] = [];
      const last = new Map<unknown, string>();
      for (const { node_id, valid_from, ...counts } of rows) {
        const v = JSON.stringify(Object.values(counts).map(Number));
        if (v !== (last.get(node_id) ?? JSON.stringify(Object.values(counts).map(() => 0)))) out.push(`${node_id} ${valid_from} ${v}`);
        last.set(node_id, v);
      }
      return out;
    };
    expect(key(after.rows)).toEqual(key(before.rows));
  });
});
