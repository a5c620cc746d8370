// No N+1: the number of statements a key request sends does not grow with the number of rows it returns.
import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, makeWorld, type World } from './factories.js';
import { modules } from '../modules/index.js';
import { countQueries, setupTestApp, signIn, type Client, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
});

async function statementsFor(url: string) {
  let status = 0;
  const n = await countQueries(async () => {
    status = (await admin.get(url)).statusCode;
  });
  expect(status).toBe(200);
  return n;
}

describe('statements per request stay flat as data grows', () => {
  const routes = () => [
    `/api/people?unitId=${world.cellA1.id}`,
    `/api/people?q=van`,
    `/api/units/${world.communeA.id}`,
    `/api/units/roots`,
    `/api/dashboard?unitId=${world.province.id}`,
    `/api/people/${world.people.secretaryA1.id}`,
  ];

  it('for the member list, the unit page, the dashboard and a person', async () => {
    // One at a time: the log is shared, so overlapping requests would mix their counts.
    const measure = async () => {
      const counts: number[] = [];
      for (const url of routes()) counts.push(await statementsFor(url));
      return counts;
    };
    const before = await measure();
    for (let i = 0; i < 15; i++) await addPerson(ctx.database.db, world.cellA1.id, { fullName: `Nguyễn Văn Thêm ${'I'.repeat((i % 3) + 1)}` });
    // More children too, so a per-child query on the unit page or the dashboard would show.
    for (const name of ['Chi bộ thôn Mới Một', 'Chi bộ thôn Mới Hai', 'Chi bộ thôn Mới Ba']) {
      const cell = (await admin.post('/api/units', { parentId: world.communeA.id, kind: 'cell', name, validFrom: '2020-01-01' })).json().unit;
      await addPerson(ctx.database.db, cell.id, { fullName: 'Lò Văn Khu' });
    }
    const after = await measure();
    expect(after).toEqual(before);
    // And the numbers themselves are small: one session lookup plus a handful of set-based reads; the dashboard asks
    // each module's figure provider once more (one statement each, platform/figures.ts), whatever the branch's size.
    const providers = modules.flatMap((m) => m.figures ?? []).length;
    for (const [i, n] of after.entries()) expect(n, routes()[i]).toBeLessThanOrEqual(routes()[i].startsWith('/api/dashboard') ? 2 + providers : 8);
  });
});

describe('the hottest reads, in statements', () => {
  it("a person's record is one statement: the record, its home and its dated lists together", async () => {
    const url = `/api/people/${world.people.secretaryB1.id}`;
    await statementsFor(url); // the session is then in memory
    expect(await statementsFor(url)).toBe(1);
    const body = (await admin.get(url)).json();
    expect(body.positions).toMatchObject([{ position: 'secretary', validTo: null }]);
    expect(body.memberships).toHaveLength(1);
  });
});
