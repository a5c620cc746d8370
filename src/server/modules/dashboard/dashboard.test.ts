// The registry figures against a dataset whose every value is chosen here, at three dates; the routes' access
// rules and the Excel export; and a property test against a naive computation over the raw rows.
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageOn, todayIso } from '../../../domain/dates.js';
import { ageBands, ELEMENTARY_OR_HIGHER, MIN_FULL_MEMBERS, UNIVERSITY_OR_HIGHER, type CellKind } from '../../../domain/enums.js';
import { foldDiacritics, nameSortKey } from '../../../domain/vietnamese.js';
import { systemActor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';
import { createUnit, dissolveUnit, moveUnit } from '../org/service.js';
import { orgUnits, orgUnitVersions } from '../org/schema.js';
import { concurrentPosts, equipmentIssues, memberships, people, positionTerms } from '../people/schema.js';
import { averageAgeYears, computeBranchFigures, computeChildFigures, computeFigures, oneDecimal, type Figures } from './figures.js';

const system = systemActor('dashboard-test');

let ctx: TestContext;
let db: Db;
let world: World;
let cellA3: { id: string };

type PersonInput = {
  name: string;
  birth: string;
  official?: string | null;
  education?: (typeof people.$inferInsert)['education'];
  theory?: (typeof people.$inferInsert)['theoryLevel'];
};

async function insertPerson(exec: Db, p: PersonInput): Promise<string> {
  const [row] = await exec
    .insert(people)
    .values({
      fullName: p.name,
      nameFolded: foldDiacritics(p.name),
      nameSort: nameSortKey(p.name),
      birthDate: p.birth,
      sex: 'male',
      ethnicity: 'Kinh',
      joinedOn: '2000-01-01',
      officialOn: p.official === undefined ? '2001-01-01' : p.official,
      education: p.education ?? 'none',
      theoryLevel: p.theory ?? 'none',
    })
    .returning({ id: people.id });
  return row.id;
}

const D = '2024-06-30'; // the reference date
const E = '2024-01-01'; // earlier: a membership and a village-head post not yet ended, a laptop not yet issued
const L = '2024-12-31'; // later: a new secretary in A3, cell B1 moved to commune A

beforeAll(async () => {
  ctx = await setupTestApp();
  db = ctx.database.db;
  // makeWorld: A1 (4 full members, secretary born 1975-02-03, university, elementary theory, village head since
  // 2021, laptop since 2023-05-01), A2 (2 full members, secretary born 1960-01-01, intermediate/intermediate),
  // B1 (3 full members, secretary born 1995-09-09, none/none). Memberships from 2020-01-01, terms from 2020-08-15.
  world = await makeWorld(ctx);
  const { secretaryA2, secretaryB1 } = world.people;
  // A2's secretary was village head until 2024-02-01 and had a laptop 2022-01-01 → 2024-03-01.
  await db.insert(concurrentPosts).values({ personId: secretaryA2.id, post: 'village_head', validFrom: '2021-01-01', validTo: '2024-02-01' });
  await db.insert(equipmentIssues).values({ personId: secretaryA2.id, kind: 'laptop', issuedOn: '2022-01-01', returnedOn: '2024-03-01' });
  // B1's secretary got a laptop on 2024-05-01 (and a tablet, which is not a laptop), and is a front committee head.
  await db.insert(equipmentIssues).values({ personId: secretaryB1.id, kind: 'laptop', issuedOn: '2024-05-01' });
  await db.insert(equipmentIssues).values({ personId: secretaryB1.id, kind: 'tablet', issuedOn: '2020-05-01' });
  await db.insert(concurrentPosts).values({ personId: secretaryB1.id, post: 'front_committee_head', validFrom: '2020-05-01' });
  // B1 had a fourth member until 2024-03-01.
  const leaver = await insertPerson(db, { name: 'Triệu Văn Rời', birth: '1970-01-01' });
  await db.insert(memberships).values({ personId: leaver, unitId: world.cellB1.id, validFrom: '2020-01-01', validTo: '2024-03-01' });

  // A3: no secretary until 2024-09-01; four members: one full, one probationary, one official only from
  // 2024-09-01, and the future secretary (master's degree, no theory, born 1989-12-31: 35 exactly on L).
  cellA3 = await createUnit(db, system, { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Khuôn Hà', code: '90001-003', validFrom: '2020-01-01' });
  const x1 = await insertPerson(db, { name: 'Nông Văn Một', birth: '1980-01-01', official: '2010-01-01' });
  const x2 = await insertPerson(db, { name: 'Nông Văn Hai', birth: '1998-01-01', official: null });
  const x3 = await insertPerson(db, { name: 'Nông Văn Ba', birth: '1997-01-01', official: '2024-09-01' });
  const x4 = await insertPerson(db, { name: 'Nông Thị Bốn', birth: '1989-12-31', official: '2015-01-01', education: 'master', theory: 'none' });
  for (const id of [x1, x2, x3, x4]) await db.insert(memberships).values({ personId: id, unitId: cellA3.id, validFrom: '2020-01-01' });
  await db.insert(positionTerms).values({ personId: x4, unitId: cellA3.id, position: 'secretary', validFrom: '2024-09-01' });
  // A former secretary of A3 (2020-08-15 → 2022-01-01), for the property test's earlier dates.
  await db.insert(positionTerms).values({ personId: x1, unitId: cellA3.id, position: 'secretary', validFrom: '2020-08-15', validTo: '2022-01-01' });

  // On 2024-10-01 cell B1 moves from commune B to commune A.
  await moveUnit(db, system, world.cellB1.id, { parentId: world.communeA.id, date: '2024-10-01' });
});

const zeroBands = { under35: 0, from35to45: 0, from46to60: 0, over60: 0 };

describe('figures of a node', () => {
  it('counts every figure of the province on the reference date', async () => {
    expect(await computeFigures(db, { path: world.province.path, date: D })).toEqual<Figures>({
      cells: 4,
      members: 13, // A1 4, A2 2, A3 4, B1 3 (the leaver left on 2024-03-01)
      fullMembers: 11, // A3: only x1 and x4 are official on D
      secretaries: 3, // A1, A2, B1 — A3's term starts later
      secretariesUniversityPct: 33.3,
      secretariesTheoryPct: 66.7,
      secretaryAgeBands: { under35: 1, from35to45: 0, from46to60: 1, over60: 1 }, // 28, 49, 64
      secretaryAverageAge: 47.6, // exact ages: 52,124 days / 365.2425 / 3 = 47.57
      secretariesVillageHeadPct: 33.3, // A2's post ended 2024-02-01
      secretariesLaptopPct: 66.7, // A1 and B1; A2 returned theirs
      cellsWithoutSecretary: 1,
      cellsUnderMinimum: 2, // A2 (2 full), A3 (2 full)
    });
  });

  it('uses the state of an earlier date: the member who later left, the post later ended, the laptop not yet issued', async () => {
    expect(await computeFigures(db, { path: world.province.path, date: E })).toEqual<Figures>({
      cells: 4,
      members: 14,
      fullMembers: 12,
      secretaries: 3,
      secretariesUniversityPct: 33.3,
      secretariesTheoryPct: 66.7,
      secretaryAgeBands: { under35: 1, from35to45: 0, from46to60: 1, over60: 1 }, // 28, 48, 64 (birthday that day)
      secretaryAverageAge: 47.1, // 51,581 days / 365.2425 / 3 = 47.07
      secretariesVillageHeadPct: 66.7,
      secretariesLaptopPct: 66.7, // A1 and A2; B1's came later
      cellsWithoutSecretary: 1,
      cellsUnderMinimum: 2,
    });
  });

  it('uses the state of a later date: the new secretary counts, and age bands are completed years', async () => {
    expect(await computeFigures(db, { path: world.province.path, date: L })).toEqual<Figures>({
      cells: 4,
      members: 13,
      fullMembers: 12,
      secretaries: 4,
      secretariesUniversityPct: 50,
      secretariesTheoryPct: 50,
      secretaryAgeBands: { under35: 1, from35to45: 1, from46to60: 1, over60: 1 }, // 29, 35, 49, 64
      secretaryAverageAge: 44.8, // 65,460 days / 365.2425 / 4 = 44.81
      secretariesVillageHeadPct: 25,
      secretariesLaptopPct: 50,
      cellsWithoutSecretary: 0,
      cellsUnderMinimum: 1,
    });
    const dayBefore = await computeFigures(db, { path: world.province.path, date: '2024-12-30' });
    expect(dayBefore.secretaryAgeBands).toEqual({ under35: 2, from35to45: 0, from46to60: 1, over60: 1 });
  });

  it('gives a single cell its own figures, and zeros with null percentages where there is nothing', async () => {
    const a3 = await computeFigures(db, { path: `${world.communeA.path}${cellA3.id}/`, date: D });
    expect(a3).toMatchObject({ cells: 1, members: 4, fullMembers: 2, secretaries: 0, cellsWithoutSecretary: 1, cellsUnderMinimum: 1 });
    expect(a3.secretariesUniversityPct).toBeNull();
    expect(a3.secretaryAverageAge).toBeNull();
    // Before the province existed, nothing.
    expect(await computeFigures(db, { path: world.province.path, date: '2019-01-01' })).toEqual({
      cells: 0, members: 0, fullMembers: 0, secretaries: 0, secretariesUniversityPct: null, secretariesTheoryPct: null,
      secretaryAgeBands: zeroBands, secretaryAverageAge: null, secretariesVillageHeadPct: null, secretariesLaptopPct: null,
      cellsWithoutSecretary: 0, cellsUnderMinimum: 0,
    });
  });

  it('rounds half up to one decimal', () => {
    expect(oneDecimal(100, 8)).toBe(12.5);
    expect(oneDecimal(100, 3)).toBe(33.3);
    expect(oneDecimal(200, 3)).toBe(66.7);
    expect(oneDecimal(177, 4)).toBe(44.3);
    expect(oneDecimal(1, 0)).toBeNull();
  });
});

const countKeys = ['cells', 'members', 'fullMembers', 'secretaries', 'cellsWithoutSecretary', 'cellsUnderMinimum'] as const;

describe('figures of the children', () => {
  it('gives each commune its figures on the reference date, and they add up to the province', async () => {
    const children = await computeChildFigures(db, { parentId: world.province.id, date: D });
    expect(children.map((c) => c.unit.name)).toEqual(['Đảng ủy phường Hà Giang 1', 'Đảng ủy xã Minh Quang']);
    const byId = new Map(children.map((c) => [c.unitId, c.figures]));
    expect(byId.get(world.communeA.id)).toEqual<Figures>({
      cells: 3,
      members: 10,
      fullMembers: 8,
      secretaries: 2,
      secretariesUniversityPct: 50,
      secretariesTheoryPct: 100,
      secretaryAgeBands: { under35: 0, from35to45: 0, from46to60: 1, over60: 1 },
      secretaryAverageAge: 57, // 41,602 days / 365.2425 / 2 = 56.95
      secretariesVillageHeadPct: 50,
      secretariesLaptopPct: 50,
      cellsWithoutSecretary: 1,
      cellsUnderMinimum: 2,
    });
    expect(byId.get(world.communeB.id)).toEqual<Figures>({
      cells: 1,
      members: 3,
      fullMembers: 3,
      secretaries: 1,
      secretariesUniversityPct: 0,
      secretariesTheoryPct: 0,
      secretaryAgeBands: { under35: 1, from35to45: 0, from46to60: 0, over60: 0 },
      secretaryAverageAge: 28.8, // 10,522 days / 365.2425
      secretariesVillageHeadPct: 0,
      secretariesLaptopPct: 100,
      cellsWithoutSecretary: 0,
      cellsUnderMinimum: 0,
    });
  });

  it('follows the tree of the date: after the move commune B is empty, and the sums still hold', async () => {
    for (const date of [E, D, L]) {
      const parent = await computeFigures(db, { path: world.province.path, date });
      const children = await computeChildFigures(db, { parentId: world.province.id, date });
      for (const key of countKeys) expect(children.reduce((s, c) => s + c.figures[key], 0), `${key} on ${date}`).toBe(parent[key]);
      for (const band of ageBands) {
        expect(children.reduce((s, c) => s + c.figures.secretaryAgeBands[band.key], 0)).toBe(parent.secretaryAgeBands[band.key]);
      }
    }
    const later = new Map((await computeChildFigures(db, { parentId: world.province.id, date: L })).map((c) => [c.unitId, c.figures]));
    expect(later.get(world.communeA.id)).toMatchObject({ cells: 4, members: 13, secretaries: 4 });
    expect(later.get(world.communeB.id)).toMatchObject({ cells: 0, members: 0, secretaries: 0, secretariesLaptopPct: null });
  });

  it('lists the cells of a commune with their own figures; a cell has no children', async () => {
    const cells = await computeChildFigures(db, { parentId: world.communeA.id, date: D });
    expect(cells.map((c) => [c.unit.name, c.figures.members, c.figures.secretaries])).toEqual([
      ['Chi bộ thôn Bản Khuổi', 2, 1],
      ['Chi bộ thôn Khuôn Hà', 4, 0],
      ['Chi bộ thôn Nà Hang', 4, 1],
    ]);
    expect(cells.every((c) => c.unit.kind === 'cell' && c.figures.cells === 1)).toBe(true);
    expect(await computeChildFigures(db, { parentId: world.cellA1.id, date: D })).toEqual([]);
  });
});

describe('GET /api/dashboard', () => {
  it('answers 401 without a session', async () => {
    const res = await ctx.app.inject({ url: `/api/dashboard?unitId=${world.province.id}` });
    expect(res.statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/api/dashboard/export.xlsx' })).statusCode).toBe(401);
  });

  it('shows the province to the admin with its communes', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const res = await admin.get(`/api/dashboard?unitId=${world.province.id}&date=${D}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ id: world.province.id, name: 'Tỉnh ủy Thử nghiệm', kind: 'province', parentId: null });
    expect(body.date).toBe(D);
    expect(body.figures).toEqual(await computeFigures(db, { path: world.province.path, date: D }));
    expect(body.children.map((c: { unit: { id: string } }) => c.unit.id).sort()).toEqual([world.communeA.id, world.communeB.id].sort());
  });

  it("defaults to the actor's own unit and today", async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    const body = (await officer.get('/api/dashboard')).json();
    expect(body.unit.id).toBe(world.communeA.id);
    expect(body.date).toBe(todayIso());
    expect(body.figures).toEqual(await computeFigures(db, { path: world.communeA.path, date: todayIso() }));
  });

  it("hides another commune's branch, as of the date's tree", async () => {
    const officerA = await signIn(ctx.app, 'officer.a');
    const officerB = await signIn(ctx.app, 'officer.b');
    expect((await officerA.get(`/api/dashboard?unitId=${world.communeB.id}&date=${D}`)).statusCode).toBe(404);
    expect((await officerA.get(`/api/dashboard?unitId=${world.province.id}&date=${D}`)).statusCode).toBe(404);
    expect((await officerA.get(`/api/dashboard/export.xlsx?unitId=${world.communeB.id}`)).statusCode).toBe(404);
    // Cell B1 belonged to commune B on D and to commune A on L.
    expect((await officerA.get(`/api/dashboard?unitId=${world.cellB1.id}&date=${D}`)).statusCode).toBe(404);
    expect((await officerA.get(`/api/dashboard?unitId=${world.cellB1.id}&date=${L}`)).statusCode).toBe(200);
    expect((await officerB.get(`/api/dashboard?unitId=${world.cellB1.id}&date=${D}`)).statusCode).toBe(200);
  });

  it('answers 404 for a unit that does not exist on the date (not yet, or no longer), 400 for a bad date', async () => {
    const admin = await signIn(ctx.app, 'admin');
    expect((await admin.get(`/api/dashboard?unitId=${world.province.id}&date=2019-01-01`)).statusCode).toBe(404);
    expect((await admin.get(`/api/dashboard?unitId=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    const closed = await createUnit(db, system, { parentId: world.communeB.id, kind: 'cell', name: 'Chi bộ giải thể', validFrom: '2020-01-01' });
    await dissolveUnit(db, system, closed.id, { date: '2023-01-01', reason: 'test' });
    expect((await admin.get(`/api/dashboard?unitId=${closed.id}&date=2022-12-31`)).json().figures).toMatchObject({ cells: 1, members: 0, cellsUnderMinimum: 1 });
    expect((await admin.get(`/api/dashboard?unitId=${closed.id}&date=2023-01-01`)).statusCode).toBe(404);
    const bad = await admin.get(`/api/dashboard?unitId=${world.province.id}&date=2024-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation');
  });

  it('lets a cell secretary read their own cell', async () => {
    const secretary = await signIn(ctx.app, 'secretary.a1');
    const body = (await secretary.get(`/api/dashboard?date=${D}`)).json();
    expect(body.unit.id).toBe(world.cellA1.id);
    expect(body.figures).toMatchObject({ cells: 1, members: 4, fullMembers: 4, secretaries: 1, secretariesVillageHeadPct: 100, secretariesLaptopPct: 100 });
    expect(body.children).toEqual([]);
    expect((await secretary.get(`/api/dashboard?unitId=${world.cellA2.id}&date=${D}`)).statusCode).toBe(404);
  });
});

describe('GET /api/dashboard/export.xlsx', () => {
  it('exports the table with its title, headers and numbers', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const res = await admin.get(`/api/dashboard/export.xlsx?unitId=${world.province.id}&date=${D}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('Số liệu chi bộ - Tỉnh ủy Thử nghiệm - 2024-06-30.xlsx');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('Số liệu chi bộ, bí thư — Tỉnh ủy Thử nghiệm — ngày 30/06/2024');
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 6)).toEqual(['STT', 'Đơn vị', 'Số chi bộ', 'Số đảng viên', 'Đảng viên chính thức', 'Số bí thư chi bộ']);
    const col = (header: string) => headers.indexOf(header) + 1;
    const pctCol = col('Bí thư có trình độ đại học trở lên (%)');
    expect(pctCol).toBeGreaterThan(0);

    const province = ws.getRow(3);
    expect(province.getCell(2).value).toBe('Tỉnh ủy Thử nghiệm');
    expect(province.getCell(col('Số chi bộ')).value).toBe(4);
    expect(province.getCell(col('Số đảng viên')).value).toBe(13);
    expect(province.getCell(col('Đảng viên chính thức')).value).toBe(11);
    expect(province.getCell(pctCol).value).toBe(33.3);
    expect(province.getCell(pctCol).numFmt).toBe('0.0');
    expect(province.getCell(col('Bí thư được cấp máy tính xách tay (%)')).value).toBe(66.7);
    expect(province.getCell(col('Tuổi bình quân của bí thư')).value).toBe(47.6);
    expect(province.getCell(col('Chi bộ chưa có bí thư')).value).toBe(1);
    expect(province.getCell(col('Chi bộ dưới 3 đảng viên chính thức')).value).toBe(2);

    const rows = [4, 5].map((r) => ws.getRow(r));
    expect(rows.map((r) => r.getCell(2).value)).toEqual(['Đảng ủy phường Hà Giang 1', 'Đảng ủy xã Minh Quang']);
    expect(rows.map((r) => r.getCell(col('Số đảng viên')).value)).toEqual([3, 10]);
    expect(rows.map((r) => r.getCell(pctCol).value)).toEqual([0, 50]);
    expect(ws.rowCount).toBe(5);
  });

  it('leaves a percentage cell empty when there is no secretary', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const res = await admin.get(`/api/dashboard/export.xlsx?unitId=${world.province.id}&date=${L}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const communeB = ws.getRow(4);
    expect(communeB.getCell(2).value).toBe('Đảng ủy phường Hà Giang 1');
    expect(communeB.getCell(3).value).toBe(0);
    expect(communeB.getCell(7).value).toBeNull();
  });
});

// ---- property test: the SQL against a naive computation over every raw row ----

type Interval = { validFrom: string; validTo: string | null };
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const on = (r: Interval, d: string) => r.validFrom <= d && (r.validTo === null || r.validTo > d);

async function naiveFigures(path: string, date: string): Promise<Figures> {
  const versions = await db.select({ unitId: orgUnitVersions.unitId, path: orgUnitVersions.path, validFrom: orgUnitVersions.validFrom, validTo: orgUnitVersions.validTo, kind: orgUnits.kind }).from(orgUnitVersions).innerJoin(orgUnits, eq(orgUnits.id, orgUnitVersions.unitId));
  const allPeople = new Map((await db.select().from(people)).map((p) => [p.id, p]));
  const cells = new Set(versions.filter((v) => v.kind === 'cell' && on(v, date) && v.path.startsWith(path)).map((v) => v.unitId));
  const members = (await db.select().from(memberships)).filter((m) => cells.has(m.unitId) && on(m, date));
  const fullByCell = new Map<string, number>();
  for (const m of members) {
    const p = allPeople.get(m.personId)!;
    if (p.officialOn !== null && p.officialOn <= date) fullByCell.set(m.unitId, (fullByCell.get(m.unitId) ?? 0) + 1);
  }
  const terms = (await db.select().from(positionTerms)).filter((t) => t.position === 'secretary' && cells.has(t.unitId) && on(t, date));
  const posts = await db.select().from(concurrentPosts);
  const equipment = await db.select().from(equipmentIssues);
  const secs = terms.map((t) => allPeople.get(t.personId)!);
  const ages = secs.map((p) => ageOn(p.birthDate, date));
  const count = (pred: (p: (typeof secs)[number]) => boolean) => secs.filter(pred).length;
  const n = secs.length;
  return {
    cells: cells.size,
    members: members.length,
    fullMembers: [...fullByCell.values()].reduce((a, b) => a + b, 0),
    secretaries: n,
    secretariesUniversityPct: oneDecimal(100 * count((p) => UNIVERSITY_OR_HIGHER.includes(p.education)), n),
    secretariesTheoryPct: oneDecimal(100 * count((p) => ELEMENTARY_OR_HIGHER.includes(p.theoryLevel)), n),
    secretaryAgeBands: Object.fromEntries(ageBands.map((b) => [b.key, ages.filter((a) => a >= b.min && a <= b.max).length])) as Figures['secretaryAgeBands'],
    secretaryAverageAge: averageAgeYears(secs.reduce((a, p) => a + daysBetween(p.birthDate, date), 0), n),
    secretariesVillageHeadPct: oneDecimal(100 * count((p) => posts.some((c) => c.personId === p.id && c.post === 'village_head' && on(c, date))), n),
    secretariesLaptopPct: oneDecimal(
      100 * count((p) => equipment.some((e) => e.personId === p.id && e.kind === 'laptop' && e.issuedOn <= date && (e.returnedOn === null || e.returnedOn > date))),
      n,
    ),
    cellsWithoutSecretary: [...cells].filter((c) => !terms.some((t) => t.unitId === c)).length,
    cellsUnderMinimum: [...cells].filter((c) => (fullByCell.get(c) ?? 0) < MIN_FULL_MEMBERS).length,
  };
}

/** A second province filled from a seeded generator, respecting the registry's rules (one membership at a
 * time, one secretary per cell at a time), with a cell moved between communes half-way. */
async function randomProvince(seed: number) {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const day = (from: number, to: number) => {
    const t = new Date(Date.UTC(from, 0, 1)).getTime() + Math.floor(rand() * (to - from) * 365) * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  };
  const sorted = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
  const province = await createUnit(db, system, { parentId: null, kind: 'province', name: 'Tỉnh Ngẫu nhiên', code: '99', validFrom: '2019-01-01' });
  const communes = [];
  for (let i = 0; i < 3; i++) communes.push(await createUnit(db, system, { parentId: province.id, kind: 'commune', name: `Xã ${i + 1}`, code: `9900${i}`, validFrom: '2019-01-01' }));
  const cells = [];
  for (let i = 0; i < 7; i++) {
    cells.push(await createUnit(db, system, { parentId: communes[i % 3].id, kind: 'cell', cellKind: 'village' as CellKind, name: `Chi bộ ${i + 1}`, code: `9900-${i}`, validFrom: '2019-01-01' }));
  }
  const educations = ['none', 'intermediate', 'college', 'university', 'master', 'doctorate'] as const;
  const theories = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] as const;
  const persons: string[] = [];
  for (let i = 0; i < 60; i++) {
    const official = rand() < 0.15 ? null : day(2015, 2026);
    const id = await insertPerson(db, { name: `Người Thứ ${i}`, birth: day(1955, 2002), official, education: pick(educations), theory: pick(theories) });
    persons.push(id);
    // One or two consecutive memberships.
    const [a, b] = sorted(day(2019, 2026), day(2019, 2026));
    if (a === b || rand() < 0.5) await db.insert(memberships).values({ personId: id, unitId: pick(cells).id, validFrom: a, validTo: a < b && rand() < 0.3 ? b : null });
    else {
      await db.insert(memberships).values({ personId: id, unitId: pick(cells).id, validFrom: a, validTo: b });
      await db.insert(memberships).values({ personId: id, unitId: pick(cells).id, validFrom: b, validTo: null });
    }
    if (rand() < 0.4) {
      const [f, t] = sorted(day(2019, 2026), day(2019, 2026));
      await db.insert(concurrentPosts).values({ personId: id, post: pick(['village_head', 'other'] as const), validFrom: f, validTo: f < t && rand() < 0.5 ? t : null });
    }
    if (rand() < 0.4) {
      const [f, t] = sorted(day(2019, 2026), day(2019, 2026));
      await db.insert(equipmentIssues).values({ personId: id, kind: pick(['laptop', 'tablet'] as const), issuedOn: f, returnedOn: f < t && rand() < 0.5 ? t : null });
    }
  }
  // Secretary terms: per cell, consecutive non-overlapping terms, some with gaps.
  for (const cell of cells) {
    let from = day(2019, 2021);
    while (from < '2026-01-01') {
      const to = day(Number(from.slice(0, 4)), Number(from.slice(0, 4)) + 3);
      const end = to > from ? to : null;
      await db.insert(positionTerms).values({ personId: pick(persons), unitId: cell.id, position: 'secretary', validFrom: from, validTo: end });
      if (!end) break;
      from = rand() < 0.3 ? day(Number(end.slice(0, 4)), Number(end.slice(0, 4)) + 1) : end;
      if (from < end) from = end;
    }
  }
  await moveUnit(db, system, cells[0].id, { parentId: communes[1].id, date: '2023-07-01' });
  return { province, communes, cells };
}

describe('property: the SQL equals a naive computation over the raw rows', () => {
  it('for random dates, on every node of both provinces', async () => {
    const rnd = await randomProvince(20240630);
    const day = fc.integer({ min: Date.UTC(2018, 6, 1), max: Date.UTC(2026, 11, 31) }).map((t) => new Date(Math.floor(t / 86_400_000) * 86_400_000).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(day, async (date) => {
        for (const root of [world.province, rnd.province]) {
          const rootFigures = await computeFigures(db, { path: root.path, date });
          expect(rootFigures).toEqual(await naiveFigures(root.path, date));
          const children = await computeChildFigures(db, { parentId: root.id, date });
          if (children.length) expect((await computeBranchFigures(db, { unit: root, date })).figures).toEqual(rootFigures);
          for (const child of children) {
            const naive = await naiveFigures(child.unit.path, date);
            expect(child.figures, `${child.unit.name} on ${date}`).toEqual(naive);
            expect((await computeBranchFigures(db, { unit: child.unit, date })).figures).toEqual(naive);
            for (const cell of await computeChildFigures(db, { parentId: child.unitId, date })) {
              expect(cell.figures).toEqual(await naiveFigures(cell.unit.path, date));
              expect(await computeFigures(db, { path: cell.unit.path, date })).toEqual(cell.figures);
            }
          }
        }
      }),
      { numRuns: 25, seed: 42 },
    );
  });
});
