// Issue 14, the web defects left (s11-polish): the roster import's problems read as Vietnamese sentences on the
// page (defect 5) and actions with a wide effect on units ask first, saying what will happen with counts (defect 7).
// At 360 px and 1280 px; screenshots go to .tmp/e2e/polish-*.png.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type Api, apiAs, baseUrl, screenshot, scrollWidth, signedInPage, useBrowser } from './support.js';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };

describe('polish (issue 14)', () => {
  const browser = useBrowser();
  let admin: Api;
  let cell = { id: '', name: '', members: 0 };

  beforeAll(async () => {
    admin = await apiAs('admin');
    const users = (await admin.get('/api/users')).items as { username: string; roles: { unitId: string }[] }[];
    const officer = users.find((u) => u.username === 'canbo.xa')!;
    const { children } = await admin.get(`/api/units/${officer.roles[0].unitId}`);
    const c = (children as { id: string; name: string; kind: string; validTo: string | null; memberCount: number }[]).find((u) => u.kind === 'cell' && !u.validTo && u.memberCount > 1)!;
    cell = { id: c.id, name: c.name, members: c.memberCount };
  });
  afterAll(async () => {
    await admin?.dispose();
  });

  for (const [size, options] of [['360', PHONE], ['1280', DESK]] as const) {
    it(`dissolving and splitting a cell ask first, with counts; cancelling changes nothing (${size} px)`, async (ctx) => {
      const page = await signedInPage(browser(), ctx, 'canbo.xa', options);
      await page.goto(`${baseUrl()}/units/${cell.id}`);
      // Defect 11: a cell's one secretary is a yes or a no, not "0,0 %" / "100,0 %".
      await expect.poll(async () => (await page.getByTestId('figure-university').textContent()) ?? '').toMatch(/^(Có|Không)$/);
      expect(await page.getByTestId('figure-laptop').textContent()).toMatch(/^(Có|Không)$/);
      await page.getByTestId('action-unit-dissolve').click();
      await page.getByLabel(/Lý do/).fill('Sáp nhập thôn theo nghị quyết của tỉnh');
      await page.getByRole('dialog').getByRole('button', { name: 'Giải thể' }).click();
      const confirm = page.getByTestId('unit-confirm');
      await expect.poll(async () => (await confirm.textContent()) ?? '').toContain(`Giải thể «${cell.name}»`);
      expect(await confirm.textContent()).toContain(`${cell.members.toLocaleString('vi-VN')} đảng viên`);
      await screenshot(page, `polish-dissolve-confirm-${size}`, false);
      await page.getByTestId('confirm-cancel').click();
      await expect.poll(() => confirm.isVisible()).toBe(false);
      expect((await admin.get(`/api/units/${cell.id}`)).unit.validTo).toBeNull();
      await page.keyboard.press('Escape');

      await page.getByTestId('action-unit-split').click();
      await page.getByLabel(/Tên phần 1/).first().fill('Chi bộ thôn Đông');
      await page.getByLabel(/Tên phần 2/).first().fill('Chi bộ thôn Tây');
      await page.getByRole('dialog').getByRole('button', { name: 'Chia tách' }).click();
      await expect.poll(async () => (await confirm.textContent()) ?? '').toMatch(/«Chi bộ thôn Đông» \(\d+ đảng viên\) và «Chi bộ thôn Tây» \(0 đảng viên\)/);
      await screenshot(page, `polish-split-confirm-${size}`, false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(options.viewport.width);
      await page.getByTestId('confirm-cancel').click();
      expect((await admin.get(`/api/units/${cell.id}`)).unit.validTo).toBeNull();
      await page.close();
    });
  }

  it('a cell dashboard: yes/no for its one secretary, whole ticks on the count axis (360 px)', async (ctx) => {
    const page = await signedInPage(browser(), ctx, 'canbo.xa', PHONE);
    await page.goto(`${baseUrl()}/dashboard/${cell.id}`);
    const chart = page.getByTestId('age-chart');
    await chart.locator('.recharts-cartesian-axis-tick-value').first().waitFor();
    // The count axis's ticks (the other axis names the age bands).
    const ticks = (await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents()).filter((x) => /^[\d.,\s]+$/.test(x));
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick).toMatch(/^\d+$/);
    expect(await page.getByTestId('figure-theory').textContent()).toMatch(/^(Có|Không)$/);
    // The export is a download the page follows (a progress bar while the server builds it), not a bare link.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await expect.poll(() => page.getByTestId('download-progress').count()).toBe(0);
    await screenshot(page, 'polish-cell-dashboard-360');
    await page.close();
  });

  it('the import job names each problem in a Vietnamese sentence with its column (360 px)', async (ctx) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Số thẻ đảng', 'Ngày vào Đảng', 'Số CCCD']);
    ws.addRow(['Lò Văn Thử', '31/02/1980', 'Nam', 'Thái', 'TQ990001', '01/01/2005', '123']);
    ws.addRow(['Lò Thị Hai', '01/01/1985', 'Không rõ', 'Thái', 'TQ990002', '01/01/2006', '']);
    const file = path.join(ARTIFACTS, 'polish-bad-roster.xlsx');
    await wb.xlsx.writeFile(file);
    const page = await signedInPage(browser(), ctx, 'canbo.xa', PHONE);
    await page.goto(`${baseUrl()}/import`);
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('invalid');
    const rows = await page.getByTestId('import-error-row').allInnerTexts();
    const text = rows.join('\n');
    expect(text).toContain('«31/02/1980» ở cột «Ngày sinh» không phải là một ngày có thật');
    expect(text).toMatch(/Số CCCD ở cột «Số CCCD» phải có đúng 12 chữ số/);
    expect(text).toMatch(/«Không rõ» không phải giá trị của cột «Giới tính»\. Hãy chọn một trong: Nam, Nữ/);
    expect(text).not.toMatch(/is not|Required|Invalid/);
    expect(await page.getByTestId('import-errors-link').getAttribute('href')).toMatch(/errors\.xlsx\?lang=vi$/);
    await screenshot(page, 'polish-import-problems-360');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
