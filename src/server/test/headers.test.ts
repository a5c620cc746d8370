// Security headers: HSTS and upgrade-insecure-requests only where chibo is served over HTTPS (secure cookies);
// on plain HTTP they would tell a browser to use an HTTPS that is not there.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
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
