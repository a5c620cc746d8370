// Accounts are managed downward only: a commune officer creates and resets the accounts of the secretaries and
// members of their commune's cells, never of a peer officer, never linked to a person of another branch, and
// never grants a cell's role on the commune itself. An account holding grants in two branches is checked on both.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { systemActor } from '../platform/access.js';
import { createUser } from '../modules/users/service.js';
import { makeWorld, type World } from './factories.js';
import { setupTestApp, signIn, TEST_PASSWORD, type Client, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
let officerA: Client;
let admin: Client;
const system = systemActor('test');

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  officerA = await signIn(ctx.app, 'officer.a');
  admin = await signIn(ctx.app, 'admin');
});

const userId = async (username: string) =>
  ((await ctx.database.db.execute<{ id: string }>(sql`SELECT id FROM users WHERE username = ${username}`)).rows[0]).id;

const account = (username: string, role: 'commune_officer' | 'cell_secretary' | 'member', unitId: string) =>
  createUser(ctx.database.db, system, { username, displayName: username, password: TEST_PASSWORD, role, unitId });

async function addGrant(username: string, role: string, unitId: string) {
  await ctx.database.db.execute(sql`INSERT INTO role_grants (user_id, role, unit_id) SELECT id, ${role}, ${unitId} FROM users WHERE username = ${username}`);
  await ctx.app.cache?.feed.sync();
}

describe('password resets go downward only', () => {
  it('a commune officer resets a member of a cell of their commune', async () => {
    await account('member.cell.a2', 'member', world.cellA2.id);
    const res = await officerA.post(`/api/users/${await userId('member.cell.a2')}/reset-password`, { password: 'a-new-password-1' });
    expect(res.statusCode, res.body).toBe(204);
  });

  it('but not a peer officer of the same commune', async () => {
    await account('officer.a.peer', 'commune_officer', world.communeA.id);
    const res = await officerA.post(`/api/users/${await userId('officer.a.peer')}/reset-password`, { password: 'taken-over-123' });
    expect(res.statusCode, res.body).toBe(403);
    // …who still signs in with their own password
    await signIn(ctx.app, 'officer.a.peer');
  });

  it.each([
    ['a member of cell A1 first, an officer of commune B second', 'two.a.first', [['member', 'cellA1'], ['commune_officer', 'communeB']]],
    ['an officer of commune B first, a member of cell A1 second', 'two.b.first', [['commune_officer', 'communeB'], ['member', 'cellA1']]],
    ['a member of cell A1 and an officer of commune A', 'two.a.peer', [['member', 'cellA1'], ['commune_officer', 'communeA']]],
    ['an officer of commune A and a member of cell A1', 'two.peer.a', [['commune_officer', 'communeA'], ['member', 'cellA1']]],
  ] as const)('an account holding grants in two places (%s) is refused', async (_, username, grants) => {
    const [[role1, unit1], [role2, unit2]] = grants;
    await account(username, role1, world[unit1].id);
    await addGrant(username, role2, world[unit2].id);
    const res = await officerA.post(`/api/users/${await userId(username)}/reset-password`, { password: 'taken-over-123' });
    expect([403, 404], res.body).toContain(res.statusCode);
  });
});

describe('creating accounts goes downward only', () => {
  const body = (over: Record<string, unknown>) => ({ displayName: 'Tài khoản', password: 'long-enough-pass', role: 'member', unitId: world.cellA1.id, ...over });

  it('a commune officer may not create an account on the commune itself', async () => {
    const res = await officerA.post('/api/users', body({ username: 'officer.a.clone', role: 'member', unitId: world.communeA.id }));
    expect(res.statusCode, res.body).toBe(403);
  });

  it('nor grant cell_secretary on the commune unit; nor may an admin', async () => {
    expect((await officerA.post('/api/users', body({ username: 'sec.on.commune', role: 'cell_secretary', unitId: world.communeA.id }))).statusCode).toBe(403);
    expect((await admin.post('/api/users', body({ username: 'sec.on.commune2', role: 'cell_secretary', unitId: world.communeA.id }))).statusCode).toBe(403);
  });

  it('a new account is linked only to a person of the branch it is granted on', async () => {
    const otherBranch = await officerA.post('/api/users', body({ username: 'link.b1', unitId: world.cellA1.id, personId: world.people.memberB1.id }));
    expect(otherBranch.statusCode, otherBranch.body).toBe(400);
    expect(otherBranch.json().error.fields).toEqual([expect.objectContaining({ path: 'personId' })]);
    const otherCell = await officerA.post('/api/users', body({ username: 'link.a2', unitId: world.cellA1.id, personId: world.people.secretaryA2.id }));
    expect(otherCell.statusCode, otherCell.body).toBe(400);
    const own = await officerA.post('/api/users', body({ username: 'link.a1', unitId: world.cellA1.id, role: 'member', personId: world.people.memberA1.id }));
    expect(own.statusCode, own.body).toBe(201);
  });
});
