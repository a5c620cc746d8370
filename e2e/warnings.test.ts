// The early-warning journey: three reports pile up about a cell; the commune officer (canbo.xa) sees the open warnings
// as a task on the home page, taps it, finds the cell flagged on the warnings page, reads why in words (how many, threshold, window, the cases by their own numbers), acknowledges it
// and takes the follow-up; the cell moves to another commune and its warning (and its open cases) go with it, to
// canbo.xa2; there a case concluded unfounded stops counting. At 360 px and 1280 px, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
const vi = (iso: string) => iso.split('-').reverse().join('/');

describe('early warning (commune officer → moved cell → unfounded case)', () => {
  const browser = useBrowser();
  let admin: Api;
  let officer: Api;
  let officer2: Api;
  let communeA: { id: string; name: string };
  let communeB: { id: string; name: string };
  let cell: { id: string; name: string };
  const cases: { id: string; number: string }[] = [];
  const stamp = Date.now();

  beforeAll(async () => {
    admin = await apiAs('admin');
    officer = await apiAs('canbo.xa');
    officer2 = await apiAs('canbo.xa2');
    const users = (await admin.get('/api/users')).items as { username: string; roles: { unitId: string }[] }[];
    const unitOf = (u: string) => users.find((x) => x.username === u)!.roles[0].unitId;
    const a = await admin.get(`/api/units/${unitOf('canbo.xa')}`);
    const b = await admin.get(`/api/units/${unitOf('canbo.xa2')}`);
    communeA = { id: a.unit.id, name: a.unit.name };
    communeB = { id: b.unit.id, name: b.unit.name };
    // A cell of commune A with no warning yet: only what this journey adds flags it.
    const flagged = new Set(((await officer.get('/api/warnings')).items as { cell: { id: string } }[]).map((w) => w.cell.id));
    // …and no case at all (a report or two below the threshold, from another journey, would count with these three).
    let c: { id: string; name: string } | undefined;
    for (const u of a.children as { id: string; name: string; kind: string; validTo: string | null }[]) {
      if (u.kind !== 'cell' || u.validTo || flagged.has(u.id)) continue;
      if (((await officer.get(`/api/supervision/cases?unitId=${u.id}`)).items as unknown[]).length === 0) {
        c = u;
        break;
      }
    }
    if (!c) throw new Error('no cell of commune A without cases');
    cell = { id: c.id, name: c.name };
    for (let i = 0; i < 3; i++)
      await admin.post('/api/supervision/reports', { cellId: cell.id, category: 'complaint', subject: 'village', content: `Phản ánh ${stamp}-${i}: việc giao đất ở thôn không công khai.` });
    // The cell had no warning before: the cases behind its new one are these three.
    type W = { cell: { id: string }; signals: { key: string; evidence: { id: string; ref: string }[] }[] };
    const w = ((await officer.get('/api/warnings')).items as W[]).find((y) => y.cell.id === cell.id)!;
    for (const e of w.signals.find((s) => s.key === 'supervision.reports_in_window')!.evidence) cases.push({ id: e.id, number: e.ref });
    expect(cases).toHaveLength(3);
  });

  afterAll(async () => {
    await Promise.all([admin?.dispose(), officer?.dispose(), officer2?.dispose()]);
  });

  const card = (page: import('playwright-core').Page) => page.locator(`[data-testid="warning"][data-key="cell:${cell.id}"]`);

  for (const width of [360, 1280]) {
    it(`at ${width} px the commune officer sees the flagged cell and reads why`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'canbo.xa', { viewport: { width, height: 900 } });
      // From the home page: the open warnings are a task, one tap to the list.
      await page.goto(`${baseUrl()}/`);
      const task = page.getByTestId('task-warnings.open');
      await task.waitFor();
      expect(await task.textContent()).toMatch(/^Cảnh báo sớm chưa xem: [\d.]+ — trước hết .+ \(.+\)/);
      await screenshot(page, `warnings-home-${width}`, false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      await task.click();
      await page.waitForURL(/\/warnings\?status=open/);
      await card(page).waitFor();
      expect(await card(page).getByTestId('warning-title').textContent()).toBe(cell.name);
      expect(await card(page).getByTestId('warning-commune').textContent()).toBe(communeA.name);
      const sentence = card(page).locator('[data-signal="supervision.reports_in_window"]').getByTestId('warning-sentence');
      expect(await sentence.textContent()).toBe('3 phản ánh trong 180 ngày qua (ngưỡng 3)');
      for (const x of cases) await card(page).locator('[data-signal="supervision.reports_in_window"]').getByRole('link', { name: new RegExp(`^${x.number}, ngày`) }).waitFor();
      await card(page).scrollIntoViewIfNeeded();
      await screenshot(page, `warnings-list-${width}`, false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      // The tab is in the URL: a link opens it, Back returns.
      await page.getByTestId('tab-communes').click();
      await page.waitForURL(/tab=communes/);
      await page.getByTestId('warning-communes').getByText(communeA.name).waitFor();
      await screenshot(page, `warnings-communes-${width}`, false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      await page.goBack();
      await card(page).waitFor();
    });
  }

  it('the commune officer acknowledges it and takes the follow-up', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', { viewport: { width: 360, height: 900 } });
    await page.goto(`${baseUrl()}/warnings`);
    await card(page).getByTestId('warning-acknowledge').click();
    // Acknowledged warnings leave the "open" filter: look at all of them.
    await page.getByTestId('warning-filter').getByText('Tất cả').click();
    await page.waitForURL(/status=all/);
    await expect.poll(() => card(page).getByTestId('warning-status').textContent(), { timeout: 10_000 }).toBe('Đã tiếp nhận');
    await card(page).getByTestId('warning-follow-up-open').click();
    // The acknowledgement's "saved" toast does not cover the dialog's title at 360 px (it did: the toasts sit above
    // every layer, at the top): the dialog takes it away as it opens.
    const header = page.locator('.mantine-Modal-header');
    await header.waitFor();
    const covered = async () => {
      const h = (await header.boundingBox())!;
      for (const n of await page.locator('.mantine-Notification-root').all()) {
        const b = await n.boundingBox();
        if (b && b.y < h.y + h.height && h.y < b.y + b.height && b.x < h.x + h.width && h.x < b.x + b.width) return true;
      }
      return false;
    };
    await expect.poll(covered, { timeout: 1500 }).toBe(false);
    await screenshot(page, 'warnings-follow-up-open-360', false);
    // The picker offers the officers of the cell's branch who may work it, the reader first chosen; the province's
    // inspection is found by searching, and commune B's officer is not offered at all.
    const picker = page.getByTestId('follow-up-assignee');
    await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toContain('(canbo.xa, chính đồng chí)');
    await picker.click();
    await picker.fill('kiemtra');
    const option = page.getByRole('option', { name: /\(kiemtra\)$/ });
    await option.waitFor();
    await screenshot(page, 'warnings-assignee-360', false);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await picker.fill('canbo.xa2');
    await page.getByText('Không có cán bộ phù hợp').waitFor();
    await picker.fill('kiemtra');
    await option.click();
    const by = new Date(Date.now() + 14 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    await page.getByTestId('follow-up-by').fill(vi(by));
    await page.getByTestId('follow-up-by').press('Tab');
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => card(page).getByTestId('warning-follow-up').textContent(), { timeout: 10_000 }).toContain(vi(by));
    expect(await card(page).getByTestId('warning-follow-up').textContent()).toContain('Ủy ban Kiểm tra');
    await card(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'warnings-acknowledged-360', false);
  });

  it('at 1280 px the follow-up is given back to the commune officer through the picker', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', { viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl()}/warnings?status=all`);
    await card(page).getByTestId('warning-follow-up-open').click();
    const picker = page.getByTestId('follow-up-assignee');
    await picker.click();
    await picker.fill('canbo.xa');
    const me = page.getByRole('option', { name: /\(canbo\.xa, chính đồng chí\)$/ });
    await me.waitFor();
    expect(await page.getByRole('option').count()).toBe(1);
    await screenshot(page, 'warnings-assignee-1280', false);
    await me.click();
    const by = new Date(Date.now() + 21 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    await page.getByTestId('follow-up-by').fill(vi(by));
    await page.getByTestId('follow-up-by').press('Tab');
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => card(page).getByTestId('warning-follow-up').textContent(), { timeout: 10_000 }).toContain(vi(by));
    expect(await card(page).getByTestId('warning-follow-up').textContent()).not.toContain('Ủy ban Kiểm tra');
  });

  it('the cell moves to another commune and the warning goes with it; a case found unfounded stops counting', async (ctx) => {
    await admin.post(`/api/units/${cell.id}/move`, { parentId: communeB.id, date: today() });
    expect(((await officer.get('/api/warnings')).items as { cell: { id: string } }[]).some((w) => w.cell.id === cell.id)).toBe(false);
    const page = await signedInPage(browser(), ctx, 'canbo.xa2', { viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl()}/warnings?status=all`);
    await card(page).waitFor();
    expect(await card(page).getByTestId('warning-commune').textContent()).toBe(communeB.name);
    await card(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'warnings-moved-1280', false);
    // The open case went with the cell: commune B concludes it unfounded.
    for (const body of [{ to: 'accepted' }, { to: 'verifying' }, { to: 'concluded', conclusion: 'unfounded', measure: 'none', publicReply: 'Đã xác minh: phản ánh không có cơ sở.' }])
      await officer2.post(`/api/supervision/cases/${cases[0].id}/status`, body);
    await page.reload();
    await page.getByTestId('warning').first().or(page.getByText('Không có cảnh báo.')).waitFor();
    expect(await card(page).locator('[data-signal="supervision.reports_in_window"]').count()).toBe(0);
    await screenshot(page, 'warnings-unfounded-1280', false);
  });

  for (const width of [360, 1280]) {
    it(`at ${width} px the province board reads and edits the signals' settings without sideways scrolling`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'admin', { viewport: { width, height: 900 } });
      await page.goto(`${baseUrl()}/warnings?tab=settings`);
      const form = page.getByTestId('warning-settings');
      await form.waitFor();
      await screenshot(page, `warnings-settings-${width}`, true);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      // Every field and the save button lie inside the viewport's width.
      const boxes = await form.locator('input, button').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right }; }));
      expect(boxes.length).toBeGreaterThan(10);
      for (const b of boxes) expect(b.left >= 0 && b.right <= width, JSON.stringify(b)).toBe(true);
      // The threshold and window of a signal stand side by side with their labels on one line each, so the two
      // fields line up (a label wrapped to two lines pushed its field down at 360 px).
      const heights = await form.locator('input[data-testid^="setting-"]').evaluateAll((els) => els.map((e) => document.querySelector(`label[for="${e.id}"]`)!.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(10);
      expect(new Set(heights.map((h) => Math.round(h))).size, JSON.stringify(heights)).toBe(1);
      // No label is cut off: each label's text fits its box.
      const cut = await form.locator('label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(cut).toEqual([]);
      // Each threshold names its unit (days, reports, people, full members, levels…), the window its days.
      const unitOf = (testId: string) => form.getByTestId(testId).evaluate((e) => (e.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim());
      expect(await unitOf('setting-threshold-dashboard.no_secretary')).toBe('Đơn vị: ngày');
      expect(await unitOf('setting-threshold-supervision.reports_in_window')).toBe('Đơn vị: phản ánh');
      expect(await unitOf('setting-threshold-supervision.same_matter')).toBe('Đơn vị: người');
      expect(await unitOf('setting-threshold-dashboard.under_full_members')).toBe('Đơn vị: đảng viên chính thức');
      expect(await unitOf('setting-window-supervision.reports_in_window')).toBe('Đơn vị: ngày');
    });
  }
});
