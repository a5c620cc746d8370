// Issue 14, defect 2: cells with the same name ("Bản Cốc Cọn" three times in the import page's picker, "Thôn 13"
// in the people list) could not be told apart. Where a unit is named out of its place, its parent is named too.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let w: World;
let admin: Client;
beforeAll(async () => {
  ctx = await setupTestApp();
  w = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
});

describe('units named out of context', () => {
  it('carry their parent in the unit search (the pickers)', async () => {
    const res = await admin.get(`/api/units/search?q=${encodeURIComponent('chi bộ')}&kind=cell`);
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(res.json().items.map((u: { name: string; parentName: string | null }) => [u.name, u.parentName]));
    expect(byName).toMatchObject({ 'Chi bộ thôn Nà Hang': 'Đảng ủy xã Minh Quang', 'Chi bộ tổ dân phố 3': 'Đảng ủy phường Hà Giang 1' });
    const province = (await admin.get('/api/units/search?q=')).json().items.find((u: { kind: string }) => u.kind === 'province');
    expect(province.parentName).toBeNull();
  });

  it("carry their parent in the people list's cell", async () => {
    const res = await admin.get(`/api/people?unitId=${w.province.id}&limit=200`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { fullName: string; unit: { name: string; parentName: string | null } }[];
    expect(items.find((p) => p.fullName === 'Nguyễn Thị Xiến')?.unit).toMatchObject({ name: 'Chi bộ thôn Nà Hang', parentName: 'Đảng ủy xã Minh Quang' });
    expect(items.find((p) => p.fullName === 'Lò Thị Mai')?.unit).toMatchObject({ parentName: 'Đảng ủy phường Hà Giang 1' });
  });
});
