// Searching through a branch's directory (directory.ts) against a real PostgreSQL: the same answers as the SQL
// search, one statement per search once the directory is read, and never an answer the registry has moved past.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { makeWorld, type World } from '../../test/factories.js';
import type { DirectoryEntry } from './directory.js';
import { countQueries, setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let world: World;
let officer: Client;
let otherOfficer: Client;
let admin: Client;
let member: Client;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  officer = await signIn(ctx.app, 'officer.a');
  otherOfficer = await signIn(ctx.app, 'officer.b');
  admin = await signIn(ctx.app, 'admin');
  member = await signIn(ctx.app, 'member.a1');
});

type Page = { items: { id: string; fullName: string; unit: { name: string } | null }[]; nextCursor: string | null };
const search = async (who: Client, unitId: string, q: string, extra = '') => {
  const res = await who.get(`/api/people?unitId=${unitId}&q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};
const names = (p: Page) => p.items.map((i) => i.fullName);
const unitPath = async (id: string) =>
  (await ctx.database.pool.query<{ path: string }>('SELECT path FROM org_unit_versions WHERE unit_id = $1 ORDER BY valid_from DESC LIMIT 1', [id])).rows[0]?.path;
/** A write by another process, then the feed has passed it on. */
async function elsewhere(text: string, values: unknown[] = []) {
  await ctx.database.pool.query(text, values);
  await ctx.app.cache!.feed.sync();
}

describe('search through the directory of a branch', () => {
  it('reads the directory once; each later search is one statement (its page), none when nothing matches', async () => {
    expect(names(await search(officer, world.communeA.id, 'thị'))).toEqual(['Trần Thị Ánh', 'Đỗ Thị Hoa', 'Nguyễn Thị Xiến']);
    expect(await countQueries(() => search(officer, world.communeA.id, 'van'))).toBe(1);
    expect(await countQueries(() => search(officer, world.communeA.id, 'zzz'))).toBe(0);
    expect(names(await search(officer, world.communeA.id, 'VĂN'))).toEqual(['Hoàng Văn Bình', 'Lê Văn Dũng', 'Ma Văn Đức']);
  });

  it('answers as the SQL search does, page by page, with the cache off', async () => {
    const plain = await setupTestApp({ cache: false }); // dropped after the file, as ctx
    {
      const w = await makeWorld(plain);
      const o = await signIn(plain.app, 'officer.a');
      for (const q of ['thi', 'van', 'a', 'h', 'van d']) {
        const withDirectory: string[] = [];
        const inSql: string[] = [];
        for (const [who, unit, out] of [[officer, world.communeA.id, withDirectory], [o, w.communeA.id, inSql]] as const) {
          let cursor: string | null = null;
          do {
            const page: Page = await search(who, unit, q, `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
            out.push(...page.items.map((i) => `${i.fullName} (${i.unit?.name})`));
            cursor = page.nextCursor;
          } while (cursor);
        }
        expect(withDirectory, q).toEqual(inSql);
      }
    }
  });

  it('finds by party card number and CCCD as the SQL search does', async () => {
    const { rows } = await ctx.database.pool.query<{ party_card_no: string; cccd: string }>('SELECT party_card_no, cccd FROM people WHERE id = $1', [world.people.secretaryA2.id]);
    expect(names(await search(officer, world.communeA.id, rows[0].party_card_no.toLowerCase()))).toEqual(['Ma Văn Đức']);
    expect(names(await search(officer, world.communeA.id, rows[0].cccd))).toEqual(['Ma Văn Đức']);
  });

  it('sees a rename over HTTP, and one made by another process, in the next search', async () => {
    await search(officer, world.communeA.id, 'hoa');
    const patched = await officer.patch(`/api/people/${world.people.secretaryA2.id}`, { fullName: 'Ma Văn Quyết' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(names(await search(officer, world.communeA.id, 'quyet'))).toEqual(['Ma Văn Quyết']);
    await elsewhere(`UPDATE people SET full_name = 'Ma Văn Tiến', name_folded = 'ma van tien' WHERE id = $1`, [world.people.secretaryA2.id]);
    expect(names(await search(officer, world.communeA.id, 'tien'))).toEqual(['Ma Văn Tiến']);
    expect(names(await search(officer, world.communeA.id, 'quyet'))).toEqual([]);
  });

  it('follows a member transferred out of the commune, and a new member', async () => {
    expect(names(await search(officer, world.communeA.id, 'dung'))).toEqual(['Lê Văn Dũng']);
    const dung = (await search(officer, world.communeA.id, 'dung')).items[0];
    const moved = await admin.post(`/api/people/${dung.id}/transfer`, { toUnitId: world.cellB1.id, date: todayIso() });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(names(await search(officer, world.communeA.id, 'dung'))).toEqual([]);
    expect(names(await search(otherOfficer, world.communeB.id, 'dung'))).toEqual(['Lê Văn Dũng']);
    await search(officer, world.communeA.id, 'xoan');
    const { personFields } = await import('../../test/factories.js');
    const created = await officer.post('/api/people', { ...personFields({ fullName: 'Hà Thị Xoan', sex: 'female' }), unitId: world.cellA2.id });
    expect(created.statusCode, created.body).toBe(201);
    expect(names(await search(officer, world.communeA.id, 'xoan'))).toEqual(['Hà Thị Xoan']);
  });

  it('is not a way into another branch: the directory of commune A answers no one outside it', async () => {
    await search(officer, world.communeA.id, 'thi');
    expect((await otherOfficer.get(`/api/people?unitId=${world.communeA.id}&q=thi`)).statusCode).toBe(404);
    // a search that matches no one would answer without reading a page: the directory itself must refuse
    expect((await otherOfficer.get(`/api/people?unitId=${world.communeA.id}&q=zzz`)).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/people?unitId=${world.cellA1.id}&q=thi`)).statusCode).toBe(404);
  });

  it('searches a branch too big for a directory in SQL, without reading it again after each write', async () => {
    const { listPeople } = await import('./list.js');
    const { TaggedCache } = await import('../../platform/cache/store.js');
    const directories = new TaggedCache<DirectoryEntry>(() => ctx.app.cache!.feed.isLive, { entries: 10, size: 1000 }, (d) => d.size);
    ctx.app.cache!.feed.subscribe((e) => directories.invalidate(e));
    const actor = { userId: null, name: 'test', personId: null, system: false, grants: [{ role: 'province_admin' as const, unitId: world.province.id, unitName: 'Tỉnh', unitKind: 'province' as const, unitPath: (await unitPath(world.province.id))! }] };
    const search = (q: string) => listPeople(ctx.database.db, actor, { unitId: world.province.id, q }, directories, 3);
    const plainNames = async (q: string) => (await listPeople(ctx.database.db, actor, { unitId: world.province.id, q }, null)).items.map((i) => i.fullName);
    expect((await search('thi')).items.map((i) => i.fullName)).toEqual(await plainNames('thi'));
    expect(directories.count).toBe(1); // the mark, not the members
    await officer.patch(`/api/people/${world.people.memberA1.id}`, { phone: '0911222333' });
    // one statement: the SQL search itself, not the directory's read before it
    expect(await countQueries(() => search('van'))).toBe(1);
    expect((await search('van')).items.map((i) => i.fullName)).toEqual(await plainNames('van'));
  });

  it('leaves a member to see only themself', async () => {
    await search(officer, world.cellA1.id, 'thi');
    expect(names(await search(member, world.cellA1.id, 'thi'))).toEqual(['Nguyễn Thị Xiến']);
  });
});
