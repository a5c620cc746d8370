import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, addPerson, type World } from '../../test/factories.js';
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

async function unitAt(c: Client, id: string, date: string) {
  const res = await c.get(`/api/units/${id}?date=${date}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the tree as of a date', () => {
  it('shows a commune officer their commune as the root, with its cells and figures', async () => {
    const rootsRes = await officerA.get('/api/units/roots');
    expect(rootsRes.statusCode, rootsRes.body).toBe(200);
    const roots = rootsRes.json();
    expect(roots.items.map((u: { id: string }) => u.id)).toEqual([world.communeA.id]);
    const view = await unitAt(officerA, world.communeA.id, '2025-01-01');
    expect(view.children.map((c: { name: string }) => c.name).sort()).toEqual(['Chi bộ thôn Bản Khuổi', 'Chi bộ thôn Nà Hang']);
    const a1 = view.children.find((c: { id: string }) => c.id === world.cellA1.id);
    expect(a1).toMatchObject({ memberCount: 4, secretaryName: 'Hoàng Văn Bình', childCount: 0 });
    expect(view.ancestors).toEqual([]); // the province is outside the officer's branch
    expect(view.actions).toContain('unit.create');
    expect(view.actions).not.toContain('unit.rename'); // not the commune itself
  });

  it('renames with history: the old name before the date, the new one after', async () => {
    const res = await officerA.post(`/api/units/${world.cellA2.id}/rename`, { name: 'Chi bộ thôn Khuổi Phìn', date: '2025-09-01' });
    expect(res.statusCode).toBe(200);
    expect((await unitAt(officerA, world.cellA2.id, '2025-08-31')).unit.name).toBe('Chi bộ thôn Bản Khuổi');
    expect((await unitAt(officerA, world.cellA2.id, '2025-09-01')).unit.name).toBe('Chi bộ thôn Khuổi Phìn');
    const history = (await admin.get(`/api/units/${world.cellA2.id}/history`)).json();
    expect(history.items.map((v: { name: string; validTo: string | null }) => [v.name, v.validTo])).toEqual([
      ['Chi bộ thôn Bản Khuổi', '2025-09-01'],
      ['Chi bộ thôn Khuổi Phìn', null],
    ]);
    expect(history.events.map((e: { action: string }) => e.action)).toContain('unit.rename');
  });

  it('rejects a rename that changes nothing, and names every bad field', async () => {
    const res = await officerA.post(`/api/units/${world.cellA1.id}/rename`, { name: 'x', date: '2025-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['date', 'name']);
  });
});

describe('reorganization', () => {
  it('merges two cells: members and the first secretary move, the sources close, the past is unchanged', async () => {
    const cellC = (await officerA.post('/api/units', { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Tân Lập', validFrom: '2020-01-01' })).json().unit;
    const p1 = await addPerson(ctx.database.db, cellC.id, { fullName: 'Triệu Văn Phúc' });
    const merged = await officerA.post('/api/units/merge', { sourceIds: [world.cellA1.id, cellC.id], name: 'Chi bộ thôn Nà Hang mới', date: '2025-10-01' });
    expect(merged.statusCode).toBe(201);
    const newId = merged.json().unit.id;
    const after = await unitAt(officerA, newId, '2025-10-01');
    expect(after.figures.members).toBe(5);
    expect(after.figures.secretaries).toBe(1);
    const before = await unitAt(officerA, world.communeA.id, '2025-09-30');
    expect(before.children.map((c: { id: string }) => c.id)).toContain(world.cellA1.id);
    expect(before.children.map((c: { id: string }) => c.id)).not.toContain(newId);
    const closed = await unitAt(officerA, world.cellA1.id, '2025-10-01');
    expect(closed.unit).toMatchObject({ validTo: '2025-10-01', closedReason: 'merged' });
    const person = (await officerA.get(`/api/people/${p1.id}`)).json();
    expect(person.memberships.map((m: { unitId: string; validTo: string | null }) => [m.unitId, m.validTo])).toEqual([
      [cellC.id, '2025-10-01'],
      [newId, null],
    ]);
  });

  it('splits a cell: every member in exactly one part, or nothing happens', async () => {
    const view = await unitAt(officerA, world.communeA.id, '2025-10-02');
    const cell = view.children.find((c: { name: string }) => c.name === 'Chi bộ thôn Khuổi Phìn');
    const members = (await officerA.get(`/api/people?unitId=${cell.id}`)).json().items.map((p: { id: string }) => p.id);
    expect(members.length).toBe(2);
    const bad = await officerA.post(`/api/units/${cell.id}/split`, { date: '2025-11-01', parts: [{ name: 'Phần một', personIds: [members[0]] }, { name: 'Phần hai', personIds: [] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toMatch(/in no part/);
    const ok = await officerA.post(`/api/units/${cell.id}/split`, { date: '2025-11-01', parts: [{ name: 'Phần một', personIds: [members[0]] }, { name: 'Phần hai', personIds: [members[1]] }] });
    expect(ok.statusCode).toBe(201);
    const parts = ok.json().units;
    const people = await Promise.all(parts.map(async (u: { id: string }) => (await officerA.get(`/api/people?unitId=${u.id}&date=2025-11-01`)).json().items.length));
    expect(people).toEqual([1, 1]);
  });

  it('refuses to dissolve a cell that still has members', async () => {
    const res = await admin.post(`/api/units/${world.cellB1.id}/dissolve`, { date: '2025-11-01', reason: 'sáp nhập' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/Transfer the members/);
  });

  it('moves a cell to another commune, and the branch follows it', async () => {
    const cell = (await admin.post('/api/units', { parentId: world.communeA.id, kind: 'cell', name: 'Chi bộ trường học', cellKind: 'school', validFrom: '2022-01-01' })).json().unit;
    const res = await admin.post(`/api/units/${cell.id}/move`, { parentId: world.communeB.id, date: '2025-07-01' });
    expect(res.statusCode).toBe(200);
    expect((await officerA.get(`/api/units/${cell.id}`)).statusCode).toBe(404);
    expect((await officerA.get(`/api/units/${cell.id}?date=2025-06-30`)).statusCode).toBe(200);
    const officerB = await signIn(ctx.app, 'officer.b');
    expect((await officerB.get(`/api/units/${cell.id}`)).statusCode).toBe(200);
  });

  it('keeps the database rule: versions of a unit never overlap', async () => {
    const rows = await ctx.database.db.execute(sql`
      SELECT count(*)::int AS n FROM org_unit_versions a JOIN org_unit_versions b
      ON a.unit_id = b.unit_id AND a.id < b.id AND daterange(a.valid_from, a.valid_to) && daterange(b.valid_from, b.valid_to)`);
    expect(rows.rows[0]).toEqual({ n: 0 });
  });
});

describe('unit search', () => {
  it('finds by name without diacritics, and lists the top of the branch for an empty query', async () => {
    const found = (await officerA.get('/api/units/search?q=na%20hang&date=2025-01-01')).json().items.map((u: { name: string }) => u.name);
    expect(found).toEqual(['Chi bộ thôn Nà Hang']);
    const top = (await officerA.get('/api/units/search')).json().items;
    expect(top[0].id).toBe(world.communeA.id);
  });
});
