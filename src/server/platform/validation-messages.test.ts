// Defect 5 of issue 14: a person read "Invalid UUID", "expected string, received null" or "Quá ngắn hoặc quá
// nhỏ; Sai định dạng". Every field issue the API sends must carry one of our codes (never zod's raw ones) that the
// web translates in Vietnamese and English. This walks every write of the contract with an empty body and with
// every declared field null, and checks each issue it gets back.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../test/factories.js';
import { type Client, setupTestApp, signIn, type TestContext } from '../test/harness.js';

type Tree = { [k: string]: string | Tree };
const webDir = join(import.meta.dirname, '..', '..', 'web');
const flat = (obj: Tree, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
/** Every translated issue code of a language: `fieldErrors.<code>` of the shared and module catalogs, or `<module>.issues.<code>`. */
function issueCodes(lang: 'vi' | 'en'): Set<string> {
  const files = [join(webDir, 'i18n', `${lang}.json`), ...readdirSync(join(webDir, 'features')).map((m) => join(webDir, 'features', m, 'i18n', `${lang}.json`))];
  const keys = files.filter((f) => existsSync(f)).flatMap((f) => flat(JSON.parse(readFileSync(f, 'utf8')) as Tree));
  return new Set(keys.flatMap((k) => k.match(/(?:^|\.)(?:fieldErrors|issues)\.([a-z0-9_]+)$/)?.slice(1) ?? []));
}

/** zod's own codes: a person never sees them (they say "Invalid UUID" and "expected string, received null"). */
const RAW = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element', 'not_multiple_of', 'custom']);

let ctx: TestContext;
let admin: Client;
beforeAll(async () => {
  ctx = await setupTestApp();
  await makeWorld(ctx);
  admin = await signIn(ctx.app, 'admin');
});

const SOME_ID = '0b7d3f9e-5c1a-4b8e-9f00-000000000001';

describe('validation messages', () => {
  it('name empty and null fields "required", and every issue of every write has a code translated in vi and en', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
    };
    const vi = issueCodes('vi');
    const en = issueCodes('en');
    const seen: { route: string; path: string; code?: string; message: string }[] = [];
    let walked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const json = op.requestBody?.content?.['application/json'];
        if (!json || !['post', 'put', 'patch'].includes(method)) continue;
        if (path.startsWith('/api/auth/')) continue; // sign-in is walked below, without a session
        const url = path.replace(/\{[^}]+\}/g, SOME_ID);
        const nulls = Object.fromEntries(Object.keys(json.schema?.properties ?? {}).map((k) => [k, null]));
        for (const body of [{}, nulls]) {
          const res = await admin.request(method.toUpperCase() as 'POST', url, body);
          walked += 1;
          expect(res.statusCode, `${method} ${path}`).toBeLessThan(500);
          for (const f of (res.json().error?.fields ?? []) as { path: string; code?: string; message: string }[]) seen.push({ route: `${method} ${path}`, ...f });
        }
      }
    }
    expect(walked).toBeGreaterThan(40);
    expect(seen.length).toBeGreaterThan(40);
    expect(seen.filter((f) => !f.code || RAW.has(f.code))).toEqual([]);
    expect(seen.filter((f) => !vi.has(f.code!) || !en.has(f.code!))).toEqual([]);
    expect(seen.filter((f) => /invalid uuid|expected .*, received|invalid input/i.test(f.message))).toEqual([]);
  });

  it('call empty and missing sign-in fields "required", not "too short; wrong format"', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: null } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'username', code: 'required' }),
      expect.objectContaining({ path: 'password', code: 'required' }),
    ]);
  });

  it('state the limit of a text that is too long', async () => {
    const res = await admin.post('/api/units', { parentId: SOME_ID, kind: 'cell', name: 'x'.repeat(5000), code: '1', validFrom: '2024-01-01' });
    expect(res.statusCode).toBe(400);
    const name = res.json().error.fields.find((f: { path: string }) => f.path === 'name');
    expect(name).toMatchObject({ code: 'too_long', params: { max: expect.any(Number) } });
  });
});
