// What the list keeps tells the truth: after each write of a sequence — anonymous and named reports, a case concluded,
// members leaving, a member transferred to another province, a cell created there, a cell moved between communes —
// the list read again (what was kept, computed again only where a write reached) equals the list computed afresh, for
// readers of two provinces and of a commune. A signal whose `reads` missed a kind of write would differ here.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { systemActor, type Actor } from '../../platform/access.js';
import { modules } from '../index.js';
import { createUnit, moveUnit } from '../org/service.js';
import { closePerson, transferPerson } from '../people/service.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { reportAbout } from '../../test/reports.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { forgetKept } from './kept.js';
import { listWarnings } from './list.js';

let ctx: TestContext;
let world: World;
let other: { province: { id: string; path: string }; commune: { id: string; path: string }; cell: { id: string } };
const today = todayIso();
const system = systemActor('test');
const providers = modules.flatMap((m) => m.signals ?? []);

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const db = ctx.database.db;
  const province = await createUnit(db, system, { parentId: null, kind: 'province', name: 'Tỉnh ủy Bên cạnh', code: '09', validFrom: '2020-01-01' });
  const commune = await createUnit(db, system, { parentId: province.id, kind: 'commune', name: 'Đảng ủy xã Bên cạnh', code: '90901', validFrom: '2020-01-01' });
  const cell = await createUnit(db, system, { parentId: commune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Bên cạnh', code: '90901-001', validFrom: '2020-01-01' });
  for (const name of ['Lý Văn Một', 'Lý Thị Hai']) await addPerson(db, cell.id, { fullName: name });
  other = { province, commune, cell };
});

const reader = (u: { id: string; path: string }, role: 'province_admin' | 'commune_officer'): Actor => ({
  userId: null, name: 'test', personId: null, ownCellId: null, grants: [{ role, unitId: u.id, unitPath: u.path, unitName: 'x', unitKind: 'x' }],
});
const readers = () => [reader(world.province, 'province_admin'), reader(world.communeA, 'commune_officer'), reader(other.province, 'province_admin')];

/** A list as what it says: each warning with its signals, counts, evidence and commune. */
const said = (l: Awaited<ReturnType<typeof listWarnings>>) => ({
  items: l.items.map((w) => `${w.key}@${w.commune.id}: ${w.signals.map((s) => `${s.key}=${s.count}[${s.evidence.map((e) => e.id).join(',')}]`).join(' ')} ${w.change}`).sort(),
  cleared: l.cleared.map((w) => w.key).sort(),
  communes: l.communes.map((c) => `${c.id}:${c.cells}/${c.flaggedCells}`).sort(),
});

/** Every reader's list read again (kept where nothing reached it) equals the list computed afresh. */
async function keptIsTrue(step: string) {
  const kept = [];
  for (const r of readers()) kept.push(said(await listWarnings(ctx.database.db, r, providers, { date: today })));
  forgetKept();
  for (const [i, r] of readers().entries()) expect(kept[i], `${step}: reader ${i}`).toEqual(said(await listWarnings(ctx.database.db, r, providers, { date: today })));
}

const report = async (cellId: string, named = false) =>
  (await reportAbout(ctx, cellId, named ? { anonymous: false, reporterName: 'Triệu Văn Tố', reporterContact: '0987 654 321' } : {})).id;

describe('the kept list after each write', () => {
  it('equals the list computed afresh', async () => {
    const db = ctx.database.db;
    await keptIsTrue('first read');
    const cases = [await report(world.cellA2.id), await report(world.cellA2.id)];
    await keptIsTrue('two anonymous reports');
    cases.push(await report(world.cellA2.id, true));
    await keptIsTrue('a named report: the pile-up');
    const officer = await signIn(ctx.app, 'officer.a');
    for (const body of [{ to: 'accepted' }, { to: 'verifying' }, { to: 'concluded', conclusion: 'unfounded', measure: 'none', publicReply: 'Đã xác minh và trả lời bà con.' }]) {
      const res = await officer.post(`/api/supervision/cases/${cases[0]}/status`, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    await keptIsTrue('a case concluded unfounded');
    // Cell B1 (3 members) loses one: under 3 full members.
    const { rows } = await ctx.database.pool.query(`SELECT p.id FROM people p JOIN memberships m ON m.person_id = p.id WHERE m.unit_id = $1 AND m.valid_to IS NULL ORDER BY p.full_name`, [world.cellB1.id]);
    await closePerson(db, system, rows[0].id, { reason: 'left', date: today });
    await keptIsTrue('a member left');
    // A member moves to the other province: both provinces' cells change (a write across provinces).
    await transferPerson(db, system, world.people.memberB1.id, { toUnitId: other.cell.id, date: today });
    await keptIsTrue('a member transferred to another province');
    await createUnit(db, system, { parentId: other.commune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Mới lập', code: '90901-002', validFrom: today });
    await keptIsTrue('a cell created in the other province');
    // The flagged cell moves to commune B: its warning goes with it.
    await moveUnit(db, system, world.cellA2.id, { parentId: world.communeB.id, date: today });
    await keptIsTrue('the flagged cell moved to another commune');
  });
});
