// A list shows what the record check allows, over HTTP: an account with two hats — a member of cell A1 and the
// secretary of cell B1 — lists the whole of B1 but only themself in A1, and every row it lists it may open.
// (Before the lists took their scope from the policy, the member's cell came whole into the list.)
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './users/service.js';
import { systemActor } from '../platform/access.js';
import { addPerson, makeWorld, type World } from '../test/factories.js';
import { setupTestApp, signIn, TEST_PASSWORD, type Client, type TestContext } from '../test/harness.js';

let ctx: TestContext;
let world: World;
let twoHats: Client;
let me: string;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const db = ctx.database.db;
  me = (await addPerson(db, world.cellA1.id, { fullName: 'Triệu Văn Hai' })).id;
  await createUser(db, systemActor(), { username: 'two.hats', displayName: 'two.hats', password: TEST_PASSWORD, role: 'member', unitId: world.cellA1.id, personId: me });
  await db.execute(sql`INSERT INTO role_grants (user_id, role, unit_id) SELECT id, 'cell_secretary', ${world.cellB1.id} FROM users WHERE username = 'two.hats'`);
  twoHats = await signIn(ctx.app, 'two.hats');
});

const ids = async (url: string) => (await twoHats.get(url)).json().items.map((p: { id: string }) => p.id) as string[];

describe('a member of one cell who is the secretary of another', () => {
  it('lists the secretary\'s cell whole and, of the member\'s cell, only themself', async () => {
    const listed = await ids('/api/people');
    expect(listed).toContain(me);
    expect(listed).toContain(world.people.memberB1.id);
    expect(listed).not.toContain(world.people.memberA1.id);
    expect(listed).not.toContain(world.people.secretaryA1.id);
  });

  it('narrowed to the member\'s cell, finds only themself — by list and by search', async () => {
    expect(await ids(`/api/people?unitId=${world.cellA1.id}`)).toEqual([me]);
    expect(await ids(`/api/people?q=${encodeURIComponent('Nguyễn Thị Xiến')}`)).toEqual([]);
  });

  it('may open every row it lists, and none of the rows it does not', async () => {
    for (const id of await ids('/api/people')) expect((await twoHats.get(`/api/people/${id}`)).statusCode).toBe(200);
    expect((await twoHats.get(`/api/people/${world.people.memberA1.id}`)).statusCode).toBe(403);
  });
});
