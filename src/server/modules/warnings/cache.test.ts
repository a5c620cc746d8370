// The list's findings are kept between reads of a branch and day, and asked again only when an audited write reached
// the branch's province (or reached across provinces: the tree itself, a transfer): read twice, the signals run once;
// a write in the province is seen at once; a write in another province, or a read that is audited (a case viewed),
// does not make the signals run again; a change to the tree does.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { systemActor, type Actor } from '../../platform/access.js';
import type { SignalProvider } from '../../platform/signals.js';
import { modules } from '../index.js';
import { createUnit, renameUnit } from '../org/service.js';
import { updatePerson } from '../people/service.js';
import { makeWorld, type World } from '../../test/factories.js';
import { reportAbout } from '../../test/reports.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { listWarnings } from './list.js';

let ctx: TestContext;
let world: World;
let otherCell: { id: string };
let otherCommune: { id: string };
const today = todayIso();
const system = systemActor('test');
let asked = 0;
let askedKeys = new Set<string>();
// Every signal, counted when asked (a day or several at once).
const providers: SignalProvider[] = modules
  .flatMap((m) => m.signals ?? [])
  .map((p) => ({
    ...p,
    evaluate: (exec, at) => (asked++, askedKeys.add(p.key), p.evaluate(exec, at)),
    evaluateDays: p.evaluateDays ? (exec, at) => (asked++, askedKeys.add(p.key), p.evaluateDays!(exec, at)) : undefined,
  }));

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const province = await createUnit(ctx.database.db, system, { parentId: null, kind: 'province', name: 'Tỉnh ủy Bên cạnh', code: '09', validFrom: '2020-01-01' });
  otherCommune = await createUnit(ctx.database.db, system, { parentId: province.id, kind: 'commune', name: 'Đảng ủy xã Bên cạnh', code: '90901', validFrom: '2020-01-01' });
  otherCell = await createUnit(ctx.database.db, system, { parentId: otherCommune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Bên cạnh', code: '90901-001', validFrom: '2020-01-01' });
});

const report = async (cellId: string) => (await reportAbout(ctx, cellId)).id;

async function read() {
  const u = world.province;
  const actor: Actor = { userId: null, name: 'test', personId: null, ownCellId: null, grants: [{ role: 'province_admin', unitId: u.id, unitPath: u.path, unitName: 'x', unitKind: 'province' }] };
  asked = 0;
  askedKeys = new Set();
  const list = await listWarnings(ctx.database.db, actor, providers, { date: today });
  return { asked, keys: [...askedKeys].sort(), list };
}

const reportsAbout = (list: Awaited<ReturnType<typeof listWarnings>>, cellId: string) =>
  list.items.find((w) => w.kind === 'cell' && w.cell.id === cellId)?.signals.find((s) => s.key === 'supervision.reports_in_window')?.count ?? 0;

describe('the warning list kept between reads', () => {
  it('asks the signals once for two reads with nothing written between', async () => {
    const first = await read();
    expect(first.asked).toBeGreaterThan(0);
    const second = await read();
    expect(second.asked).toBe(0);
    expect(second.list.items.map((w) => w.key)).toEqual(first.list.items.map((w) => w.key));
  });

  it('sees a write in the province at once', async () => {
    const cell = world.cellA2.id;
    const caseIds = [await report(cell), await report(cell)];
    expect(reportsAbout((await read()).list, cell)).toBe(0);
    caseIds.push(await report(cell));
    const after = await read();
    // An anonymous report (no event today: its province's mark moves all the same) is read by supervision's signals only.
    expect(after.keys).toEqual(['supervision.overdue', 'supervision.reports_in_window', 'supervision.same_matter']);
    expect(reportsAbout(after.list, cell)).toBe(3);
    expect((await read()).asked).toBe(0);

    // An audited read (an officer opens a case) writes no data: the signals are not asked again.
    const officer = await signIn(ctx.app, 'officer.a');
    const view = await officer.get(`/api/supervision/cases/${caseIds[0]}`);
    expect(view.statusCode, view.body).toBe(200);
    const { rows } = await ctx.database.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'supervision.case.view'`);
    expect(rows[0].n).toBeGreaterThan(0);
    expect((await read()).asked).toBe(0);
  });

  it('asks again only the signals that read the kind of write made', async () => {
    await read();
    // A member's record changes (person.update): people's signals run again, and those that read the registry.
    await updatePerson(ctx.database.db, system, world.people.memberA1.id, { education: 'university' });
    const after = await read();
    expect(after.keys).toEqual(['dashboard.no_secretary', 'dashboard.under_full_members', 'people.congress_overdue', 'review.complaints', 'review.level_fell', 'review.secretary_level_fell', 'training.secretary_untrained']);
    expect((await read()).asked).toBe(0);
  });

  it('is not asked again for a write in another province, and is for a change to the tree', async () => {
    await read();
    await report(otherCell.id);
    expect((await read()).asked).toBe(0);
    await renameUnit(ctx.database.db, system, otherCommune.id, { name: 'Đảng ủy xã Bên cạnh Mới', date: today });
    expect((await read()).asked).toBeGreaterThan(0);
  });
});
