// The province round's registration: a commune sees the candidates its commune round sends on (rank within the
// commune ≤ advancePerCommune) once that round is closed, only those of its own branch, and whether each is
// registered already; registering one marks them.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;
let officerA: Client;
let officerB: Client;
const hour = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const rules = (advancePerCommune: number) => ({
  quotas: [], testMinutes: 20, criteria: [{ code: 'content', label: 'Nội dung', max: 100 }], dropHighLowFrom: 0, testWeight: 0, presentationWeight: 1, tieBreaks: ['presentation'], advancePerCommune,
});

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [admin, officerA, officerB] = await Promise.all(['admin', 'officer.a', 'officer.b'].map((u) => signIn(ctx.app, u)));
});

describe('who goes on to the province round', () => {
  it('lists the commune winners of the reader\'s branch once the commune round is closed', async () => {
    const contestId = (await admin.post('/api/contests', { year: 2031, title: 'Hội thi Bí thư chi bộ giỏi năm 2031', awards: [{ code: 'first', places: 1 }], organizerUnitId: world.province.id })).json().id;
    const communeRound = (await admin.post(`/api/contests/${contestId}/rounds`, { level: 'commune', title: 'Vòng xã', opensAt: iso(-2 * hour), closesAt: iso(48 * hour), rules: rules(1) })).json().id;
    const provinceRound = (await admin.post(`/api/contests/${contestId}/rounds`, { level: 'province', title: 'Vòng tỉnh', opensAt: iso(-hour), closesAt: iso(96 * hour), rules: rules(0) })).json().id;
    expect((await admin.request('PUT', `/api/contest-rounds/${communeRound}/judges`, { usernames: ['admin'] })).statusCode).toBe(200);
    const points = { [world.people.secretaryA1.id]: 80, [world.people.secretaryA2.id]: 60, [world.people.secretaryB1.id]: 50 };
    for (const [personId, content] of Object.entries(points)) {
      const c = await admin.post(`/api/contest-rounds/${communeRound}/candidates`, { personId });
      expect(c.statusCode, c.body).toBe(201);
      const s = await admin.post(`/api/contest-candidates/${c.json().id}/scores`, { points: { content } });
      expect(s.statusCode, s.body).toBeLessThan(300);
    }
    // Still open: nobody goes on yet.
    const early = (await officerA.get(`/api/contest-rounds/${provinceRound}/advancing`)).json();
    expect(early.from.state).toBe('open');
    expect(early.items).toEqual([]);
    await ctx.database.db.execute(sql`UPDATE contest_rounds SET closes_at = now() - interval '1 second', opens_at = now() - interval '2 days' WHERE id = ${communeRound}`);
    const a = (await officerA.get(`/api/contest-rounds/${provinceRound}/advancing`)).json();
    expect(a.items.map((i: { personId: string; rank: number; registered: boolean }) => [i.personId, i.rank, i.registered])).toEqual([[world.people.secretaryA1.id, 1, false]]);
    const b = (await officerB.get(`/api/contest-rounds/${provinceRound}/advancing`)).json();
    expect(b.items.map((i: { personId: string }) => i.personId)).toEqual([world.people.secretaryB1.id]);
    const all = (await admin.get(`/api/contest-rounds/${provinceRound}/advancing`)).json();
    expect(all.items.map((i: { personId: string }) => i.personId).sort()).toEqual([world.people.secretaryA1.id, world.people.secretaryB1.id].sort());
    // Commune A registers its winner: marked.
    expect((await officerA.post(`/api/contest-rounds/${provinceRound}/candidates`, { personId: world.people.secretaryA1.id })).statusCode).toBe(201);
    expect((await officerA.get(`/api/contest-rounds/${provinceRound}/advancing`)).json().items[0].registered).toBe(true);
    // A commune round has nothing before it.
    expect((await officerA.get(`/api/contest-rounds/${communeRound}/advancing`)).json().from).toBeNull();
  });
});
