// Ground truth: a generated world with planted pile-ups and noise — unfounded and closed cases, declined ones, the
// same named reporter written two ways, anonymous reporters, a cell moved to the other commune mid-way, cells just
// under the threshold, cases received after the day asked — and the supervision signals of the list equal the truth
// computed independently in plain SQL, for several days and for readers of different branches.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { createUnit, moveUnit } from '../org/service.js';
import { makeWorld, type World } from '../../test/factories.js';
import { isOverdue } from '../../../domain/supervision.js';
import { casesOn, counts, rawCasesOn } from '../supervision/signals.js';
import { modules } from '../index.js';
import { evaluateDays, type SignalFinding } from '../../platform/signals.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
const c: Record<string, Client> = {};
const system = systemActor('ground-truth');
const today = todayIso();
const WINDOW = 180;

/** A small deterministic generator (mulberry32): the same world on every run. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.database.pool.query(text, params).then((r) => r.rows as T[]);
let serial = 0;

type Plant = {
  cellId: string;
  receivedOn: string;
  category?: string;
  subject?: string;
  anonymous?: boolean;
  reporter?: [string, string];
  /** Steps of its history after 'received': [status, day, conclusion?]. */
  steps?: [string, string, string?][];
};

async function plant(p: Plant) {
  serial += 1;
  const lookup = createHash('sha256').update(`gt-${process.pid}-${serial}`).digest('hex').slice(0, 32);
  const concluded = p.steps?.find((s) => s[0] === 'concluded');
  const last = p.steps?.at(-1)?.[0] ?? 'received';
  const [row] = await q<{ id: string }>(
    `INSERT INTO supervision_cases (category, subject, cell_id, route, handling_unit_id, content, anonymous, reporter_name, reporter_contact, status,
       received_on, acknowledge_by, conclude_by, conclusion, measure, concluded_on, receipt_lookup, receipt_hash)
     SELECT $1, $2, $3, 'commune', v.parent_id, 'Nội dung phản ánh thử', $4, $5, $6, $7, $8::date, $8::date + 10, $8::date + 90, $9, $10, $11, $12, 'x'
     FROM org_unit_versions v WHERE v.unit_id = $3 AND v.valid_from <= $8::date AND (v.valid_to IS NULL OR v.valid_to > $8::date)
     RETURNING id`,
    [
      p.category ?? 'complaint',
      p.subject ?? 'village',
      p.cellId,
      p.anonymous ?? !p.reporter,
      p.reporter?.[0] ?? null,
      p.reporter?.[1] ?? null,
      last,
      p.receivedOn,
      concluded?.[2] ?? null,
      concluded ? 'none' : null,
      concluded?.[1] ?? null,
      lookup,
    ],
  );
  await q('INSERT INTO supervision_transitions (case_id, seq, from_status, to_status, "on") VALUES ($1, 1, NULL, $2, $3)', [row.id, 'received', p.receivedOn]);
  let prev = 'received';
  for (const [i, [status, on]] of (p.steps ?? []).entries()) {
    await q('INSERT INTO supervision_transitions (case_id, seq, from_status, to_status, "on") VALUES ($1, $2, $3, $4, $5)', [row.id, i + 2, prev, status, on]);
    prev = status;
  }
  return row.id;
}

/** The truth, in plain SQL: per cell under `path` on `day`, the cases that count (pending then, or founded by then). */
async function truth(path: string, day: string) {
  const rows = await q<{ cell_id: string; n: number; reporters: number; matter: string }>(
    `WITH s AS (
       SELECT c.*, (SELECT t.to_status FROM supervision_transitions t WHERE t.case_id = c.id AND t."on" <= $2::date ORDER BY t.seq DESC LIMIT 1) AS st
       FROM (
       -- Each case under its cell as planted, or, from the day that cell merged (the test's own record of the merges,
       -- gt_merges, and of each case's planted cell, gt_home), under the cell it merged into.
       SELECT c.id, c.category, c.subject, c.anonymous, c.reporter_name, c.reporter_contact, c.received_on, c.concluded_on, c.conclusion,
              CASE WHEN m.merged_on <= $2::date THEN m.to_id ELSE COALESCE(h.cell_id, c.cell_id) END AS cell_id
       FROM supervision_cases c LEFT JOIN gt_home h ON h.id = c.id LEFT JOIN gt_merges m ON m.from_id = COALESCE(h.cell_id, c.cell_id)) c
     WHERE c.received_on <= $2::date AND c.received_on > $2::date - $3::int),
     counting AS (
       SELECT * FROM s WHERE st IN ('received', 'accepted', 'verifying')
          OR (st IN ('concluded', 'closed') AND concluded_on <= $2::date AND conclusion IN ('founded', 'partly_founded'))),
     placed AS (
       SELECT k.* FROM counting k JOIN org_unit_versions v ON v.unit_id = k.cell_id AND v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to > $2::date)
       WHERE v.path LIKE $1 || '%'),
     keyed AS (
       SELECT cell_id, subject || ':' || category AS matter,
              CASE WHEN anonymous THEN 'a:' || id ELSE 'n:' || lower(regexp_replace(trim(reporter_name), '\\s+', ' ', 'g')) || '|' || regexp_replace(lower(reporter_contact), '[^0-9a-z@]', '', 'g') END AS who
       FROM placed)
     SELECT cell_id, 'all' AS matter, COUNT(*)::int AS n, 0 AS reporters FROM placed GROUP BY cell_id HAVING COUNT(*) >= 3
     UNION ALL
     SELECT cell_id, matter, COUNT(*)::int, COUNT(DISTINCT who)::int FROM keyed GROUP BY cell_id, matter HAVING COUNT(DISTINCT who) >= 2`,
    [path, day, WINDOW],
  );
  const inWindow = new Map<string, number>();
  const same = new Set<string>();
  for (const r of rows) {
    if (r.matter === 'all') inWindow.set(r.cell_id, r.n);
    else same.add(`${r.cell_id}|${r.matter}|${r.reporters}`);
  }
  return { inWindow, same };
}

async function listed(client: Client, day: string) {
  const res = await client.get(`/api/warnings?date=${day}`);
  expect(res.statusCode, res.body).toBe(200);
  type W = { kind: string; cell: { id: string }; signals: { key: string; count: number; part: string | null }[] };
  const inWindow = new Map<string, number>();
  const same = new Set<string>();
  for (const w of res.json().items as W[]) {
    if (w.kind !== 'cell') continue;
    for (const s of w.signals) {
      if (s.key === 'supervision.reports_in_window') inWindow.set(w.cell.id, s.count);
      if (s.key === 'supervision.same_matter') same.add(`${w.cell.id}|${s.part}|${s.count}`);
    }
  }
  return { inWindow, same };
}

const D = (n: number) => addDays(today, -n);
let planted: { pileUp: string[]; moved: string; under: string[]; merged: { from: string[]; to: string; on: string }[] };

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  for (const u of ['admin', 'officer.a', 'officer.b', 'inspector']) c[u] = await signIn(ctx.app, u);
  const random = rng(17);
  const cells: string[] = [];
  for (let i = 0; i < 12; i++) {
    const parent = i % 2 ? world.communeB.id : world.communeA.id;
    cells.push((await createUnit(ctx.database.db, system, { parentId: parent, kind: 'cell', cellKind: 'village', name: `Chi bộ thôn Sinh ${i}`, code: `gt-${i}`, validFrom: '2020-01-01' })).id);
  }
  const pileUp = [cells[0], cells[1], cells[2]];
  // Planted pile-ups: 3–5 pending or founded reports in the last 150 days.
  for (const cell of pileUp) {
    const n = 3 + Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      const on = D(10 + Math.floor(random() * 140));
      const founded = random() < 0.4;
      await plant({ cellId: cell, receivedOn: on, steps: founded ? [['accepted', addDays(on, 1)], ['verifying', addDays(on, 2)], ['concluded', addDays(on, 5), 'founded']] : [] });
    }
  }
  // Noise on every cell: unfounded (then closed), declined, too old, received after the days asked.
  for (const cell of cells) {
    const on = D(20 + Math.floor(random() * 100));
    await plant({ cellId: cell, receivedOn: on, steps: [['accepted', addDays(on, 1)], ['verifying', addDays(on, 2)], ['concluded', addDays(on, 4), 'unfounded'], ['closed', addDays(on, 6)]] });
    await plant({ cellId: cell, receivedOn: D(15), steps: [['declined', D(14)]] });
    await plant({ cellId: cell, receivedOn: D(WINDOW + 5 + Math.floor(random() * 50)) });
  }
  // Just under the threshold: two counting reports.
  const under = [cells[3], cells[4]];
  for (const cell of under) for (let k = 0; k < 2; k++) await plant({ cellId: cell, receivedOn: D(30 + k) });
  // One named reporter written two ways, and an anonymous one, on one matter: two people.
  await plant({ cellId: cells[5], receivedOn: D(40), category: 'criticism', reporter: ['Hà Thị Mai', '0912 345 678'] });
  await plant({ cellId: cells[5], receivedOn: D(35), category: 'criticism', reporter: [' hà thị  mai', '0912.345.678'] });
  await plant({ cellId: cells[6], receivedOn: D(50), category: 'criticism', reporter: ['Hà Thị Mai', '0912 345 678'] });
  await plant({ cellId: cells[6], receivedOn: D(45), category: 'criticism', reporter: ['Hà Thị Mai', '0912345678'] });
  await plant({ cellId: cells[6], receivedOn: D(44), category: 'criticism', anonymous: true });
  // A pile-up about a cell of A that moves to B 20 days ago; a late report after the last day asked below.
  const moved = cells[8];
  for (const on of [D(60), D(50), D(40)]) await plant({ cellId: moved, receivedOn: on });
  await moveUnit(ctx.database.db, system, moved, { parentId: world.communeB.id, date: D(20) });
  await plant({ cellId: cells[3], receivedOn: D(2) });
  // Merges. Cell 9 (commune B: two open reports, one founded and closed, one unfounded and closed, and two people on
  // one matter) merges with cell 10 (commune A) 10 days ago into a cell of A; cells 7 and 11 (both of B), two
  // counting reports and one, merge 30 days ago: under the threshold apart, a pile-up together — with one open
  // report of the same matter on each side (two people, only together).
  await plant({ cellId: cells[9], receivedOn: D(70), category: 'denunciation' });
  await plant({ cellId: cells[9], receivedOn: D(60), category: 'denunciation', reporter: ['Lò Văn Pọm', '0987 000 111'] });
  await plant({ cellId: cells[9], receivedOn: D(80), steps: [['accepted', D(79)], ['verifying', D(78)], ['concluded', D(70), 'founded'], ['closed', D(69)]] });
  await plant({ cellId: cells[9], receivedOn: D(55), steps: [['accepted', D(54)], ['verifying', D(53)], ['concluded', D(50), 'unfounded'], ['closed', D(49)]] });
  await plant({ cellId: cells[7], receivedOn: D(90), category: 'proposal' });
  await plant({ cellId: cells[7], receivedOn: D(85), steps: [['accepted', D(84)], ['verifying', D(83)], ['concluded', D(80), 'partly_founded']] });
  await plant({ cellId: cells[11], receivedOn: D(75), category: 'proposal', reporter: ['Hoàng Thị Thu', 'thu@example.vn'] });
  await q('CREATE TABLE gt_home AS SELECT id, cell_id FROM supervision_cases');
  await q('CREATE TABLE gt_merges (from_id uuid, to_id uuid, merged_on date)');
  const merged: { from: string[]; to: string; on: string }[] = [];
  for (const [sources, on, name] of [[[cells[10], cells[9]], D(10), 'Chi bộ thôn Sinh Hợp'], [[cells[7], cells[11]], D(30), 'Chi bộ thôn Sinh Mới']] as const) {
    const res = await c['admin'].post('/api/units/merge', { sourceIds: sources, name, date: on });
    expect(res.statusCode, res.body).toBe(201);
    const to = res.json().unit.id as string;
    for (const from of sources) await q('INSERT INTO gt_merges VALUES ($1, $2, $3)', [from, to, on]);
    merged.push({ from: [...sources], to, on });
  }
  planted = { pileUp, moved, under, merged };
});

describe('the list equals the truth computed in SQL', () => {
  const days = [0, 3, 10, 12, 25, 30, 45, 100];
  const readers: [string, () => string][] = [
    ['admin', () => world.province.path],
    ['inspector', () => world.province.path],
    ['officer.a', () => world.communeA.path],
    ['officer.b', () => world.communeB.path],
  ];
  for (const n of days)
    for (const [reader, path] of readers)
      it(`${reader}, ${n} days ago`, async () => {
        const day = D(n);
        const [want, got] = [await truth(path(), day), await listed(c[reader], day)];
        expect(got.inWindow).toEqual(want.inWindow);
        expect(got.same).toEqual(new Set([...want.same].map((k) => k)));
      });

  // The signals read the cases' view kept by triggers (supervision_signal_cases); the raw replay of each case's history
  // is the reference: the same cases count, and the same are overdue, on every day for every branch.
  for (const n of [...days, 14, 200])
    for (const [reader, path] of readers)
      it(`the cases' signal view equals the raw replay: ${reader}, ${n} days ago`, async () => {
        const day = D(n);
        const at = { path: path(), date: day };
        for (const [since, openToo] of [[addDays(day, -WINDOW + 1), false], [day, true], ['2000-01-01', false]] as const) {
          const view = (rows: Awaited<ReturnType<typeof casesOn>>) => ({
            counting: rows.filter(counts).map((r) => `${r.id}|${r.escalated}|${r.conclusion}`).sort(),
            overdue: rows.filter((r) => isOverdue({ status: r.status, acknowledgeBy: r.acknowledge_by, concludeBy: r.conclude_by }, day)).map((r) => `${r.id}|${r.status === 'received'}`).sort(),
            all: rows.map((r) => r.id).sort(),
          });
          const [fast, raw] = [view(await casesOn(ctx.database.db, at, since, openToo)), view(await rawCasesOn(ctx.database.db, at, since, openToo))];
          expect(fast).toEqual(raw);
          if (n === 0 && !openToo && since === '2000-01-01') expect(raw.counting.length).toBeGreaterThan(0);
        }
      });

  // The list asks each signal for the day and the week before at once (evaluateDays: one statement over both days'
  // rows); each day's findings equal the signal's own reading of that day alone.
  for (const [reader, path] of readers)
    it(`every signal read for two days at once equals each day read alone: ${reader}`, async () => {
      const withDays = modules.flatMap((m) => m.signals ?? []).filter((p) => p.evaluateDays);
      expect(withDays.map((p) => p.key)).toEqual(expect.arrayContaining(['supervision.reports_in_window', 'supervision.same_matter', 'supervision.overdue', 'dashboard.no_secretary', 'dashboard.under_full_members', 'training.secretary_untrained']));
      const norm = (fs: SignalFinding[]) => fs.map((f) => JSON.stringify(f)).sort();
      for (const [a, b] of [[0, 7], [18, 25], [3, 100]]) {
        const dates = [D(a), D(b)];
        for (const p of withDays) {
          const config = p.key === 'dashboard.under_full_members' ? { ...p.defaults, threshold: 5 } : p.defaults;
          const both = await evaluateDays(p, ctx.database.db, { path: path(), dates, config, shared: new Map() });
          for (const [i, date] of dates.entries()) expect(norm(both[i]), `${p.key} ${date}`).toEqual(norm(await p.evaluate(ctx.database.db, { path: path(), date, config })));
        }
      }
    });

  it('found what was planted, and the noise stayed out', async () => {
    const now = await listed(c['admin'], today);
    for (const cell of planted.pileUp) expect(now.inWindow.get(cell)).toBeGreaterThanOrEqual(3);
    // Just under the threshold three days ago; the late report of two days ago brings one of them to it.
    const before = await listed(c['admin'], D(3));
    for (const cell of planted.under) expect(before.inWindow.has(cell)).toBe(false);
    expect(now.inWindow.get(planted.under[0])).toBe(3);
    expect(now.inWindow.has(planted.under[1])).toBe(false);
    // The named reporter written two ways is one person: no "same matter" on cell 5; two people on cell 6.
    expect([...now.same].filter((k) => k.endsWith('|criticism|2') || k.includes('criticism')).length).toBe(1);
    // The moved cell: commune A before the move, commune B after.
    expect((await listed(c['officer.a'], D(25))).inWindow.get(planted.moved)).toBe(3);
    expect((await listed(c['officer.b'], D(25))).inWindow.has(planted.moved)).toBe(false);
    expect((await listed(c['officer.b'], D(3))).inWindow.get(planted.moved)).toBe(3);
    expect((await listed(c['officer.a'], D(3))).inWindow.has(planted.moved)).toBe(false);
    // The merges: cell 9's pile-up (two open, one founded) is commune B's before its merge and the successor's in
    // commune A from the merge day; cells 7 and 11 flag only together, from theirs.
    const [ab, bb] = planted.merged;
    expect((await listed(c['officer.b'], D(12))).inWindow.get(ab.from[1])).toBe(3);
    expect((await listed(c['officer.a'], D(12))).inWindow.has(ab.to)).toBe(false);
    expect((await listed(c['officer.a'], D(10))).inWindow.get(ab.to)).toBe(3);
    expect((await listed(c['officer.b'], D(10))).inWindow.has(ab.from[1])).toBe(false);
    expect((await listed(c['officer.b'], D(45))).inWindow.has(bb.to)).toBe(false);
    expect((await listed(c['officer.b'], D(25))).inWindow.get(bb.to)).toBeGreaterThanOrEqual(3);
    expect([...(await listed(c['officer.b'], D(25))).same].some((k) => k.startsWith(`${bb.to}|village:proposal|`))).toBe(true);
  });
});
