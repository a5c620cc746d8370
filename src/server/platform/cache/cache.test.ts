// The caches against a real PostgreSQL: answers are served from memory only while nothing they were built from has
// changed, whoever changed it (this app over HTTP, or another process writing to the database).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { makeWorld, personFields, type World } from '../../test/factories.js';
import { countQueries, setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let officer: Client;
let secretary: Client;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  officer = await signIn(ctx.app, 'officer.a');
  secretary = await signIn(ctx.app, 'secretary.a1');
});

/** A write by another process: straight to the database, then wait for the feed to have passed it on. */
async function elsewhere(text: string, values: unknown[] = []) {
  await ctx.database.pool.query(text, values);
  await ctx.app.cache!.feed.sync();
}

const phoneOf = (res: { json: () => { items: { fullName: string; phone: string | null }[] } }, name: string) =>
  res.json().items.find((p) => p.fullName === name)?.phone;

describe('the change feed', () => {
  it('is live once the app is ready', () => {
    expect(ctx.app.cache?.feed.isLive).toBe(true);
  });
});

describe('the member list', () => {
  const url = () => `/api/people?unitId=${world.cellA1.id}`;

  it('is answered from memory the second time: no statement at all, the same body', async () => {
    const first = await secretary.get(url());
    expect(first.statusCode).toBe(200);
    let second;
    expect(await countQueries(async () => (second = await secretary.get(url())))).toBe(0);
    expect(second!.body).toBe(first.body);
    expect(second!.headers['content-type']).toMatch(/^application\/json/);
  });

  it('shows a write made over HTTP in the very next read (the write waits for its own notification)', async () => {
    await secretary.get(url());
    const patched = await secretary.patch(`/api/people/${world.people.memberA1.id}`, { phone: '0912000111' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(phoneOf(await secretary.get(url()), 'Nguyễn Thị Xiến')).toBe('0912000111');
    // and in the commune officer's list of the whole commune, which covers that cell
    expect(phoneOf(await officer.get(`/api/people?unitId=${world.communeA.id}`), 'Nguyễn Thị Xiến')).toBe('0912000111');
  });

  it('shows every one of many concurrent writes in the next read (writes share the feed’s markers)', async () => {
    const url = `/api/people?unitId=${world.communeA.id}`;
    const people = (await officer.get(url)).json().items as { id: string; fullName: string }[];
    const phones = people.map((_, i) => `0913${String(i).padStart(6, '0')}`);
    const results = await Promise.all(people.map((p, i) => officer.patch(`/api/people/${p.id}`, { phone: phones[i] })));
    expect(results.map((r) => r.statusCode)).toEqual(people.map(() => 200));
    const after = (await officer.get(url)).json().items as { id: string; phone: string }[];
    expect(people.map((p) => after.find((a) => a.id === p.id)?.phone)).toEqual(phones);
  });

  it('shows a write made by another process once the feed has passed it on', async () => {
    await officer.get(`/api/people?unitId=${world.communeA.id}`);
    await elsewhere('UPDATE people SET phone = $1 WHERE id = $2', ['0988777666', world.people.memberA1.id]);
    expect(phoneOf(await officer.get(`/api/people?unitId=${world.communeA.id}`), 'Nguyễn Thị Xiến')).toBe('0988777666');
  });

  it('keeps the list of a cell a change did not touch', async () => {
    const other = `/api/people?unitId=${world.cellA2.id}`;
    await officer.get(other);
    await elsewhere('UPDATE people SET phone = $1 WHERE id = $2', ['0977000000', world.people.memberA1.id]);
    expect(await countQueries(() => officer.get(other))).toBe(0);
  });

  it('follows a member moved to another cell: gone from the old list, in the new one', async () => {
    const a1 = `/api/people?unitId=${world.cellA1.id}`;
    const a2 = `/api/people?unitId=${world.cellA2.id}`;
    const name = 'Lê Văn Dũng';
    const person = (await officer.get(a1)).json().items.find((p: { fullName: string }) => p.fullName === name);
    await officer.get(a2);
    const moved = await officer.post(`/api/people/${person.id}/transfer`, { toUnitId: world.cellA2.id, date: todayIso() });
    expect(moved.statusCode, moved.body).toBe(200);
    const names = async (u: string) => (await officer.get(u)).json().items.map((p: { fullName: string }) => p.fullName);
    expect(await names(a1)).not.toContain(name);
    expect(await names(a2)).toContain(name);
  });

  it('goes out brotli-compressed to a browser that asks for it, the same JSON once decompressed', async () => {
    const plain = await officer.get(`/api/people?unitId=${world.communeA.id}`);
    for (let i = 0; i < 2; i++) {
      // the first answer compresses the entry, the second sends the bytes kept with it
      const res = await officer.request('GET', `/api/people?unitId=${world.communeA.id}`, undefined, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(plain.body);
    }
    const gzip = await officer.request('GET', `/api/people?unitId=${world.communeA.id}`, undefined, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
  });

  it('is per user: one user never gets an answer cached for another', async () => {
    const res = await secretary.get(`/api/people?unitId=${world.communeA.id}`);
    await officer.get(`/api/people?unitId=${world.communeA.id}`);
    // the secretary's branch is the cell: the commune is outside it (404), cached list of the officer or not
    expect(res.statusCode).toBe(404);
    expect((await secretary.get(`/api/people?unitId=${world.communeA.id}`)).statusCode).toBe(404);
  });
});

describe('the dashboard', () => {
  it('is answered from memory until the figures under it change', async () => {
    const url = `/api/dashboard?unitId=${world.communeA.id}`;
    const before = (await officer.get(url)).json().figures.members;
    expect(await countQueries(() => officer.get(url))).toBe(0);
    // a phone number is not a figure: the dashboard stays cached
    await elsewhere('UPDATE people SET phone = $1 WHERE id = $2', ['0911111111', world.people.memberA1.id]);
    expect(await countQueries(() => officer.get(url))).toBe(0);
    const added = await officer.post('/api/people', { ...personFields({ fullName: 'Hà Văn Mới' }), unitId: world.cellA2.id, memberSince: '2024-01-01' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await officer.get(url)).json().figures.members).toBe(before + 1);
  });

  it('drops everything when the tree changes', async () => {
    const url = `/api/dashboard?unitId=${world.communeA.id}`;
    await officer.get(url);
    await elsewhere('UPDATE org_unit_versions SET name = $1 WHERE unit_id = $2 AND valid_to IS NULL', ['Chi bộ thôn Nà Hang Mới', world.cellA1.id]);
    const children = (await officer.get(url)).json().children.map((c: { unit: { name: string } }) => c.unit.name);
    expect(children).toContain('Chi bộ thôn Nà Hang Mới');
  });
});

describe('sessions', () => {
  it('are read from memory within the minute, and end at once when the user is disabled elsewhere', async () => {
    const inspector = await signIn(ctx.app, 'inspector');
    expect((await inspector.get('/api/auth/me')).statusCode).toBe(200);
    // /api/auth/me reads nothing but the session: from memory, no statement
    expect(await countQueries(() => inspector.get('/api/auth/me'))).toBe(0);
    await elsewhere("UPDATE users SET disabled = 'yes' WHERE username = 'inspector'");
    expect((await inspector.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lose a grant taken away elsewhere: the next read is refused', async () => {
    const member = await signIn(ctx.app, 'member.a1');
    expect((await member.get(`/api/people?unitId=${world.cellA1.id}`)).statusCode).toBe(200);
    await elsewhere("DELETE FROM role_grants WHERE user_id = (SELECT id FROM users WHERE username = 'member.a1')");
    expect((await member.get(`/api/people?unitId=${world.cellA1.id}`)).statusCode).toBe(404);
  });
});

describe('when the feed is down', () => {
  it('serves nothing from memory, stays right, and comes back on its own', async () => {
    const url = `/api/people?unitId=${world.cellB1.id}`;
    const admin = await signIn(ctx.app, 'admin');
    await admin.get(url);
    await ctx.database.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'chibo change feed' AND datname = current_database()");
    await expect.poll(() => ctx.app.cache!.feed.isLive).toBe(false);
    // no feed: every request reads the database (session and list), and sees a write nobody announced
    await ctx.database.pool.query("UPDATE people SET phone = '0900000001' WHERE id = $1", [world.people.memberB1.id]);
    let res;
    expect(await countQueries(async () => (res = await admin.get(url)))).toBeGreaterThan(0);
    expect(phoneOf(res!, 'Phạm Văn Khánh')).toBe('0900000001');
    await expect.poll(() => ctx.app.cache!.feed.isLive, { timeout: 10_000 }).toBe(true);
    await admin.get(url);
    expect(await countQueries(() => admin.get(url))).toBe(0);
  });
});
