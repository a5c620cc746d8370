// Issue 14, defect 10: a member opening their own cell read "Chưa có bí thư" under cards saying 1 secretary, because
// the page looked for the secretary in the list of people the member may see (only themselves). The unit view names
// the cell's secretary itself, for anyone who may read the cell.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let w: World;
beforeAll(async () => {
  ctx = await setupTestApp();
  w = await makeWorld(ctx);
});

describe('the unit view', () => {
  it("names the cell's secretary for a member of the cell, and for its officer", async () => {
    for (const user of ['member.a1', 'secretary.a1', 'officer.a']) {
      const res = await (await signIn(ctx.app, user)).get(`/api/units/${w.cellA1.id}`);
      expect(res.statusCode, user).toBe(200);
      expect(res.json().secretaryName, user).toBe('Hoàng Văn Bình');
    }
  });

  it('says there is none only when there is none (before the secretary took office)', async () => {
    const res = await (await signIn(ctx.app, 'officer.a')).get(`/api/units/${w.cellA1.id}?date=2020-06-01`);
    expect(res.json().secretaryName).toBeNull();
  });

  it('names no secretary for a commune', async () => {
    const res = await (await signIn(ctx.app, 'officer.a')).get(`/api/units/${w.communeA.id}`);
    expect(res.json().secretaryName).toBeNull();
  });
});
