// A module added the way docs/adding-a-module.md says — its descriptor in the list the app is built from — has
// its routes registered on the app, known as its own, and its database constraints answered in the one error shape.
import { beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../modules/index.js';
import { requireActor } from '../platform/http.js';
import type { ChiboModule } from '../platform/module.js';
import { makeWorld } from './factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from './harness.js';

const notesModule: ChiboModule = {
  name: 'notes_test',
  routes: async (app, { database }) => {
    app.post('/api/notes-test', async (request, reply) => {
      requireActor(request);
      await database.pool.query('INSERT INTO notes_test (title) VALUES ($1)', [(request.body as { title: string }).title]);
      return reply.status(204).send();
    });
  },
  policies: {},
  accessWalk: async () => ({}),
  constraints: { notes_test_title_key: { path: 'title', code: 'note_title_taken', message: 'A note has this title' } },
};

let ctx: TestContext;
let admin: Client;

beforeAll(async () => {
  ctx = await setupTestApp({}, { modules: [...modules, notesModule] });
  await ctx.database.pool.query('CREATE TABLE notes_test (title text CONSTRAINT notes_test_title_key UNIQUE)');
  await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
});

describe('a module added to the registry', () => {
  it('has its routes registered and known as its own', async () => {
    expect(ctx.app.routeOwners.get('POST /api/notes-test')).toEqual({ module: 'notes_test', public: false });
    expect((await admin.post('/api/notes-test', { title: 'Họp chi bộ' })).statusCode).toBe(204);
  });

  it('has a violation of its constraint answered as a conflict on the field, not a 500', async () => {
    const res = await admin.post('/api/notes-test', { title: 'Họp chi bộ' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', fields: [{ path: 'title', code: 'note_title_taken' }] });
  });
});
