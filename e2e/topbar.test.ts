// The top bar on the narrowest phones (issue 14): at 320 and 360 px, in Vietnamese and English, every action in it
// (menu, home, search, inbox, language, sign out) lies inside the viewport, no label in it is cut, and sign out has
// its full name (accessible name, and a tooltip for the eye). At 1280 px sign out is a labelled button.
// Screenshots: .tmp/e2e/topbar-<width>-<lang>.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, newPage, screenshot, scrollWidth, signInAs, useBrowser } from './support.js';

const SIGN_OUT = { vi: 'Đăng xuất', en: 'Sign out' } as const;

/** Each control of the header: its name, its box, and whether any text inside it is cut (wider than its box). */
async function headerControls(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('header');
    if (!header) return [];
    return [...header.querySelectorAll<HTMLElement>('button, a, [role="group"]')].map((el) => {
      const r = el.getBoundingClientRect();
      const clipped = [el, ...el.querySelectorAll<HTMLElement>('*')].some((x) => x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflow !== 'visible');
      return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '', left: r.left, right: r.right, width: r.width, clipped };
    });
  });
}

async function choose(page: Page, lang: 'vi' | 'en') {
  const button = page.getByTestId('lang-switch').getByText(lang.toUpperCase(), { exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

describe('the top bar', () => {
  const browser = useBrowser();

  for (const width of [320, 360]) {
    it(`at ${width} px every action is inside the screen and readable, in vi and en; sign out works`, async (ctx) => {
      // Its own sign-in (not a shared session): this test signs out at the end.
      const page = await newPage(browser(), ctx, { viewport: { width, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      try {
        await signInAs(page, baseUrl(), 'bithu');
        await page.getByTestId('inbox-bell').waitFor();
        for (const lang of ['vi', 'en'] as const) {
          await choose(page, lang);
          await page.waitForTimeout(300); // fonts and transitions
          const file = await screenshot(page, `topbar-${width}-${lang}`, false);
          const controls = await headerControls(page);
          expect(controls.length, file).toBeGreaterThanOrEqual(5);
          for (const c of controls) {
            expect(c.width, `${c.name} is drawn (${file})`).toBeGreaterThan(0);
            expect(c.left, `${c.name} starts inside the screen (${file})`).toBeGreaterThanOrEqual(0);
            expect(c.right, `${c.name} ends inside the screen (${file})`).toBeLessThanOrEqual(width);
            expect(c.clipped, `${c.name}: no text cut (${file})`).toBe(false);
          }
          expect(await scrollWidth(page), file).toBeLessThanOrEqual(width);

          // Sign out carries its full name, and shows it when reached from the keyboard (Tab from the language switch).
          const signOut = page.getByRole('button', { name: SIGN_OUT[lang], exact: true });
          expect(await signOut.getAttribute('data-testid')).toBe('logout');
          await page.getByTestId('lang-switch').getByRole('button', { name: 'EN', exact: true }).focus();
          await page.keyboard.press('Tab');
          expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('logout');
          await expect.poll(() => page.getByRole('tooltip').innerText({ timeout: 2_000 }).catch(() => '')).toBe(SIGN_OUT[lang]);
          await screenshot(page, `topbar-${width}-${lang}-tooltip`, false);
          await page.getByTestId('home-link').focus();
        }
        await choose(page, 'vi');
        await page.getByRole('button', { name: SIGN_OUT.vi, exact: true }).click();
        await page.getByTestId('login-username').waitFor();
      } finally {
        await choose(page, 'vi').catch(() => {});
      }
    });
  }

  it('at 1280 px sign out is a labelled button', async (ctx) => {
    const page = await newPage(browser(), ctx);
    await signInAs(page, baseUrl(), 'bithu');
    await page.getByTestId('inbox-bell').waitFor();
    await screenshot(page, 'topbar-1280-vi', false);
    expect((await page.getByTestId('logout').innerText()).trim()).toBe(SIGN_OUT.vi);
    for (const c of await headerControls(page)) expect(c.clipped, c.name).toBe(false);
  });
});
