// Vietnamese first, English switchable: the choice survives a reload and is remembered on the account.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, baseUrl, newPage, screenshot, signInAs, useBrowser } from './support.js';

const USER = 'kiemtra';
const NAV_VI = { 'nav-units': 'Tổ chức', 'nav-people': 'Đảng viên', 'nav-dashboard': 'Thống kê', 'nav-supervision': 'Góp ý, phản ánh' };
const NAV_EN = { 'nav-units': 'Org tree', 'nav-people': 'People', 'nav-dashboard': 'Dashboard', 'nav-supervision': 'Feedback and reports' };

async function navLabels(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of Object.keys(NAV_VI)) out[id] = (await page.getByTestId(id).innerText()).trim();
  return out;
}

async function choose(page: Page, label: 'VI' | 'EN') {
  await page.getByTestId('lang-switch').getByText(label, { exact: true }).click();
}

describe('language', () => {
  const browser = useBrowser();

  it('switches to English, keeps it over a reload and a new sign-in, and switches back', async (ctx) => {
    const page = await newPage(browser(), ctx);
    try {
      await signInAs(page, baseUrl(), USER);
      await expect.poll(() => navLabels(page)).toEqual(NAV_VI);

      await choose(page, 'EN');
      await expect.poll(() => navLabels(page)).toEqual(NAV_EN);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect((await page.getByTestId('logout').innerText()).trim()).toBe('Sign out');
      await screenshot(page, 'language-en');

      await page.reload();
      await page.getByTestId('logout').waitFor();
      await expect.poll(() => navLabels(page)).toEqual(NAV_EN);

      // Remembered on the account: another browser (no local storage) gets English after signing in.
      const other = await newPage(browser(), ctx);
      await signInAs(other, baseUrl(), USER);
      await expect.poll(() => navLabels(other)).toEqual(NAV_EN);

      await choose(page, 'VI');
      await expect.poll(() => navLabels(page)).toEqual(NAV_VI);
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      await page.reload();
      await page.getByTestId('logout').waitFor();
      await expect.poll(() => navLabels(page)).toEqual(NAV_VI);
    } finally {
      // Leave the account in Vietnamese whatever happened above.
      const api = await apiAs(USER);
      await api.ctx.patch('/api/auth/me', { data: { locale: 'vi' }, headers: { 'x-csrf-token': api.csrf } });
      await api.dispose();
    }
  });

  it('switches the sign-in page too, before signing in', async (ctx) => {
    const page = await newPage(browser(), ctx);
    await page.goto(`${baseUrl()}/`);
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toBe('Đăng nhập');
    await choose(page, 'EN');
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toBe('Sign in');
    await page.reload();
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toBe('Sign in');
    await choose(page, 'VI');
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toBe('Đăng nhập');
  });
});
