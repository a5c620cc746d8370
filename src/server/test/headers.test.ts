// Security headers: HSTS and upgrade-insecure-requests only where chibo is served over HTTPS (secure cookies);
// on plain HTTP they would tell a browser to use an HTTPS that is not there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, CSP_NONCE_PLACEHOLDER } from '../app.js';
import { setupTestApp } from './harness.js';

describe('security headers', () => {
  it('on plain HTTP: a CSP without upgrade-insecure-requests, and no HSTS', async () => {
    const ctx = await setupTestApp();
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('over HTTPS (CHIBO_SECURE_COOKIES=true): HSTS and upgrade-insecure-requests', async () => {
    const ctx = await setupTestApp();
    const app = await buildApp({ config: { ...ctx.config, session: { ...ctx.config.session, secureCookies: true } }, database: ctx.database });
    const res = await app.inject({ url: '/api/health' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    await app.close();
  });
});

describe('Content-Security-Policy for styles', () => {
  it("allows a <style> only with the response's nonce, which index.html carries; never 'unsafe-inline' for elements", async () => {
    const ctx = await setupTestApp();
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), `<!doctype html><html><head><meta name="csp-nonce" content="${CSP_NONCE_PLACEHOLDER}"></head><body></body></html>`);
    const app = await buildApp({ config: ctx.config, database: ctx.database, webRoot });
    try {
      const nonces = [];
      for (const url of ['/', '/units/some-deep-link', '/']) {
        const res = await app.inject({ url });
        expect(res.statusCode).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        const csp = String(res.headers['content-security-policy']);
        const styleSrc = csp.split(';').find((d) => d.trim().startsWith('style-src '))!;
        expect(styleSrc).not.toContain('unsafe-inline');
        const nonce = /'nonce-([0-9a-f]{32})'/.exec(styleSrc)![1];
        expect(res.body).toContain(`<meta name="csp-nonce" content="${nonce}">`);
        expect(csp).toContain("style-src-attr 'unsafe-inline'");
        nonces.push(nonce);
      }
      expect(new Set(nonces).size).toBe(3);
    } finally {
      await app.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });
});
