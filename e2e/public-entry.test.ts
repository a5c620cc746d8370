// Issue 14: the public pages have an entry of their own (public.html: plain HTML, no Mantine), lighter than the app.
// Each public page at 360 and 1280 px: no component library on the page, no sideways scrolling, no serious or
// critical axe finding, nothing refused by the Content-Security-Policy; the language switch; a wrong receipt code
// is a plain sentence; and an error alert shows the technical request id only for a server failure, in the app's
// alert (ErrorAlert) and in the public pages' one (ErrorBox). Screenshots go to .tmp/e2e/public-*.png.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs, baseUrl, newPage, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

/** Serious or critical axe findings (WCAG 2.1 AA) on the page as it is. */
async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return (r.violations as any[]).filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => (v.nodes as any[]).map((n) => `${v.id}: ${(n.target as string[]).join(' ')}`));
  });
}

/** A 4xx or 5xx in the one error shape, with a request id, for a route the page calls. */
const failWith = (status: number, requestId: string, code: string) => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify({ error: { code, message: code, requestId, fields: [] } }),
});

describe('the public entry (issue 14)', () => {
  const browser = useBrowser();
  let admin: Api;
  let consultationId: string | null = null;

  beforeAll(async () => {
    admin = await apiAs('admin');
    const list = (await admin.get('/api/consultations')).items as { id: string }[] | undefined;
    consultationId = list?.[0]?.id ?? null;
  });
  afterAll(async () => {
    await admin?.dispose();
  });

  const pages = () => [
    { name: 'report', path: '/gop-y', ready: 'report-submit' },
    { name: 'follow', path: '/gop-y/theo-doi', ready: 'follow-submit' },
    { name: 'verify', path: '/xac-minh', ready: 'verify-submit' },
    { name: 'results', path: '/results/contest/2025', ready: 'public-results' },
    ...(consultationId ? [{ name: 'consultation', path: `/tham-van/${consultationId}`, ready: 'public-question' }] : []),
  ];

  for (const [size, options] of [['360', PHONE], ['1280', DESK]] as const) {
    it(`each public page is plain HTML, fits ${size} px, passes axe and the CSP`, { timeout: 120_000 }, async (ctx) => {
      expect(consultationId, 'the demo has a consultation').not.toBeNull();
      const page = await newPage(browser(), ctx, options);
      const refused: string[] = [];
      page.on('console', (m) => /Content[- ]Security[- ]Policy/i.test(m.text()) && refused.push(m.text()));
      for (const p of pages()) {
        await page.goto(`${baseUrl()}${p.path}`);
        await page.getByTestId(p.ready).first().waitFor();
        // The public entry: its own document, no Mantine element or style on the page, no app shell.
        expect(await page.locator('[class*="mantine-"]').count(), p.name).toBe(0);
        expect(await page.locator('meta[name="csp-nonce"]').count(), p.name).toBe(0);
        expect(await scrollWidth(page), p.name).toBeLessThanOrEqual(options.viewport.width);
        expect(await axeFindings(page), p.name).toEqual([]);
        await screenshot(page, `public-${p.name}-${size}`);
      }
      expect(refused).toEqual([]);
    });
  }

  it('switches to English: labels and a refused field in English, naming the field; back to Vietnamese (360 px)', async (ctx) => {
    const page = await newPage(browser(), ctx, PHONE);
    await page.goto(`${baseUrl()}/gop-y`);
    await page.getByTestId('report-submit').waitFor();
    await page.getByTestId('lang-switch').getByRole('button', { name: 'EN' }).click();
    await expect.poll(async () => page.getByTestId('report-submit').textContent()).toBe('Send');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('report-submit').click();
    // The cell's own box says what to do, in English, under the cell's label.
    const cell = page.getByLabel('Village or residential group (party cell)');
    await expect.poll(async () => cell.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await cell.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('Choose one from the list');
    expect(await page.locator('form').textContent()).not.toMatch(/Invalid|UUID|expected|received|Hãy chọn/);
    await screenshot(page, 'public-report-en-360');
    await page.getByTestId('lang-switch').getByRole('button', { name: 'VI' }).click();
    await expect.poll(async () => page.getByTestId('report-submit').textContent()).toBe('Gửi');
  });

  it('moves between public pages without a page load: the title takes the focus and names the tab; Back returns (1280 px)', async (ctx) => {
    const page = await newPage(browser(), ctx, DESK);
    await page.goto(`${baseUrl()}/gop-y`);
    await page.getByTestId('report-submit').waitFor();
    await page.evaluate(() => ((window as any).sameDocument = true));
    await page.getByRole('link', { name: 'Theo dõi góp ý bằng mã tra cứu' }).click();
    await page.waitForURL(/\/gop-y\/theo-doi$/);
    await page.getByTestId('follow-submit').waitFor();
    expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Theo dõi góp ý bằng mã tra cứu');
    expect(await page.title()).toBe('Theo dõi góp ý bằng mã tra cứu — chibo');
    await page.goBack();
    await page.getByTestId('report-submit').waitFor();
    expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
  });

  it("a portal article's 'send your opinion' opens the report form with the article in its text (360 px)", async (ctx) => {
    const page = await newPage(browser(), ctx, PHONE);
    const about = 'Chi bộ thôn lấy ý kiến về làm đường — /tin/vi/bai/lam-duong';
    await page.goto(`${baseUrl()}/gop-y?bai=${encodeURIComponent(about)}`);
    await expect.poll(async () => page.getByTestId('report-content').inputValue()).toContain(about);
  });

  it("a member's anonymous report inside the app: the follow button takes the code to the public follow page, without asking to leave (360 px)", async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'dangvien', PHONE);
    await page.goto(`${baseUrl()}/supervision`);
    await page.getByTestId('report-named-as').waitFor();
    await page.getByTestId('report-anonymous').check();
    await page.getByTestId('report-commune').selectOption({ index: 1 });
    await expect.poll(() => page.getByTestId('report-cell').locator('option').count()).toBeGreaterThan(1);
    await page.getByTestId('report-cell').selectOption({ index: 1 });
    await page.getByTestId('report-content').fill(`Góp ý giấu tên của đảng viên ${Date.now()}: cần công khai lịch sinh hoạt chi bộ.`);
    await page.getByTestId('report-submit').click();
    const receipt = (await page.getByTestId('receipt-code').textContent())!.trim();
    // The receipt asks before the page is left while the code is not saved; the follow button takes it along instead,
    // so no "leave the page?" dialog comes up.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.getByTestId('receipt-follow').click();
    await page.waitForURL(/\/gop-y\/theo-doi$/);
    await expect.poll(() => page.getByTestId('follow-code').inputValue()).toBe(receipt);
    expect(await page.evaluate(() => sessionStorage.getItem('chibo.followCode'))).toBeNull();
    expect(dialogs).toEqual([]);
    await page.getByTestId('follow-submit').click();
    await page.getByTestId('follow-case').waitFor();
    await screenshot(page, 'public-follow-from-member-360');
  });

  it('a wrong receipt code gets a plain sentence without a request id, in Vietnamese and English (issue 14, defect 3)', async (ctx) => {
    const page = await newPage(browser(), ctx, PHONE);
    await page.goto(`${baseUrl()}/gop-y/theo-doi`);
    for (const [lang, sentence] of [['VI', /Không tìm thấy góp ý nào với mã này/], ['EN', /No report has this code/]] as const) {
      await page.getByTestId('lang-switch').getByRole('button', { name: lang }).click();
      await page.getByTestId('follow-code').fill('AAAAA-AAAAA-AAAAA-AAAAA');
      await page.getByTestId('follow-submit').click();
      const unknown = page.getByTestId('follow-unknown');
      await expect.poll(async () => (await unknown.textContent()) ?? '').toMatch(sentence);
      expect(await page.locator('body').textContent()).not.toMatch(/Mã yêu cầu|Request id|[0-9a-f]{8}-[0-9a-f]{4}-/i);
    }
    await screenshot(page, 'public-follow-unknown-en-360');
  });

  it('an error alert shows the request id for a 500 or a lost connection, not for a 400: the app (sign-in) and a public page', async (ctx) => {
    const page = await newPage(browser(), ctx, DESK);
    // The app's ErrorAlert, on the sign-in page.
    let answer = failWith(400, 'req-four-hundred', 'invalid');
    await page.route('**/api/auth/login', (route) => route.fulfill(answer));
    await page.goto(`${baseUrl()}/login`);
    await page.getByTestId('login-username').fill('someone');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/Mã yêu cầu|req-four-hundred/);
    answer = failWith(500, 'req-five-hundred', 'internal');
    await page.getByTestId('login-submit').click();
    await expect.poll(async () => (await alert.textContent()) ?? '').toContain('Mã yêu cầu: req-five-hundred');
    await screenshot(page, 'public-app-alert-500-1280');

    // The public pages' ErrorBox, on the follow page: a 500 names its request id; a 429 and a 400 do not.
    let follow = failWith(500, 'req-follow-500', 'internal');
    await page.route('**/api/public/reports/follow', (route) => route.fulfill(follow));
    await page.goto(`${baseUrl()}/gop-y/theo-doi`);
    await page.getByTestId('follow-code').fill('AAAAA-AAAAA-AAAAA-AAAAA');
    await page.getByTestId('follow-submit').click();
    const box = page.getByTestId('error-alert');
    await expect.poll(async () => (await box.textContent()) ?? '').toContain('Mã yêu cầu: req-follow-500');
    expect(await box.textContent()).toContain('Lỗi hệ thống');
    follow = failWith(413, 'req-follow-413', 'too_large');
    await page.getByTestId('follow-submit').click();
    await expect.poll(async () => (await box.textContent()) ?? '').not.toContain('req-follow');
    // A lost connection: no answer at all, so no request id either, but the general error.
    await page.unroute('**/api/public/reports/follow');
    await page.route('**/api/public/reports/follow', (route) => route.abort('internetdisconnected'));
    await page.getByTestId('follow-submit').click();
    await expect.poll(async () => (await box.textContent()) ?? '').toMatch(/kết nối|mạng|máy chủ/i);
  });
});
