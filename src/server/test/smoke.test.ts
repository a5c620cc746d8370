import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from './factories.js';
import { setupTestApp, signIn, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
});

describe('health and sign-in', () => {
  it('answers health with the database up', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
  });
  it('signs in and tells who I am', async () => {
    const officer = await signIn(ctx.app, 'officer.a');
    const me = await officer.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.roles).toEqual([{ role: 'commune_officer', unitId: world.communeA.id, unitName: 'Đảng ủy xã Minh Quang', unitKind: 'commune' }]);
  });
});
