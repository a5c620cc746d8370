// The route walker: every /api route the app registers, called (a) without a session, (b) by the commune officer
// of B with the ids of commune A, (c) as a write without its CSRF token. Plus the 403 cases a user would meet.
// Each module declares how its routes are walked (modules/<m>/access.walk.ts, listed by its descriptor); a route a
// module registers without declaring it there fails the suite: a new route must say how it is protected.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { importJobs } from '../modules/people/roster/schema.js';
import { modules } from '../modules/index.js';
import { submitReport } from '../modules/supervision/intake.js';
import { addPerson, makeWorld } from './factories.js';
import { setupTestApp, TEST_PASSWORD, type Client, type TestContext } from './harness.js';
import { DAY, type AccessWalk, type Fixtures, type Req, type RouteCase } from './walk.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const WRITES = new Set<Method>(['POST', 'PATCH', 'PUT', 'DELETE']);

// Every module's walk, gathered from the registry: a module declares its routes in its own folder (access.walk.ts).
const walks = await Promise.all(modules.map(async (m) => ({ name: m.name, walk: (await m.accessWalk()) as AccessWalk })));
const ROUTES: AccessWalk = Object.assign({}, ...walks.map((w) => w.walk));

// ————————————————————————————————————————————————————————————————————————————————————————————————

let ctx: TestContext;
let f: Fixtures;
/** Every id, name and identifier of commune A that must never reach officer.b. */
let markersOfA: string[];
let registered: Set<string>;
const clients: Record<string, Session> = {};

interface Session {
  client: Client;
  cookie: string;
  csrf: string;
}

let signIns = 0;
/**
 * Signs in and keeps the cookie, so a request can also be made without the CSRF header at all. Each sign-in
 * comes from its own address: the login route is throttled per address, and this file signs in often.
 */
async function session(username: string): Promise<Session> {
  signIns += 1;
  const remoteAddress = `10.0.${Math.floor(signIns / 250)}.${(signIns % 250) + 1}`;
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'chibo_session')!.value;
  const csrf = res.json().csrfToken as string;
  const request: Client['request'] = (method, url, body, headers = {}) =>
    ctx.app.inject({ method, url, cookies: { chibo_session: cookie }, headers: { 'x-csrf-token': csrf, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) });
  const client: Client = {
    username,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
  };
  return { client, cookie, csrf };
}

function multipartBody(m: NonNullable<Req['multipart']>) {
  const boundary = '----chibo-access-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(m.fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${m.file.name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    m.file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

type Auth = { as: 'anonymous' } | { as: Session; csrf?: 'valid' | 'wrong' | 'missing' };

function call(method: Method, req: Req, auth: Auth): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  let payload: Buffer | object | undefined = req.body as object | undefined;
  if (req.multipart) {
    const m = multipartBody(req.multipart);
    payload = m.payload;
    headers['content-type'] = m.contentType;
  } else if (WRITES.has(method) && payload === undefined) payload = {};
  if (auth.as === 'anonymous') return ctx.app.inject({ method, url: req.url, headers, ...(payload !== undefined ? { payload } : {}) });
  const csrf = auth.csrf ?? 'valid';
  if (csrf === 'valid') headers['x-csrf-token'] = auth.as.csrf;
  if (csrf === 'wrong') headers['x-csrf-token'] = 'wrong';
  return ctx.app.inject({ method, url: req.url, cookies: { chibo_session: auth.as.cookie }, headers, ...(payload !== undefined ? { payload } : {}) });
}

const codeFor: Record<number, string[]> = { 401: ['unauthenticated'], 403: ['forbidden', 'csrf'], 404: ['not_found'] };

/** A refusal has the one error shape, with the code that goes with its status. */
function expectRefusal(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)}`).toBe(status);
  const body = res.json();
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code).toBe(code);
  else if (codeFor[status]) expect(codeFor[status]).toContain(body.error.code);
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
}

function expectNothingOfA(res: LightMyRequestResponse, what: string) {
  const leaked = markersOfA.filter((m) => res.body.includes(m));
  expect(leaked, `${what} shows data of commune A`).toEqual([]);
}

async function auditCount(): Promise<number> {
  const r = await ctx.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
  return r.rows[0].n;
}

/** What an admin sees of commune A and of B's member record; a refused write must leave all of it unchanged. */
async function snapshot(): Promise<unknown> {
  const admin = clients.admin.client;
  const reads = [
    `/api/people?unitId=${f.communeA.id}&limit=200`,
    `/api/people?unitId=${f.communeB.id}&limit=200`,
    `/api/people/${f.people.memberA1.id}`,
    `/api/people/${f.people.secretaryA1.id}`,
    `/api/people/${f.people.memberB1.id}`,
    `/api/units/${f.province.id}`,
    `/api/units/${f.communeA.id}`,
    `/api/units/${f.cellA1.id}`,
    `/api/units/${f.cellB1.id}`,
    '/api/users',
  ];
  const out: Record<string, unknown> = { audit: await auditCount() };
  for (const url of reads) {
    const res = await admin.get(url);
    expect(res.statusCode, `snapshot ${url}`).toBe(200);
    out[url] = res.json();
  }
  const jobs = await ctx.database.pool.query('SELECT id, status FROM import_jobs ORDER BY id');
  out.importJobs = jobs.rows;
  const sessions = await ctx.database.pool.query('SELECT count(*)::int AS n FROM sessions');
  out.sessions = sessions.rows[0].n;
  return out;
}

/** Runs a request that must be refused and checks that it changed nothing. */
async function refusedWithoutEffect(method: Method, run: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  if (!WRITES.has(method)) return run();
  const before = await snapshot();
  const res = await run();
  expect(await snapshot(), 'a refused write changed something').toEqual(before);
  return res;
}

function routesFromPrintout(printout: string): string[] {
  // find-my-way prints a tree: each line is an indented segment that continues its parent's path.
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of printout.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([A-Z, ]+)\))?\s*$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) out.push(`${method} ${path}`);
  }
  return out;
}

const isApi = (key: string) => {
  const path = key.split(' ')[1];
  return path.startsWith('/api/') && !path.startsWith('/api/docs') && path !== '/api/openapi.json' && !key.startsWith('HEAD ');
};

beforeAll(async () => {
  ctx = await setupTestApp();
  const world = await makeWorld(ctx);
  // A person of A who has left: closed records must not leak either.
  const leaver = await addPerson(ctx.database.db, world.cellA2.id, { fullName: 'Triệu Văn Rời' });
  for (const u of ['admin', 'officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1']) clients[u] = await session(u);
  const admin = clients.admin.client;
  expect((await admin.post(`/api/people/${leaver.id}/close`, { reason: 'left', date: '2023-01-01' })).statusCode).toBe(200);

  // An admin of commune B only: sees the audit trail, but only B's part of it.
  const created = await admin.post('/api/users', { username: 'admin.b', displayName: 'Quản trị phường', password: TEST_PASSWORD, role: 'province_admin', unitId: world.communeB.id });
  expect(created.statusCode, created.body).toBe(201);
  clients['admin.b'] = await session('admin.b');

  const secretary = (await admin.get(`/api/people/${world.people.secretaryA1.id}`)).json();
  const users = (await admin.get('/api/users')).json().items as { id: string; username: string }[];
  const userIds = Object.fromEntries(users.map((u) => [u.username, u.id]));
  const [job] = await ctx.database.db
    .insert(importJobs)
    .values({
      unitId: world.cellA1.id,
      userId: userIds['officer.a'],
      fileName: 'Danh sách Nà Hang.xlsx',
      status: 'invalid',
      total: 3,
      processed: 3,
      errorCount: 1,
      errors: [{ row: 3, column: 'Họ và tên', message: 'Hoàng Văn Bình: trùng số CCCD', code: 'duplicate' }],
    })
    .returning();
  const a1 = (await admin.get(`/api/people?unitId=${world.cellA1.id}&limit=200`)).json().items as { id: string }[];
  await submitReport(ctx.database.db, { cellId: world.cellA1.id, category: 'complaint', subject: 'cell', content: 'Phản ánh về chi bộ thôn', anonymous: true }, [{ mime: 'image/png', content: Buffer.from('png') }]);
  const caseA = (await ctx.database.pool.query<{ id: string; file: string }>('SELECT c.id, a.id AS file FROM supervision_cases c JOIN supervision_attachments a ON a.case_id = c.id')).rows[0];
  const memberA1 = (await admin.get(`/api/people/${world.people.memberA1.id}`)).json().person;
  f = {
    ...world,
    positionA: secretary.positions[0].id,
    postA: secretary.posts[0].id,
    userIds,
    importJobA: job.id,
    a1PersonIds: a1.map((p) => p.id),
    a: { partyCardNo: memberA1.partyCardNo, cccd: memberA1.cccd },
    caseA: caseA.id,
    caseFileA: caseA.file,
  };

  // Everything that identifies commune A: units, people (current and closed), accounts, terms, the import job.
  const peopleOfA = [
    ...((await admin.get(`/api/people?unitId=${world.communeA.id}&limit=200`)).json().items as { id: string; fullName: string; cccd: string | null; partyCardNo: string | null }[]),
    ...((await admin.get(`/api/people?unitId=${world.communeA.id}&status=closed&limit=200`)).json().items as { id: string; fullName: string; cccd: string | null; partyCardNo: string | null }[]),
  ];
  expect(peopleOfA.map((p) => p.fullName)).toContain('Triệu Văn Rời');
  markersOfA = [
    ...[world.communeA, world.cellA1, world.cellA2].flatMap((u) => [u.id, u.name, u.code!]),
    ...peopleOfA.flatMap((p) => [p.id, p.fullName, p.cccd!, p.partyCardNo!]),
    ...['officer.a', 'secretary.a1', 'member.a1'].flatMap((u) => [u, userIds[u]]),
    f.positionA,
    f.postA,
    f.importJobA,
    'Danh sách Nà Hang',
    f.caseA,
    f.caseFileA,
  ].filter(Boolean);

  const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const fromDoc = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
  // A route without a schema is not in the document; the router's own listing catches it.
  const fromRouter = routesFromPrintout(ctx.app.printRoutes({ commonPrefix: false }));
  registered = new Set([...fromDoc, ...fromRouter].filter(isApi));
});

describe('the route table', () => {
  it('has an entry for every registered /api route', () => {
    const missing = [...registered].filter((k) => !ROUTES[k]);
    expect(missing, 'add these routes to ROUTES in access.test.ts').toEqual([]);
  });

  it('has every route of a module in that module\'s own walk, public exactly when the route says so', () => {
    const owned = [...ctx.app.routeOwners].filter(([key]) => isApi(key));
    expect(owned.length, 'the app records which module registered each route').toBeGreaterThanOrEqual(registered.size);
    const misplaced = owned.filter(([key, o]) => !walks.find((w) => w.name === o.module)!.walk[key]).map(([key, o]) => `${o.module}: ${key}`);
    expect(misplaced, 'add these routes to the access.walk.ts of the module that registers them').toEqual([]);
    for (const [key, o] of owned) expect(ROUTES[key].public === true, `${key}: public in the walk iff config.public`).toBe(o.public);
  });

  it('walks no route that is not registered (a walk entry left behind by a removed route)', () => {
    expect(Object.keys(ROUTES).filter((k) => !registered.has(k))).toEqual([]);
  });

  it('finds the routes of the foundation (the walker really walks)', () => {
    expect(registered.size).toBeGreaterThanOrEqual(29);
    for (const key of ['GET /api/health', 'GET /api/people/:id', 'POST /api/units/:id/rename', 'GET /api/audit', 'POST /api/users/:id/reset-password']) {
      expect(registered).toContain(key);
    }
  });

  it('every entry says how the route is checked across branches', () => {
    for (const [key, c] of Object.entries(ROUTES)) {
      expect(!!(c.crossBranch || c.crossList || c.noCross), key).toBe(true);
      if (!c.public) expect(!!(c.sample || c.crossBranch || c.crossList), `${key} needs a call for the anonymous check`).toBe(true);
    }
  });
});

const entries = Object.entries(ROUTES).map(([key, c]) => ({ key, method: key.split(' ')[0] as Method, c }));
const sampleOf = (c: RouteCase): Req => (c.sample ?? (() => (c.crossBranch ?? c.crossList)!(f)[0]))(f);

describe('(a) without a session', () => {
  it.for(entries.filter((e) => !e.c.public))('$key → 401', async ({ key, method, c }, test) => {
    if (!registered.has(key)) return test.skip(`${key} is not registered yet`);
    const res = await refusedWithoutEffect(method, () => call(method, sampleOf(c), { as: 'anonymous' }));
    expectRefusal(res, 401, 'unauthenticated');
    expectNothingOfA(res, key);
  });

  it('answers the public routes without a session', async () => {
    expect((await ctx.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password' } });
    expectRefusal(login, 401, 'invalid_credentials');
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', payload: {} })).statusCode).toBe(204);
  });

  it('treats a forged or stale cookie as no session', async () => {
    const res = await ctx.app.inject({ url: `/api/people/${f.people.memberA1.id}`, cookies: { chibo_session: 'forged-token' } });
    expectRefusal(res, 401, 'unauthenticated');
  });
});

describe('(b) officer of commune B against the data of commune A', () => {
  it.for(entries.filter((e) => e.c.crossBranch))('$key → 404, nothing of A', async ({ key, method, c }, test) => {
    if (!registered.has(key)) return test.skip(`${key} is not registered yet`);
    for (const req of c.crossBranch!(f)) {
      const res = await refusedWithoutEffect(method, () => call(method, req, { as: clients['officer.b'] }));
      expectRefusal(res, 404, 'not_found');
      expectNothingOfA(res, `${method} ${req.url}`);
    }
  });

  it.for(entries.filter((e) => e.c.crossList))('$key lists nothing of A', async ({ key, method, c }, test) => {
    if (!registered.has(key)) return test.skip(`${key} is not registered yet`);
    for (const req of c.crossList!(f)) {
      const res = await call(method, req, { as: clients['officer.b'] });
      expect(res.statusCode, `${method} ${req.url}: ${res.body.slice(0, 300)}`).toBe(200);
      expectNothingOfA(res, `${method} ${req.url}`);
    }
  });

  it('still finds B\'s own records through the same lists (the checks above are not vacuous)', async () => {
    const officerB = clients['officer.b'].client;
    const people = (await officerB.get('/api/people?limit=200')).json().items as { id: string }[];
    expect(people.map((p) => p.id)).toContain(f.people.memberB1.id);
    const search = (await officerB.get(`/api/units/search?q=${encodeURIComponent('Chi bộ')}`)).json().items as { id: string }[];
    expect(search.map((u) => u.id)).toEqual([f.cellB1.id]);
    const roots = (await officerB.get('/api/units/roots')).json().items as { id: string }[];
    expect(roots.map((u) => u.id)).toEqual([f.communeB.id]);
    const users = (await officerB.get('/api/users')).json().items as { username: string }[];
    expect(users.map((u) => u.username)).toContain('officer.b');
    if (registered.has('GET /api/dashboard')) {
      const dash = await officerB.get('/api/dashboard');
      expect(dash.statusCode).toBe(200);
      expect(dash.json().unit.id).toBe(f.communeB.id);
    }
    // The same calls by officer.a do find A: the markers are real.
    const peopleA = await clients['officer.a'].client.get(`/api/people?q=${encodeURIComponent('Xiến')}`);
    expect(peopleA.json().items.map((p: { id: string }) => p.id)).toEqual([f.people.memberA1.id]);
  });

  it('the admin of commune B reads only B\'s part of the audit trail and of the accounts', async () => {
    const adminB = clients['admin.b'].client;
    for (const url of ['/api/audit?limit=200', '/api/audit?entityType=person&limit=200', `/api/audit?entityType=person&entityId=${f.people.memberA1.id}`, '/api/users']) {
      const res = await adminB.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      expectNothingOfA(res, `admin.b GET ${url}`);
    }
    const own = (await adminB.get('/api/audit?limit=200')).json().items as { entityId: string }[];
    expect(own.map((e) => e.entityId)).toContain(f.people.memberB1.id);
    for (const url of [`/api/audit?unitId=${f.communeA.id}`, `/api/audit?unitId=${f.province.id}`, `/api/users?unitId=${f.communeA.id}`, `/api/units/${f.cellA1.id}/history`]) {
      const res = await adminB.get(url);
      expectRefusal(res, 404, 'not_found');
      expectNothingOfA(res, `admin.b GET ${url}`);
    }
  });

  it('the officer of B is not told whether an id exists: an unknown id answers the same as one of A', async () => {
    const officerB = clients['officer.b'].client;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const ofA = await officerB.get(`/api/people/${f.people.memberA1.id}`);
    const none = await officerB.get(`/api/people/${unknown}`);
    expect(ofA.statusCode).toBe(none.statusCode);
    expect(ofA.json().error.message).toBe(none.json().error.message);
    const unitOfA = await officerB.get(`/api/units/${f.cellA1.id}`);
    const noUnit = await officerB.get(`/api/units/${unknown}`);
    expect(unitOfA.statusCode).toBe(noUnit.statusCode);
    expect(unitOfA.json().error.message).toBe(noUnit.json().error.message);
  });
});

describe('(c) writes without the CSRF token', () => {
  const writes = entries.filter((e) => WRITES.has(e.method) && !e.c.noCsrf);
  it.for(writes.flatMap((e) => (['missing', 'wrong'] as const).map((csrf) => ({ ...e, csrf }))))(
    '$key with the token $csrf → 403 csrf, nothing changed',
    async ({ key, method, c, csrf }, test) => {
      if (!registered.has(key)) return test.skip(`${key} is not registered yet`);
      // The admin may do all of these in commune A: the token is the only thing wrong.
      const own = await session('admin');
      const res = await refusedWithoutEffect(method, () => call(method, sampleOf(c), { as: own, csrf }));
      expectRefusal(res, 403, 'csrf');
      // The session survives a refused logout.
      expect((await own.client.get('/api/auth/me')).statusCode).toBe(200);
      await own.client.post('/api/auth/logout');
    },
  );

  it('the right token on the same session is accepted (the refusals above are about the token)', async () => {
    const own = await session('admin');
    const res = await call('PATCH', { url: '/api/auth/me', body: { locale: 'vi' } }, { as: own, csrf: 'valid' });
    expect(res.statusCode).toBe(200);
    await own.client.post('/api/auth/logout');
  });

  it('a token from another session of the same user does not pass', async () => {
    const one = await session('admin');
    const two = await session('admin');
    const before = await snapshot();
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/people/${f.people.memberA1.id}/equipment`,
      cookies: { chibo_session: one.cookie },
      headers: { 'x-csrf-token': two.csrf },
      payload: { kind: 'tablet', issuedOn: DAY },
    });
    expectRefusal(res, 403, 'csrf');
    expect(await snapshot()).toEqual(before);
    await one.client.post('/api/auth/logout');
    await two.client.post('/api/auth/logout');
  });
});

describe('(d) visible but not allowed → 403', () => {
  it('a member reads another person of their own cell → 403, nothing of that person', async () => {
    const res = await clients['member.a1'].client.get(`/api/people/${f.people.secretaryA1.id}`);
    expectRefusal(res, 403, 'forbidden');
    expect(res.body).not.toContain('Hoàng Văn Bình');
    // Their own record they may read.
    const own = await clients['member.a1'].client.get(`/api/people/${f.people.memberA1.id}`);
    expect(own.statusCode).toBe(200);
  });

  it('a member lists people and finds only themself', async () => {
    const res = await clients['member.a1'].client.get('/api/people?limit=200');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual([f.people.memberA1.id]);
  });

  it('a cell secretary transfers a person of their cell → 403, nothing changed', async () => {
    const res = await refusedWithoutEffect('POST', () =>
      clients['secretary.a1'].client.post(`/api/people/${f.people.memberA1.id}/transfer`, { toUnitId: f.cellA2.id, date: DAY }),
    );
    expectRefusal(res, 403, 'forbidden');
  });

  it('a commune officer renames their own commune → 403, nothing changed', async () => {
    const res = await refusedWithoutEffect('POST', () =>
      clients['officer.a'].client.post(`/api/units/${f.communeA.id}/rename`, { name: 'Đảng ủy xã Đổi Tên', date: DAY }),
    );
    expectRefusal(res, 403, 'forbidden');
  });

  it('a commune officer dissolves or moves their own commune → 403', async () => {
    const officerA = clients['officer.a'].client;
    const dissolve = await refusedWithoutEffect('POST', () => officerA.post(`/api/units/${f.communeA.id}/dissolve`, { date: DAY, reason: 'Thử giải thể' }));
    expectRefusal(dissolve, 403, 'forbidden');
  });

  it.each([
    ['province_admin', 'communeA'],
    ['province_admin', 'cellA1'],
    ['commune_officer', 'cellA1'],
    ['inspection_officer', 'cellA1'],
  ] as const)('a commune officer creates a user with role %s on %s → 403, no account', async (role, unit) => {
    const username = `escalate.${role.replace('_', '')}.${unit.toLowerCase()}`;
    const res = await refusedWithoutEffect('POST', () =>
      clients['officer.a'].client.post('/api/users', { username, displayName: 'Leo thang', password: TEST_PASSWORD, role, unitId: f[unit].id }),
    );
    expectRefusal(res, 403, 'forbidden');
    const users = (await clients.admin.client.get('/api/users')).json().items as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain(username);
  });

  it.each(['officer.a', 'officer.b', 'inspector', 'secretary.a1', 'member.a1'])('%s reads the audit trail → 404', async (username) => {
    for (const url of ['/api/audit', `/api/audit?unitId=${f.cellA1.id}`]) {
      const res = await clients[username].client.get(url);
      expectRefusal(res, 404, 'not_found');
      expect(res.body).not.toContain('"items"');
    }
  });

  it('the inspector reads everything but writes nothing → 403, nothing changed', async () => {
    const inspector = clients.inspector.client;
    expect((await inspector.get(`/api/people/${f.people.memberA1.id}`)).statusCode).toBe(200);
    const attempts: [string, unknown, 'POST' | 'PATCH'][] = [
      [`/api/people/${f.people.memberA1.id}`, { phone: '0900000000' }, 'PATCH'],
      [`/api/people/${f.people.memberA1.id}/close`, { reason: 'left', date: DAY }, 'POST'],
      [`/api/units/${f.cellA1.id}/rename`, { name: 'Chi bộ thanh tra', date: DAY }, 'POST'],
    ];
    for (const [url, body, method] of attempts) {
      const res = await refusedWithoutEffect(method, () => inspector.request(method, url, body));
      expectRefusal(res, 403, 'forbidden');
    }
  });

  it('a cell secretary writes in another cell of the same commune → 404, nothing changed', async () => {
    const res = await refusedWithoutEffect('PATCH', () =>
      clients['secretary.a1'].client.patch(`/api/people/${f.people.secretaryA2.id}`, { phone: '0900000001' }),
    );
    expectRefusal(res, 404, 'not_found');
  });
});
