// The demo shows the signal the article is about (issue 17): on a fresh start, the demo commune officer (canbo.xa)
// opens the early-warning page and finds the demo's planted pile-up in their commune — reports about a cell and its
// secretary over the last months, one matter reported by two people (one of them wrote their name and phone two
// ways) — read as sentences, at 360 px and 1280 px, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

type Signal = { key: string; count: number; params: Record<string, unknown>; evidence: { ref: string }[] };
type W = { key: string; kind: string; cell: { id: string; name: string }; signals: Signal[] };

describe('the demo pile-up on the warnings page (commune officer)', () => {
  const browser = useBrowser();
  let officer: Api;
  let w: W;

  beforeAll(async () => {
    officer = await apiAs('canbo.xa');
    const items = (await officer.get('/api/warnings')).items as W[];
    // The demo's linked matter (an officer linked the cases): on the cell's warning.
    w = items.find((x) => x.kind === 'cell' && x.signals.some((s) => s.key === 'supervision.same_matter' && s.params.linked === true))!;
    expect(w, 'the demo pile-up in canbo.xa’s commune').toBeDefined();
  });

  afterAll(async () => {
    await officer?.dispose();
  });

  for (const width of [360, 1280]) {
    it(`at ${width} px the officer reads the demo's pile-up in words`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'canbo.xa', { viewport: { width, height: 900 } });
      await page.goto(`${baseUrl()}/warnings`);
      const card = page.locator(`[data-testid="warning"][data-key="${w.key}"]`);
      await card.waitFor();
      expect(await card.getByTestId('warning-title').textContent()).toBe(w.cell.name);
      const reports = card.locator('[data-signal="supervision.reports_in_window"]').getByTestId('warning-sentence');
      expect(await reports.textContent()).toBe('4 phản ánh trong 180 ngày qua (ngưỡng 3)');
      const same = card.locator('[data-signal="supervision.same_matter"]').getByTestId('warning-sentence');
      expect(await same.textContent()).toMatch(/^2 người /);
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, `demo-warnings-${width}`, false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    });
  }
});
