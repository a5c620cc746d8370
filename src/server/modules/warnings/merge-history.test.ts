// History across a merge (issue 17): a list read for a day before a merge shows what each branch held that day — the
// merged cell's cases under the old cell, in its old commune — and from the merge day on, under the cell it became.
// A founded case of the merged cell (concluded and closed) keeps its record (its cell and committee stay as
// concluded) but speaks against the successor from the merge day, like the open cases that moved with it.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { createUnit } from '../org/service.js';
import { addPosition } from '../people/service.js';
import { casesOn, counts, rawCasesOn } from '../supervision/signals.js';
import { forgetKept } from './kept.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { reportAbout } from '../../test/reports.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
const c: Record<string, Client> = {};
const today = todayIso();
const yesterday = addDays(today, -1);
const system = systemActor('test');
const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.database.pool.query(text, params).then((r) => r.rows as T[]);

type Item = { kind: string; cell: { id: string }; commune: { id: string }; signals: { key: string; evidence: { id: string }[] }[] };

const report = async (cellId: string) => (await reportAbout(ctx, cellId)).id;

async function list(client: Client, date: string) {
  const res = await client.get(`/api/warnings?date=${date}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Item[];
}

/** The cases the "reports in the window" signal shows about the cell in the reader's list of the day (none: []). */
const reportsAbout = async (client: Client, date: string, cellId: string) =>
  ((await list(client, date)).find((w) => w.kind === 'cell' && w.cell.id === cellId)?.signals.find((s) => s.key === 'supervision.reports_in_window')?.evidence ?? []).map((e) => e.id).sort();

let serial = 300;
async function newCell(parentId: string, name: string) {
  const cell = await createUnit(ctx.database.db, system, { parentId, kind: 'cell', cellKind: 'village', name, code: `90003-${++serial}`, validFrom: '2020-01-01' });
  const members = [await addPerson(ctx.database.db, cell.id, { fullName: 'Hà Văn Một' }), await addPerson(ctx.database.db, cell.id, { fullName: 'Hà Thị Hai', sex: 'female' }), await addPerson(ctx.database.db, cell.id, { fullName: 'Hà Văn Ba' })];
  await addPosition(ctx.database.db, system, members[0].id, { position: 'secretary', from: '2020-08-15' });
  return cell;
}

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  for (const u of ['admin', 'officer.a', 'officer.b']) c[u] = await signIn(ctx.app, u);
});

describe('a list read for a day before a merge', () => {
  it("shows the merged cell's cases under the old cell in its old commune; from the merge day, under the cell it became", async () => {
    const flagged = await newCell(world.communeB.id, 'Chi bộ thôn Bản Phố');
    const partner = await newCell(world.communeA.id, 'Chi bộ thôn Bản Lầu');
    const cases = [await report(flagged.id), await report(flagged.id), await report(flagged.id), await report(flagged.id)];
    // Received twenty days ago (the history's first step too).
    await q(`UPDATE supervision_cases SET received_on = $2::date WHERE id = ANY($1::uuid[])`, [cases, addDays(today, -20)]);
    await q(`UPDATE supervision_transitions SET "on" = $2::date WHERE case_id = ANY($1::uuid[]) AND seq = 1`, [cases, addDays(today, -20)]);
    // One is concluded founded and closed today, before the merge.
    const founded = cases[3];
    for (const body of [{ to: 'accepted' }, { to: 'verifying' }, { to: 'concluded', conclusion: 'founded', measure: 'none', publicReply: 'Đã xác minh và trả lời bà con.' }, { to: 'closed' }]) {
      const res = await c['officer.b'].post(`/api/supervision/cases/${founded}/status`, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const all = [...cases].sort();
    expect(await reportsAbout(c['officer.b'], yesterday, flagged.id)).toEqual(all);
    expect(await reportsAbout(c['officer.b'], today, flagged.id)).toEqual(all);

    const merged = await c['admin'].post('/api/units/merge', { sourceIds: [partner.id, flagged.id], name: 'Chi bộ thôn Bản Phố Bản Lầu', date: today });
    expect(merged.statusCode, merged.body).toBe(201);
    const successor = merged.json().unit.id as string;

    // Yesterday, as it stood: commune B held the cell and its four cases; commune A had nothing of them.
    expect(await reportsAbout(c['officer.b'], yesterday, flagged.id)).toEqual(all);
    const aYesterday = await list(c['officer.a'], yesterday);
    expect(aYesterday.filter((w) => w.cell.id === successor || w.cell.id === flagged.id)).toEqual([]);
    expect(JSON.stringify(aYesterday)).not.toContain(founded);

    // From the merge day: the successor in commune A, with the open cases and the founded one; commune B has none.
    expect(await reportsAbout(c['officer.a'], today, successor)).toEqual(all);
    const bToday = await list(c['officer.b'], today);
    expect(bToday.filter((w) => w.cell.id === successor || w.cell.id === flagged.id)).toEqual([]);

    // The founded case's record stays as concluded: its cell and committee do not change.
    const [row] = await q<{ cell_id: string; handling_unit_id: string }>('SELECT cell_id, handling_unit_id FROM supervision_cases WHERE id = $1', [founded]);
    expect(row).toEqual({ cell_id: flagged.id, handling_unit_id: world.communeB.id });

    // The fast reading (the signal view, the dated moves) equals the raw replay for each branch, before and after.
    for (const day of [addDays(today, -21), yesterday, today])
      for (const path of [world.province.path, world.communeA.path, world.communeB.path]) {
        const at = { path, date: day };
        const view = (rows: Awaited<ReturnType<typeof casesOn>>) => rows.map((r) => `${r.id}|${r.cell_id}|${counts(r)}|${r.status === "received"}|${r.conclusion}`).sort();
        const [fast, raw] = [view(await casesOn(ctx.database.db, at, addDays(day, -179), true)), view(await rawCasesOn(ctx.database.db, at, addDays(day, -179), true))];
        expect(fast, `${path} ${day}`).toEqual(raw);
      }
  });

  // Merges made before the dated moves (migration 0039) left only their audit events: migration 0043's
  // supervision_backfill_case_moves() rebuilds the moves from them, once (running it again adds nothing).
  it('a merge whose moves were never recorded reads right for the day before once the backfill has run', async () => {
    const flagged = await newCell(world.communeB.id, 'Chi bộ thôn Nà Mèo');
    const partner = await newCell(world.communeA.id, 'Chi bộ thôn Nà Lừa');
    const cases = [await report(flagged.id), await report(flagged.id), await report(flagged.id)];
    await q(`UPDATE supervision_cases SET received_on = $2::date WHERE id = ANY($1::uuid[])`, [cases, addDays(today, -20)]);
    await q(`UPDATE supervision_transitions SET "on" = $2::date WHERE case_id = ANY($1::uuid[]) AND seq = 1`, [cases, addDays(today, -20)]);
    const merged = await c['admin'].post('/api/units/merge', { sourceIds: [partner.id, flagged.id], name: 'Chi bộ thôn Nà Mèo Nà Lừa', date: today });
    expect(merged.statusCode, merged.body).toBe(201);
    const successor = merged.json().unit.id as string;
    const all = [...cases].sort();
    // As such an old merge left it: the cases' cell is the successor and no move is dated.
    await q('DELETE FROM supervision_case_moves WHERE case_id = ANY($1::uuid[])', [cases]);
    // Written around the trail (as a migration writes, before any list is read): what the list kept is forgotten.
    forgetKept();
    expect(await reportsAbout(c['officer.b'], yesterday, flagged.id)).toEqual([]);

    const [{ n }] = await q<{ n: number }>('SELECT supervision_backfill_case_moves() AS n');
    expect(n).toBe(3);
    expect((await q<{ n: number }>('SELECT supervision_backfill_case_moves() AS n'))[0].n).toBe(0);
    forgetKept();
    expect(await q('SELECT case_id, moved_on::text AS on, from_cell, to_cell FROM supervision_case_moves WHERE case_id = ANY($1::uuid[]) ORDER BY case_id', [cases])).toEqual(
      all.map((id) => ({ case_id: id, on: today, from_cell: flagged.id, to_cell: successor })),
    );
    // Yesterday: commune B held the old cell with its three cases; commune A nothing of them. Today: the successor, in A.
    expect(await reportsAbout(c['officer.b'], yesterday, flagged.id)).toEqual(all);
    expect((await list(c['officer.a'], yesterday)).filter((w) => w.cell.id === successor || w.cell.id === flagged.id)).toEqual([]);
    expect(await reportsAbout(c['officer.a'], today, successor)).toEqual(all);
    for (const path of [world.province.path, world.communeA.path, world.communeB.path]) {
      const at = { path, date: yesterday };
      const view = (rows: Awaited<ReturnType<typeof casesOn>>) => rows.map((r) => `${r.id}|${r.cell_id}|${counts(r)}`).sort();
      expect(view(await casesOn(ctx.database.db, at, addDays(yesterday, -179), true)), path).toEqual(view(await rawCasesOn(ctx.database.db, at, addDays(yesterday, -179), true)));
    }
  });
});
