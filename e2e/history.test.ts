// The tree's past as a person meets it (issue 16; issue 14's defect 4): two cells of the demo merge today; the
// merged cell viewed on an earlier day shows what it was formed from and leads there, not to "not found"; the old
// cell says what it became, offers no reshaping, and its dashboard points to the new one; a date before the tree
// keeps the date box; impossible and future dates are refused at the box in Vietnamese. At 1280 px and 360 px;
// screenshots go to .tmp/e2e/history-*.png.
import { describe, expect, it } from 'vitest';
import { formatDateVi, todayIso } from '../src/domain/dates.js';
import { apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

describe('the tree on past dates', () => {
  const browser = useBrowser();
  const today = todayIso();
  const yesterday = addDays(today, -1);
  let merged = { id: '', name: '' };
  let sources: { id: string; name: string }[] = [];

  it('a merged cell viewed before its merge lands on what it was formed from', async (ctx) => {
    const api = await apiAs('admin');
    const communes = (await api.get('/api/units/search', { kind: 'commune', q: 'Minh Quang' })).items as { id: string }[];
    const commune = await api.get(`/api/units/${communes[0]!.id}`);
    sources = (commune.children as { id: string; name: string }[]).slice(-2);
    merged = (await api.post('/api/units/merge', { sourceIds: sources.map((s) => s.id), name: `Chi bộ hợp nhất ${Date.now() % 100000}`, date: today })).unit;
    await api.dispose();

    const page = await signedInPage(browser(), ctx, 'admin', DESK);
    await page.goto(`${baseUrl()}/units/${merged.id}?date=${yesterday}`);
    const notYet = page.getByTestId('unit-not-yet');
    await notYet.waitFor();
    expect((await notYet.textContent())!.toLowerCase()).toContain(`thành lập ngày ${formatDateVi(today)}`);
    const links = page.getByTestId('unit-predecessors').getByRole('link');
    expect((await links.allTextContents()).sort()).toEqual(sources.map((s) => s.name).sort());
    await screenshot(page, 'history-not-yet-1280');
    const href = (await links.first().getAttribute('href'))!;
    expect(href).toContain(`date=${yesterday}`);
    await links.first().click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
    await expect.poll(async () => page.getByTestId('unit-name-title').textContent()).not.toBe(merged.name);
    const title = (await page.getByTestId('unit-name-title').textContent())!;
    expect(sources.map((s) => s.name)).toContain(title);
    // Open on that day, closed later: it says what it became and offers no reshaping.
    const closed = page.getByTestId('unit-closed');
    await closed.waitFor();
    expect(await closed.textContent()).toContain(merged.name);
    expect(await page.getByTestId('action-unit-rename').count()).toBe(0);
    expect(await page.getByTestId('action-unit-merge').count()).toBe(0);
    await screenshot(page, 'history-predecessor-1280');
  });

  it('the old cell\'s dashboard today points to the merged one; its history reads as sentences', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin', DESK);
    await page.goto(`${baseUrl()}/dashboard/${sources[0]!.id}?date=${today}`);
    const elsewhere = page.getByTestId('dashboard-elsewhere');
    await elsewhere.waitFor();
    expect(await elsewhere.textContent()).toContain('hợp nhất');
    await page.getByTestId('dashboard-elsewhere-link').click();
    await page.getByTestId('dashboard-unit').waitFor();
    expect(await page.getByTestId('dashboard-unit').textContent()).toContain(merged.name);

    await page.goto(`${baseUrl()}/units/${sources[0]!.id}/history`);
    const closedLine = page.getByTestId('unit-story-closed');
    await closedLine.waitFor();
    expect(await closedLine.textContent()).toBe(`${formatDateVi(today)}: hợp nhất vào ${merged.name}`);
    const text = (await page.getByTestId('unit-story').textContent())!;
    expect(text).not.toMatch(/unit\.|[0-9a-f]{8}-[0-9a-f]{4}/);
    await screenshot(page, 'history-story-1280');
  });

  it('a date before the tree keeps the date box; impossible and future dates are refused at the box (360 px)', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'admin', PHONE);
    await page.goto(`${baseUrl()}/units?date=2025-06-30`);
    await page.getByTestId('unit-child').first().waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Cây tổ chức tại ngày 30/06/2025');
    expect(await page.getByTestId('unit-not-yet-badge').count()).toBeGreaterThan(0);
    const box = page.getByTestId('as-of-date');
    expect(await box.isVisible()).toBe(true);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'history-before-tree-360');

    await box.fill('31/02/2024');
    await page.getByRole('heading', { level: 2 }).click();
    await expect.poll(async () => (await page.locator('.mantine-InputWrapper-error').allTextContents()).join(' ')).toContain('Ngày không hợp lệ');
    expect(page.url()).toContain('date=2025-06-30'); // the figures stay where they were, and say so by the date
    const future = formatDateVi(addDays(today, 40));
    await box.fill(future);
    await page.getByRole('heading', { level: 2 }).click();
    await expect.poll(async () => (await page.locator('.mantine-InputWrapper-error').allTextContents()).join(' ')).toContain('Ngày trong tương lai');
    expect(page.url()).toContain('date=2025-06-30');
    await screenshot(page, 'history-future-refused-360');

    // The merged cell before its merge, on a phone: the way to its predecessors is there, nothing overflows.
    await page.goto(`${baseUrl()}/units/${merged.id}?date=${yesterday}`);
    await page.getByTestId('unit-predecessors').waitFor();
    await page.waitForTimeout(500); // anything else the page asks for has answered
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'history-not-yet-360');
  });
});

// The demo province's five years (issue 16): `npm start` loads old Tuyên Quang and Hà Giang with their districts and
// communes until 30/06/2025 and the reform of 01/07/2025; the province admin sees that tree on a past date, with
// figures, and a new commune opened on a day before it existed leads to the communes it was formed from.
describe('the tree before the 2025 reform', () => {
  const browser = useBrowser();
  const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

  for (const [label, view] of [['1280', DESK], ['360', PHONE]] as const) {
    it(`the province's dashboard on 31/12/2024 shows the old provinces and their districts with figures (${label} px)`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'admin', view);
      await page.goto(`${baseUrl()}/dashboard?date=2024-12-31`);
      await page.getByTestId('dashboard-child').first().waitFor();
      const rows = await page.getByTestId('dashboard-child').allTextContents();
      expect(rows.some((r) => r.includes('Tuyên Quang'))).toBe(true);
      expect(rows.some((r) => r.includes('Hà Giang'))).toBe(true);
      expect(rows).toHaveLength(2);
      expect(digits(await page.getByTestId('figure-members').textContent())).toBeGreaterThan(1000);
      expect(digits(await page.getByTestId('figure-cells').textContent())).toBeGreaterThan(1000);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(view.viewport.width);
      await screenshot(page, `history-old-provinces-${label}`);

      // Hà Giang as it was then: its districts, each with its cells and members.
      await page.getByTestId('dashboard-child').filter({ hasText: 'Hà Giang' }).getByRole('link').click();
      await expect.poll(async () => page.getByTestId('dashboard-unit').textContent()).toContain('Hà Giang');
      await page.getByTestId('dashboard-child').first().waitFor();
      const districts = await page.getByTestId('dashboard-child').allTextContents();
      expect(districts.length).toBeGreaterThanOrEqual(5);
      expect(districts.every((d) => /^(Huyện|Thành phố|Thị xã)/.test(d))).toBe(true);
      expect(digits(await page.getByTestId('figure-members').textContent())).toBeGreaterThan(100);
      expect(page.url()).toContain('date=2024-12-31');
      await screenshot(page, `history-old-districts-${label}`);
    });

    it(`a new commune opened on 15/06/2025 lands on the communes it was formed from (${label} px)`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'admin', view);
      await page.goto(`${baseUrl()}/dashboard`);
      await page.getByTestId('dashboard-child').first().waitFor();
      const href = (await page.getByTestId('dashboard-child').first().getByRole('link').getAttribute('href'))!;
      const communeId = href.split('/').pop()!.split('?')[0]!;
      const newName = (await page.getByTestId('dashboard-child').first().getByRole('link').textContent())!;

      await page.goto(`${baseUrl()}/units/${communeId}?date=2025-06-15`);
      await page.getByTestId('unit-not-yet').waitFor();
      expect(await page.getByTestId('unit-not-yet').textContent()).toContain('01/07/2025');
      const links = page.getByTestId('unit-predecessors').getByRole('link');
      expect(await links.count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByText(/không tìm thấy/i).count()).toBe(0);
      // Its figures on that day: the sum of the communes that stood for it, which are listed with theirs.
      const summed = page.getByTestId('unit-predecessors-figures');
      await summed.waitFor();
      expect(await summed.getByRole('heading', { level: 4 }).first().textContent()).toBe('Số liệu ngày 15/06/2025: tổng của các đơn vị tiền thân');
      const api = await apiAs('admin');
      const own = await Promise.all(
        (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').pop()!.split('?')[0]!))).map(
          async (id) => (await api.get(`/api/units/${id}`, { date: '2025-06-15' })).figures as { members: number; cells: number; secretaries: number },
        ),
      );
      await api.dispose();
      for (const [key, testId] of [['members', 'figure-members'], ['cells', 'figure-cells'], ['secretaries', 'figure-secretaries']] as const) {
        const sum = own.reduce((n, f) => n + f[key], 0);
        expect(sum).toBeGreaterThan(0);
        expect(digits(await summed.getByTestId(testId).textContent()), key).toBe(sum);
      }
      expect(await summed.getByTestId('unit-child').count()).toBe(own.length);
      expect(await page.getByTestId('error-alert').count()).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(view.viewport.width);
      await screenshot(page, `history-commune-before-reform-${label}`);

      const oldName = (await links.first().textContent())!;
      await links.first().click();
      await expect.poll(async () => page.getByTestId('unit-name-title').textContent()).toBe(oldName);
      // Another unit (an old commune may have the name its new commune kept), on the same day.
      await page.waitForURL((url) => !url.pathname.endsWith(communeId));
      expect(page.url()).toContain('date=2025-06-15');
      // The old commune on that day: open, with its cells; it says it merged into the new commune.
      await page.getByTestId('unit-child').first().waitFor();
      const closed = page.getByTestId('unit-closed');
      await closed.waitFor();
      expect(await closed.textContent()).toContain(newName);
      expect(await page.getByTestId('error-alert').count()).toBe(0);
      await screenshot(page, `history-old-commune-${label}`);
    });

    it(`the review page shows the old Tuyên Quang province's 2024 results: 96.3 % of secretaries good or better (${label} px)`, async (ctx) => {
      const api = await apiAs('admin');
      const cycles = (await api.get('/api/review/cycles')).items as { id: string; year: number; title: string }[];
      await api.dispose();
      const cycle = cycles.find((c) => c.year === 2024 && c.title.includes('Tỉnh Tuyên Quang'))!;
      expect(cycle).toBeTruthy();
      const page = await signedInPage(browser(), ctx, 'admin', view);
      await page.goto(`${baseUrl()}/review?cycle=${cycle.id}`);
      const figures = page.getByTestId('review-figures');
      await figures.waitFor();
      expect(await figures.getByRole('heading', { level: 4 }).first().textContent()).toContain('Tỉnh Tuyên Quang');
      expect(await figures.getByTestId('rate-secretaries').textContent()).toMatch(/^96,3\s?%$/);
      // the old years' reviews hold cells and secretaries only: the member line says so in words
      expect(await figures.getByTestId('review-trend-no-members').textContent()).toBe('Chưa ghi nhận kết quả xếp loại đảng viên các năm 2020, 2021, 2022, 2023, 2024');
      expect(await page.getByTestId('error-alert').count()).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(view.viewport.width);
      await figures.scrollIntoViewIfNeeded();
      await screenshot(page, `history-review-2024-${label}`);
    });
  }
});

// A cell's congresses and its secretaries with dates (issue 16): the demo's cells held theirs in 2020 and 2025; the
// page lists them with the secretaries' and deputies' terms; recording one dated in the future is refused in Vietnamese.
describe("a cell's congresses", () => {
  const browser = useBrowser();

  for (const [label, view] of [['1280', DESK], ['360', PHONE]] as const) {
    it(`the cell page lists its congresses and secretaries with dates; a future congress is refused (${label} px)`, async (ctx) => {
      const api = await apiAs('admin');
      const communes = (await api.get('/api/units/search', { kind: 'commune', q: 'Minh Quang' })).items as { id: string }[];
      const commune = await api.get(`/api/units/${communes[0]!.id}`);
      let cell = '';
      let history: { congresses: { heldOn: string; termFrom: number; termTo: number; secretary: { fullName: string } }[]; terms: unknown[] } | null = null;
      for (const c of commune.children as { id: string }[]) {
        const h = await api.get(`/api/cells/${c.id}/congresses`);
        if (h.congresses.length >= 2) {
          cell = c.id;
          history = h;
          break;
        }
      }
      await api.dispose();
      expect(history).not.toBeNull();

      const page = await signedInPage(browser(), ctx, 'admin', view);
      await page.goto(`${baseUrl()}/units/${cell}`);
      const box = page.getByTestId('cell-congresses');
      await box.getByTestId('congress-row').first().waitFor();
      const rows = await box.getByTestId('congress-row').allTextContents();
      expect(rows).toHaveLength(history!.congresses.length);
      const last = history!.congresses[0]!;
      expect(rows[0]).toContain(`Đại hội ngày ${formatDateVi(last.heldOn)}, nhiệm kỳ ${last.termFrom}–${last.termTo}`);
      expect(rows[0]).toContain(last.secretary.fullName);
      expect(await box.getByTestId('secretary-term').count()).toBe(history!.terms.length);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(view.viewport.width);
      await box.scrollIntoViewIfNeeded();
      await screenshot(page, `history-congresses-${label}`);

      await box.getByTestId('congress-record').click();
      const modal = page.getByRole('dialog');
      await modal.getByTestId('congress-secretary').click();
      await page.getByRole('option').first().click();
      const nextYear = new Date().getUTCFullYear() + 1;
      await modal.getByTestId('congress-held-on').fill(`15/01/${nextYear}`);
      await modal.getByTestId('congress-held-on').press('Tab');
      await modal.getByTestId('congress-submit').click();
      await expect.poll(async () => (await modal.getByTestId('error-alert').textContent()) ?? '').toContain('Ngày đại hội ở tương lai');
      // The refused field says why under itself, as the alert's "the marked fields" promises.
      await expect.poll(() => modal.getByText('Ngày đại hội ở tương lai', { exact: true }).count()).toBe(1);
      // The modal as the person sees it (a full-page shot leaves the fixed modal out of view): the screen, not the page.
      await modal.getByTestId('error-alert').scrollIntoViewIfNeeded();
      await screenshot(page, `history-congress-refused-${label}`, false);
      if (view.viewport.width <= 360) {
        const box = await modal.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= view.viewport.width, 'the modal fits the phone').toBe(true);
      }
      await page.keyboard.press('Escape');
      // Nothing was saved.
      const again = await apiAs('admin');
      expect((await again.get(`/api/cells/${cell}/congresses`)).congresses).toHaveLength(history!.congresses.length);
      await again.dispose();
    });
  }
});
