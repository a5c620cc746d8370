// The "untrained secretaries" figure and the theory trend: the figure kept by triggers equals the raw count at
// several nodes and dates, before and after passes (a pass counts for five years, 29 February included), a term
// ended and a term begun; the dashboard shows it; the trend answers per year and only in the reader's branch.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { systemActor } from '../../platform/access.js';
import { addPerson, makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { findUnit } from '../org/tree.js';
import { addPosition, endPosition } from '../people/service.js';
import { trainingFigures } from './figures.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
const today = todayIso();
const figure = trainingFigures.find((f) => f.key === 'training.untrainedSecretaries')!;
const DATES = ['2020-01-01', '2020-08-15', '2021-02-28', '2021-03-01', '2024-06-01', '2025-02-28', '2025-03-01', '2025-12-31', '2026-02-28', '2026-03-01', today];

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB] = await Promise.all(['admin', 'officer.a', 'officer.b'].map((u) => signIn(ctx.app, u)));
});

async function value(unitId: string, date: string) {
  const u = await findUnit(ctx.database.db, unitId, date);
  if (!u) return null;
  const at = { unitId, path: u.path, date };
  const [computed, raw] = await Promise.all([figure.compute(ctx.database.db, at), figure.raw(ctx.database.db, at)]);
  expect(computed, `${u.name} ${date}`).toBe(raw);
  return computed;
}
async function agreeEverywhere() {
  for (const unit of [world.province, world.communeA, world.communeB, world.cellA1, world.cellA2, world.cellB1]) for (const d of DATES) await value(unit.id, d);
}

/** A province course of the past, the persons enrolled and passed: completed on its end date. */
async function pass(personIds: string[], startsOn: string, endsOn: string) {
  const c = await admin.post('/api/training/courses', {
    title: `Bồi dưỡng ${endsOn}`, kindCode: 'party_work', organizerUnitId: world.province.id, targetGroup: 'secretaries', startsOn, endsOn, place: 'Trường Chính trị tỉnh', capacity: 10, sessions: [],
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id;
  expect((await admin.post(`/api/training/courses/${id}/enrolments`, { personIds })).statusCode).toBe(200);
  expect((await admin.post(`/api/training/courses/${id}/complete`, {})).json().passed).toBe(personIds.length);
}

describe('untrained secretaries', () => {
  it('starts with every secretary untrained, equal to the raw count everywhere', async () => {
    expect(await value(world.province.id, today)).toBe(3);
    expect(await value(world.communeA.id, today)).toBe(2);
    await agreeEverywhere();
  });

  it('a pass counts for five years (29 February too); the dashboard shows the figure', async () => {
    await pass([world.people.secretaryA2.id], '2020-02-20', '2020-02-29');
    await pass([world.people.secretaryB1.id], '2021-02-20', '2021-03-01');
    await pass([world.people.secretaryA1.id], '2026-01-05', '2026-01-09');
    // A2 passed before becoming secretary: trained from 15/08/2020 until 29/02/2020 + 5 years.
    expect(await value(world.cellA2.id, '2025-02-28')).toBe(0);
    expect(await value(world.cellA2.id, '2025-03-01')).toBe(1);
    expect(await value(world.cellB1.id, '2021-02-28')).toBe(1);
    expect(await value(world.cellB1.id, '2021-03-01')).toBe(0);
    expect(await value(world.cellB1.id, '2026-03-01')).toBe(1);
    expect(await value(world.communeA.id, today)).toBe(1);
    await agreeEverywhere();
    const dash = await officerA.get(`/api/dashboard?unitId=${world.communeA.id}`);
    expect(dash.json().moduleFigures.find((f: { key: string }) => f.key === 'training.untrainedSecretaries').value).toBe(1);
  });

  it('follows terms ended and begun', async () => {
    const terms = await ctx.database.db.execute<{ id: string }>(sql`SELECT id FROM position_terms WHERE person_id = ${world.people.secretaryA2.id} AND position = 'secretary'`);
    await endPosition(ctx.database.db, systemActor('t'), terms.rows[0]!.id, { to: '2026-06-01' });
    const fresh = await addPerson(ctx.database.db, world.cellA2.id, { fullName: 'Lò Văn Kế' });
    await addPosition(ctx.database.db, systemActor('t'), fresh.id, { position: 'secretary', from: '2026-06-01' });
    expect(await value(world.cellA2.id, '2026-05-31')).toBe(1);
    expect(await value(world.cellA2.id, today)).toBe(1);
    await agreeEverywhere();
  });
});

describe('the theory trend', () => {
  it('answers per year in the reader\'s branch; another branch is not found', async () => {
    const r = await officerA.get(`/api/training/theory-trend?unitId=${world.communeA.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { year: number; secretaries: number; theoryPct: number | null; untrained: number }[];
    const last = items.at(-1)!;
    expect(last.year).toBe(Number(today.slice(0, 4)));
    expect(last.secretaries).toBe(2);
    expect(last.untrained).toBe(1);
    expect(items.every((i) => i.theoryPct === null || (i.theoryPct >= 0 && i.theoryPct <= 100))).toBe(true);
    const dash = (await officerA.get(`/api/dashboard?unitId=${world.communeA.id}`)).json();
    expect(last.theoryPct).toBe(dash.figures.secretariesTheoryPct);
    expect((await officerB.get(`/api/training/theory-trend?unitId=${world.communeA.id}`)).statusCode).toBe(404);
    expect((await officerB.get('/api/training/theory-trend')).json().unitId).toBe(world.communeB.id);
  });
});
