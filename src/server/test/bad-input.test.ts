// Input no person should send, sent anyway: every answer is a 4xx in the one error shape, never a 500.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { makeWorld, personFields, type World } from './factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from './harness.js';

let ctx: TestContext;
let world: World;
let admin: Client;

beforeAll(async () => {
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
});

function expectShape(res: LightMyRequestResponse | { statusCode: number; body: string }, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body);
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|SELECT|INSERT|postgres/i);
  return body.error as { code: string; fields?: { path: string }[] };
}

const NUL = 'a\u0000b';
const LONE_HIGH = 'x\ud800y';
const LONE_LOW = '\udc00tail';

describe('characters PostgreSQL cannot store', () => {
  it.each([NUL, LONE_HIGH, LONE_LOW])('in the sign-in username: 400 naming the field (%#)', async (bad) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: bad, password: 'whatever-123' } });
    const err = expectShape(res, 400);
    expect(err.fields?.map((f) => f.path)).toContain('username');
  });

  it.each([NUL, LONE_HIGH])('in a public report (%#)', async (bad) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { cellId: world.cellA1.id, category: 'suggestion', subject: 'cell', content: `Nội dung góp ý ${bad} đủ dài`, anonymous: true },
    });
    const err = expectShape(res, 400);
    expect(err.fields?.map((f) => f.path)).toContain('content');
  });

  it('in a public report sent as multipart', async () => {
    const boundary = 'XyZ';
    const report = JSON.stringify({ cellId: world.cellA1.id, category: 'suggestion', subject: 'cell', content: `Nội dung ${NUL} đủ dài để gửi`, anonymous: true });
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${report}\r\n--${boundary}--\r\n`;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/public/reports', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expectShape(res, 400);
  });

  it('in nested fields of a signed-in write, and in a query string', async () => {
    const unit = await admin.post('/api/units', { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: `Chi bộ ${LONE_HIGH}`, validFrom: '2024-01-01' });
    expect(expectShape(unit, 400).fields?.map((f) => f.path)).toContain('name');
    const person = await admin.post('/api/people', { ...personFields({ ethnicity: `Tày${NUL}` }), unitId: world.cellA1.id });
    expect(expectShape(person, 400).fields?.map((f) => f.path)).toContain('ethnicity');
    const search = await admin.get(`/api/units/search?q=${encodeURIComponent(NUL)}`);
    expect(expectShape(search, 400).fields?.map((f) => f.path)).toContain('q');
  });
});

describe('impossible dates', () => {
  it.each(['2024-02-31', '2024-13-01', '0000-01-01'])('a review cycle dated %s is refused with 400 naming the field', async (date) => {
    const res = await admin.post('/api/review/cycles', {
      unitId: world.province.id,
      year: 2024,
      kind: 'yearly',
      title: 'Kiểm điểm',
      branchIds: [world.cellA1.id],
      referenceDate: date,
      selfDue: '2024-12-01',
      cellDue: '2024-12-10',
      decisionDue: '2024-12-20',
    });
    expect(expectShape(res, 400).fields?.map((f) => f.path)).toContain('referenceDate');
  });

  it.each([
    ['a unit starting in 9999', () => admin.post('/api/units', { parentId: world.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ tương lai', validFrom: '9999-12-31' }), 'validFrom'],
    ['a birth in 1800', () => admin.post('/api/people', { ...personFields({ birthDate: '1800-01-01' }), unitId: world.cellA1.id }), 'birthDate'],
  ] as const)('%s is refused', async (_, send, field) => {
    const res = await send();
    expect(expectShape(res, 400).fields?.map((f) => f.path)).toContain(field);
  });
});

describe('database guarantees met at the edge', () => {
  it('an account linked to a person who does not exist: 400 naming personId', async () => {
    const res = await admin.post('/api/users', {
      username: 'ghost.link',
      displayName: 'Ghost',
      password: 'long-enough-password',
      role: 'member',
      unitId: world.cellA1.id,
      personId: '00000000-0000-4000-8000-000000000000',
    });
    expect(expectShape(res, 400).fields?.map((f) => f.path)).toContain('personId');
  });
});

describe('broken requests', () => {
  it('multipart without a boundary: 400', async () => {
    const res = await admin.request('POST', '/api/imports/people', 'x', { 'content-type': 'multipart/form-data' });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expectShape(res, res.statusCode);
  });

  it('multipart cut short: 400', async () => {
    const boundary = 'CUT';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004 partial`;
    const res = await admin.request('POST', '/api/imports/people', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expectShape(res, res.statusCode);
  });

  it('multipart cut short inside a part header (found by the fuzz: busboy\'s "Unexpected end of multipart data"): 400', async () => {
    const b = 'CUT2';
    const payload = `--${b}\r\nContent-Disposition: form-data; name="report"\r\n\r\n{}\r\n--${b}\r\nCon`;
    for (const url of ['/api/imports/people', `/api/documents/${world.cellA1.id}/file`, '/api/review/import']) {
      const res = await admin.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${b}` });
      expectShape(res, 400);
    }
  });

  it('a public or supervision report sent as broken multipart (no boundary, cut short): 400, not the withheld 500 (found by the fuzz)', async () => {
    const b = 'CUT3';
    const cut = `--${b}\r\nContent-Disposition: form-data; name="report"\r\n\r\n{"anonymous":true}\r\n--${b}\r\n`;
    for (const url of ['/api/public/reports', '/api/supervision/reports']) {
      expectShape(await admin.request('POST', url, cut, { 'content-type': `multipart/form-data; boundary=${b}` }), 400);
      expectShape(await admin.request('POST', url, `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nx\r\n--${b}--\r\n`, { 'content-type': 'multipart/form-data' }), 400);
    }
  });

  it('a path traversal under the API docs: never a 5xx, never a file outside', async () => {
    // light-my-request resolves the dots first (then /package.json is the web app's page when it is built).
    for (const url of ['/api/docs/static/../../../package.json', '/api/docs/static/%2e%2e/%2e%2e/package.json', '/api/docs/static/..%2f..%2fpackage.json']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      expect(res.body).not.toContain('"dependencies"');
    }
  });
});

describe('answers the HTTP layer gives', () => {
  let port: number;
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as AddressInfo).port;
  });

  const raw = (head: string, body = '', halfClose = false): Promise<{ statusCode: number; body: string }> =>
    new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('close', () => {
        const [headers, ...rest] = data.split('\r\n\r\n');
        resolve({ statusCode: Number(headers.split(' ')[1]), body: rest.join('\r\n\r\n') });
      });
      socket.on('error', reject);
      socket.write(head + body);
      if (halfClose) socket.end(); // the sender stops: the body stays short of its Content-Length
    });

  it('a URL too long for a route parameter: 414 in the one shape', async () => {
    const res = await new Promise<{ statusCode: number; body: string }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/api/people/${'a'.repeat(5000)}` }, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ statusCode: r.statusCode!, body }));
      }).on('error', reject);
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expectShape(res, res.statusCode);
  });

  it('a path traversal under the API docs, sent raw (no client normalizes it): 4xx in the one shape', async () => {
    for (const target of ['/api/docs/static/../../../../package.json', '/api/docs/static/%2e%2e/%2e%2e/%2e%2e/package.json', '/api/docs/static/..%2f..%2f..%2fpackage.json', '/api/docs/static/%00']) {
      const res = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res.statusCode, `${target}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, target).toBeLessThan(500);
      expect(res.body).not.toContain('"dependencies"');
    }
  });

  it('a body shorter than its Content-Length: 400 in the one shape', async () => {
    const res = await raw('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n', '{"username":"a"', true);
    expect(res.statusCode).toBe(400);
    expectShape(res, 400);
  });
});
