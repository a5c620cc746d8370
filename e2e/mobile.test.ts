// A cell secretary on a 320 px phone: every page fits the width (no horizontal scrolling) and the menu opens
// from the burger. Screenshots of each page go to .tmp/e2e/mobile-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, newPage, screenshot, scrollWidth, signInAs, useBrowser } from './support.js';

const WIDTH = 320;

/** Where the navbar link is: on screen (menu open) or pushed off to the left (menu closed). */
async function navOnScreen(page: Page): Promise<boolean> {
  const box = await page.getByTestId('nav-people').boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= WIDTH + 1 && box.width > 0;
}

async function openMenu(page: Page) {
  const burger = page.getByRole('button', { name: 'Mở/đóng menu' });
  await burger.click();
  await expect.poll(() => navOnScreen(page), { timeout: 5_000 }).toBe(true);
}

async function fits(page: Page, name: string) {
  await page.waitForTimeout(300); // let the layout settle (fonts, transitions)
  const width = await scrollWidth(page);
  const file = await screenshot(page, `mobile-${name}`, false);
  expect(width, `${name}: document.documentElement.scrollWidth at ${WIDTH} px wide (screenshot ${file})`).toBeLessThanOrEqual(WIDTH);
}

describe('on a 320 px phone (bithu)', () => {
  const browser = useBrowser();

  it('every page fits the width and the menu opens from the burger', async (ctx) => {
    const page = await newPage(browser(), ctx, { viewport: { width: WIDTH, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const problems: string[] = [];
    const check = async (name: string) => {
      try {
        await fits(page, name);
      } catch (err) {
        problems.push((err as Error).message.split('\n')[0]);
      }
    };

    await page.goto(`${baseUrl()}/`);
    await page.getByTestId('login-username').waitFor();
    await check('login');
    await signInAs(page, baseUrl(), 'bithu');

    // The home page, where every role lands (issue 14).
    await page.getByTestId('home-tasks').or(page.getByTestId('home-no-tasks')).first().waitFor();
    expect(await navOnScreen(page), 'the menu starts closed on a phone').toBe(false);
    await check('home');

    // The org tree (the secretary's cell).
    await page.goto(`${baseUrl()}/units`);
    await page.getByTestId('unit-child').first().waitFor();
    await check('units');

    // The cell page with its members.
    await page.getByTestId('unit-child').first().getByRole('link').first().click();
    await page.getByTestId('unit-name-title').waitFor();
    await page.getByTestId('people-row').first().waitFor();
    await check('cell');

    // The people list, through the burger menu.
    await openMenu(page);
    await page.getByTestId('nav-people').click();
    await page.waitForURL(/\/people$/);
    await expect.poll(() => navOnScreen(page), { timeout: 5_000 }).toBe(false); // the menu closes after a choice
    await page.getByTestId('people-row').first().waitFor();
    await check('people');

    // A person.
    await page.getByTestId('people-row').first().getByRole('link').first().click();
    await page.getByTestId('person-name').waitFor();
    await check('person');

    // The dashboard.
    await openMenu(page);
    await screenshot(page, 'mobile-menu-open', false);
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('figure-members').waitFor();
    await check('dashboard');

    // The reporting page (a secretary reports from inside; imports are the officers').
    await openMenu(page);
    await page.getByTestId('nav-supervision').click();
    await page.getByTestId('report-category').waitFor();
    await check('supervision-report');

    expect(problems, 'pages wider than the phone').toEqual([]);
  });
});
