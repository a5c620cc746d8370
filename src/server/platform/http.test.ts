import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});

describe('the API surface', () => {
  it('publishes an OpenAPI document listing the routes with their schemas', async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/people', '/api/units/{id}']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
  });

  it('serves the browsable docs', async () => {
    const res = await ctx.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });

  it('answers an unknown API route with the one error shape', async () => {
    const res = await ctx.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: expect.stringContaining('/api/nothing-here') });
  });

  it('answers malformed JSON with a clear 400, not a stack trace', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
    expect(res.body).not.toMatch(/at .*\.js:\d+/);
  });

  it('lists every problem of a body at once', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields.length).toBeGreaterThanOrEqual(3); // username too short, password missing, extra key
  });

  it('asks for a sign-in on protected routes', async () => {
    const res = await ctx.app.inject({ url: '/api/people' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('sets security headers', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});

describe('logs', () => {
  it('keep the path of a request but not its query string (searches may hold a CCCD)', async () => {
    const { Writable } = await import('node:stream');
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const { buildApp } = await import('../app.js');
    const app = await buildApp({ config: { ...ctx.config, logLevel: 'info' }, database: ctx.database, logStream: stream });
    await app.inject({ url: '/api/people?q=008090000001' });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/people');
    expect(log).not.toContain('008090000001');
  });
});

describe('the web app', () => {
  it('is served for client-side routes, while unknown API routes stay JSON 404s', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html lang="vi"><title>chibo</title></html>');
    const { buildApp } = await import('../app.js');
    const app = await buildApp({ config: ctx.config, database: ctx.database, webRoot });
    const page = await app.inject({ url: '/units/123' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lang="vi"');
    const api = await app.inject({ url: '/api/units-nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    await app.close();
    fs.rmSync(webRoot, { recursive: true });
  });
});

describe('the public pages', () => {
  it('get public.html, their own lighter entry, with the same CSP and no-store; every other page gets index.html', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><title>the app</title></html>');
    fs.writeFileSync(path.join(webRoot, 'public.html'), '<!doctype html><html><title>the public pages</title></html>');
    const { buildApp } = await import('../app.js');
    const app = await buildApp({ config: ctx.config, database: ctx.database, webRoot });
    try {
      const publicPaths = ['/gop-y', '/gop-y/', '/gop-y/theo-doi', '/tham-van/4b0e3f0e-8f43-4d0c-9a52-0c1b6c2f6a11', '/results/contest/2025', '/xac-minh', '/xac-minh/BD2020-AAAAA-AAAAA?s=abc', '/xac-minh/giay-khen/abc?s=x'];
      for (const url of publicPaths) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain('the public pages');
        expect(res.headers['cache-control'], url).toBe('no-store');
        const csp = String(res.headers['content-security-policy']);
        expect(csp, url).toContain("script-src 'self'");
        expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      }
      for (const url of ['/', '/login', '/units/123', '/gop-yy', '/gop-y/theo-doi/x', '/tham-van', '/results/contest', '/supervision', '/xac-minh/a/b/c']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain('the app');
      }
    } finally {
      await app.close();
      fs.rmSync(webRoot, { recursive: true });
    }
  });
});

describe('compression', () => {
  it('compresses answers for clients that accept it', async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).openapi).toMatch(/^3\./);
  });
});
