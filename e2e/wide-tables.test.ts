// The three wide lists — the people list, the review board and the supervision cases — are a table from 768 px up and
// a list of cards below (src/web/components/ResponsiveTable.tsx, issue 14): at 360 px a row's main action is tapped
// without any sideways scrolling, at 1280 px the table is there. Screenshots: .tmp/e2e/wide-<list>-<width>.png.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../src/domain/dates.js';
import { addDays } from '../src/domain/supervision.js';
import { type Api, apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

/** The element lies within the screen's width (reached without scrolling sideways). */
async function inReach(el: Locator, width: number) {
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  expect(box, 'the action is drawn').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

async function layoutOf(page: Page, testId: string) {
  return page.getByTestId(testId).first().getAttribute('data-layout');
}

describe('wide lists: cards on a phone, a table on a desk', () => {
  const browser = useBrowser();
  let admin: Api;
  let cycleId = '';
  let cellId = '';
  let secretary = '';

  beforeAll(async () => {
    // An open review limited to the secretary's commune (a board with rows), and a case in that commune.
    admin = await apiAs('admin');
    const bithu = await apiAs('bithu');
    const me = (await bithu.get('/api/auth/me')).user;
    secretary = me.displayName;
    cellId = me.roles[0].unitId;
    const cell = await admin.get(`/api/units/${cellId}`);
    const communeId = cell.unit?.parentId ?? cell.parentId ?? cell.parent?.id;
    expect(communeId, 'the cell has a commune').toBeTruthy();
    const province = (await admin.get('/api/auth/me')).user.roles[0].unitId as string;
    const today = todayIso();
    const cycle = await admin.post('/api/review/cycles', {
      unitId: province,
      year: Number(today.slice(0, 4)),
      kind: 'ad_hoc',
      title: `Đánh giá thử bảng ${Date.now().toString(36)}`,
      branchIds: [communeId],
      referenceDate: today,
      selfDue: addDays(today, 10),
      cellDue: addDays(today, 20),
      decisionDue: addDays(today, 30),
    });
    cycleId = cycle.id ?? cycle.cycle?.id;
    expect(cycleId).toBeTruthy();
    const member = await apiAs('dangvien');
    const memberCell = (await member.get('/api/auth/me')).user.roles[0].unitId as string;
    await member.post('/api/supervision/reports', { cellId: memberCell, category: 'suggestion', subject: 'village', content: 'Đề nghị lắp đèn đường ở ngõ 3.' });
    await Promise.all([bithu.dispose(), member.dispose()]);
  }, 120_000);

  afterAll(async () => {
    await admin?.dispose();
  });

  for (const [size, opts] of [
    [360, PHONE],
    [1280, DESK],
  ] as const) {
    const phone = size === 360;

    it(`people list at ${size} px: the person opens from the row`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'canbo.xa', opts);
      await page.goto(`${baseUrl()}/people`);
      const row = page.getByTestId('people-row').first();
      await row.waitFor();
      expect(await layoutOf(page, 'people-list')).toBe(phone ? 'card' : 'table');
      if (!phone) expect(await page.getByTestId('people-list').locator('th').count()).toBeGreaterThanOrEqual(4);
      // A unit out of context names its commune ("Chi bộ … · Đảng ủy xã …").
      expect(await row.textContent()).toContain(' · ');
      await screenshot(page, `wide-people-${size}`, false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(size);
      const link = row.getByRole('link').first();
      await inReach(link, size);
      await link.click();
      await page.getByTestId('person-name').waitFor();
    }, 60_000);

    it(`review board at ${size} px: the secretary's self-assessment is tapped in place`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'bithu', opts);
      await page.goto(`${baseUrl()}/review?cycle=${cycleId}&unit=${cellId}`);
      const row = page.getByTestId(`review-${phone ? 'card' : 'row'}-${secretary}`).first();
      await row.waitFor();
      expect(await layoutOf(page, 'review-board')).toBe(phone ? 'card' : 'table');
      // The status in full words, never cut ("CHƯA TỰ ĐÁ…").
      expect(await row.getByTestId('row-status').textContent()).toBe('Chưa tự đánh giá');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(size);
      const action = row.getByTestId('action-self');
      await inReach(action, size);
      await screenshot(page, `wide-review-${size}`, false); // the row and its action on screen
      await action.click();
      await page.getByTestId('modal-self').locator('[data-testid^="score-"]').first().waitFor();
    }, 60_000);

    it(`supervision cases at ${size} px: a case opens from its row`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'canbo.xa', opts);
      await page.goto(`${baseUrl()}/supervision`);
      const row = page.getByTestId('supervision-case').first();
      await row.waitFor();
      expect(await layoutOf(page, 'supervision-cases')).toBe(phone ? 'card' : 'table');
      // The cell is named with its commune.
      expect(await row.textContent()).toMatch(/ · /);
      await screenshot(page, `wide-cases-${size}`, false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(size);
      await inReach(row, size);
      await row.click();
      await page.waitForURL(/\/supervision\/[0-9a-f-]{36}/);
      await page.getByTestId('case-content').waitFor();
    }, 60_000);
  }
});
