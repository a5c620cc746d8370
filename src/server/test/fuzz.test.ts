// Fuzz every route of the OpenAPI document: for each operation, requests built with fast-check from its schemas
// (path, query, body) mixed with hostile values (NUL, lone surrogates, huge strings, deep nesting, wrong types,
// impossible dates, numbers at the limits, other normalization forms, prototype keys), multipart shapes, wrong
// content types; sent as an officer, a member and without a session. Every answer: never a 5xx, every error in
// the one shape, no stack trace or SQL; and the server log never holds the personal data planted in the world.
//
// CHIBO_FUZZ_CASES (default 3000) sets the number of requests, CHIBO_FUZZ_SEED the seed (printed either way);
// scripts/fuzz-long.sh runs 50,000.
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../app.js';
import { openApiDocument } from '../openapi.js';
import { addPerson, makeWorld, type World } from './factories.js';
import { setupTestApp, TEST_PASSWORD, type TestContext } from './harness.js';

const CASES = Number(process.env.CHIBO_FUZZ_CASES ?? 3000);
const SEED = Number(process.env.CHIBO_FUZZ_SEED ?? Date.now() % 2 ** 31);

// Planted in the world; none may reach the log, whatever the fuzz sends.
const MARKER_NAME = 'Dấuvết Thị Rò';
const MARKER_CCCD = '001066554433';

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  op: Schema;
  multipart: boolean;
}

let ctx: TestContext;
let world: World;
let app: FastifyInstance;
const leaked: string[] = [];
const errorLines: string[] = [];
let doc: Schema;
const ids: string[] = [];
const sessions: Record<string, { cookie: string; csrf: string } | null> = {};

beforeAll(async () => {
  doc = await openApiDocument();
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  const planted = await addPerson(ctx.database.db, world.cellA1.id, { fullName: MARKER_NAME, cccd: MARKER_CCCD });
  const stream = new Writable({
    write: (chunk, _enc, done) => {
      const s = String(chunk);
      for (const m of [MARKER_NAME, MARKER_CCCD, 'Dấuvết']) if (s.includes(m)) leaked.push(s.slice(0, 2000));
      if (s.includes('"level":50')) errorLines.push(s.slice(0, 1500));
      done();
    },
  });
  app = await buildApp({ config: { ...ctx.config, logLevel: 'trace' }, database: ctx.database, logStream: stream });
  await app.ready();
  ids.push(world.province.id, world.communeA.id, world.communeB.id, world.cellA1.id, world.cellA2.id, world.cellB1.id, planted.id);
  ids.push(...Object.values(world.people).map((p) => p.id));
  const { rows } = await ctx.database.pool.query<{ id: string }>('SELECT id FROM users');
  ids.push(...rows.map((r) => r.id));
  for (const u of ['admin', 'officer.a', 'member.a1']) await signInAs(u);
  return () => app.close();
});

async function signInAs(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.200.0.1', payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
  sessions[username] = { cookie: res.cookies.find((c) => c.name === 'chibo_session')!.value, csrf: res.json().csrfToken };
}

// --- Hostile values ---------------------------------------------------------------------------------------------

const nested = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const protoObject = () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
const hostileStrings = [
  '', ' ', 'a\u0000b', '\u0000', 'x\ud800y', '\udc00', '\ud83d', '\ufeff', '\u202e', '\u200b',
  'Nguyễn', 'Nguye\u0302\u0303n', 'Ｎｇｕｙễｎ', 'ﬁ', '%00', '%zz', '../../etc/passwd', '<script>alert(1)</script>',
  "' OR 1=1 --", '"; DROP TABLE people; --', '${jndi:x}', '{{7*7}}', '__proto__', 'constructor', 'prototype',
  '2023-02-30', '2024-13-01', '0000-00-00', '9999-12-31', '-infinity', 'infinity', '1900-01-00', '2024-02-29T25:61:00Z',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '1', '-1', 'NaN', 'true', 'null',
  MARKER_NAME, MARKER_CCCD, 'x'.repeat(5000), 'ệ'.repeat(20_000),
];
const hostileNumbers = [0, -0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324, 0.5, 1.5, 1e21];
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 3, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], ['a'], { length: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(10, 100, 1000).map(nested) },
  { weight: 1, arbitrary: fc.constant(null).map(protoObject) },
  { weight: 1, arbitrary: fc.nat({ max: 200_000 }).map((n) => 'A'.repeat(n)) },
  { weight: 1, arbitrary: fc.array(fc.constant('x'), { minLength: 1000, maxLength: 5000 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '\u0000', 'a', 'ệ', 'e\u0302'), maxLength: 12 }) },
);

// --- Valid-looking values from a schema ---------------------------------------------------------------------------

const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const impossibleDate = fc.tuple(fc.integer({ min: -1, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
  ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
);
const dateish = (name: string) => /date|On$|^(from|to|until|deadline)$|From$|To$|Until$/i.test(name);

function resolve(s: Schema): Schema {
  if (s && typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop()!;
    return doc.components?.schemas?.[name] ?? {};
  }
  return s ?? {};
}

function valid(raw: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(raw);
  const base = ((): fc.Arbitrary<unknown> => {
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.const !== undefined) return fc.constant(s.const);
    for (const k of ['oneOf', 'anyOf']) if (Array.isArray(s[k]) && s[k].length) return fc.oneof(...s[k].map((x: Schema) => valid(x, name, depth + 1)));
    if (Array.isArray(s.allOf) && s.allOf.length) return valid(Object.assign({}, ...s.allOf.map(resolve)), name, depth + 1);
    const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type ?? (s.properties ? 'object' : undefined);
    switch (type) {
      case 'string': {
        if (s.format === 'uuid') return fc.oneof({ weight: 4, arbitrary: fc.nat().map((i) => ids[i % ids.length]) }, { weight: 1, arbitrary: fc.uuid() });
        if (s.format === 'date' || s.format === 'date-time' || dateish(name)) return fc.oneof({ weight: 4, arbitrary: isoDate }, { weight: 1, arbitrary: impossibleDate });
        if (s.pattern) {
          try {
            return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 1000));
          } catch {
            /* a pattern fast-check cannot generate from: plain strings */
          }
        }
        return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60), unit: 'grapheme' });
      }
      case 'integer':
      case 'number': {
        const min = s.minimum ?? -1000;
        const max = s.maximum ?? 100_000;
        return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(min, max, min - 1, max + 1));
      }
      case 'boolean':
        return fc.boolean();
      case 'array':
        if (depth > 6) return fc.constant([]);
        return fc.array(fuzz(s.items ?? {}, name, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 6) });
      case 'object': {
        if (depth > 6 || !s.properties) return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
        const required = new Set<string>(s.required ?? []);
        const entries = Object.entries<Schema>(s.properties).map(([k, v]) =>
          fc.tuple(fc.constant(k), fuzz(v, k, depth + 1), required.has(k) ? fc.oneof({ weight: 15, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.boolean()),
        );
        const extra = fc.option(fc.constantFrom('__proto__', 'constructor', 'unknownField', 'id', 'createdAt'), { freq: 8 });
        return fc.tuple(fc.tuple(...entries), extra, hostile).map(([es, x, h]) => {
          const o: Record<string, unknown> = {};
          for (const [k, v, keep] of es) if (keep) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
          if (x) Object.defineProperty(o, x, { value: x === '__proto__' ? { polluted: true } : h, enumerable: true, writable: true, configurable: true });
          return o;
        });
      }
      default:
        return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null));
    }
  })();
  return s.nullable ? fc.option(base, { freq: 6 }) : base;
}

/** Mostly values the schema allows, one in six hostile. */
function fuzz(s: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: valid(s, name, depth) }, { weight: 1, arbitrary: hostile });
}

// --- Requests --------------------------------------------------------------------------------------------------

/** A value in a URL: UTF-8 percent-encoded, lone surrogates as the CESU bytes a careless client sends. */
function urlEncode(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += Array.from(Buffer.from([0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)])).map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

const rawPathValue = fc.constantFrom('%00', '%zz', '%ED%A0%80', '..%2F..', '%2e%2e', 'a'.repeat(3000), '%C0%AF', '1e3', '-1', '%F0%9F%92%A9');

interface Built {
  who: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const roles = fc.constantFrom('admin', 'officer.a', 'member.a1', 'anonymous');

const multipartBody: fc.Arbitrary<{ contentType: string; payload: Buffer }> = fc
  .record({
    shape: fc.constantFrom('ok', 'noBoundary', 'cut', 'wrongField', 'emptyFile', 'twoFiles', 'noFile', 'badHeader', 'jsonField'),
    field: fc.constantFrom('file', 'report', 'roster', 'x', '__proto__', ''),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
      fc.constant(Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000garbage-zip')),
      fc.constant(Buffer.from('%PDF-1.4\n%%EOF')),
      fc.constant(Buffer.alloc(0)),
    ),
    json: fuzz({ type: 'object', properties: { cellId: { type: 'string', format: 'uuid' }, content: { type: 'string' }, category: { type: 'string' }, anonymous: { type: 'boolean' } } }),
  })
  .map(({ shape, field, bytes, json }) => {
    const b = 'fuzzBoundary7MA4YWxk';
    const filePart = (name: string, data: Buffer) =>
      Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="r.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from('\r\n')]);
    const jsonPart = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${JSON.stringify(json)}\r\n`);
    const end = Buffer.from(`--${b}--\r\n`);
    switch (shape) {
      case 'noBoundary':
        return { contentType: 'multipart/form-data', payload: Buffer.concat([filePart('file', bytes), end]) };
      case 'cut': {
        const full = Buffer.concat([jsonPart, filePart('file', bytes), end]);
        return { contentType: `multipart/form-data; boundary=${b}`, payload: full.subarray(0, Math.floor(full.length / 2)) };
      }
      case 'wrongField':
        return { contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.concat([filePart(field, bytes), end]) };
      case 'emptyFile':
        return { contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.concat([jsonPart, filePart('file', Buffer.alloc(0)), end]) };
      case 'twoFiles':
        return { contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.concat([filePart('file', bytes), filePart('file', bytes), end]) };
      case 'noFile':
        return { contentType: `multipart/form-data; boundary=${b}`, payload: end };
      case 'badHeader':
        return { contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data\r\n\r\nxx\r\n`), end]) };
      case 'jsonField':
        return { contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.concat([jsonPart, end]) };
      default:
        return { contentType: `multipart/form-data; boundary=${b}`, payload: Buffer.concat([jsonPart, filePart('file', bytes), end]) };
    }
  });

const wrongContentType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16', 'application/jsonx', '*/*', 'multipart/form-data');
const brokenJson = fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1,}', '\u0000', '{"__proto__":{"polluted":1}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '9'.repeat(400), '"' + 'x'.repeat(100) + '"');

// The log keeps each request's path (never its query string): a client that puts a CCCD where an id goes has
// written it into the log itself, so the planted values are sent in bodies and query strings only.
const hostileInPath = hostile.filter((v) => v !== MARKER_NAME && v !== MARKER_CCCD);

function requestFor(o: Operation): fc.Arbitrary<Built> {
  const params: Schema[] = o.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const jsonSchema = o.op.requestBody?.content?.['application/json']?.schema;
  const paths = fc.tuple(...pathParams.map((p) => fc.oneof({ weight: 6, arbitrary: valid(p.schema ?? {}, p.name) }, { weight: 1, arbitrary: hostileInPath }, { weight: 1, arbitrary: rawPathValue.map((r) => ({ raw: r })) })));
  const query = fc.tuple(...queryParams.map((p) => fc.tuple(fc.constant(p.name), fc.option(fuzz(p.schema ?? {}, p.name), { freq: 3 }))));
  const extraQuery = fc.option(fc.constantFrom('__proto__[x]=1', 'constructor=1', 'limit=1&limit=2', '%zz=1', 'a=%ED%A0%80'), { freq: 6 });
  const body: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer }> = fc.oneof(
    { weight: 8, arbitrary: (jsonSchema ? fuzz(jsonSchema) : fc.option(hostile, { freq: 3 })).map((v) => (v === null && !jsonSchema ? {} : { contentType: 'application/json', payload: JSON.stringify(v) ?? 'null' })) },
    { weight: o.multipart ? 8 : 1, arbitrary: multipartBody },
    { weight: 1, arbitrary: fc.tuple(wrongContentType, fc.oneof(brokenJson, fc.string({ maxLength: 50 }))).map(([contentType, payload]) => ({ contentType, payload })) },
    { weight: 1, arbitrary: brokenJson.map((payload) => ({ contentType: 'application/json', payload })) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
  return fc.record({ who: roles, paths, query, extraQuery, body, csrf: fc.oneof({ weight: 12, arbitrary: fc.constant('right') }, { weight: 1, arbitrary: fc.constantFrom('missing', 'wrong') }) }).map(({ who, paths: pv, query: qv, extraQuery: xq, body: b, csrf }) => {
    let i = 0;
    const url = o.path.replace(/\{[^}]+\}/g, () => {
      const v = pv[i++];
      return v && typeof v === 'object' && 'raw' in (v as object) ? String((v as { raw: string }).raw) : urlEncode(v);
    });
    const qs = qv.filter(([, v]) => v !== null).map(([k, v]) => `${k}=${urlEncode(v)}`);
    if (xq) qs.push(xq);
    const headers: Record<string, string> = {};
    const sendsBody = o.method !== 'GET' && b.payload !== undefined;
    if (sendsBody && b.contentType) headers['content-type'] = b.contentType;
    if (who !== 'anonymous' && csrf !== 'missing') headers['x-csrf-token'] = csrf === 'right' ? sessions[who]!.csrf : 'not-the-token';
    return { who, method: o.method, url: qs.length ? `${url}?${qs.join('&')}` : url, headers, ...(sendsBody ? { payload: b.payload } : {}) };
  });
}

const describeRequest = (r: Built) =>
  `${r.who} ${r.method} ${r.url.slice(0, 500)} ${JSON.stringify(r.headers)} ${r.payload === undefined ? '' : JSON.stringify(String(r.payload).slice(0, 800))}`;

describe('fuzz every route of the OpenAPI document', () => {
  it(`${CASES} requests: no 5xx, the one error shape, no stack trace or SQL, no personal data in the log`, async () => {
    const started = Date.now();
    const operations: Operation[] = [];
    for (const [path, ops] of Object.entries<Schema>(doc.paths)) {
      for (const [method, op] of Object.entries<Schema>(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const content = Object.keys(op.requestBody?.content ?? {});
        // Upload routes declare no JSON body (the file is read from the stream): they are sent multipart shapes.
        const multipart = content.includes('multipart/form-data') || (method === 'post' && !op.requestBody && /import|file/.test(path));
        operations.push({ method: method.toUpperCase(), path, op, multipart });
      }
    }
    expect(operations.length).toBeGreaterThan(80);
    console.log(`fuzz: seed ${SEED} (CHIBO_FUZZ_SEED=${SEED} CHIBO_FUZZ_CASES=${CASES} to replay), ${operations.length} operations`);

    // Every operation gets its share; the order is shuffled by the seed.
    const arb = fc.constantFrom(...operations).chain((o) => requestFor(o).map((r) => ({ o, r })));
    const requests = fc.sample(arb, { seed: SEED, numRuns: CASES });

    const byStatus: Record<number, number> = {};
    const byOperation = new Map<string, number>();
    const failures: string[] = [];
    let sent = 0;
    for (const { o, r } of requests) {
      sent += 1;
      const session = r.who === 'anonymous' ? null : sessions[r.who];
      const opts: InjectOptions = {
        method: r.method as InjectOptions['method'],
        url: r.url,
        headers: r.headers,
        // Each request from its own address: the per-address sign-in throttle is not what the fuzz is about.
        remoteAddress: `10.${1 + ((sent >> 16) & 0xff)}.${(sent >> 8) & 0xff}.${sent & 0xff}`,
        ...(session ? { cookies: { chibo_session: session.cookie } } : {}),
        ...(r.payload !== undefined ? { payload: r.payload } : {}),
      };
      let res;
      try {
        res = await app.inject(opts);
      } catch (e) {
        failures.push(`inject threw ${(e as Error).message}: ${describeRequest(r)}`);
        continue;
      }
      byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
      byOperation.set(`${o.method} ${o.path}`, (byOperation.get(`${o.method} ${o.path}`) ?? 0) + 1);
      const problems: string[] = [];
      if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode >= 400) {
        let body: any;
        try {
          body = res.json();
        } catch {
          body = undefined;
        }
        if (!(body && typeof body.error?.code === 'string' && typeof body.error?.message === 'string' && Object.keys(body).length === 1)) problems.push('error not in the one shape');
      }
      if (type.includes('json') || type.startsWith('text/')) {
        if (/\bat [\w.<>]+ \(|\.(ts|js|mjs):\d+:\d+|node_modules/.test(res.body)) problems.push('stack trace in body');
        if (/\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|syntax error at|violates .* constraint|relation "|duplicate key value/.test(res.body)) problems.push('SQL in body');
      }
      if (problems.length) failures.push(`${problems.join(', ')} → ${res.statusCode} ${res.body.slice(0, 400)}\n    request: ${describeRequest(r)}`);
      // A logout ends the session the fuzz uses: sign in again.
      if (session && /^\/api\/auth\/logout/.test(o.path) && res.statusCode < 300) await signInAs(r.who);
    }
    const fiveXX = Object.entries(byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${requests.length} cases on ${byOperation.size}/${operations.length} operations in ${seconds} s, seed ${SEED}; 5xx: ${fiveXX}; by status: ${Object.entries(byStatus)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}; failures: ${failures.length}; log lines with a planted marker: ${leaked.length}`,
    );
    if (failures.length) console.log(`fuzz: first failures (seed ${SEED}):\n${failures.slice(0, 10).join('\n')}\nserver errors logged:\n${errorLines.slice(0, 5).join('\n')}`);
    if (leaked.length) console.log(`fuzz: log lines with a planted marker:\n${leaked.slice(0, 5).join('\n')}`);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(byOperation.size).toBe(operations.length);
    expect(leaked.slice(0, 3)).toEqual([]);
  }, Math.max(170_000, CASES * 30));
});

// Public pages outside /api (the portal's server-rendered HTML, its feeds, sitemap and forms): every route the app
// registers with `config: { public: true }` outside /api, with the demo of the modules that own them loaded so valid
// addresses lead somewhere. Every answer: never a 5xx; an error is a page or the one error shape; no stack trace or SQL.
/** A segment of a URL: encoded, or (a lone surrogate has no UTF-8 form) the raw bytes of one. */
const encodeOrRaw = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

describe('fuzz the public pages outside /api', () => {
  const PAGE_CASES = Math.max(200, Math.round(CASES / 5));
  it(`${PAGE_CASES} requests: no 5xx, no stack trace or SQL, no personal data in the log`, async () => {
    const { modules } = await import('../modules/index.js');
    const pages = [...app.routeOwners].filter(([key, o]) => o.public && !key.split(' ')[1]!.startsWith('/api') && !key.startsWith('HEAD '));
    const owners = new Set(pages.map(([, o]) => o.module));
    for (const m of modules) if (owners.has(m.name) && m.demo) await m.demo(ctx.database.db, { provinceId: world.province.id, communeIds: [world.communeA.id, world.communeB.id] });
    expect(pages.length).toBeGreaterThan(0);
    const segment = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('vi', 'en', 'fa', 'bai-cuoi-dang-manh-tu-moi-chi-bo-manh', 'nang-cao-vai-tro-bi-thu-chi-bo-thon-ban', 'chat-luong-chi-bo', 'loat-bai', 'chu-de', 'tac-gia', 'chuyen-muc', 'xay-dung-dang', 'bao-tuyen-quang', 'tham-van', 'rss.xml') },
      { weight: 2, arbitrary: fc.constantFrom(...hostileStrings.filter((s) => s.length < 300 && s !== MARKER_NAME && s !== MARKER_CCCD)).map(encodeOrRaw) },
      { weight: 1, arbitrary: fc.constantFrom('%ED%A0%80', '%00', '%zz', '..', '%2e%2e', 'x'.repeat(2000)) },
    );
    const formValue = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('Nguyễn Văn A', 'Một ý kiến đóng góp cho bài viết.', '') }, { weight: 2, arbitrary: fc.constantFrom(...hostileStrings) });
    const arb = fc.record({
      route: fc.constantFrom(...pages.map(([key]) => key)),
      segs: fc.array(segment, { minLength: 4, maxLength: 4 }),
      query: fc.option(fc.constantFrom('q=chi%20bo', 'q=%00', 'q=%ED%A0%80', 'trang=-1', 'trang=1e9', 'q=' + 'a'.repeat(500), 'q[]=1&q[]=2', '__proto__[x]=1', 'da-gui=1', `xa=${world.communeA.id}`, `xa=${world.cellA1.id}`, 'xa=%00', 'xa=%ED%A0%80', 'xa=abc&trang=99999999999999999999', `xa=${world.communeB.id}&trang=2`), { freq: 2 }),
      form: fc.record({ name: formValue, body: formValue, website: fc.constantFrom('', 'http://spam.example') }),
      type: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x'),
    });
    const failures: string[] = [];
    const byStatus: Record<number, number> = {};
    let sent = 0;
    for (const c of fc.sample(arb, { seed: SEED, numRuns: PAGE_CASES })) {
      sent += 1;
      const [method, path] = c.route.split(' ') as [string, string];
      let i = 0;
      const url = path.replace(/:[a-zA-Z]+/g, () => c.segs[i++ % c.segs.length]!) + (c.query ? `?${c.query}` : '');
      const payload = method === 'POST' ? (c.type.includes('json') ? JSON.stringify(c.form) : new URLSearchParams(c.form as Record<string, string>).toString()) : undefined;
      const res = await app.inject({
        method: method as InjectOptions['method'],
        url,
        remoteAddress: `10.250.${(sent >> 8) & 0xff}.${sent & 0xff}`,
        ...(payload !== undefined ? { payload, headers: { 'content-type': c.type } } : {}),
      });
      byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
      const problems: string[] = [];
      if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
      // A page's error is a page; what fails before any route matched (a malformed or unknown address) is the app's
      // one error shape.
      if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('text/html')) {
        let body: any;
        try {
          body = res.json();
        } catch {
          body = undefined;
        }
        if (!(body && typeof body.error?.code === 'string' && Object.keys(body).length === 1)) problems.push(`error as ${res.headers['content-type']}`);
      }
      if (/\bat [\w.<>]+ \(|\.(ts|js|mjs):\d+:\d+|node_modules/.test(res.body)) problems.push('stack trace in body');
      if (/\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|syntax error at|violates .* constraint|relation "/.test(res.body)) problems.push('SQL in body');
      if (problems.length) failures.push(`${problems.join(', ')} → ${res.statusCode} ${res.body.slice(0, 300)}\n    request: ${method} ${url.slice(0, 300)} ${payload?.slice(0, 300) ?? ''}`);
    }
    if (leaked.length) console.log(`fuzz (public pages): log lines with a planted marker:\n${leaked.slice(0, 3).join('\n')}`);
    console.log(`fuzz (public pages): ${PAGE_CASES} cases on ${pages.length} routes, seed ${SEED}; by status: ${Object.entries(byStatus).map(([s, n]) => `${s}×${n}`).join(' ')}; failures: ${failures.length}`);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(leaked.slice(0, 3)).toEqual([]);
  }, 170_000);
});
