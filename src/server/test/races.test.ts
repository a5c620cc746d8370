// The same write sent many times at once, as an attacker or a double click sends it: each request gets the answer
// it would get alone (or the one a later request gets once the first has won), never a 500, never a lost lock.
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access.js';
import { createUser } from '../modules/users/service.js';
import { makeWorld, type World } from './factories.js';
import { setupTestApp, TEST_PASSWORD, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
let calls = 0;
// Each sign-in from its own address: the per-address throttle is not what these tests are about.
const nextAddress = () => {
  calls += 1;
  return `10.9.${Math.floor(calls / 250)}.${(calls % 250) + 1}`;
};
const login = (username: string, password: string, remoteAddress = nextAddress()) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

beforeAll(async () => {
  ctx = await setupTestApp({ login: { maxFailures: 5, lockMinutes: 15 } });
  world = await makeWorld(ctx);
});

describe('sign-in under concurrency', () => {
  it('40 simultaneous wrong passwords lock the account; the right password is then refused', async () => {
    await createUser(ctx.database.db, systemActor('test'), { username: 'race.lock', displayName: 'Race', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('race.lock', `wrong-${i}`)));
    for (const a of answers) expect([401, 429], a.body).toContain(a.statusCode);
    const right = await login('race.lock', TEST_PASSWORD);
    expect(right.statusCode, right.body).toBe(429);
    expect(right.cookies.find((c) => c.name === 'chibo_session')).toBeUndefined();
  });

  it('an unknown username answers exactly like a known one: 401 for the first failures, then 429', async () => {
    await createUser(ctx.database.db, systemActor('test'), { username: 'race.known', displayName: 'Known', password: TEST_PASSWORD, role: 'member', unitId: world.cellB1.id });
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 8; i++) {
      const k = await login('race.known', `wrong-${i}`);
      const u = await login('race.nobody', `wrong-${i}`);
      known.push(`${k.statusCode} ${k.json().error.code} ${k.json().error.message}`);
      unknown.push(`${u.statusCode} ${u.json().error.code} ${u.json().error.message}`);
    }
    expect(unknown).toEqual(known);
    expect(known.slice(0, 5).every((a) => a.startsWith('401'))).toBe(true);
    expect(known.slice(5).every((a) => a.startsWith('429'))).toBe(true);
  });
});
