// `chibo start` as a new user runs it: the banner tells where it runs and how to sign in, the API is healthy,
// and the browser gets the Vietnamese sign-in form.
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, newPage, screenshot, signInAs, useBrowser } from './support.js';

const ROLES: Record<string, string> = {
  admin: 'province_admin',
  'canbo.xa': 'commune_officer',
  'canbo.xa2': 'commune_officer',
  kiemtra: 'inspection_officer',
  bithu: 'cell_secretary',
  dangvien: 'member',
};

describe('chibo start', () => {
  const browser = useBrowser();

  it('prints its address and one demo sign-in per role', () => {
    const output = inject('startOutput');
    expect(output, 'the banner of `chibo start`').toContain(`chibo is running at ${baseUrl()}`);
    expect(output).toMatch(/chibo-demo-2025/);
    const lines = output.split('\n');
    for (const [username, role] of Object.entries(ROLES)) {
      const line = lines.find((l) => l.trim().split(/\s+/)[0] === username);
      expect(line, `a banner line for ${username}`).toBeDefined();
      expect(line).toContain(role);
    }
  });

  it('answers /api/health', async () => {
    const res = await fetch(`${baseUrl()}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok' });
  });

  it('shows the sign-in form in Vietnamese at /', async (ctx) => {
    const page = await newPage(browser(), ctx);
    const res = await page.goto(`${baseUrl()}/`);
    expect(res?.status()).toBe(200);
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toBe('Đăng nhập');
    // The fields are labelled in Vietnamese (the label is tied to its input).
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.getByLabel('Mật khẩu', { exact: false }).first().waitFor();
    expect(await page.getByTestId('logout').count()).toBe(0);
    await screenshot(page, 'start-login');
  });

  it("runs under its Content-Security-Policy: no <style> refused on sign-in or a dashboard, Mantine's carry the nonce", async (ctx) => {
    const page = await newPage(browser(), ctx);
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const res = await page.goto(`${baseUrl()}/`);
    const csp = String(res?.headers()['content-security-policy']);
    expect(csp.split(';').find((d) => d.trim().startsWith('style-src '))).not.toContain('unsafe-inline');
    await signInAs(page, baseUrl(), 'canbo.xa');
    await page.getByTestId('nav-dashboard').click();
    await page.waitForLoadState('networkidle');
    // Mantine's theme is applied (its <style> was not refused): the primary colour variable is the theme's, set.
    const styles = await page.locator('style').evaluateAll((els) => els.map((e) => (e as HTMLStyleElement).nonce));
    expect(styles.length).toBeGreaterThan(0);
    for (const n of styles) expect(n).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mantine-primary-color-filled').trim())).not.toBe('');
    expect(refused).toEqual([]);
  });
});
