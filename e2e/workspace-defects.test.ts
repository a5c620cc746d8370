// Issue 14, defects seen only in a browser, at 360 px and 1280 px. Screenshots go to .tmp/e2e/defects-*.png.
// 2: a unit picker names each cell's commune; 3: the receipt code stays in reach until it is saved, and the follow
// page receives it; a wrong code is a plain sentence; 5: an empty report names each field in Vietnamese; 8: the
// report's text box states its limit, counts, and cuts nothing; 10: a member sees their cell's secretary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs, baseUrl, newPage, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

describe('workspace defects (issue 14)', () => {
  const browser = useBrowser();
  let admin: Api;
  let commune = { id: '', name: '' };
  let cell = { id: '', name: '' };

  beforeAll(async () => {
    admin = await apiAs('admin');
    const users = (await admin.get('/api/users')).items as { username: string; roles: { unitId: string }[] }[];
    const officer = users.find((u) => u.username === 'canbo.xa')!;
    const { unit, children } = await admin.get(`/api/units/${officer.roles[0].unitId}`);
    commune = { id: unit.id, name: unit.name };
    const c = (children as { id: string; name: string; kind: string; validTo: string | null }[]).find((u) => u.kind === 'cell' && !u.validTo)!;
    cell = { id: c.id, name: c.name };
  });
  afterAll(async () => {
    await admin?.dispose();
  });

  for (const [size, options] of [['360', PHONE], ['1280', DESK]] as const) {
    it(`an empty report names each field; the text box counts and cuts nothing; the receipt stays until saved (${size} px)`, async (ctx) => {
      const page = await newPage(browser(), ctx, options);
      await page.goto(`${baseUrl()}/gop-y`);
      await page.getByTestId('report-submit').click();
      // Defect 5: no "Invalid UUID"; the cell box itself says what to do, in Vietnamese.
      await expect.poll(async () => (await page.locator('form').textContent()) ?? '').toMatch(/Hãy chọn một mục trong danh sách/);
      expect(await page.locator('form').textContent()).not.toMatch(/Invalid|UUID|expected|received/);
      await screenshot(page, `defects-report-empty-${size}`);

      // Defect 8: the limit is stated, the counter follows, and 5.010 characters stay 5.010.
      const content = page.getByTestId('report-content');
      expect(await page.locator('form').textContent()).toMatch(/Tối đa 5\.000 ký tự|5\.000 ký tự/);
      await content.fill('Nội dung phản ánh rất dài. '.repeat(200).slice(0, 5010));
      expect((await content.inputValue()).length).toBe(5010);
      await expect.poll(async () => (await page.getByTestId('report-content-counter').textContent()) ?? '').toBe('5.010 / 5.000 ký tự');
      expect(await page.locator('form').textContent()).toMatch(/hãy bớt 10 ký tự/);
      await screenshot(page, `defects-report-over-${size}`);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(options.viewport.width);

      // The commune and cell are the browser's own lists (native selects): chosen by the line's text.
      await page.getByTestId('report-commune').selectOption({ label: commune.name });
      await page.getByTestId('report-cell').selectOption({ label: `${cell.name} — ${commune.name}` });
      await content.fill(`Đèn đường ở đầu thôn hỏng đã hai tháng, đề nghị sửa (${size} px, ${Date.now()}).`);
      await page.getByTestId('report-submit').click();
      const receipt = (await page.getByTestId('receipt-code').textContent())!.trim();
      expect(receipt).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);

      // Defect 3: copy, download and print are at hand; "another report" waits for the reporter to say it is saved.
      for (const id of ['receipt-copy', 'receipt-download', 'receipt-print', 'receipt-saved']) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
      expect(await page.getByTestId('receipt-another').isDisabled()).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-download').click()]);
      const file = await download.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(file!, 'utf8')).toContain(receipt);
      await screenshot(page, `defects-receipt-${size}`);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(options.viewport.width);
      await page.getByTestId('receipt-saved').check();
      expect(await page.getByTestId('receipt-another').isDisabled()).toBe(false);

      // The follow page receives the code (not in the address) and shows the report at once.
      await page.getByTestId('receipt-follow').click();
      await page.waitForURL(/\/gop-y\/theo-doi$/);
      expect(await page.getByTestId('follow-code').inputValue()).toBe(receipt);
      await page.getByTestId('follow-submit').click();
      await page.getByTestId('follow-case').waitFor();

      // A wrong code: a plain sentence, no technical reference.
      await page.getByTestId('follow-code').fill('AAAAA-AAAAA-AAAAA-AAAAA');
      await page.getByTestId('follow-submit').click();
      const unknown = page.getByTestId('follow-unknown');
      await unknown.waitFor();
      expect(await unknown.textContent()).toMatch(/Không tìm thấy góp ý nào với mã này/);
      expect(await page.locator('body').textContent()).not.toMatch(/Mã tham chiếu|request id/i);
      await screenshot(page, `defects-follow-unknown-${size}`);
    });
  }

  it("a member sees their cell's secretary on the cell's page, not 'no secretary' (360 px)", async (ctx) => {
    const member = await apiAs('dangvien');
    const me = await member.get('/api/auth/me');
    await member.dispose();
    const page = await signedInPage(browser(), ctx, 'dangvien', PHONE);
    await page.goto(`${baseUrl()}/units/${me.user.roles[0].unitId}`);
    const secretary = page.getByTestId('cell-secretary');
    await secretary.waitFor();
    expect(await secretary.textContent()).not.toMatch(/Chưa có bí thư/);
    expect((await secretary.textContent())!.trim().length).toBeGreaterThan(3);
    await screenshot(page, 'defects-member-cell-360');
  });

  it('the import page unit picker names each cell with its commune and code (1280 px)', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(`${baseUrl()}/import`);
    const picker = page.getByTestId('import-unit');
    await picker.click();
    await picker.fill(cell.name.split(' ').slice(-1)[0]!);
    const option = page.getByRole('option').filter({ hasText: cell.name }).first();
    await option.waitFor();
    expect(await option.textContent()).toContain(commune.name);
    await page.waitForTimeout(300);
    await screenshot(page, 'defects-import-picker-1280', false);
    await option.click();
    expect(await picker.inputValue()).toContain(commune.name);
  });

  it('a dashboard prints without the menu and the buttons (1280 px, print media)', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', DESK);
    await page.goto(`${baseUrl()}/dashboard/${commune.id}`);
    await page.getByTestId('dashboard-print').waitFor();
    expect(await page.locator('.mantine-AppShell-navbar').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mantine-AppShell-navbar').isVisible()).toBe(false);
    expect(await page.getByTestId('dashboard-print').isVisible()).toBe(false);
    expect(await page.getByTestId('dashboard-unit').isVisible()).toBe(true);
    await screenshot(page, 'defects-dashboard-print-1280');
  });
});
