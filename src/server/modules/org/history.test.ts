// History edits that hold (issue 16, defects 1, 2, 3, 5): an edit dated inside the history applies to its interval
// only or is refused with a 409 naming the later change; a merged unit says what it became; the history reads as
// dated events; a name clash in a commune is refused; a date before a unit began is not a dead end.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
  officerA = await signIn(ctx.app, 'officer.a');
});

const newCell = async (name: string, parentId = world.communeA.id, validFrom = '2021-01-01') => {
  const res = await admin.post('/api/units', { parentId, kind: 'cell', cellKind: 'village', name, validFrom });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().unit as { id: string; name: string };
};

const cellIdsOf = async (unitId: string, date: string) =>
  (await admin.get(`/api/units/${unitId}?date=${date}`)).json().children.map((c: { id: string }) => c.id) as string[];

async function overlaps(): Promise<number> {
  const { rows } = await ctx.database.db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM org_unit_versions a JOIN org_unit_versions b
    ON a.unit_id = b.unit_id AND a.id < b.id AND daterange(a.valid_from, a.valid_to) && daterange(b.valid_from, b.valid_to)`);
  return rows[0].n;
}

/** Units whose versions run past their closing (a closed unit reopened). */
async function reopened(): Promise<number> {
  const { rows } = await ctx.database.db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id
    WHERE u.valid_to IS NOT NULL AND (v.valid_to IS NULL OR v.valid_to > u.valid_to)`);
  return rows[0].n;
}

describe('a back-dated rename of a merged cell (defect 1)', () => {
  it('applies to the time before the merge only: the cell stays closed and out of today\'s tree', async () => {
    const a = await newCell('Chi bộ thôn Khuổi Nọi', world.communeA.id, '2020-01-01');
    const b = await newCell('Chi bộ thôn Nặm Đíp');
    await addPerson(ctx.database.db, a.id, { fullName: 'Triệu Văn Sơn' });
    const merge = await admin.post('/api/units/merge', { sourceIds: [a.id, b.id], name: 'Chi bộ thôn Khuổi Nọi Nặm Đíp', date: '2025-11-20' });
    expect(merge.statusCode, merge.body).toBe(201);
    const today = await cellIdsOf(world.communeA.id, '2025-12-01');
    expect(today).not.toContain(a.id);

    const rename = await admin.post(`/api/units/${a.id}/rename`, { name: 'Chi bộ thôn Khuổi Nọi cũ', date: '2025-11-19' });
    expect(rename.statusCode, rename.body).toBe(200);
    expect(rename.json().unit).toMatchObject({ validTo: '2025-11-20', closedReason: 'merged' });
    expect(await cellIdsOf(world.communeA.id, '2025-12-01')).toEqual(today);
    expect((await admin.get(`/api/units/${a.id}?date=2025-11-19`)).json().unit.name).toBe('Chi bộ thôn Khuổi Nọi cũ');
    expect((await admin.get(`/api/units/${a.id}?date=2025-11-18`)).json().unit.name).toBe('Chi bộ thôn Khuổi Nọi');
    expect(await overlaps()).toBe(0);
    expect(await reopened()).toBe(0);
  });

  it('offers no reshaping on a unit that closed at or after the date viewed', async () => {
    const a = await newCell('Chi bộ thôn Phiêng Tạ');
    const b = await newCell('Chi bộ thôn Lũng Pù');
    const merged = (await admin.post('/api/units/merge', { sourceIds: [a.id, b.id], name: 'Chi bộ thôn Phiêng Tạ Lũng Pù', date: '2025-10-01' })).json().unit;
    const before = (await admin.get(`/api/units/${a.id}?date=2025-09-01`)).json();
    expect(before.state).toBe('open');
    expect(before.actions.filter((x: string) => x.startsWith('unit.') && !['unit.read', 'unit.audit'].includes(x))).toEqual([]);
    expect(before.actions).not.toContain('person.create');
    const open = (await admin.get(`/api/units/${merged.id}?date=2025-10-01`)).json();
    expect(open.actions).toContain('unit.rename');
  });

  it('refuses a back-dated move, merge, split or dissolve of a cell that closed later, with a 409 naming the closing', async () => {
    const a = await newCell('Chi bộ thôn Tát Ngà');
    const b = await newCell('Chi bộ thôn Khâu Vai');
    await admin.post('/api/units/merge', { sourceIds: [a.id, b.id], name: 'Chi bộ thôn Tát Ngà Khâu Vai', date: '2025-09-01' });
    const move = await admin.post(`/api/units/${a.id}/move`, { parentId: world.communeB.id, date: '2025-08-01' });
    expect(move.statusCode, move.body).toBe(409);
    expect(move.json().error.fields[0]).toMatchObject({ path: 'date', code: 'later_change', params: { name: 'Chi bộ thôn Tát Ngà', date: '2025-09-01', what: 'closed', reason: 'merged' } });
    const c = await newCell('Chi bộ thôn Sủng Là');
    const merge = await admin.post('/api/units/merge', { sourceIds: [a.id, c.id], name: 'Chi bộ thôn Sủng Là mới', date: '2025-08-01' });
    expect(merge.statusCode, merge.body).toBe(409);
    const dissolve = await admin.post(`/api/units/${b.id}/dissolve`, { date: '2025-08-01', reason: 'thử' });
    expect(dissolve.statusCode, dissolve.body).toBe(409);
    expect(await reopened()).toBe(0);
    expect(await cellIdsOf(world.communeA.id, '2025-08-15')).toContain(c.id); // the refused merge left nothing behind
  });
});

describe('a back-dated move across a later rename (defect 2)', () => {
  it('answers 409 naming the rename, never 500, and changes nothing', async () => {
    const cell = await newCell('Chi bộ thôn Nà Mò');
    expect((await admin.post(`/api/units/${cell.id}/rename`, { name: 'Chi bộ thôn Nà Mò Mới', date: '2025-06-01' })).statusCode).toBe(200);
    const move = await admin.post(`/api/units/${cell.id}/move`, { parentId: world.communeB.id, date: '2024-01-01' });
    expect(move.statusCode, move.body).toBe(409);
    expect(move.json().error.fields[0]).toMatchObject({ code: 'later_change', params: { date: '2025-06-01', what: 'changed', name: 'Chi bộ thôn Nà Mò Mới' } });
    expect(await cellIdsOf(world.communeA.id, '2024-06-01')).toContain(cell.id);
    // After the rename, the move goes through.
    expect((await admin.post(`/api/units/${cell.id}/move`, { parentId: world.communeB.id, date: '2025-07-01' })).statusCode).toBe(200);
    expect(await overlaps()).toBe(0);
  });

  it('maps the no-overlap rule itself to a 409 on the date when two writes race past the checks', async () => {
    const cell = await newCell('Chi bộ thôn Cốc Pục');
    const renames = await Promise.all(
      Array.from({ length: 6 }, (_, i) => admin.post(`/api/units/${cell.id}/rename`, { name: `Chi bộ thôn Cốc Pục ${i + 1}`, date: `2024-0${i + 1}-01` })),
    );
    for (const r of renames) expect([200, 409], r.body).toContain(r.statusCode);
    expect(await overlaps()).toBe(0);
  });

  it('refuses moving a commune when a cell under it changed later (its later versions would keep the old path)', async () => {
    const commune = (await admin.post('/api/units', { parentId: world.province.id, kind: 'commune', name: 'Đảng ủy xã Yên Phú', validFrom: '2021-01-01' })).json().unit;
    const cell = await newCell('Chi bộ thôn Đồng Mu', commune.id);
    await admin.post(`/api/units/${cell.id}/rename`, { name: 'Chi bộ thôn Đồng Mu 2', date: '2024-05-01' });
    const merge = await admin.post('/api/units/merge', { sourceIds: [commune.id, world.communeB.id], name: 'Đảng ủy phường Yên Phú', date: '2023-01-01' });
    expect(merge.statusCode, merge.body).toBe(409);
    expect(merge.json().error.fields[0].params).toMatchObject({ name: 'Chi bộ thôn Đồng Mu 2', date: '2024-05-01' });
  });
});

describe('a merged unit says what it became (defect 3)', () => {
  it('names its successor; the successor names what it was formed from; the history reads as events', async () => {
    const a = await newCell('Chi bộ thôn Bản Tàn');
    const b = await newCell('Chi bộ thôn Bản Thàng');
    const merged = (await admin.post('/api/units/merge', { sourceIds: [a.id, b.id], name: 'Chi bộ thôn Bản Tàn Thàng', date: '2025-07-01' })).json().unit;
    const closed = (await officerA.get(`/api/units/${a.id}?date=2025-08-01`)).json();
    expect(closed.state).toBe('closed');
    expect(closed.successors).toEqual([{ id: merged.id, name: 'Chi bộ thôn Bản Tàn Thàng', kind: 'cell', code: null, on: '2025-07-01' }]);
    const formed = (await officerA.get(`/api/units/${merged.id}`)).json();
    expect(formed.predecessors.map((p: { name: string }) => p.name).sort()).toEqual(['Chi bộ thôn Bản Thàng', 'Chi bộ thôn Bản Tàn']);
    const story = (await officerA.get(`/api/units/${a.id}/history`)).json().story;
    expect(story.map((l: { kind: string; on: string }) => [l.kind, l.on])).toEqual([['formed', '2021-01-01'], ['closed', '2025-07-01']]);
    expect(story[1]).toMatchObject({ reason: 'merged', units: [{ id: merged.id, name: 'Chi bộ thôn Bản Tàn Thàng' }] });
    expect(story[0].parent).toEqual({ id: world.communeA.id, name: 'Đảng ủy xã Minh Quang' });
    const newStory = (await officerA.get(`/api/units/${merged.id}/history`)).json().story;
    expect(newStory[0]).toMatchObject({ kind: 'formed', on: '2025-07-01' });
    expect(newStory[0].units.map((u: { id: string }) => u.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('tells renames and moves apart, with the names before and after', async () => {
    const cell = await newCell('Chi bộ thôn Nà Pồng');
    await admin.post(`/api/units/${cell.id}/rename`, { name: 'Chi bộ thôn Nà Pồng Trên', date: '2022-03-01' });
    await admin.post(`/api/units/${cell.id}/move`, { parentId: world.communeB.id, date: '2023-03-01' });
    const story = (await admin.get(`/api/units/${cell.id}/history`)).json().story;
    expect(story.map((l: { kind: string }) => l.kind)).toEqual(['formed', 'renamed', 'moved']);
    expect(story[1]).toMatchObject({ previousName: 'Chi bộ thôn Nà Pồng', name: 'Chi bộ thôn Nà Pồng Trên', on: '2022-03-01' });
    expect(story[2]).toMatchObject({ previousParent: { name: 'Đảng ủy xã Minh Quang' }, parent: { name: 'Đảng ủy phường Hà Giang 1' } });
  });
});

describe('names inside a commune (defect 5)', () => {
  it('refuses a move, rename or new cell that would make two of the same name in one commune', async () => {
    const here = await newCell('Chi bộ thôn Pác Tấu', world.communeA.id);
    const there = await newCell('Chi bộ thôn Pác Tấu', world.communeB.id);
    const move = await admin.post(`/api/units/${there.id}/move`, { parentId: world.communeA.id, date: '2025-02-01' });
    expect(move.statusCode, move.body).toBe(409);
    expect(move.json().error.fields[0]).toMatchObject({ path: 'parentId', code: 'name_taken_in_parent', params: { name: 'Chi bộ thôn Pác Tấu' } });
    const create = await admin.post('/api/units', { parentId: world.communeA.id, kind: 'cell', name: 'chi bo thon pac tau', validFrom: '2025-02-01' });
    expect(create.statusCode).toBe(409);
    const other = await newCell('Chi bộ thôn Pác Tấu Dưới', world.communeA.id);
    const rename = await admin.post(`/api/units/${other.id}/rename`, { name: 'Chi bộ thôn Pác Tấu', date: '2025-02-01' });
    expect(rename.statusCode).toBe(409);
    expect(here.id).toBeTruthy();
  });
});

describe('a date before a unit began (defect 4)', () => {
  it('shows the unit as it first was, marked not yet formed, with no actions — not a 404', async () => {
    const cell = await newCell('Chi bộ thôn Nậm Mười', world.communeA.id, '2024-01-01');
    const res = await officerA.get(`/api/units/${cell.id}?date=2023-06-30`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'not_yet', unit: { name: 'Chi bộ thôn Nậm Mười', validFrom: '2024-01-01' } });
    expect(res.json().actions).toEqual(['unit.read']);
    const roots = (await officerA.get('/api/units/roots?date=2019-12-31')).json().items;
    expect(roots.map((r: { id: string; state: string }) => [r.id, r.state])).toEqual([[world.communeA.id, 'not_yet']]);
    expect((await officerA.get('/api/units/roots?date=2025-01-01')).json().items[0].state).toBe('open');
    // Outside the branch it stays not found, whatever the date.
    expect((await officerA.get(`/api/units/${world.cellB1.id}?date=2019-01-01`)).statusCode).toBe(404);
  });

  it('refuses an impossible date with the field named', async () => {
    for (const d of ['2024-02-31', '2025-13-15']) {
      const res = await officerA.get(`/api/units/${world.communeA.id}?date=${d}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('date');
    }
  });

  it('refuses a change dated before the unit began, naming when it began', async () => {
    const cell = await newCell('Chi bộ thôn Khuổi Hẻo', world.communeA.id, '2024-01-01');
    const res = await admin.post(`/api/units/${cell.id}/rename`, { name: 'Chi bộ thôn Khuổi Hẻo 2', date: '2023-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ code: 'unit_not_yet', params: { date: '2024-01-01' } });
  });
});
