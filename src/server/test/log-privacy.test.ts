// What the server log keeps of a failed query: the SQLSTATE, the constraint and the table, never the statement's
// parameters (a CCCD, a name) nor values PostgreSQL quotes in its messages. And the start-up banner's demo password.
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { DEMO_PASSWORD, demoLogins } from '../modules/demo/logins.js';
import { systemActor } from '../platform/access.js';
import { createUser } from '../modules/users/service.js';
import { makeWorld, personFields, type World } from './factories.js';
import { setupTestApp, TEST_PASSWORD, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  app = await buildApp({ config: { ...ctx.config, logLevel: 'trace' }, database: ctx.database, logStream: stream });
  await app.ready();
  return () => app.close();
});

async function signInHere(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'chibo_session')!.value;
  const csrf = res.json().csrfToken as string;
  return (url: string, body: object) => app.inject({ method: 'POST', url, cookies: { chibo_session: cookie }, headers: { 'x-csrf-token': csrf }, payload: body });
}

describe('the log of a failed query', () => {
  it('holds neither the CCCD nor the name of the person whose insert failed (a 500 and a 409)', async () => {
    const post = await signInHere('admin');
    // A statement PostgreSQL refuses for a reason no mapping knows: the request ends in a 500 and its error is logged.
    await ctx.database.pool.query(`
      CREATE FUNCTION test_refuse_person() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.full_name LIKE 'Refused%' THEN RAISE EXCEPTION 'refused for the test: %', NEW.full_name; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_refuse_person BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION test_refuse_person();`);
    const refused = personFields({ fullName: 'Refused Xiểm Thị', cccd: '001987654321' });
    lines.length = 0;
    const res = await post('/api/people', { ...refused, unitId: world.cellA1.id });
    expect(res.statusCode).toBe(500);
    let log = lines.join('');
    expect(log).toContain('"code":"P0001"');
    expect(log).not.toContain('001987654321');
    expect(log).not.toContain('Xiểm');

    // A CCCD taken: a 409 answered by the constraint, whose detail names the value.
    const first = personFields({ fullName: 'Đinh Văn Trùng', cccd: '002123456789' });
    expect((await post('/api/people', { ...first, unitId: world.cellA1.id })).statusCode).toBe(201);
    lines.length = 0;
    const twice = await post('/api/people', { ...personFields({ fullName: 'Đinh Văn Trùng', cccd: '002123456789' }), unitId: world.cellA1.id });
    expect(twice.statusCode).toBe(409);
    log = lines.join('');
    expect(log).not.toContain('002123456789');
    expect(log).not.toContain('Trùng');
  });

  it('redacts personal fields whatever a log line puts them under', () => {
    lines.length = 0;
    app.log.info({ person: { fullName: 'Lò Thị Ẩn', phone: '0912000111', birthDate: '1977-07-07', cccd: '001000000999' }, reporterContact: 'a@b.c', token: 'secret-token' }, 'x');
    const log = lines.join('');
    for (const v of ['Lò Thị Ẩn', '0912000111', '1977-07-07', '001000000999', 'a@b.c', 'secret-token']) expect(log).not.toContain(v);
  });
});

describe('the start-up banner', () => {
  it('lists a demo account with the demo password only while that password still opens it', async () => {
    // The world's admin has its own password; a demo account that kept the demo password is listed.
    await createUser(ctx.database.db, systemActor('test'), { username: 'kiemtra', displayName: 'Kiểm tra', password: DEMO_PASSWORD, role: 'inspection_officer', unitId: world.province.id });
    const logins = await demoLogins(ctx.database.db);
    expect(logins.map((l) => l.username)).toEqual(['kiemtra']);
  });
});
