// The quality-score distribution side by side (issue 11): a commune officer's dashboard shows, under the commune's own
// chart, each of its cells' shares of the four bands — a stacked bar and the shares in Vietnamese numbers, the cells
// with the lowest share "Tốt" first, each named with its commune — as a table at 1280 px and as cards at 360 px
// without sideways scrolling; the province's shows its communes the same way. Screenshots: .tmp/e2e/dashboard-children-*.png.
import { describe, expect, it } from 'vitest';
import { apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };
const pct = (v: number | null) => (v === null ? '—' : `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} %`);

type Dash = {
  unit: { id: string; name: string };
  children: { unit: { id: string; name: string }; moduleFigures: { key: string; value: number | null }[] }[];
};

/** The children in the order the page lists them: the lowest share Good first, those without scored meetings last. */
function expectedOrder(d: Dash) {
  const good = (c: Dash['children'][number]) => c.moduleFigures.find((m) => m.key === 'meetings.quality.good')!.value;
  const scored = d.children.filter((c) => good(c) !== null);
  return { scored, lowest: [...scored].sort((a, b) => good(a)! - good(b)!)[0]!, good };
}

describe('the quality distribution of the children side by side', () => {
  const browser = useBrowser();

  for (const [label, options] of [['1280', DESK], ['360', PHONE]] as const) {
    it(`a commune officer compares the commune's cells (${label} px)`, async (ctx) => {
      const api = await apiAs('canbo.xa');
      const d = (await api.get('/api/dashboard')) as Dash;
      await api.dispose();
      const { scored, lowest, good } = expectedOrder(d);
      expect(d.children.length).toBeGreaterThan(3);
      expect(scored.length).toBeGreaterThan(1);

      const page = await signedInPage(browser(), ctx, 'canbo.xa', options);
      await page.goto(`${baseUrl()}/dashboard`);
      const table = page.getByTestId('module-chart-children');
      await table.waitFor();
      const rows = table.getByTestId('module-chart-child');
      await expect.poll(() => rows.count()).toBe(d.children.length);
      const first = (await rows.first().textContent())!;
      // the cell with the lowest share Good comes first, named with its commune, its share in Vietnamese numbers
      expect(first).toContain(lowest.unit.name);
      expect(first).toContain(d.unit.name);
      expect(first).toContain(pct(good(lowest)));
      expect((await page.getByTestId('module-chart-meetings.figures.qualityChart').textContent())!).toContain('Từng đơn vị trực thuộc');
      if (label === '360') expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, `dashboard-children-commune-${label}`, false);
    });
  }

  it('the province administrator compares the communes (1280 px)', async (ctx) => {
    const api = await apiAs('admin');
    const d = (await api.get('/api/dashboard')) as Dash;
    await api.dispose();
    const { lowest, good } = expectedOrder(d);
    const page = await signedInPage(browser(), ctx, 'admin', DESK);
    await page.goto(`${baseUrl()}/dashboard`);
    const rows = page.getByTestId('module-chart-children').getByTestId('module-chart-child');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(d.children.length);
    expect((await rows.first().textContent())!).toContain(pct(good(lowest)));
    await page.getByTestId('module-chart-children').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-children-province-1280', false);
  });
});
